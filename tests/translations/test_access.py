"""Who may translate what: the record's editors (tenancy as in its domain: another municipality's or
organisation's texts are 404), volunteers with ``translate:<lang>`` for public texts in their
language only, and the coverage report for coordinators and admins."""

from __future__ import annotations

from api.accounts.models import User

URL = "/api/v1/translations"


def test_other_tenants_get_404(client, auth, base, service) -> None:
    for who in (base.provider_kaunas, base.coordinator_kaunas, base.resident):
        answer = client.get(f"{URL}/records/service/{service['id']}", headers=auth.headers(who))
        assert answer.status_code == 404, (who.email, answer.text)
        saved = client.put(
            f"{URL}/records/service/{service['id']}/name/en",
            json={"text": "Lithuanian courses"},
            headers=auth.headers(who, **{"If-Match": service["etag"]}),
        )
        assert saved.status_code == 404
    assert (
        client.get(
            f"{URL}/records/service/{service['id']}", headers=auth.headers(base.coordinator)
        ).status_code
        == 200
    )
    assert client.get(f"{URL}/records/service/{service['id']}").status_code == 401
    assert (
        client.get(f"{URL}/records/nothing/{service['id']}", headers=auth.headers(base.admin)).status_code
        == 404
    )


def _grant(db, user, *scopes: str) -> None:
    row = db.get(User, user.id)
    row.extra_scopes = list(scopes)
    db.add(row)
    db.flush()


def test_a_volunteer_translates_into_their_language_only(client, auth, base, db, service) -> None:
    _grant(db, base.resident, "translate:en")
    volunteer_token = auth.headers(base.resident, scopes=["profile", "translate:en"])
    queue = client.get(f"{URL}/queue", params={"lang": "en"}, headers=volunteer_token)
    assert (service["id"], "name") in {(i["record_id"], i["field"]) for i in queue.json()["items"]}
    other = client.get(f"{URL}/queue", params={"lang": "ru"}, headers=volunteer_token)
    assert service["id"] not in {i["record_id"] for i in other.json()["items"]}
    volunteer = auth.headers(
        base.resident, scopes=["profile", "translate:en"], **{"If-Match": service["etag"]}
    )
    saved = client.put(
        f"{URL}/records/service/{service['id']}/name/en",
        json={"text": "Lithuanian courses"},
        headers=volunteer,
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["translation_status"]["name"]["en"]["status"] == "up_to_date"
    etag = saved.headers["ETag"]
    other_lang = auth.headers(base.resident, scopes=["profile", "translate:en"], **{"If-Match": etag})
    assert (
        client.put(
            f"{URL}/records/service/{service['id']}/name/ru", json={"text": "x"}, headers=other_lang
        ).status_code
        == 404
    )
    original = client.put(
        f"{URL}/records/service/{service['id']}/name/lt", json={"text": "x"}, headers=other_lang
    )
    assert original.status_code == 404  # a volunteer for English cannot even see the Lithuanian slot
    plain = client.get(f"{URL}/queue", params={"lang": "en"}, headers=auth.headers(base.resident))
    assert plain.status_code == 200


def test_a_volunteer_may_not_rewrite_an_original(client, auth, base, db, service) -> None:
    _grant(db, base.resident, "translate:lt")
    lt_volunteer = auth.headers(base.resident, scopes=["translate:lt"], **{"If-Match": service["etag"]})
    answer = client.put(
        f"{URL}/records/service/{service['id']}/name/lt", json={"text": "Kita"}, headers=lt_volunteer
    )
    assert answer.status_code == 403, answer.text


def test_coverage_counts_and_tenancy(client, auth, base) -> None:
    def cell(report, domain: str, lang: str) -> dict:
        block = next(d for d in report["domains"] if d["domain"] == domain)
        return next(c for c in block["languages"] if c["lang"] == lang)

    before = client.get(f"{URL}/coverage", headers=auth.headers(base.coordinator))
    assert before.status_code == 200, before.text
    assert before.json()["municipality"] == "vilniaus-m"
    body = {
        "organization_id": str(base.org.id),
        "name": {"lt": "Teisinė pagalba", "ru": "Юридическая помощь"},
        "description": {"lt": "Konsultacijos"},
        "categories": ["legal.migration"],
        "format": "in_person",
    }
    created = client.post("/api/v1/services", json=body, headers=auth.headers(base.provider))
    assert created.status_code == 201, created.text
    after = client.get(f"{URL}/coverage", headers=auth.headers(base.coordinator)).json()
    b_ru, a_ru = cell(before.json(), "directory", "ru"), cell(after, "directory", "ru")
    assert a_ru["texts"] == b_ru["texts"] + 2
    assert a_ru["up_to_date"] == b_ru["up_to_date"] + 1 and a_ru["missing"] == b_ru["missing"] + 1
    a_lt, b_lt = cell(after, "directory", "lt"), cell(before.json(), "directory", "lt")
    assert a_lt["original"] == b_lt["original"] + 2
    assert 0 <= a_ru["share_current"] <= 1

    assert (
        client.get(
            f"{URL}/coverage", params={"municipality": "kauno-m"}, headers=auth.headers(base.coordinator)
        ).status_code
        == 404
    )
    assert (
        client.get(
            f"{URL}/coverage", params={"municipality": "kauno-m"}, headers=auth.headers(base.admin)
        ).status_code
        == 200
    )
    assert client.get(f"{URL}/coverage", headers=auth.headers(base.provider)).status_code == 403
    assert client.get(f"{URL}/coverage", headers=auth.headers(base.admin)).json()["municipality"] is None


def test_coverage_lists_the_oldest_outdated_first(client, auth, base, service) -> None:
    headers = auth.headers(base.provider, **{"If-Match": service["etag"]})
    name = {"lt": "Kursai", "uk": "Курси литовської мови"}  # the original changed, the Ukrainian did not
    assert (
        client.patch(f"/api/v1/services/{service['id']}", json={"name": name}, headers=headers).status_code
        == 200
    )
    report = client.get(f"{URL}/coverage", headers=auth.headers(base.coordinator)).json()
    mine = [(t["field"], t["lang"]) for t in report["oldest_outdated"] if t["record_id"] == service["id"]]
    assert mine == [("name", "uk")]
    since = [t["outdated_since"] for t in report["oldest_outdated"]]
    assert since == sorted(since)
    cell = next(
        c
        for d in report["domains"]
        if d["domain"] == "directory"
        for c in d["languages"]
        if c["lang"] == "uk"
    )
    assert cell["outdated"] >= 1


def test_official_answers_are_tracked_and_counted_per_municipality(client, auth, base, db) -> None:
    from api.ideas.models import Idea, IdeaAnswer

    idea = Idea(
        municipality_id=base.municipality.id,
        category="other",
        title={"lt": "Daugiau suoliukų"},
        body={"lt": "Parke trūksta suoliukų."},
        author_id=base.resident.id,
        author_name="Base Resident",
        author_country="LT",
        author_residence="resident",
        state="published",
    )
    db.add(idea)
    db.flush()
    answer = IdeaAnswer(
        idea_id=idea.id, body={"lt": "Pastatysime pavasarį.", "en": "We will build them in spring."}
    )
    db.add(answer)
    db.flush()
    answer.body = {"lt": "Pastatysime vasarą.", "en": "We will build them in spring."}
    db.add(answer)
    db.flush()
    report = client.get(f"{URL}/coverage", headers=auth.headers(base.coordinator)).json()
    assert ("body", "en") in {
        (t["field"], t["lang"]) for t in report["oldest_outdated"] if t["record_type"] == "idea_answer"
    }
    kaunas = client.get(f"{URL}/coverage", headers=auth.headers(base.coordinator_kaunas)).json()
    assert all(t["record_id"] != str(answer.id) for t in kaunas["oldest_outdated"])
    record = client.get(f"{URL}/records/idea_answer/{answer.id}", headers=auth.headers(base.coordinator))
    assert (
        record.status_code == 200
        and record.json()["translation_status"]["body"]["en"]["status"] == "outdated"
    )
    assert (
        client.get(
            f"{URL}/records/idea_answer/{answer.id}", headers=auth.headers(base.coordinator_kaunas)
        ).status_code
        == 404
    )
