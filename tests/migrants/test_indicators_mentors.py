"""Derived indicators, the report section, and linking a mentor from the experts domain."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from api.core.actor import Actor
from tests.experts.conftest import make_expert  # noqa: F401 - fixture


def _complete(client, auth, base, person, service, need="language"):
    h = auth.headers(base.coordinator)
    rid = client.post(
        "/api/v1/referrals",
        json={"person_id": person["id"], "service_id": str(service.id), "need": need},
        headers=h,
    ).json()["id"]
    for status in ("accepted", "in_progress", "completed"):
        etag = client.get(f"/api/v1/referral-inbox/{rid}", headers=auth.headers(base.provider)).headers[
            "etag"
        ]
        r = client.post(
            f"/api/v1/referral-inbox/{rid}/transitions",
            json={"status": status},
            headers=auth.headers(base.provider, **{"If-Match": etag}),
        )
        assert r.status_code == 200
    return rid


def test_derived_providers_count_completed_referrals(client, auth, base, register, service, db):
    from api.indicators.providers import Provider, Scope
    from api.migrants.derived import providers

    assert all(isinstance(p, Provider) for p in providers)
    _complete(client, auth, base, register(legal_status="refugee"), service)
    _complete(client, auth, base, register(legal_status="temporary_protection"), service)
    today = date.today()
    scope = Scope(
        place="vilniaus-m",
        municipality_ids=frozenset({base.municipality.id}),
        period=str(today.year),
        start=date(today.year, 1, 1),
        end=date(today.year, 12, 31),
        as_of=datetime.now(UTC) + timedelta(seconds=5),
    )
    completed = {p.indicator: p for p in providers}["referrals_completed"]
    cells = list(completed.compute(db, scope))
    total = next(c for c in cells if not c.breakdowns)
    assert total.value >= 2 and total.people >= 2
    by_status = {c.breakdowns["legal_status"]: c.value for c in cells if c.breakdowns}
    assert by_status["refugee"] >= 1 and by_status["temporary_protection"] >= 1
    median = list({p.indicator: p for p in providers}["median_days_to_first_service"].compute(db, scope))
    assert median and median[0].value is not None and median[0].value >= 0
    kaunas = Scope(**{**scope.__dict__, "municipality_ids": frozenset({base.municipality_kaunas.id})})
    assert next(c for c in completed.compute(db, kaunas) if not c.breakdowns).value == 0


def test_report_section(client, auth, base, register, service, db):
    from api.indicators.reports import ReportContext
    from api.migrants.report import report_section

    _complete(client, auth, base, register(), service)
    today = date.today()
    ctx = ReportContext(
        municipality_id=base.municipality.id,
        municipality="vilniaus-m",
        municipality_name={"lt": "Vilniaus miesto savivaldybė"},
        county="vilniaus",
        lang="en",
        start=date(today.year, 1, 1),
        end=date(today.year, 12, 31),
        years=(today.year,),
        actor=Actor(kind="user", role="admin"),
        include_drafts=False,
    )
    section = report_section(db, ctx)
    assert section is not None and section.key == "referrals"
    table = section.blocks[-1]
    assert any(row[0] == "Lithuanian language" for row in table.rows)
    # Small cells are not shown as exact numbers.
    assert all(cell == "<5" or cell == "0" or int(cell) >= 5 for row in table.rows for cell in row[1:])


def test_link_a_mentor_with_consent(client, auth, base, register, make_expert):  # noqa: F811
    _, mentor = make_expert("Mentorė Ona", ways=["mentoring"], mentor_capacity=2)
    person = register(consents=["case_management", "mentoring_contact"])
    h = auth.headers(base.coordinator)
    url = f"/api/v1/migrants/{person['id']}/mentors"
    r = client.post(url, json={"mentor_id": str(mentor.id)}, headers=h)
    assert r.status_code == 201, r.text
    assert client.post(url, json={"mentor_id": str(mentor.id)}, headers=h).status_code == 409
    assert [m["mentor_id"] for m in client.get(url, headers=h).json()["items"]] == [str(mentor.id)]
    # Withdrawing the consent ends the mentorship at once.
    client.post(
        f"/api/v1/migrants/{person['id']}/consents",
        json={"purpose": "mentoring_contact", "action": "withdraw"},
        headers=h,
    )
    items = client.get(url, headers=h).json()["items"]
    assert items[0]["ended_at"] is not None
