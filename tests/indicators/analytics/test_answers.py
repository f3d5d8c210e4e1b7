"""Remembered analytics answers: the same bytes as a fresh computation, never served after the data
under them changed (load, update, delete, publish, a definition's change), never to a caller who may
see other data, and bounded in memory."""

from __future__ import annotations

import contextvars

import sqlalchemy as sa
from sqlmodel import Session

from api.core.db import begin_request
from api.indicators.analytics.answers import Answers, data_tag
from tests.indicators.conftest import csv_lines

HEADER = "indicator,place,period,value,sex"
ROWS = [
    "foreign_residents,kauno-m,2024Q1,100,",
    "foreign_residents,kauno-m,2024Q1,60,female",
    "foreign_residents,vilniaus-m,2024Q1,300,",
    "foreign_residents,vilniaus-m,2024Q1,200,female",
]
ASK = {
    "indicator": "foreign_residents",
    "period": "2024Q1",
    "place": "kauno-m,vilniaus-m,LT",
    "breakdown": "sex",
}


def _answer(ind, who="analyst", **extra):
    r = ind.analytics(who, **{**ASK, **extra})
    assert r.status_code == 200, r.text
    return r.content


def _fresh(ind, app, who="analyst", **extra):
    """The answer computed now, nothing remembered."""
    app.state.analytics_answers.clear()
    return _answer(ind, who, **extra)


def test_a_remembered_answer_is_the_fresh_one_and_follows_every_change(ind, app, client, auth, base):
    ind.loaded(csv_lines(HEADER, ROWS))
    for fmt in ("json", "csv", "sdmx-csv"):
        first = _answer(ind, format=fmt)
        assert _answer(ind, format=fmt) == first == _fresh(ind, app, format=fmt)
    before = _answer(ind)
    # A changed value (an update through the importer).
    ind.loaded(csv_lines(HEADER, ["foreign_residents,kauno-m,2024Q1,111,female"]))
    updated = _answer(ind)
    assert updated != before and updated == _fresh(ind, app)
    assert b"111" in updated
    # A deleted value.
    ind.loaded(csv_lines(HEADER, ["foreign_residents,kauno-m,2024Q1,111,female"]), strategy="delete")
    deleted = _answer(ind)
    assert deleted != updated and deleted == _fresh(ind, app)
    # Publishing changes what the public sees.
    public = _answer(ind, who=None)
    assert b"vilniaus-m" not in public.split(b'"rows"')[1].split(b'"meta"')[0]
    r = ind.publish(["foreign_residents"], ["vilniaus-m"], ["2024Q1"])
    assert r.status_code == 200, r.text
    published = _answer(ind, who=None)
    assert published != public and published == _fresh(ind, app, who=None)
    # A definition's change (its decimals and name) changes the answer's meta.
    admin = auth.headers(base.admin)
    d = client.get("/api/v1/indicators/foreign_residents", headers=admin)
    assert d.status_code == 200, d.text
    r = client.patch(
        "/api/v1/indicators/foreign_residents",
        json={"decimals": 3},
        headers={**admin, "If-Match": d.headers["ETag"]},
    )
    assert r.status_code == 200, r.text
    renamed = _answer(ind, who=None)
    assert renamed != published and renamed == _fresh(ind, app, who=None)


def test_an_answer_is_never_served_to_a_caller_who_sees_other_data(ind, base):
    ind.loaded(csv_lines(HEADER, ROWS))  # drafts: only those allowed see them

    def cells(who, **extra):
        return {(row[1], row[3]): row[4] for row in ind.analytics(who, **{**ASK, **extra}).json()["rows"]}

    analyst = cells("analyst")
    assert analyst[("vilniaus-m", "female")] == 200 and analyst[("kauno-m", "female")] == 60
    assert cells(None) == {} == cells("analyst", published_only="true")
    assert cells("analyst") == analyst  # remembered for the analyst, not handed to the public
    kaunas = cells(base.coordinator_kaunas)
    vilnius = cells(base.coordinator)
    assert ("vilniaus-m", "female") not in kaunas and kaunas[("kauno-m", "female")] == 60
    assert ("kauno-m", "female") not in vilnius and vilnius[("vilniaus-m", "female")] == 200
    assert kaunas[("LT", "female")] == 60 and vilnius[("LT", "female")] == 200


def test_every_write_to_the_data_changes_the_tag_in_its_own_transaction(db):
    """Triggers on observations, definitions and municipalities, for insert, update and delete."""
    seen = [data_tag(db)]

    def changed() -> None:
        now = data_tag(db)
        assert now not in seen
        seen.append(now)

    definition = db.execute(
        sa.text("SELECT id FROM indicator_definitions WHERE code = 'foreign_residents'")
    ).scalar_one()
    db.execute(
        sa.text("UPDATE indicator_definitions SET decimals = decimals WHERE id = :i"), {"i": definition}
    )
    changed()
    db.execute(sa.text("UPDATE municipalities SET name = name WHERE slug = 'kauno-m'"))
    changed()
    nested = db.begin_nested()
    db.execute(sa.text("UPDATE municipalities SET name = name WHERE slug = 'kauno-m'"))
    assert data_tag(db) != seen[-1]
    nested.rollback()
    assert data_tag(db) == seen[-1]  # rolled back: the tag of the data as it is


def test_observation_writes_change_the_tag(ind, db):
    before = data_tag(db)
    ind.loaded(csv_lines(HEADER, ROWS[1:2]))
    inserted = data_tag(db)
    ind.loaded(csv_lines(HEADER, ["foreign_residents,kauno-m,2024Q1,61,female"]))
    updated = data_tag(db)
    ind.loaded(csv_lines(HEADER, ROWS[1:2]), strategy="delete")
    deleted = data_tag(db)
    assert len({before, inserted, updated, deleted}) == 4


def test_the_store_keeps_the_most_recently_used_within_its_size():
    store = Answers(limit_bytes=100)
    store.put(("a",), 1, b"x" * 20)
    store.put(("b",), 1, b"y" * 20)
    assert store.get(("a",), 1) == b"x" * 20  # a is now the most recent
    assert store.get(("a",), 2) is None  # another tag: not served
    for i in range(4):
        store.put(("c", i), 1, b"z" * 20)
    assert store.get(("b",), 1) is None  # the least recently used went first
    assert store.get(("a",), 1) is not None
    store.put(("big",), 1, b"w" * 26)  # over a quarter of the store: not kept
    assert store.get(("big",), 1) is None
    assert 0 < store.size <= 100 and len(store) == 5


def test_a_committed_write_changes_the_tag_and_leaves_no_mark(engine):
    """What other transactions see: a new tag once the writer commits (on PostgreSQL set by the
    deferred trigger at commit, its mark gone), the old one before."""

    def read() -> tuple[int, int | None]:
        begin_request("GET")  # a reader's transaction, beside the writer's (SQLite: deferred)
        with Session(engine) as reader:
            return data_tag(reader)

    before = contextvars.copy_context().run(read)
    with Session(engine) as writer:
        writer.execute(sa.text("UPDATE municipalities SET name = name WHERE slug = 'kauno-m'"))
        assert contextvars.copy_context().run(read) == before  # not committed yet: not seen
        writer.commit()
    after = contextvars.copy_context().run(read)
    assert after != before and after[1] is None  # no mark left behind
    if engine.dialect.name == "postgresql":
        with Session(engine) as reader:
            assert reader.execute(sa.text("SELECT count(*) FROM indicator_data_writes")).scalar_one() == 0
