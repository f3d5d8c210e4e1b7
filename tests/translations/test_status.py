"""Translation status transitions, through the API, on both databases: editing the original outdates
the others in the same transaction; translating makes a text up to date; the workspace queue shows
what changed in the source."""

from __future__ import annotations

from typing import Any

from tests.translations.conftest import SERVICE

URL = "/api/v1/translations"


def statuses(client, auth, who, record_type: str, record_id: str) -> dict[str, Any]:
    answer = client.get(f"{URL}/records/{record_type}/{record_id}", headers=auth.headers(who))
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_new_record_has_its_original_and_its_translations(client, auth, base, service) -> None:
    body = statuses(client, auth, base.provider, "service", service["id"])
    name, description = body["translation_status"]["name"], body["translation_status"]["description"]
    assert name["lt"]["status"] == "original"
    assert name["uk"]["status"] == "up_to_date" and name["uk"]["source_lang"] == "lt"
    assert name["en"]["status"] == "missing" and name["ru"]["status"] == "missing"
    assert description["en"]["status"] == "up_to_date"
    assert body["texts"]["name"]["uk"] == "Курси литовської мови"
    assert body["version"] == service["version"]


def test_changing_the_original_outdates_the_others_and_translating_brings_them_back(
    client, auth, base, service
) -> None:
    headers = auth.headers(base.provider, **{"If-Match": service["etag"]})
    changed = {"lt": "Kursai suaugusiems vakarais ir savaitgaliais", "en": "Evening courses for adults"}
    answer = client.patch(f"/api/v1/services/{service['id']}", json={"description": changed}, headers=headers)
    assert answer.status_code == 200, answer.text
    body = statuses(client, auth, base.provider, "service", service["id"])
    assert body["translation_status"]["description"]["en"]["status"] == "outdated"
    assert body["translation_status"]["description"]["lt"]["status"] == "original"
    assert body["translation_status"]["name"]["uk"]["status"] == "up_to_date"  # another field: untouched

    queue = client.get(
        f"{URL}/queue", params={"lang": "en", "status": "outdated"}, headers=auth.headers(base.provider)
    )
    assert queue.status_code == 200, queue.text
    item = next(i for i in queue.json()["items"] if i["record_id"] == service["id"])
    assert item["field"] == "description" and item["status"] == "outdated"
    assert item["source_text"] == changed["lt"] and item["text"] == changed["en"]
    inserted = "".join(p["text"] for p in item["changes"] if p["op"] == "insert")
    assert "savaitgaliais" in inserted
    assert item["link"] == f"#/services/{service['id']}"

    etag = client.get(f"/api/v1/services/{service['id']}").headers["ETag"]
    saved = client.put(
        f"{URL}/records/service/{service['id']}/description/en",
        json={"text": "Evening and weekend courses for adults"},
        headers=auth.headers(base.provider, **{"If-Match": etag}),
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["translation_status"]["description"]["en"]["status"] == "up_to_date"
    assert saved.headers["ETag"]
    again = client.get(
        f"{URL}/queue", params={"lang": "en", "status": "outdated"}, headers=auth.headers(base.provider)
    )
    assert service["id"] not in {i["record_id"] for i in again.json()["items"]}


def test_changing_original_and_translation_together_keeps_it_current(client, auth, base, service) -> None:
    headers = auth.headers(base.provider, **{"If-Match": service["etag"]})
    both = {"lt": "Nauji kursai", "en": "New courses"}
    assert (
        client.patch(
            f"/api/v1/services/{service['id']}", json={"description": both}, headers=headers
        ).status_code
        == 200
    )
    body = statuses(client, auth, base.provider, "service", service["id"])
    assert body["translation_status"]["description"]["en"]["status"] == "up_to_date"


def test_missing_texts_are_queued_and_a_stale_save_is_refused(client, auth, base, service) -> None:
    queue = client.get(
        f"{URL}/queue", params={"lang": "ru", "record_type": "service"}, headers=auth.headers(base.provider)
    )
    mine = [i for i in queue.json()["items"] if i["record_id"] == service["id"]]
    assert {i["field"] for i in mine} == {"name", "description"}
    assert all(i["status"] == "missing" and i["text"] is None for i in mine)
    stale = client.put(
        f"{URL}/records/service/{service['id']}/name/ru",
        json={"text": "Курсы литовского языка"},
        headers=auth.headers(base.provider, **{"If-Match": '"v999"'}),
    )
    assert stale.status_code == 412, stale.text
    missing = client.put(
        f"{URL}/records/service/{service['id']}/name/ru",
        json={"text": "x"},
        headers=auth.headers(base.provider),
    )
    assert missing.status_code == 428


def test_queue_pages_with_a_cursor(client, auth, base, service) -> None:
    seen: list[tuple[str, str]] = []
    cursor = None
    for _ in range(20):
        params: dict[str, Any] = {"lang": "ru", "limit": 1}
        if cursor:
            params["cursor"] = cursor
        page = client.get(f"{URL}/queue", params=params, headers=auth.headers(base.provider)).json()
        seen += [(i["record_id"], i["field"]) for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen))
    assert {(service["id"], "name"), (service["id"], "description")} <= set(seen)
    bad = client.get(
        f"{URL}/queue", params={"lang": "ru", "cursor": "nonsense"}, headers=auth.headers(base.provider)
    )
    assert bad.status_code == 400 and bad.headers["content-type"].startswith("application/problem+json")


def test_content_may_be_written_in_arabic_beside_the_interface_languages(client, auth, base) -> None:
    body = {
        "organization_id": str(base.org.id),
        "name": {"lt": "Konsultacijos arabų kalba", "ar": "استشارات باللغة العربية"},
        "categories": ["info"],
        "format": "in_person",
    }
    created = client.post("/api/v1/services", json=body, headers=auth.headers(base.provider))
    assert created.status_code == 201, created.text
    full = client.get(f"/api/v1/services/{created.json()['id']}?translations=all").json()
    assert full["name"]["ar"] == "استشارات باللغة العربية"
    status = statuses(client, auth, base.provider, "service", created.json()["id"])
    assert status["translation_status"]["name"]["ar"]["status"] == "up_to_date"
    bad = client.post(
        "/api/v1/services", json={**body, "name": {"xx": "nonsense"}}, headers=auth.headers(base.provider)
    )
    assert bad.status_code == 422 and "xx" in str(bad.json()["errors"])


def test_reads_with_all_translations_carry_the_status(client) -> None:
    url = "/api/v1/indicators/population_total"
    plain = client.get(url).json()
    assert plain["translation_status"] is None
    full = client.get(url, params={"translations": "all"}).json()
    assert full["name"]["uk"] == "Чисельність населення"
    assert full["translation_status"]["name"] == {
        "lt": "original",
        "en": "up_to_date",
        "uk": "up_to_date",
        "ru": "up_to_date",
    }
    listed = client.get("/api/v1/indicators", params={"translations": "all", "limit": 3}).json()
    assert all(item["translation_status"]["name"]["lt"] == "original" for item in listed["items"])


def test_service_reads_with_all_translations_carry_the_status(client, auth, base, service) -> None:
    headers = auth.headers(base.provider, **{"If-Match": service["etag"]})
    changed = {"lt": "Kursai suaugusiems tik vakarais", "en": "Evening courses for adults"}
    assert (
        client.patch(
            f"/api/v1/services/{service['id']}", json={"description": changed}, headers=headers
        ).status_code
        == 200
    )
    one = client.get(f"/api/v1/services/{service['id']}", params={"translations": "all"}).json()
    assert one["translation_status"]["description"]["en"] == "outdated"
    assert one["translation_status"]["name"] == {
        "lt": "original",
        "en": "missing",
        "uk": "up_to_date",
        "ru": "missing",
    }
    listed = client.get("/api/v1/services", params={"translations": "all", "organization": str(base.org.id)})
    assert listed.status_code == 200, listed.text
    mine = next(i for i in listed.json()["items"] if i["id"] == service["id"])
    assert mine["translation_status"] == one["translation_status"]
    assert client.get(f"/api/v1/services/{service['id']}").json()["translation_status"] is None


def test_normal_reads_say_which_language_each_text_is_in(client, service) -> None:
    uk = client.get(f"/api/v1/services/{service['id']}", headers={"Accept-Language": "uk"})
    assert uk.headers["content-language"] == "uk"
    body = uk.json()
    assert body["name"] == "Курси литовської мови"
    # the description has no Ukrainian text: English is served, and the answer says so
    assert body["text_languages"] == {"name": "uk", "description": "en"}
    assert body["description"] == "Evening courses for adults"


def test_idea_reads_with_all_translations_carry_the_status(client, auth, base) -> None:
    body = {
        "municipality": "vilniaus-m",
        "category": "other",
        "title": {"lt": "Daugiau suoliukų parke"},
        "body": {"lt": "Parke trūksta suoliukų senjorams."},
    }
    created = client.post("/api/v1/ideas", json=body, headers=auth.headers(base.resident))
    assert created.status_code == 201, created.text
    idea_id = created.json()["id"]
    one = client.get(
        f"/api/v1/ideas/{idea_id}", params={"translations": "all"}, headers=auth.headers(base.resident)
    ).json()
    assert one["translation_status"]["title"] == {
        "lt": "original",
        "en": "missing",
        "uk": "missing",
        "ru": "missing",
    }
    plain = client.get(f"/api/v1/ideas/{idea_id}", headers=auth.headers(base.resident)).json()
    assert plain["translation_status"] is None


def test_every_translatable_read_says_which_language_each_text_is_in(client, auth, base) -> None:
    """Organisations, ideas and indicator definitions too (services, events and expert profiles are
    tested beside their domains): a reader of Ukrainian learns which texts are a fallback."""
    h = auth.headers(base.resident)
    idea = client.post(
        "/api/v1/ideas",
        json={
            "municipality": "vilniaus-m",
            "category": "other",
            "title": {"lt": "Daugiau suoliukų parke", "uk": "Більше лавок у парку"},
            "body": {"lt": "Parke trūksta suoliukų senjorams."},
        },
        headers=h,
    )
    assert idea.status_code == 201, idea.text
    uk = {"Accept-Language": "uk"}
    one = client.get(f"/api/v1/ideas/{idea.json()['id']}", headers={**h, **uk}).json()
    assert one["text_languages"] == {"title": "uk", "body": "lt"}
    definition = client.get("/api/v1/indicators/population_total", headers=uk).json()
    assert definition["text_languages"]["name"] == "uk"
    org = client.get(f"/api/v1/organizations/{base.org.id}", headers=uk).json()
    assert set(org["text_languages"]) <= {"name", "description"} and org["text_languages"]["name"]
    everything = client.get(f"/api/v1/ideas/{idea.json()['id']}", params={"translations": "all"}, headers=h)
    assert everything.json()["text_languages"] is None


def test_a_text_is_translated_into_arabic_in_the_workspace(client, auth, base, service) -> None:
    """Beyond the interface's four: the Arabic queue lists the service as missing, and saving an
    Arabic name makes it a translation of the Lithuanian original, up to date."""
    h = auth.headers(base.provider)
    queue = client.get(f"{URL}/queue", params={"lang": "ar", "status": "missing"}, headers=h)
    assert queue.status_code == 200, queue.text
    assert any(i["record_id"] == service["id"] and i["field"] == "name" for i in queue.json()["items"])
    etag = client.get(f"/api/v1/services/{service['id']}").headers["ETag"]
    saved = client.put(
        f"{URL}/records/service/{service['id']}/name/ar",
        json={"text": "دورات اللغة الليتوانية"},
        headers=auth.headers(base.provider, **{"If-Match": etag}),
    )
    assert saved.status_code == 200, saved.text
    status = saved.json()["translation_status"]["name"]["ar"]
    assert status["status"] == "up_to_date" and status["source_lang"] == "lt"
    full = client.get(f"/api/v1/services/{service['id']}", params={"translations": "all"}).json()
    assert full["name"]["ar"] == "دورات اللغة الليتوانية" and full["name"]["lt"] == SERVICE["name"]["lt"]
