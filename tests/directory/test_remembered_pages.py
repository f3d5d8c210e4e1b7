"""Remembered directory pages (``api/directory/answers.py``): the same bytes as a fresh computation,
never served after the directory changed (a service, a location, a link, an organisation, a
translation state), never to a caller who may see other addresses, never past the day that decides
``stale``, and with the ETag of their bytes (both databases run this file)."""

from __future__ import annotations

import contextvars
import uuid
from datetime import date, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import Session, col

from api.core.db import begin_request
from api.core.etag import body_etag
from api.core.models import TranslationState
from api.core.remembered import Answers
from api.directory import answers
from api.directory.models import Location, Service, ServiceAtLocation
from api.directory.services import logic as catalog
from api.municipalities.models import Organization

SERVICES = "/api/v1/services"
HSDS = "/hsds/services"


@pytest.fixture
def listed(db, base, make_service, marker) -> dict[str, Any]:
    """Two services found by ``marker``, one with a public place and one with a shelter's
    confidential address."""
    text = {"lt": f"Aprašymas {marker}", "uk": f"Опис {marker}", "en": f"About {marker}"}
    first = make_service(name={"lt": f"Kursai {marker}", "uk": f"Курси {marker}"}, description=text)
    second = make_service(name={"lt": f"Prieglobstis {marker}"}, description=text)
    places = []
    for service, confidential in ((first, False), (second, True)):
        place = Location(
            organization_id=base.org.id,
            municipality_id=base.org.municipality_id,
            name={"lt": f"Vieta {marker}"},
            address="Gedimino pr. 1",
            city="Vilnius",
            confidential=confidential,
        )
        db.add(place)
        db.flush()
        db.add(ServiceAtLocation(service_id=service.id, location_id=place.id))
        places.append(place)
    db.flush()
    return {"services": [first, second], "places": places, "marker": marker}


def _store(app) -> Answers[Any]:
    return app.state.directory_answers


def _get(client, path: str, headers: dict[str, str] | None = None, **params: Any):
    r = client.get(path, params=params, headers=headers or {})
    assert r.status_code == 200, r.text
    return r


def _headers(r) -> dict[str, str]:
    return {k: v for k, v in r.headers.items() if k.lower() != "x-request-id"}


def _fresh(client, app, path: str, headers: dict[str, str] | None = None, **params: Any) -> bytes:
    """The page computed now, nothing remembered."""
    _store(app).clear()
    return _get(client, path, headers, **params).content


def _pages(marker: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        (SERVICES, {"q": marker}),
        (SERVICES, {"q": marker, "lang": "uk"}),
        (SERVICES, {"q": marker, "translations": "all"}),
        (SERVICES, {"q": marker, "limit": 1}),
        (HSDS, {"search": marker}),
        (HSDS, {"search": marker, "lang": "uk", "per_page": 1, "page": 2}),
    ]


def test_a_remembered_page_is_the_fresh_one_with_the_etag_of_its_bytes(client, app, listed):
    for path, params in _pages(listed["marker"]):
        first = _get(client, path, **params)
        again = _get(client, path, **params)
        assert again.content == first.content == _fresh(client, app, path, **params)
        assert again.headers["ETag"] == first.headers["ETag"] == body_etag(first.content)
        assert _headers(again) == _headers(first)  # Content-Language, Vary, Link, security headers…
        r = client.get(path, params=params, headers={"If-None-Match": first.headers["ETag"]})
        assert r.status_code == 304 and r.headers["ETag"] == first.headers["ETag"]
    assert len(_store(app)) > 0


def test_a_page_follows_every_change_to_what_it_shows(client, app, db, listed):
    first, second = listed["services"]
    place = listed["places"][0]
    marker = listed["marker"]
    pages = _pages(marker)
    for path, params in pages:
        _get(client, path, **params)  # remembered

    def differs(what: str, change: Any, **params: Any) -> None:
        """After ``change``, every page is the fresh one, and the page asked by ``params`` moved."""
        before = _get(client, SERVICES, **params).content
        change()
        db.flush()
        assert _get(client, SERVICES, **params).content != before, what
        for path, ask in pages:
            assert _get(client, path, **ask).content == _fresh(client, app, path, **ask), (what, path, ask)
        for path, ask in pages:  # remembered again for the next change
            _get(client, path, **ask)

    def edit(record: Any, **fields: Any) -> Any:
        return lambda: db.add(record.sqlmodel_update(fields))

    org = db.get(Organization, first.organization_id)
    differs("a service's text", edit(first, description={"lt": f"Kitas {marker}"}, version=2), q=marker)
    differs("a location's address", edit(place, address="Vilniaus g. 2"), q=marker)
    differs("an organisation's name", edit(org, name={**org.name, "lt": "Pervadinta"}), q=marker)
    unlink = sa.delete(ServiceAtLocation).where(ServiceAtLocation.location_id == place.id)
    differs("a link removed", lambda: db.execute(unlink), q=marker)
    state = TranslationState(
        record_type="service", record_id=first.id, field="name", lang="uk", status="outdated"
    )
    differs("a translation's state", lambda: db.add(state), q=marker, translations="all")
    differs("a service deleted", edit(second, deleted_at=second.updated_at), q=marker)


def test_a_confidential_address_stays_with_those_who_may_see_it(client, auth, base, listed):
    marker = listed["marker"]

    def shelter(user: Any = None) -> dict[str, Any]:
        headers = auth.headers(user) if user is not None else {}
        items = _get(client, SERVICES, headers, q=marker).json()["items"]
        return next(i for i in items if i["id"] == str(listed["services"][1].id))["locations"][0]

    def hsds_address(user: Any = None) -> list[Any]:
        headers = auth.headers(user) if user is not None else {}
        services = _get(client, HSDS, headers, search=marker, full="true").json()["contents"]
        shown = next(s for s in services if s["id"] == str(listed["services"][1].id))
        return [a for link in shown["service_at_locations"] for a in link["location"]["addresses"]]

    for _ in range(2):  # the second time from memory
        assert shelter()["address"] is None and shelter()["address_hidden"] is True
        assert shelter(base.provider)["address"] == "Gedimino pr. 1"  # the shelter's own staff
        assert shelter(base.coordinator)["address"] == "Gedimino pr. 1"  # its municipality's
        assert shelter(base.coordinator_kaunas)["address"] is None  # another municipality's
        assert shelter()["address"] is None
        assert hsds_address() == [] and hsds_address(base.coordinator) != []


def test_the_stale_flag_follows_the_day(client, app, db, listed, monkeypatch):
    """``stale`` is worked out against today: a page remembered yesterday is not today's."""
    first = listed["services"][0]
    first.assured_date = date.today() - timedelta(days=100)
    db.add(first)
    db.flush()

    def stale() -> bool:
        items = _get(client, SERVICES, q=listed["marker"]).json()["items"]
        return next(i for i in items if i["id"] == str(first.id))["stale"]

    assert stale() is False and stale() is False  # remembered
    # The window that decides it moves (as the date does): a new cut-off, a new key.
    monkeypatch.setattr(catalog, "STALE_DAYS", 50)
    assert stale() is True
    assert _get(client, SERVICES, q=listed["marker"]).content == _fresh(
        client, app, SERVICES, q=listed["marker"]
    )


def test_nothing_is_remembered_when_the_store_is_off(client, app, listed, monkeypatch):
    monkeypatch.setattr(app.state, "directory_answers", Answers(0))
    first = _get(client, SERVICES, q=listed["marker"]).content
    assert _get(client, SERVICES, q=listed["marker"]).content == first
    assert len(_store(app)) == 0


def test_every_write_to_the_directory_changes_its_tag(db, base, listed):
    """Triggers on services, locations, links, organisations, municipalities and translation
    states, for insert, update and delete; a rolled-back write leaves the tag of the data as it is."""
    seen = [answers.directory_tag(db)]

    def changed() -> None:
        now = answers.directory_tag(db)
        assert now not in seen
        seen.append(now)

    service, place = listed["services"][0].id, listed["places"][0].id
    touch_service = sa.update(Service).where(col(Service.id) == service).values(version=Service.version)
    for statement in [
        touch_service,
        sa.update(Location).where(col(Location.id) == place).values(city=Location.city),
        sa.delete(ServiceAtLocation).where(col(ServiceAtLocation.location_id) == place),
        sa.update(Organization)
        .where(col(Organization.id) == base.org.id)
        .values(version=Organization.version),
        sa.text("UPDATE municipalities SET name = name WHERE slug = 'kauno-m'"),
        sa.insert(TranslationState).values(
            id=uuid.uuid4(),
            record_type="service",
            record_id=service,
            field="name",
            lang="uk",
            status="outdated",
        ),
        sa.delete(TranslationState).where(col(TranslationState.record_id) == service),
    ]:
        db.execute(statement)
        changed()
    db.add(ServiceAtLocation(service_id=service, location_id=place))
    db.flush()
    changed()
    nested = db.begin_nested()
    db.execute(touch_service)
    assert answers.directory_tag(db) != seen[-1]
    nested.rollback()
    assert answers.directory_tag(db) == seen[-1]


def test_only_the_directorys_own_translation_states_move_its_tag(db):
    """``translation_states`` holds every domain's states: an idea's or an event's, written,
    changed or removed, leave the directory's pages as they are; a location's moves the tag."""
    before = answers.directory_tag(db)
    other = uuid.uuid4()
    state = {"field": "title", "lang": "uk", "status": "outdated"}
    for record_type in ("idea", "event"):
        for statement in [
            sa.insert(TranslationState).values(
                id=uuid.uuid4(), record_type=record_type, record_id=other, **state
            ),
            sa.update(TranslationState)
            .where(col(TranslationState.record_id) == other)
            .values(status="up_to_date"),
            sa.delete(TranslationState).where(col(TranslationState.record_id) == other),
        ]:
            db.execute(statement)
            assert answers.directory_tag(db) == before, (record_type, str(statement))
    place = uuid.uuid4()
    db.execute(
        sa.insert(TranslationState).values(id=uuid.uuid4(), record_type="location", record_id=place, **state)
    )
    moved = answers.directory_tag(db)
    assert moved != before
    db.execute(
        sa.update(TranslationState)
        .where(col(TranslationState.record_id) == place)
        .values(status="up_to_date")
    )
    assert answers.directory_tag(db) not in (before, moved)


def test_a_committed_write_changes_the_tag_for_every_reader(engine):
    """What another worker sees: the new tag once the writer commits, the old one before, and (on
    PostgreSQL) no mark left behind."""

    def read() -> tuple[int, int | None]:
        begin_request("GET")
        with Session(engine) as reader:
            return answers.directory_tag(reader)

    before = contextvars.copy_context().run(read)
    with Session(engine) as writer:
        writer.execute(sa.text("UPDATE municipalities SET name = name WHERE slug = 'kauno-m'"))
        assert contextvars.copy_context().run(read) == before
        writer.commit()
    after = contextvars.copy_context().run(read)
    assert after != before and after[1] is None
    if engine.dialect.name == "postgresql":
        with Session(engine) as reader:
            assert reader.execute(sa.text("SELECT count(*) FROM directory_data_writes")).scalar_one() == 0


def test_the_public_lane_keeps_language_host_and_errors_apart(client, app, listed):
    """Anonymous pages are answered before routing (``RememberedPublicPages``): by the language the
    routes would choose, the host their links name, and never a 4xx from memory."""
    marker = listed["marker"]
    for _ in range(2):  # the second time from memory
        for language in ("uk", "lt", "ru,uk;q=0.5"):
            r = _get(client, SERVICES, {"Accept-Language": language}, q=marker)
            assert r.headers["Content-Language"] == language[:2]
            assert r.content == _get(client, SERVICES, q=marker, lang=language[:2]).content
        for host in ("a.example", "b.example"):
            r = _get(client, SERVICES, {"Host": host}, q=marker, limit=1)
            assert f"//{host}/api/v1/services?" in r.headers["Link"]
    kept = len(_store(app))
    for _ in range(2):
        r = client.get(SERVICES, params={"municipality": "nowhere-m"})
        assert r.status_code == 422 and r.headers["Content-Type"].startswith("application/problem+json")
        assert client.get(HSDS, params={"per_page": 0}).status_code in (400, 422)
    assert len(_store(app)) == kept


def test_one_service_is_remembered_for_the_public_and_follows_its_changes(client, app, db, listed):
    first = listed["services"][0]
    for path in (f"{SERVICES}/{first.id}", f"{HSDS}/{first.id}"):
        computed, remembered = _get(client, path), _get(client, path)
        assert remembered.content == computed.content == _fresh(client, app, path)
        assert _headers(remembered) == _headers(computed)
    before = _get(client, f"{SERVICES}/{first.id}")
    db.add(first.sqlmodel_update({"description": {"lt": "Naujas aprašymas"}, "version": first.version + 1}))
    db.flush()
    after = _get(client, f"{SERVICES}/{first.id}")
    assert after.content != before.content and after.headers["ETag"] != before.headers["ETag"]
    assert after.content == _fresh(client, app, f"{SERVICES}/{first.id}")
    kept = len(_store(app))
    for _ in range(2):  # an unknown service is a 404 each time, never remembered
        assert client.get(f"{SERVICES}/{uuid.uuid4()}").status_code == 404
    assert len(_store(app)) == kept


def test_only_lists_and_one_service_are_answered_before_routing():
    assert answers.is_public_page("/api/v1/services") and answers.is_public_page("/hsds/services")
    assert answers.is_public_page(f"/api/v1/services/{uuid.uuid4()}")
    assert answers.is_public_page(f"/hsds/services/{uuid.uuid4().hex}")
    for path in (
        "/api/v1/services/export",
        "/api/v1/services/legal-statuses",
        f"/api/v1/services/{uuid.uuid4()}/corrections",
        "/api/v1/organizations",
        "/api/v1/me",
    ):
        assert not answers.is_public_page(path), path
