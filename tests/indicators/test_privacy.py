"""Derived indicators with test-only providers: small cells suppressed, and not derivable from totals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

import sqlalchemy as sa

from api.indicators import derivation, jobs
from api.indicators.models import DerivationRun, Observation
from api.indicators.places import geography
from api.indicators.providers import DerivedCell, Scope

AS_OF = datetime(2025, 6, 30, tzinfo=UTC)
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass
class Record:
    person: str
    municipality: str
    day: date
    legal_status: str


def _records() -> list[Record]:
    out = []
    # Kaunas 2024: 3 refugees, 20 under temporary protection, 12 asylum seekers; Jonava: 9 and 15.
    for i in range(3):
        out.append(Record(f"kr{i}", "kauno-m", date(2024, 2 + i, 10), "refugee"))
    for i in range(20):
        out.append(Record(f"kt{i}", "kauno-m", date(2024, 1 + i % 12, 5), "temporary_protection"))
    for i in range(12):
        out.append(Record(f"ka{i}", "kauno-m", date(2024, 1 + i, 20), "asylum_seeker"))
    for i in range(9):
        out.append(Record(f"jr{i}", "jonavos-r", date(2024, 1 + i, 3), "refugee"))
    for i in range(15):
        out.append(Record(f"jt{i}", "jonavos-r", date(2024, 1 + i % 12, 7), "temporary_protection"))
    return out


class ReferralsProvider:
    """Counts completed referrals per legal status, like the case-management domain will."""

    indicator = "referrals_completed"
    period_types = ("year", "quarter")

    def __init__(self, slugs: dict[str, object], records: list[Record]) -> None:
        self.ids = slugs
        self.records = records

    def compute(self, session, scope: Scope):
        rows = [
            r
            for r in self.records
            if self.ids[r.municipality] in scope.municipality_ids and scope.start <= r.day <= scope.end
        ]
        if not rows:
            return
        yield DerivedCell(value=len(rows), people=len({r.person for r in rows}))
        for status in sorted({r.legal_status for r in rows}):
            part = [r for r in rows if r.legal_status == status]
            yield DerivedCell(
                value=len(part), people=len({r.person for r in part}), breakdowns={"legal_status": status}
            )


class LeakyProvider(ReferralsProvider):
    """A buggy provider that tries to put a person's identifier into a breakdown."""

    def compute(self, session, scope: Scope):
        yield DerivedCell(value=1, people=1, breakdowns={"legal_status": "kr0"})


def _provider(db) -> ReferralsProvider:
    geo = geography(db)
    return ReferralsProvider({m.code: m.municipality_id for m in geo.municipalities}, _records())


def _derive(db, provider) -> DerivationRun:
    run = derivation.derive(db, years=[2024], providers=[provider], as_of=AS_OF, trigger="test")
    db.flush()
    return run


def test_three_people_are_suppressed_and_not_derivable_from_the_total(ind, db):
    run = _derive(db, _provider(db))
    assert run.status == "completed", run.summary
    body = ind.analytics(
        indicator="referrals_completed", period="2024", place="kauno-m", breakdown="legal_status"
    ).json()
    cells = {row[3]: (row[4], row[5]) for row in body["rows"]}
    assert cells["refugee"][0] is None and "suppressed" in cells["refugee"][1]
    total = ind.table(indicator="referrals_completed", period="2024", place="kauno-m")
    visible_total = total[("referrals_completed", "kauno-m", "2024")]
    assert visible_total == 35
    hidden = [status for status, (value, _flags) in cells.items() if value is None]
    # Total minus the visible cells leaves at least two unknown cells: the 3 cannot be isolated.
    assert len(hidden) >= 2
    known = sum(value for value, _ in cells.values() if value is not None)
    assert visible_total - known != 3


def test_no_relation_anywhere_has_a_lone_suppressed_cell(ind, db):
    _derive(db, _provider(db))
    rows = db.execute(
        sa.select(
            Observation.place,
            Observation.period,
            Observation.breakdown_key,
            Observation.suppressed,
            Observation.value,
        )
    ).all()
    cells = {(r.place, r.period, r.breakdown_key): r for r in rows}
    suppressed = {k for k, r in cells.items() if r.suppressed}
    assert ("kauno-m", "2024", "legal_status=refugee") in suppressed
    assert all(cells[k].value is None for k in suppressed)
    geo = geography(db)
    # Places: the county refugee count minus visible municipalities must not reveal Kaunas's cell.
    for period in ("2024", "2024Q1", "2024Q2", "2024Q3"):
        key = ("county-kaunas", period, "legal_status=refugee")
        if key not in cells or cells[key].suppressed:
            continue
        members = [
            (m.code, period, "legal_status=refugee") for m in geo.municipalities if m.county == "kaunas"
        ]
        lone = [m for m in members if m in cells and m in suppressed]
        assert len(lone) != 1, f"{period}: one suppressed municipality under a visible county"
    # Time: the year minus visible quarters must not reveal a suppressed quarter.
    for place in ("kauno-m", "jonavos-r", "county-kaunas", "LT"):
        for bkey in ("", "legal_status=refugee", "legal_status=asylum_seeker"):
            year = (place, "2024", bkey)
            if year not in cells or year in suppressed:
                continue
            quarters = [
                (place, f"2024Q{q}", bkey) for q in range(1, 5) if (place, f"2024Q{q}", bkey) in cells
            ]
            assert sum(1 for q in quarters if q in suppressed) != 1, (place, bkey)


def test_answers_never_contain_identifiers(ind, db):
    _derive(db, _provider(db))
    for fmt in ("json", "csv", "sdmx-csv"):
        r = ind.analytics(
            indicator="referrals_completed",
            period="2024,2024Q1..2024Q4",
            place="municipalities,counties,LT",
            breakdown="legal_status",
            format=fmt,
        )
        assert r.status_code == 200
        assert not UUID_RE.search(r.text)
        for person in ("kr0", "kt1", "jr2"):
            assert person not in r.text


def test_a_provider_emitting_identifiers_is_refused(db):
    provider = LeakyProvider({}, [])
    run = derivation.derive(db, years=[2024], providers=[provider], as_of=AS_OF, trigger="test")
    assert run.status == "failed"
    assert "not a code" in run.summary["referrals_completed"]["error"]
    assert db.execute(sa.select(sa.func.count()).select_from(Observation)).scalar_one() == 0


def test_rerun_updates_in_place_and_keeps_publication(ind, db):
    provider = _provider(db)
    _derive(db, provider)
    assert ind.publish(["referrals_completed"], ["jonavos-r"], ["2024"]).status_code == 200
    provider.records.append(Record("jr-new", "jonavos-r", date(2024, 11, 1), "refugee"))
    run = _derive(db, provider)
    assert run.summary["referrals_completed"]["2024"]["updated"] >= 1
    t = ind.table(None, indicator="referrals_completed", period="2024", place="jonavos-r")
    assert t == {("referrals_completed", "jonavos-r", "2024"): 25}


def test_the_daily_job_runs_once_and_holds_a_lock(engine, monkeypatch):
    """Real commits (the lease must be seen by other connections): cleaned up at the end."""
    from api.core.db import make_session_factory
    from api.indicators.models import JobLock

    factory = make_session_factory(engine)
    monkeypatch.setattr(derivation, "discover", lambda: [])
    try:
        assert jobs.acquire(factory, holder="other-replica")
        assert not jobs.acquire(factory, holder="third-replica")
        assert jobs.run_daily(factory).startswith("skipped: another process")
        jobs.release(factory, holder="other-replica")
        assert jobs.run_daily(factory).startswith("completed")
        assert jobs.run_daily(factory) == "skipped: already done today"
    finally:
        with factory() as session:
            session.execute(sa.delete(DerivationRun).where(DerivationRun.trigger == "daily"))
            session.execute(sa.delete(JobLock))
            session.commit()
