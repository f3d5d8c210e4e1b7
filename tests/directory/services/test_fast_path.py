"""The hot list answers exactly what the ORM path answered: the same JSON for the same query, for
every filter, sort, language and caller, page after page (both databases run this file).

``reference_page`` is the previous implementation, kept here as the yardstick: ORM ``Service``
instances, ``catalog.read`` (``ServiceRead`` models) and the Pydantic dump of ``ServiceList``."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import col, select

from api.core.actor import ANONYMOUS, Actor
from api.core.i18n import Locale
from api.core.pagination import PageParams, decode_cursor, finish, order_by
from api.directory.models import Location, Service, ServiceAtLocation
from api.directory.services import logic as catalog
from api.directory.services.schemas import ServiceList
from api.directory.services.search import (
    ServiceFilters,
    conditions,
    effective_sort,
    key_after,
    key_values,
    resolved,
    sort_keys,
)
from api.municipalities.models import Organization
from tests.directory.conftest import actor_of


def reference_page(
    session: Any,
    *,
    actor: Actor,
    filters: ServiceFilters,
    params: PageParams,
    sort: str | None,
    locale: Locale,
) -> dict[str, Any]:
    filters = resolved(session, filters)
    name, keys = sort_keys(effective_sort(filters, sort), filters.q)
    score = keys[0].column if name == "relevance" else sa.literal(None)
    stmt = (
        select(Service, Organization.name, score.label("k0"))
        .join(Organization, col(Organization.id) == Service.organization_id)
        .where(*conditions(filters))
    )
    if params.cursor:
        stmt = stmt.where(key_after(keys, decode_cursor(params.cursor, name, len(keys))))
    rows = session.exec(stmt.order_by(*order_by(keys)).limit(params.limit + 1)).all()
    page, next_cursor = finish(
        rows, params=params, key_of=lambda r: key_values(name, r[0], r[2]), sort_name=name
    )
    services = [r[0] for r in page]
    live = catalog.read(
        session,
        [s for s in services if s.deleted_at is None],
        actor=actor,
        locale=locale,
        org_names={r[0].organization_id: dict(r[1]) for r in page},
    )
    by_id = {r.id: r for r in live}
    items = [by_id[s.id] if s.deleted_at is None else catalog.tombstone(s) for s in services]
    return ServiceList(items=items, next_cursor=next_cursor).model_dump(mode="json")


@pytest.fixture
def catalogue(db, base, make_service, marker) -> dict[str, Any]:
    """A few services as different as the schema allows, some with locations (one confidential)."""
    text = {"description": {"lt": f"Aprašymas {marker}", "en": f"About {marker}", "uk": f"Опис {marker}"}}
    today = date.today()
    made = [
        make_service(
            name={"lt": "Teisinė pagalba", "en": "Legal aid", "uk": "Правова допомога"},
            categories=["legal.migration"],
            languages=["lt", "uk"],
            eligible_statuses=["refugee"],
            eligibility_note={"en": "Bring your documents"},
            **text,
        ),
        make_service(
            name={"lt": "Lietuvių kalbos kursai"},
            categories=["language.course"],
            level="A2",
            format="online",
            free=False,
            cost_amount=Decimal("20.50"),
            cost_description={"lt": "Mokama"},
            schedule=[{"weekday": 6, "opens": "10:00", "closes": "12:00"}],
            start_date=today - timedelta(days=3),
            end_date=today + timedelta(days=90),
            **text,
        ),
        make_service(
            name={"en": "Childcare"},
            categories=["family.childcare"],
            age_min=3,
            age_max=7,
            assured_date=today - timedelta(days=400),
            funding_ends_on=today + timedelta(days=20),
            url="https://example.lt/vaikai",
            email="info@example.lt",
            phone="+370 5 200 0000",
            **text,
        ),
        make_service(
            base.org_kaunas,
            name={"lt": "Būstas"},
            categories=["housing.temporary"],
            status="inactive",
            **text,
        ),
        make_service(name={"lt": "Ištrinta"}, categories=["info"], deleted_at=datetime.now(UTC), **text),
    ]
    open_place = Location(
        organization_id=base.org.id,
        municipality_id=base.org.municipality_id,
        name={"lt": "Centras", "en": "Centre"},
        address="Gedimino pr. 1",
        city="Vilnius",
        postal_code="LT-01103",
        latitude=54.687157,
        longitude=25.279652,
        accessibility={"en": "Step-free"},
        opening_hours=[{"weekday": 1, "opens": "09:00", "closes": "17:00"}],
    )
    shelter = Location(
        organization_id=base.org.id,
        municipality_id=base.org.municipality_id,
        name={"lt": "Prieglauda"},
        address="Slaptoji g. 2",
        latitude=54.7,
        longitude=25.3,
        confidential=True,
    )
    db.add_all([open_place, shelter])
    db.flush()
    for service in made[:2]:
        db.add(ServiceAtLocation(service_id=service.id, location_id=open_place.id))
    db.add(ServiceAtLocation(service_id=made[0].id, location_id=shelter.id))
    db.flush()
    return {"services": made, "marker": marker}


def _cases(marker: str, base: Any) -> list[tuple[dict[str, Any], ServiceFilters]]:
    today = date.today()
    saturday = today + timedelta(days=(6 - today.isoweekday()) % 7)
    common = ServiceFilters(q=marker)
    return [
        ({}, common),
        ({"category": "legal"}, replace(common, categories=["legal"])),
        ({"category": ["language", "family"]}, replace(common, categories=["language", "family"])),
        ({"municipality": "vilniaus-m"}, replace(common, municipalities=["vilniaus-m"])),
        ({"organization": str(base.org.id)}, replace(common, organization_id=base.org.id)),
        ({"language": "uk"}, replace(common, language="uk")),
        ({"eligible_status": "refugee"}, replace(common, eligible_status="refugee")),
        ({"age": 5}, replace(common, age=5)),
        ({"format": "online"}, replace(common, format=["online"])),
        ({"level": "A2"}, replace(common, level="A2")),
        ({"free": "false"}, replace(common, free=False)),
        ({"status": "inactive"}, replace(common, status=["inactive"])),
        ({"open_on": saturday.isoformat()}, replace(common, open_on=saturday)),
        ({"stale": "true"}, replace(common, stale=True)),
        ({"stale": "false"}, replace(common, stale=False)),
        (
            {"funding_ends_before": (today + timedelta(days=60)).isoformat()},
            replace(common, funding_ends_before=today + timedelta(days=60)),
        ),
        (
            {"modified_after": "2000-01-01T00:00:00Z"},  # tombstones included
            replace(common, modified_after=datetime(2000, 1, 1, tzinfo=UTC)),
        ),
    ]


SORTS = [None, "name", "-name", "last_modified", "-last_modified", "-assured_date"]
LOCALES = [{"lang": "lt"}, {"lang": "uk"}, {"lang": "en", "translations": "all"}]


def _compare(
    client, db, *, query: dict[str, Any], filters: ServiceFilters, actor: Actor, headers: Any
) -> int:
    """Every page of the query through the API and through the reference; returns the items seen."""
    locale = Locale(lang=query.get("lang", "lt"), all_translations=query.get("translations") == "all")
    cursor, seen = None, 0
    while True:
        params = {k: v for k, v in query.items() if v is not None}
        if cursor:
            params["cursor"] = cursor
        answer = client.get("/api/v1/services", params={**params, "limit": 2}, headers=headers)
        assert answer.status_code == 200, answer.text
        expected = reference_page(
            db,
            actor=actor,
            filters=filters,
            params=PageParams(limit=2, cursor=cursor),
            sort=query.get("sort"),
            locale=locale,
        )
        assert answer.json() == expected, query
        seen += len(expected["items"])
        cursor = expected["next_cursor"]
        if cursor is None:
            return seen


def test_every_filter_answers_what_the_orm_path_answered(client, db, base, catalogue) -> None:
    seen = 0
    for query, filters in _cases(catalogue["marker"], base):
        seen += _compare(
            client,
            db,
            query={**query, "q": catalogue["marker"]},
            filters=filters,
            actor=ANONYMOUS,
            headers=None,
        )
    assert seen > 10  # the cases found services, not empty pages


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("lang", LOCALES, ids=lambda lang: "+".join(lang.values()))
def test_every_sort_and_language_answers_the_same(client, db, base, catalogue, sort, lang) -> None:
    filters = ServiceFilters(q=catalogue["marker"])
    query = {"q": catalogue["marker"], "sort": sort, **lang}
    assert _compare(client, db, query=query, filters=filters, actor=ANONYMOUS, headers=None) == 4


def test_a_signed_in_provider_sees_the_same_confidential_address(client, db, base, auth, catalogue) -> None:
    provider = base.users["provider"]
    filters = ServiceFilters(q=catalogue["marker"])
    headers = auth.headers(provider)
    seen = _compare(
        client,
        db,
        query={"q": catalogue["marker"]},
        filters=filters,
        actor=actor_of(provider),
        headers=headers,
    )
    assert seen == 4
    answer = client.get(
        "/api/v1/services", params={"q": catalogue["marker"], "limit": 50}, headers=headers
    ).json()
    shown = [loc for item in answer["items"] for loc in item["locations"] if loc["confidential"]]
    assert shown and shown[0]["address"] == "Slaptoji g. 2"  # the provider's own shelter
    public = client.get("/api/v1/services", params={"q": catalogue["marker"], "limit": 50}).json()
    hidden = [loc for item in public["items"] for loc in item["locations"] if loc["confidential"]]
    assert hidden and hidden[0]["address"] is None and hidden[0]["address_hidden"] is True


def test_the_fast_encoder_writes_what_pydantic_writes(client, catalogue) -> None:
    """Byte for byte, not only equal when parsed: UTC as Z, decimals as strings, same key order."""
    answer = client.get("/api/v1/services", params={"q": catalogue["marker"], "category": "language"})
    expected = ServiceList.model_validate(answer.json()).model_dump_json()
    assert answer.content.decode() == expected
    assert uuid.UUID(answer.json()["items"][0]["id"])


@pytest.mark.parametrize("lang", LOCALES, ids=lambda lang: "+".join(lang.values()))
@pytest.mark.parametrize("who", ["anonymous", "provider"])
def test_one_service_answers_what_the_orm_path_answered(client, db, base, auth, catalogue, lang, who) -> None:
    from fastapi import Response

    from api.core.http import with_etag

    actor, headers = (
        (ANONYMOUS, None)
        if who == "anonymous"
        else (actor_of(base.users["provider"]), auth.headers(base.users["provider"]))
    )
    locale = Locale(lang=lang["lang"], all_translations=lang.get("translations") == "all")
    db.expire_all()  # the reference reads the rows as stored (PostgreSQL orders a JSONB map's keys)
    for service in catalogue["services"][:4]:
        answer = client.get(f"/api/v1/services/{service.id}", params=lang, headers=headers)
        assert answer.status_code == 200, answer.text
        reference = Response()
        expected = with_etag(
            reference,
            service.version,
            catalog.read(db, [db.get(Service, service.id)], actor=actor, locale=locale)[0],
        )
        assert answer.json() == expected.model_dump(mode="json")
        assert answer.headers["etag"] == reference.headers["etag"]
        assert (
            client.get(
                f"/api/v1/services/{service.id}",
                params=lang,
                headers={**(headers or {}), "If-None-Match": answer.headers["etag"]},
            ).status_code
            == 304
        )
    deleted = catalogue["services"][4]
    assert client.get(f"/api/v1/services/{deleted.id}").status_code == 404
    assert client.get(f"/api/v1/services/{uuid.uuid4()}").status_code == 404


@pytest.mark.parametrize("sort", [None, "name", "-name"])
@pytest.mark.parametrize("words", ["{m} kalb", "{m} pagalba", "{m} ai", "kalb {m} kurs"])
def test_free_text_ranked_by_its_sort_keys_answers_the_same(client, db, base, catalogue, sort, words) -> None:
    """Words found in some names (ranked first), a word too short for the trigram index, several
    words: on SQLite these page through the trigram table's copy of the sort keys (directory_0009),
    which must give the same pages as the services' own columns."""
    q = words.format(m=catalogue["marker"])
    seen = _compare(
        client, db, query={"q": q, "sort": sort}, filters=ServiceFilters(q=q), actor=ANONYMOUS, headers=None
    )
    assert seen >= 1
