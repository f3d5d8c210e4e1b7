"""HSDS service pages answer exactly what the ORM path answered (``reference_page``: ORM
``Service`` instances, ``count(*)`` over the query on every page, OFFSET over whole rows), for
every filter, shape and page, on both databases; and a reused total follows the data."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlmodel import col, select

from api.core.actor import ANONYMOUS
from api.directory.hsds import logic
from api.directory.hsds.taxonomy import taxonomy_id, term_id
from api.directory.models import Service


def reference_page(session: Any, params: dict[str, Any]) -> dict[str, Any]:
    where = logic.service_filters(
        search=params.get("search"),
        taxonomy_term_id=params.get("taxonomy_term_id"),
        taxonomy_id_=params.get("taxonomy_id"),
        organization_id=uuid.UUID(params["organization_id"]) if params.get("organization_id") else None,
        modified_after=logic.parse_modified_after(params.get("modified_after")),
    )
    page, per_page = int(params.get("page", 1)), int(params.get("per_page", 50))
    minimal, full = params.get("minimal") == "true", params.get("full") == "true"
    order = [col(Service.sort_name), col(Service.id)]
    total, rows = logic.numbered(session, select(Service).where(*where), order, page=page, per_page=per_page)
    lang = params.get("lang", "lt")
    if full and not minimal:
        contents = logic.services(session, rows, actor=ANONYMOUS, lang=lang)
    else:
        contents = logic.services(session, rows, actor=ANONYMOUS, lang=lang, minimal=True)
        if minimal:
            keep = ("id", "organization_id", "name", "description", "status")
            contents = [{k: o[k] for k in keep if k in o} for o in contents]
    return logic.envelope(contents, total=total, page=page, per_page=per_page)


def _filters(marker: str, base: Any) -> list[dict[str, Any]]:
    return [
        {"search": marker},
        {"search": marker, "taxonomy_term_id": term_id("langelis-service-categories", "legal")},
        {"search": marker, "taxonomy_term_id": term_id("cefr", "A1")},
        {"search": marker, "taxonomy_term_id": term_id("langelis-legal-statuses", "refugee")},
        {"search": marker, "taxonomy_term_id": term_id("langelis-service-formats", "in_person")},
        {"search": marker, "taxonomy_id": taxonomy_id("cefr")},
        {"search": marker, "taxonomy_id": taxonomy_id("langelis-legal-statuses")},
        {"search": marker, "organization_id": str(base.org.id)},
        {"search": marker, "organization_id": str(base.org_kaunas.id)},
        {"search": marker, "modified_after": "2000-01-01T00:00:00"},
        {"search": marker, "modified_after": "2999-01-01T00:00:00Z"},
    ]


SHAPES = [{}, {"minimal": "true"}, {"full": "true"}, {"lang": "uk"}, {"lang": "en", "full": "true"}]


def _pages(client: Any, db: Any, params: dict[str, Any]) -> int:
    """Every page of 2 through the API and the reference; returns the items seen."""
    page, seen = 1, 0
    while True:
        query = {**params, "page": page, "per_page": 2}
        answer = client.get("/hsds/services", params=query)
        assert answer.status_code == 200, answer.text
        assert answer.json() == reference_page(db, query), query
        seen += answer.json()["size"]
        if answer.json()["last_page"]:
            return seen
        page += 1


def test_every_filter_pages_as_before(client, db, base, catalogue) -> None:
    marker, services = catalogue
    seen = sum(_pages(client, db, params) for params in _filters(marker, base))
    assert seen > len(services)


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: "+".join(f"{k}={v}" for k, v in s.items()) or "plain")
def test_every_shape_pages_as_before(client, db, catalogue, shape) -> None:
    marker, services = catalogue
    assert _pages(client, db, {"search": marker, **shape}) == len(services)
    # Again: now every page starts from where it was remembered to start (keyset, no OFFSET).
    assert _pages(client, db, {"search": marker, **shape}) == len(services)


def test_the_unfiltered_first_and_a_later_page_as_before(client, db, catalogue) -> None:
    for page in (1, 3, 3, 4, 2):
        query = {"page": page, "per_page": 3}
        assert client.get("/hsds/services", params=query).json() == reference_page(db, query)


def test_a_reused_total_follows_every_change(client, db, base, catalogue, make_service) -> None:
    marker, services = catalogue
    query = {"search": marker, "per_page": 2, "page": 2}
    assert client.get("/hsds/services", params=query).json()["total_items"] == 7
    make_service(name={"lt": f"Naujas {marker}"})  # a new service moves the data version
    assert client.get("/hsds/services", params=query).json()["total_items"] == 8
    assert client.get("/hsds/services", params=query).json() == reference_page(db, query)
    gone = services[0]
    gone.deleted_at = gone.updated_at = logic_now()
    db.add(gone)
    db.flush()
    assert client.get("/hsds/services", params=query).json()["total_items"] == 7
    # The page moved with the deletion: the remembered start of page 2 was dropped with the version.
    assert client.get("/hsds/services", params=query).json() == reference_page(db, query)


def logic_now() -> Any:
    from api.core.db import utcnow

    return utcnow()
