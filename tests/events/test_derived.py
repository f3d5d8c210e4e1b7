"""``event_participants``: confirmed (not absent) participants by event kind and residence."""

from __future__ import annotations

from datetime import date, timedelta

from api.core.db import utcnow
from api.events.derived import EventParticipants
from api.indicators.providers import Scope
from api.municipalities.logic import get_by_slug
from tests.events.conftest import V


def _cells(db, as_of=None) -> dict[str, tuple[float | None, int | None]]:
    today = date.today()
    scope = Scope(
        place="vilniaus-m",
        municipality_ids=frozenset({get_by_slug(db, "vilniaus-m").id}),
        period=str(today.year),
        start=date(today.year, 1, 1),
        end=date(today.year, 12, 31),
        as_of=as_of or utcnow() + timedelta(seconds=1),
    )
    out = {}
    for cell in EventParticipants().compute(db, scope):
        key = next(iter(cell.breakdowns.values()), "total")
        out[key] = (cell.value, cell.people)
    return out


def test_counts_participants_by_kind_and_residence(client, auth, make_event, people, db):
    start = utcnow() - timedelta(hours=3)
    before = _cells(db, as_of=utcnow() + timedelta(days=1))
    w = make_event(kind="workshop", starts_at=start)
    s = make_event(kind="sports", starts_at=start)
    lt, ie = people(2, "LT"), people(1, "IE")
    for p in (*lt, *ie):
        client.post(f"{V}/events/{w['id']}/registration", json={}, headers=auth.headers(p))
    client.post(f"{V}/events/{s['id']}/registration", json={}, headers=auth.headers(lt[0]))
    after = _cells(db, as_of=utcnow() + timedelta(days=1))

    def grew(key):
        v, n = after.get(key, (0, 0))
        ov, on = before.get(key, (0, 0))
        return (v or 0) - (ov or 0), (n or 0) - (on or 0)

    assert grew("total") == (4, 3)
    assert grew("workshop") == (3, 3)
    assert grew("sports") == (1, 1)
    assert grew("resident") == (3, 2)
    assert grew("diaspora") == (1, 1)


def test_people_marked_absent_do_not_count(client, auth, base, make_event, people, db):
    e = make_event(kind="camp", starts_at=utcnow() - timedelta(hours=3))
    (a,) = people(1)
    reg = client.post(f"{V}/events/{e['id']}/registration", json={}, headers=auth.headers(a)).json()
    before = _cells(db, as_of=utcnow() + timedelta(days=1))["camp"]
    client.put(
        f"{V}/events/{e['id']}/registrations/{reg['id']}/attendance",
        json={"attended": False},
        headers=auth.headers(base.coordinator),
    )
    after = _cells(db, as_of=utcnow() + timedelta(days=1)).get("camp", (0, 0))
    assert (after[0] or 0) == (before[0] or 0) - 1
