"""Every HSDS 3.0 query parameter of every endpoint we serve works (it changes the answer as it
should on seeded data) or is a 400 naming it; none is ignored (issue 11). Answers validate against
our Hsds* models and the official JSON schemas."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from api.directory.hsds import schemas
from api.directory.hsds.taxonomy import taxonomy_id, term_id
from tests.directory.hsds.test_hsds import (
    ORGANIZATION_LIST,
    SERVICE,
    SERVICE_AT_LOCATION,
    TAXONOMY,
    TAXONOMY_TERM,
    _valid,
)

PAGES = {
    "services": (schemas.HsdsServicePage, SERVICE),
    "organizations": (schemas.HsdsOrganizationPage, ORGANIZATION_LIST),
    "service_at_locations": (schemas.HsdsServiceAtLocationPage, SERVICE_AT_LOCATION),
    "taxonomies": (schemas.HsdsTaxonomyPage, TAXONOMY),
    "taxonomy_terms": (schemas.HsdsTaxonomyTermPage, TAXONOMY_TERM),
}


@dataclass
class World:
    marker: str
    services: list[Any]
    base: Any
    far_link: str
    secret_link: str


@pytest.fixture
def world(db, base, catalogue, make_service) -> World:
    from api.directory.models import Location, ServiceAtLocation

    marker, services = catalogue
    far = Location(
        organization_id=base.org.id,
        municipality_id=base.municipality.id,
        name={"lt": "Kaunas"},
        address="Laisvės al. 1",
        city="Kaunas",
        postal_code="LT-44280",
        latitude=54.897,
        longitude=23.886,
    )
    secret = Location(
        organization_id=base.org.id,
        municipality_id=base.municipality.id,
        name={"lt": "Prieglobstis"},
        address="Slapta g. 2",
        city="Vilnius",
        postal_code="01128",
        latitude=54.681,
        longitude=25.281,
        confidential=True,
    )
    db.add_all([far, secret])
    db.flush()
    far_link = ServiceAtLocation(service_id=services[0].id, location_id=far.id)
    secret_link = ServiceAtLocation(service_id=services[1].id, location_id=secret.id)
    db.add_all([far_link, secret_link])
    db.flush()
    return World(marker, services, base, str(far_link.id), str(secret_link.id))


Check = Callable[[Any, World], bool]
CEFR = taxonomy_id("cefr")
LEGAL = taxonomy_id("langelis-legal-statuses")


def total(n: int) -> Check:
    return lambda body, w: body["total_items"] == n


def every(pred: Callable[[dict], bool]) -> Check:
    return lambda body, w: bool(body["contents"]) and all(pred(o) for o in body["contents"])


def link_ids(body: dict) -> set[str]:
    return {o["id"] for o in body["contents"]}


def no_secret(body: dict, w: World) -> bool:
    return (
        body["total_items"] == 7 and w.secret_link not in link_ids(body) and w.far_link not in link_ids(body)
    )


M = "{marker}"  # replaced by the world's marker
# (endpoint, HSDS parameter, query, expectation: a check on the 200 body, or 400)
TABLE: list[tuple[str, str, dict[str, str], Check | int]] = [
    ("services", "search", {"search": M}, total(7)),
    ("services", "page", {"search": M, "per_page": "3", "page": "3"}, lambda b, w: b["size"] == 1),
    ("services", "per_page", {"search": M, "per_page": "2"}, lambda b, w: b["total_pages"] == 4),
    ("services", "format", {"search": M, "format": "ndjson"}, lambda lines, w: len(lines) == 7),
    ("services", "taxonomy_term_id", {"search": M, "taxonomy_term_id": term_id("cefr", "A1")}, total(4)),
    ("services", "taxonomy_id", {"search": M, "taxonomy_id": CEFR}, total(4)),
    ("services", "taxonomy_id", {"search": M, "taxonomy_id": LEGAL}, total(1)),
    ("services", "organization_id", {"search": M, "organization_id": "{org_kaunas}"}, total(0)),
    ("services", "modified_after", {"search": M, "modified_after": "2030-01-01"}, total(0)),
    ("services", "modified_after", {"search": M, "modified_after": "2000-01-01"}, total(7)),
    ("services", "minimal", {"search": M, "minimal": "true"}, every(lambda o: "attributes" not in o)),
    ("services", "full", {"search": M, "full": "true"}, every(lambda o: "organization" in o)),
    ("services", "postcode", {"postcode": "01128"}, 400),
    ("services", "proximity", {"proximity": "1000"}, 400),
    ("services", "full_service", {"full_service": "true"}, 400),
    ("services", "translations", {"translations": "all"}, 400),
    ("services", "bogus", {"bogus": "1"}, 400),
    ("service_at_locations", "search", {"search": M}, total(9)),
    (
        "service_at_locations",
        "page",
        {"search": M, "per_page": "4", "page": "3"},
        lambda b, w: b["size"] == 1,
    ),
    ("service_at_locations", "per_page", {"search": M, "per_page": "4"}, lambda b, w: b["total_pages"] == 3),
    ("service_at_locations", "format", {"search": M, "format": "ndjson"}, lambda lines, w: len(lines) == 9),
    (
        "service_at_locations",
        "taxonomy_term_id",
        {"search": M, "taxonomy_term_id": term_id("cefr", "A1")},
        total(5),
    ),
    ("service_at_locations", "taxonomy_id", {"search": M, "taxonomy_id": LEGAL}, total(1)),
    ("service_at_locations", "organization_id", {"search": M, "organization_id": "{org_kaunas}"}, total(0)),
    ("service_at_locations", "modified_after", {"modified_after": "2030-01-01"}, total(0)),
    ("service_at_locations", "modified_after", {"search": M, "modified_after": "2000-01-01"}, total(9)),
    ("service_at_locations", "full", {"search": M, "full": "true"}, every(lambda o: "service" in o)),
    ("service_at_locations", "postcode", {"search": M, "postcode": "LT-44280"}, total(1)),
    ("service_at_locations", "postcode", {"search": M, "postcode": "01128"}, no_secret),
    ("service_at_locations", "proximity", {"search": M, "proximity": "54.68,25.28,1000"}, no_secret),
    ("service_at_locations", "proximity", {"search": M, "postcode": "01128", "proximity": "2000"}, no_secret),
    ("service_at_locations", "proximity", {"search": M, "proximity": "54.68,25.28,120000"}, total(8)),
    ("service_at_locations", "proximity", {"proximity": "2000"}, 400),
    ("service_at_locations", "proximity", {"proximity": "north"}, 400),
    ("service_at_locations", "postcode", {"postcode": "99999", "proximity": "2000"}, 400),
    ("service_at_locations", "minimal", {"minimal": "true"}, 400),
    ("organizations", "search", {"search": "zzzz-no-such-org"}, total(0)),
    ("organizations", "page", {"per_page": "1", "page": "2"}, lambda b, w: b["page_number"] == 2),
    ("organizations", "per_page", {"per_page": "1"}, lambda b, w: b["size"] == 1),
    ("organizations", "format", {"format": "ndjson"}, lambda lines, w: len(lines) >= 2),
    ("organizations", "full", {"full": "true"}, every(lambda o: "services" in o)),
    (
        "organizations",
        "full_service",
        {"full_service": "true"},
        lambda b, w: any(s.get("attributes") for o in b["contents"] for s in o["services"]),
    ),
    (
        "organizations",
        "minimal",
        {"minimal": "true"},
        every(lambda o: set(o) <= {"id", "name", "description"}),
    ),
    ("organizations", "modified_after", {"modified_after": "2030-01-01"}, total(0)),
    ("organizations", "taxonomy_id", {"taxonomy_id": CEFR}, 400),
    ("organizations", "postcode", {"postcode": "01128"}, 400),
    ("taxonomies", "search", {"search": "cefr"}, total(1)),
    ("taxonomies", "page", {"per_page": "3", "page": "2"}, lambda b, w: b["size"] == 1),
    ("taxonomies", "per_page", {"per_page": "1"}, lambda b, w: b["total_pages"] == 4),
    ("taxonomies", "format", {"format": "ndjson"}, lambda lines, w: len(lines) == 4),
    ("taxonomies", "taxonomy_id", {"taxonomy_id": CEFR}, 400),
    ("taxonomy_terms", "search", {"search": "B2"}, every(lambda o: o["code"] == "B2")),
    (
        "taxonomy_terms",
        "page",
        {"taxonomy_id": CEFR, "per_page": "4", "page": "2"},
        lambda b, w: b["size"] == 2,
    ),
    (
        "taxonomy_terms",
        "per_page",
        {"taxonomy_id": CEFR, "per_page": "5"},
        lambda b, w: b["total_pages"] == 2,
    ),
    ("taxonomy_terms", "format", {"taxonomy_id": CEFR, "format": "ndjson"}, lambda lines, w: len(lines) == 6),
    ("taxonomy_terms", "taxonomy_id", {"taxonomy_id": CEFR}, total(6)),
    ("taxonomy_terms", "top_only", {"top_only": "true"}, every(lambda o: "parent_id" not in o)),
    (
        "taxonomy_terms",
        "parent_id",
        {"parent_id": term_id("langelis-service-categories", "legal")},
        every(lambda o: o["code"].startswith("legal.")),
    ),
    ("taxonomy_terms", "organization_id", {"organization_id": "{org_kaunas}"}, 400),
]


def _query(params: dict[str, str], w: World) -> dict[str, str]:
    fill = {"marker": w.marker, "org_kaunas": str(w.base.org_kaunas.id)}
    return {k: v.format(**fill) for k, v in params.items()}


@pytest.mark.parametrize(
    ("endpoint", "name", "params", "expect"),
    TABLE,
    ids=[f"{e}-{n}-{i}" for i, (e, n, _, _) in enumerate(TABLE)],
)
def test_parameter_works_or_is_refused(client, world, endpoint, name, params, expect) -> None:
    response = client.get(f"/hsds/{endpoint}", params=_query(params, world))
    if expect == 400:
        assert response.status_code == 400, response.text
        problem = response.json()
        assert response.headers["content-type"].startswith("application/problem+json")
        assert name in problem["detail"] and problem["errors"][0]["loc"] == ["query", name]
        return
    assert response.status_code == 200, response.text
    assert callable(expect)
    model, official = PAGES[endpoint]
    if params.get("format") == "ndjson":
        assert response.headers["content-type"].startswith("application/x-ndjson")
        lines = [json.loads(line) for line in response.text.splitlines() if line]
        for line in lines:
            _valid(official, line)
        assert expect(lines, world)
        return
    body = response.json()
    page = model.model_validate(body)
    assert page.model_dump(mode="json", exclude_unset=True) == body
    for item in body["contents"]:
        _valid(official, item)
    assert expect(body, world)


def test_modified_after_on_service_at_locations_finds_nothing(client, world) -> None:
    body = client.get("/hsds/service_at_locations", params={"modified_after": "2030-01-01"}).json()
    assert body["total_items"] == 0 and body["contents"] == [] and body["empty"] is True


def test_confidential_location_found_by_those_who_see_it(client, auth, world) -> None:
    params = {"search": world.marker, "proximity": "54.68,25.28,1000"}
    body = client.get(
        "/hsds/service_at_locations", params=params, headers=auth.headers(world.base.coordinator)
    ).json()
    assert world.secret_link in link_ids(body) and body["total_items"] == 8


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/hsds", {"search": "x"}, 400),
        ("/hsds/services/{service}", {"full": "true"}, 400),
        ("/hsds/service_at_locations/{link}", {"proximity": "1"}, 400),
        ("/hsds/taxonomies/{taxonomy}", {"search": "x"}, 400),
        ("/hsds/taxonomy_terms/{term}", {"taxonomy_id": "x"}, 400),
        ("/hsds/organizations/{org}", {"full": "true"}, 400),
        ("/hsds/organizations/{org}", {"full_service": "true"}, 200),
    ],
)
def test_single_objects_take_only_their_parameters(client, world, path, params, status) -> None:
    url = path.format(
        service=world.services[0].id,
        link=world.far_link,
        taxonomy=CEFR,
        term=term_id("cefr", "A1"),
        org=world.base.org.id,
    )
    response = client.get(url, params=params)
    assert response.status_code == status, response.text
    if status == 200:
        body = response.json()
        schemas.HsdsOrganization.model_validate(body)
        assert all("attributes" in s for s in body["services"])
