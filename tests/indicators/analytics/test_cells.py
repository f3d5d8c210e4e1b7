"""The analytics cells kept ready (api/indicators/analytics/cells.py) answer exactly what computing
the cells from the observations answers, for every case and caller; they are read only while the data
is as it was when they were built, and only by callers whose answer they are."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from api.indicators.analytics import cells
from api.indicators.jobs import PERIODIC, build_cells
from api.indicators.models import AnalyticsCell, AnalyticsCellsBuilt
from tests.indicators.analytics.test_fast_path import CASES, SLUGS

CELLS = AnalyticsCell.__table__  # type: ignore[attr-defined]
BUILT = AnalyticsCellsBuilt.__table__  # type: ignore[attr-defined]
ASK = {"indicator": "foreign_residents", "period": "2024Q1", "place": "kauno-m", "as_of": "2025-06-01"}


def _forget(client) -> None:
    """Remembered answers would hide which path answered: drop them."""
    store = getattr(client.app.state, "analytics_answers", None)
    if store is not None:
        store.clear()


def _value(ind, who, **params):
    r = ind.analytics(who, **{**ASK, **params})
    assert r.status_code == 200, r.text
    body = r.json()
    at = [h["name"] for h in body["headers"]].index("value")
    return [row[at] for row in body["rows"]]


def _statements(db, run) -> list[str]:
    """The SQL statements ``run()`` sends."""
    seen: list[str] = []

    def record(conn, cursor, statement, *args):
        seen.append(statement)

    bind = db.get_bind()
    sa.event.listen(bind, "before_cursor_execute", record)
    try:
        run()
    finally:
        sa.event.remove(bind, "before_cursor_execute", record)
    return seen


def _tamper(db, value: float, *, period: str = "2024Q1", key: str = "") -> None:
    """Change a ready cell behind the build's back: an answer that shows it was read from the cells."""
    c = CELLS.c
    ours = sa.text("(SELECT id FROM indicator_definitions WHERE code = 'foreign_residents')")
    done = db.execute(
        sa.update(CELLS)
        .where(c.indicator_id == ours, c.place == "kauno-m", c.period == period)
        .where(c.breakdown_key == key, c.direct == 1)
        .values(value=value)
    )
    assert done.rowcount == 1
    db.commit()


@pytest.mark.parametrize("params", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_ready_cells_answer_byte_for_byte_what_computing_answers(loaded, db, client, params):
    ind = loaded
    params = {**params, "as_of": "2025-06-01"}
    callers = ["analyst", "coordinator", None]
    computed = {}
    for who in callers:
        _forget(client)
        computed[who] = ind.analytics(who, **params)
        assert computed[who].status_code == 200, computed[who].text
    summary = cells.build(db)
    assert summary["built"] > 0 and summary["cells"] > 0
    for who in callers:
        _forget(client)
        r = ind.analytics(who, **params)
        assert r.status_code == 200, r.text
        assert r.content == computed[who].content, who
    assert any(computed[who].json()["rows"] for who in callers)


def test_ready_cells_are_read_until_the_data_changes_then_built_again(loaded, db, client):
    ind = loaded
    plain = _value(ind, None)
    assert len(plain) == 1
    assert cells.build(db)["built"] > 0
    _tamper(db, 1234.0)
    _forget(client)
    assert _value(ind, None) == [1234.0], "the ready cell answers"
    # Any write to the data: from its commit on, the cells are not read.
    ind.loaded(csv_line("foreign_residents,kauno-m,2025Q3,500,,,"))
    _forget(client)
    assert _value(ind, None) == plain, "computed again"
    assert _value(ind, None, period="2025Q3") == [], "a draft"
    assert ind.publish(["foreign_residents"], ["kauno-m"], ["2025Q3"]).status_code == 200
    _forget(client)
    assert _value(ind, None, period="2025Q3") == [500.0]
    # The next build takes the change in.
    built = cells.build(db)
    assert built["built"] > 0
    _forget(client)
    assert _value(ind, None) == plain
    assert _value(ind, None, period="2025Q3") == [500.0]
    _tamper(db, 777.0, period="2025Q3")
    _forget(client)
    assert _value(ind, None, period="2025Q3") == [777.0], "read from the new cells"
    # Built already: nothing to do.
    again = cells.build(db)
    assert (again["built"], again["cells"], again["dropped"]) == (0, 0, 0)
    assert again["up_to_date"] == built["built"] + built["up_to_date"]


def test_callers_who_see_drafts_read_the_cells_only_when_there_were_none(loaded, db, client):
    ind = loaded
    by_sex = {"breakdown": "sex"}
    plain = _value(ind, None, **by_sex)
    assert len(plain) == 2
    cells.build(db)
    _tamper(db, 1234.0, key="sex=female")
    _forget(client)
    assert 1234.0 in _value(ind, None, **by_sex)
    # The analyst also sees 2025's draft months of the series by sex: computed for them.
    assert _value(ind, "analyst", **by_sex) == plain
    # Everything published, built again: the same cells serve everyone.
    assert ind.publish(["foreign_residents"], SLUGS, ["2025"]).status_code == 200
    cells.build(db)
    _tamper(db, 4321.0, key="sex=female")
    _forget(client)
    assert 4321.0 in _value(ind, "analyst", **by_sex)
    assert _value(ind, "analyst", **by_sex) == _value(ind, None, **by_sex)


def test_the_minutes_job_builds_and_drops_what_has_no_data(loaded, db, client, dialect):
    assert [p.name for p in PERIODIC] == ["indicators.analytics_cells"]
    now = datetime.now(UTC)
    assert build_cells(db, now) > 0
    passes: list[int] = []
    statements = _statements(db, lambda: passes.append(build_cells(db, now)))
    assert passes == [0]
    if dialect == "sqlite":
        # Nothing changed since the last pass: the observations are not even scanned for their series.
        # (On PostgreSQL the test's own open transaction has written data, which a pass never skips.)
        assert statements and not [s for s in statements if "indicator_observations" in s]
    series = db.execute(sa.select(sa.func.count()).select_from(BUILT)).scalar_one()
    assert series > 0
    # A series whose observations are all gone loses its cells at the next build.
    db.execute(sa.text("DELETE FROM indicator_observations WHERE breakdown_dims = 'citizenship'"))
    db.commit()
    summary = cells.build(db)
    assert summary["dropped"] >= 1
    left = db.execute(
        sa.select(sa.func.count()).select_from(CELLS).where(CELLS.c.breakdown_dims == "citizenship")
    ).scalar_one()
    assert left == 0


def csv_line(row: str) -> str:
    from tests.indicators.conftest import csv_lines

    return csv_lines("indicator,place,period,value,flags,sex,citizenship", [row])
