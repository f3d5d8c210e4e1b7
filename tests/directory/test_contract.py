"""The functions other domains (case management) call: service_brief, match_services,
expand_categories."""

from __future__ import annotations

import uuid
from datetime import date

from api.core.db import utcnow
from api.directory.logic import expand_categories, match_services, service_brief


def test_expand_categories_adds_descendants() -> None:
    assert expand_categories(["legal"]) == {"legal", "legal.migration", "legal.labour"}
    assert expand_categories(["legal.labour", "health"]) == {"legal.labour", "health"}
    assert expand_categories([]) == set()


def test_service_brief(db, base, make_service) -> None:
    service = make_service(
        name={"lt": "Teisinė pagalba", "uk": "Правова допомога"}, categories=["legal.migration"]
    )
    brief = service_brief(db, service_id=service.id)
    assert brief is not None
    assert brief.id == service.id
    assert brief.organization_id == base.org.id
    assert brief.municipality_id == base.municipality.id
    assert brief.name["uk"] == "Правова допомога"
    assert brief.categories == ["legal.migration"]
    assert brief.status == "active"
    assert brief.organization_name["en"] == "Base NGO"
    assert service_brief(db, service_id=uuid.uuid4()) is None
    service.deleted_at = utcnow()
    db.flush()
    assert service_brief(db, service_id=service.id) is None


def test_match_services_filters_and_ranks(db, base, make_service) -> None:
    marker = uuid.uuid4().hex[:6]
    here_lt = make_service(name={"lt": f"A {marker}"}, categories=["legal.migration"], languages=["lt"])
    here_uk = make_service(
        name={"lt": f"B {marker}"},
        categories=["legal.labour"],
        languages=["lt", "uk"],
        assured_date=date(2026, 1, 1),
    )
    there_uk = make_service(
        base.org_kaunas, name={"lt": f"C {marker}"}, categories=["legal"], languages=["uk"]
    )
    make_service(name={"lt": f"D {marker}"}, categories=["health"])
    make_service(name={"lt": f"E {marker}"}, categories=["legal"], status="inactive")
    make_service(name={"lt": f"F {marker}"}, categories=["legal"], eligible_statuses=["refugee"])
    make_service(name={"lt": f"G {marker}"}, categories=["legal"], age_min=65)
    gone = make_service(name={"lt": f"H {marker}"}, categories=["legal"])
    gone.deleted_at = utcnow()
    db.flush()

    found = match_services(
        db,
        municipality_id=base.municipality.id,
        categories=["legal"],
        language="uk",
        legal_status="temporary_protection",
        age=30,
        limit=50,
    )
    ids = [b.id for b in found if marker in b.name["lt"]]
    assert ids == [here_uk.id, here_lt.id, there_uk.id]

    refugee = match_services(
        db, municipality_id=base.municipality.id, categories=["legal"], legal_status="refugee"
    )
    assert any(marker in b.name["lt"] and b.name["lt"].startswith("F") for b in refugee)
    assert (
        match_services(db, municipality_id=base.municipality.id, categories=["legal"], limit=2).__len__() == 2
    )
