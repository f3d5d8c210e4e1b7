"""The HSDS 3.0 feed: every answer validates against the Open Referral schemas copied into
tests/directory/hsds (CC BY-SA 4.0, see the LICENSE there); paging walks to the last page."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from api.directory.hsds.taxonomy import term_id

HERE = Path(__file__).parent


def _schema(name: str) -> dict:
    return json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))


REGISTRY = Registry().with_resources(
    (
        name + ".json",
        Resource.from_contents(_schema(name), default_specification=DRAFT202012),
    )
    for name in ("metadata", "taxonomy", "taxonomy_term")
)


def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(
        _schema(name), registry=REGISTRY, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


SERVICE = _validator("service")
ORGANIZATION = _validator("organization")
ORGANIZATION_LIST = _validator("organization_list")
SERVICE_AT_LOCATION = _validator("service_at_location")
TAXONOMY = _validator("taxonomy")
TAXONOMY_TERM = _validator("taxonomy_term")
PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


def _valid(validator: Draft202012Validator, obj: dict) -> None:
    errors = sorted(validator.iter_errors(obj), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_root(client) -> None:
    body = client.get("/hsds/").json()
    assert body["version"] == "3.0" and body["openapi_url"].endswith("/openapi.json")


def test_services_validate_and_page_to_the_end(client, catalogue) -> None:
    marker, services = catalogue
    seen: list[str] = []
    page = 1
    while True:
        response = client.get(
            "/hsds/services", params={"search": marker, "per_page": 3, "page": page, "full": "true"}
        )
        assert response.status_code == 200 and response.headers.get("ETag")
        body = response.json()
        assert set(body) >= PAGE_KEYS
        assert body["total_items"] == 7 and body["total_pages"] == 3 and body["page_number"] == page
        for item in body["contents"]:
            _valid(SERVICE, item)
            seen.append(item["id"])
        if body["last_page"]:
            break
        page += 1
    assert page == 3 and body["size"] == 1 and not body["empty"]
    assert sorted(seen) == sorted(str(s.id) for s in services)
    beyond = client.get("/hsds/services", params={"search": marker, "per_page": 3, "page": 9}).json()
    assert beyond["empty"] is True and beyond["contents"] == []
    for flag in ({}, {"minimal": "true"}):
        for item in client.get("/hsds/services", params={"search": marker, **flag}).json()["contents"]:
            _valid(SERVICE, item)


def test_one_service_in_full(client, catalogue) -> None:
    _, services = catalogue
    body = client.get(f"/hsds/services/{services[3].id}", params={"lang": "uk"}).json()
    _valid(SERVICE, body)
    assert body["name"] == "Послуга 3"
    assert {lang["code"] for lang in body["languages"]} == {"lt", "uk", "ar"}
    terms = {a["taxonomy_term_id"] for a in body["attributes"] if "taxonomy_term_id" in a}
    assert term_id("langelis-service-categories", "legal.migration") in terms
    assert term_id("langelis-legal-statuses", "refugee") in terms
    location = body["service_at_locations"][0]["location"]
    assert location["addresses"][0]["address_1"] == "Didžioji g. 1"
    assert body["organization"]["name"]
    closed = client.get(f"/hsds/services/{services[5].id}").json()
    assert closed["status"] == "temporarily closed"
    assert client.get(f"/hsds/services/{uuid.uuid4()}").status_code == 404


def test_filters_by_taxonomy_term_organisation_and_time(client, base, catalogue) -> None:
    marker, _ = catalogue
    legal = term_id("langelis-service-categories", "legal")  # the parent finds legal.migration
    body = client.get("/hsds/services", params={"search": marker, "taxonomy_term_id": legal}).json()
    assert body["total_items"] == 3
    a1 = term_id("cefr", "A1")
    assert (
        client.get("/hsds/services", params={"search": marker, "taxonomy_term_id": a1}).json()["total_items"]
        == 4
    )
    assert client.get("/hsds/services", params={"taxonomy_term_id": "nope"}).status_code == 422
    org = client.get(
        "/hsds/services", params={"search": marker, "organization_id": str(base.org_kaunas.id)}
    ).json()
    assert org["total_items"] == 0
    later = client.get(
        "/hsds/services", params={"search": marker, "modified_after": "2999-01-01T00:00:00Z"}
    ).json()
    assert later["total_items"] == 0
    stream = client.get("/hsds/services", params={"search": marker, "format": "ndjson", "full": "true"})
    lines = [json.loads(line) for line in stream.text.strip().splitlines()]
    assert len(lines) == 7
    for line in lines:
        _valid(SERVICE, line)


def test_organizations_taxonomies_and_links_validate(client, base, catalogue) -> None:
    listed = client.get("/hsds/organizations", params={"per_page": 100}).json()
    assert set(listed) >= PAGE_KEYS
    for org in listed["contents"]:
        _valid(ORGANIZATION_LIST, org)
    one = client.get(f"/hsds/organizations/{base.org.id}").json()
    _valid(ORGANIZATION, one)
    assert one["services"]
    taxonomies = client.get("/hsds/taxonomies").json()
    for item in taxonomies["contents"]:
        _valid(TAXONOMY, item)
    terms = client.get("/hsds/taxonomy_terms", params={"per_page": 100, "lang": "uk"}).json()
    assert terms["total_items"] >= 33
    for term in terms["contents"]:
        _valid(TAXONOMY_TERM, term)
    top = client.get(
        "/hsds/taxonomy_terms",
        params={"per_page": 100, "top_only": "true", "taxonomy_id": taxonomies["contents"][0]["id"]},
    ).json()
    assert all("parent_id" not in t for t in top["contents"])
    one_term = client.get(f"/hsds/taxonomy_terms/{term_id('langelis-service-categories', 'legal')}").json()
    _valid(TAXONOMY_TERM, one_term)
    marker, _ = catalogue
    links = client.get("/hsds/service_at_locations", params={"search": marker}).json()
    assert links["total_items"] == 7
    for link in links["contents"]:
        _valid(SERVICE_AT_LOCATION, link)
    single = client.get(f"/hsds/service_at_locations/{links['contents'][0]['id']}").json()
    _valid(SERVICE_AT_LOCATION, single)
