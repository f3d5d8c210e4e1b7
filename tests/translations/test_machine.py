"""Machine translation against a fake provider started by the test: fills missing texts as
``machine``, never replaces a human text, counts characters against the monthly budget (exhausted →
429, nothing lost), and a failing provider changes nothing."""

from __future__ import annotations

URL = "/api/v1/translations"


def _machine(client, auth, who, service_id: str, field: str, lang: str):
    body = {"record_type": "service", "record_id": service_id, "field": field, "lang": lang}
    return client.post(f"{URL}/machine", json=body, headers=auth.headers(who))


def test_machine_fills_missing_and_a_human_edit_reviews_it(client, auth, base, service, provider) -> None:
    answer = _machine(client, auth, base.provider, service["id"], "name", "ru")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["texts"]["name"]["ru"] == "[ru] Lietuvių kalbos kursai"
    assert body["translation_status"]["name"]["ru"]["status"] == "machine"
    assert provider.calls[-1]["path"] == "/translate" and provider.calls[-1]["body"]["source"] == "lt"
    queue = client.get(
        f"{URL}/queue", params={"lang": "ru", "status": "machine"}, headers=auth.headers(base.provider)
    )
    assert any(i["record_id"] == service["id"] and i["field"] == "name" for i in queue.json()["items"])
    # machine again over a machine text is fine; a person's edit makes it up to date
    assert _machine(client, auth, base.provider, service["id"], "name", "ru").status_code == 200
    etag = client.get(f"/api/v1/services/{service['id']}").headers["ETag"]
    reviewed = client.put(
        f"{URL}/records/service/{service['id']}/name/ru",
        json={"text": "Курсы литовского языка"},
        headers=auth.headers(base.provider, **{"If-Match": etag}),
    )
    assert reviewed.json()["translation_status"]["name"]["ru"]["status"] == "up_to_date"
    refused = _machine(client, auth, base.provider, service["id"], "name", "ru")
    assert refused.status_code == 409 and "human-translation-kept" in refused.json()["type"]
    assert _machine(client, auth, base.provider, service["id"], "name", "uk").status_code == 409


def test_deepl_compatible_provider(client, auth, base, service, provider) -> None:
    provider.use("deepl")
    answer = _machine(client, auth, base.provider, service["id"], "description", "uk")
    assert answer.status_code == 200, answer.text
    assert answer.json()["texts"]["description"]["uk"].startswith("[UK] ")
    assert provider.calls[-1]["path"] == "/v2/translate"
    assert provider.calls[-1]["auth"] == "DeepL-Auth-Key test-key"


def test_budget_exhausted_is_a_clear_error_and_nothing_is_lost(client, auth, base, service, provider) -> None:
    provider.use(budget=30)
    first = _machine(client, auth, base.provider, service["id"], "name", "en")  # 22 characters
    assert first.status_code == 200, first.text
    second = _machine(client, auth, base.provider, service["id"], "description", "ru")
    assert second.status_code == 429, second.text
    assert second.json()["type"].endswith("translation-budget-exhausted")
    assert "30" in second.json()["detail"]
    texts = client.get(f"{URL}/records/service/{service['id']}", headers=auth.headers(base.provider)).json()
    assert "ru" not in texts["texts"]["description"] and texts["texts"]["name"]["en"].startswith("[en]")
    status = client.get(f"{URL}/machine", headers=auth.headers(base.provider)).json()
    assert status == {
        "provider": "libretranslate",
        "monthly_budget": 30,
        "used_this_month": len("Lietuvių kalbos kursai"),
    }


def test_a_failing_provider_changes_nothing(client, auth, base, service, provider) -> None:
    provider.fail = True
    answer = _machine(client, auth, base.provider, service["id"], "name", "en")
    assert answer.status_code == 502 and answer.headers["content-type"].startswith("application/problem+json")
    texts = client.get(f"{URL}/records/service/{service['id']}", headers=auth.headers(base.provider)).json()
    assert "en" not in texts["texts"]["name"]
    assert client.get(f"{URL}/machine", headers=auth.headers(base.provider)).json()["used_this_month"] == 0


def test_switched_off_by_default(client, auth, base, service) -> None:
    answer = _machine(client, auth, base.provider, service["id"], "name", "en")
    assert answer.status_code == 409 and answer.json()["type"].endswith("translation-provider-off")
