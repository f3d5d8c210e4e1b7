"""Indicators benchmark on PostgreSQL: import 1,000,000 CSV rows through the API, then analytics.

* Import: a CSV of 1,000,000 observations streamed to ``POST /api/v1/indicators/data`` of a real
  uvicorn server (in a thread of this process) by an HTTP client reading the file in chunks; rows per
  second, and the peak resident memory of the process while it runs (sampled every 20 ms).
* Analytics, on the data published (as what the public asks about is): one indicator × 20 quarters ×
  60 municipalities with one breakdown (sex), and the same rolled up to counties, through the API
  (in-process ASGI client) beside the equivalent raw SQL measured in the same run: asked again (a
  remembered answer), a new question from the analytics cells kept ready (built as the minute's job
  would, timed), and the same computed from the observations before the cells were built. Aim: API
  median ≤ 2 × raw SQL + 5 ms.

Run: ``make bench BENCH=indicators`` (or ``python -m bench indicators``); a short analytics-only run:
``LANGELIS_BENCH_INDICATOR_ROWS=481600 python -m bench indicators``.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.common import SECRET, BenchDatabase, Timer, report

# The harness's migrations read the settings from the environment: give them what they need.
os.environ.setdefault("LANGELIS_SECRET_KEY", SECRET)
os.environ.setdefault("LANGELIS_LOG_LEVEL", "WARNING")

ROWS = int(os.environ.get("LANGELIS_BENCH_ROWS", "1000000"))
# A short run for the analytics figures: only the rows of the indicator asked (foreign_residents, its
# quarters and its months, 481,600 at most), e.g. LANGELIS_BENCH_INDICATOR_ROWS=481600.
INDICATOR_ROWS = os.environ.get("LANGELIS_BENCH_INDICATOR_ROWS")
CITIZENSHIPS = ["UA", "BY", "RU", "UZ", "IN", "KZ", "SY", "GE", "AZ", "TR", "CN", "PK", "BD", "NG", "US", "GB", "DE", "PL", "LV", "EE"]  # fmt: skip
AGES = ["0-14", "15-24", "25-44", "45-64", "65+"]


def _quarters(first: int, last: int) -> list[str]:
    return [f"{y}Q{q}" for y in range(first, last + 1) for q in range(1, 5)]


def _months(first: int, last: int) -> list[str]:
    return [f"{y}-{m:02d}" for y in range(first, last + 1) for m in range(1, 13)]


def write_csv(path: Path, slugs: list[str], limit: int) -> int:
    """1,000,000 realistic rows: several indicators, quarters and months, breakdowns."""
    header = "indicator,place,period,value,sex,age_group,citizenship\n"
    plans: list[tuple[str, list[str], list[tuple[str, str, str]]]] = [
        ("foreign_residents", _quarters(1990, 2025),
         [("", "", "")] + [(s, "", "") for s in ("female", "male")] + [("", a, "") for a in AGES]
         + [("", "", c) for c in CITIZENSHIPS]),
        ("tcn_residents", _quarters(1990, 2025),
         [("", "", "")] + [(s, "", "") for s in ("female", "male")] + [("", a, "") for a in AGES]
         + [("", "", c) for c in CITIZENSHIPS]),
        ("returnees_arrived", _months(1990, 2025),
         [("", "", "")] + [(s, "", "") for s in ("female", "male")] + [("", a, "") for a in AGES]),
        ("population_total", _quarters(1990, 2025),
         [("", "", "")] + [(s, "", "") for s in ("female", "male")] + [("", a, "") for a in AGES]),
        ("foreign_residents", _months(2000, 2025),
         [("", "", "")] + [(s, "", "") for s in ("female", "male")] + [("", "", c) for c in CITIZENSHIPS[:10]]),
    ]  # fmt: skip
    if INDICATOR_ROWS:
        plans = [plan for plan in plans if plan[0] == "foreign_residents"]
    written = 0
    with path.open("w", encoding="utf-8") as f:
        f.write(header)
        for code, periods, cells in plans:
            for i, slug in enumerate(slugs):
                for j, period in enumerate(periods):
                    lines = []
                    for k, (sex, age, cit) in enumerate(cells):
                        lines.append(
                            f"{code},{slug},{period},{(i + 1) * 100 + j * 3 + k},{sex},{age},{cit}\n"
                        )
                    if written + len(lines) > limit:
                        lines = lines[: limit - written]
                    f.writelines(lines)
                    written += len(lines)
                    if written >= limit:
                        return written
    return written


def _rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class RssSampler:
    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, _rss_kib())

    def __enter__(self) -> RssSampler:
        self.peak = _rss_kib()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def import_through_api(db: BenchDatabase, app: Any, token: str, path: Path) -> dict[str, Any]:
    import httpx
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)  # waiting for the server thread to bind

    def chunks() -> Any:
        with path.open("rb") as f:
            while chunk := f.read(256 * 1024):
                yield chunk

    baseline = _rss_kib()
    with RssSampler() as rss:
        started = time.perf_counter()
        response = httpx.post(
            f"http://127.0.0.1:{port}/api/v1/indicators/data",
            content=chunks(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "text/csv"},
            timeout=3600,
        )
        elapsed = time.perf_counter() - started
    server.should_exit = True
    thread.join(timeout=10)
    summary = response.json()
    assert response.status_code == 200, response.text[:500]
    return {
        "rows": summary["rows"],
        "imported": summary["imported"],
        "conflicts": summary["conflict_count"],
        "seconds": round(elapsed, 2),
        "rows_per_second": round(summary["rows"] / elapsed),
        "peak_rss_mib": round(rss.peak / 1024, 1),
        "rss_growth_mib": round((rss.peak - baseline) / 1024, 1),
        "file_mib": round(path.stat().st_size / 1024 / 1024, 1),
    }


def _plan_codes() -> list[str]:
    """The indicators :func:`write_csv` writes (one line each)."""
    return ["foreign_residents", "tcn_residents", "returnees_arrived", "population_total"]


def build_cells(db: BenchDatabase) -> dict[str, Any]:
    """What the minute's job does after the data changed: the analytics cells, timed."""
    from sqlmodel import Session

    from api.indicators.analytics.cells import build

    assert db.engine is not None
    with Session(db.engine) as session:
        started = time.perf_counter()
        summary: dict[str, Any] = build(session)
        summary["seconds"] = round(time.perf_counter() - started, 2)
    with db.connection() as conn:
        conn.exec_driver_sql("ANALYZE indicator_analytics_cells")
        conn.commit()
    return summary


def copy_floor(db: BenchDatabase) -> int:
    """The import's baseline: PostgreSQL's own COPY of the same rows into a table with the same
    columns, indexes and constraints (rows/s), in the binary format the import sends, the data
    already in the database's format."""
    assert db.engine is not None
    with db.engine.connect() as conn:
        driver: Any = conn.connection.driver_connection
        data = bytearray()
        with driver.cursor() as cur:
            cur.execute("SELECT count(*) FROM indicator_observations")
            count = int(cur.fetchone()[0])
            with cur.copy("COPY indicator_observations TO STDOUT (FORMAT BINARY)") as copy:
                for chunk in copy:
                    data += chunk
            cur.execute("CREATE TABLE bench_copy_floor (LIKE indicator_observations INCLUDING ALL)")
            started = time.perf_counter()
            with cur.copy("COPY bench_copy_floor FROM STDIN (FORMAT BINARY)") as copy:
                copy.write(bytes(data))
            driver.commit()
            elapsed = time.perf_counter() - started
            cur.execute("DROP TABLE bench_copy_floor")
            driver.commit()
    return round(count / elapsed)


def main() -> None:
    from sqlmodel import Session, select

    from api.accounts.models import User
    from api.municipalities.models import Municipality

    with BenchDatabase("postgresql") as db:
        app, client = db.app_client(max_body_bytes=1024 * 1024)
        assert db.engine is not None
        with Session(db.engine) as session:
            slugs = [m.slug for m in session.exec(select(Municipality).order_by(Municipality.slug)).all()]  # type: ignore[arg-type]
            admin = User(email="bench-admin@bench.langelis.lt", role="admin", display_name="Bench")
            session.add(admin)
            session.commit()
            session.refresh(admin)
        token = db.token(admin)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "observations.csv"
            written = write_csv(path, slugs, int(INDICATOR_ROWS) if INDICATOR_ROWS else ROWS)
            print(f"CSV: {written} rows, {path.stat().st_size / 1024 / 1024:.1f} MiB")
            imported = import_through_api(db, app, token, path)
        print(f"import: {imported}")
        imported["copy_floor_rows_per_second"] = copy_floor(db)

        headers = {"Authorization": f"Bearer {token}"}
        # Published, as what the public asks about is (imports load drafts).
        codes = _plan_codes()
        published = client.post(
            "/api/v1/indicators/publish",
            json={"indicators": codes, "places": slugs, "periods": [str(y) for y in range(1990, 2026)]},
            headers=headers,
        )
        assert published.status_code == 200, published.text[:300]
        with db.connection() as conn:
            conn.exec_driver_sql("ANALYZE indicator_observations")
            conn.commit()
        ind_id = db.raw("SELECT id FROM indicator_definitions WHERE code = 'foreign_residents'")[0][0]
        municipal = {
            "indicator": "foreign_residents",
            "period": "2021Q1..2025Q4",
            "place": "municipalities",
            "breakdown": "sex",
        }
        counties = {**municipal, "place": "counties"}

        def api_call(params: dict[str, str], *, cold: bool = False) -> Any:
            """One request; ``cold``: with no remembered answer (computed from the observations)."""

            def run() -> None:
                if cold:
                    app.state.analytics_answers.clear()
                r = client.get("/api/v1/analytics", params=params, headers=headers)
                assert r.status_code == 200, r.text[:300]

            return run

        rows_municipal = len(
            client.get("/api/v1/analytics", params=municipal, headers=headers).json()["rows"]
        )
        rows_counties = len(client.get("/api/v1/analytics", params=counties, headers=headers).json()["rows"])
        raw_municipal_sql = (
            "SELECT o.place, o.period, o.breakdown_key, o.value FROM indicator_observations o "
            "WHERE o.indicator_id = :i AND o.breakdown_dims = 'sex' AND o.place_level = 'municipality' "
            "AND o.period_type = 'quarter' AND o.period_start >= '2021-01-01' AND o.period_end <= '2025-12-31' "
            "ORDER BY o.place, o.period, o.breakdown_key"
        )
        raw_county_sql = (
            "SELECT o.county, o.period, o.breakdown_key, SUM(o.value) FROM indicator_observations o "
            "WHERE o.indicator_id = :i AND o.breakdown_dims = 'sex' AND o.place_level = 'municipality' "
            "AND o.period_type = 'quarter' AND o.period_start >= '2021-01-01' AND o.period_end <= '2025-12-31' "
            "GROUP BY o.county, o.period, o.breakdown_key ORDER BY 1, 2, 3"
        )
        assert len(db.raw(raw_municipal_sql, {"i": ind_id})) == rows_municipal
        assert len(db.raw(raw_county_sql, {"i": ind_id})) == rows_counties
        raw_municipal = Timer.run(lambda: db.raw(raw_municipal_sql, {"i": ind_id}), repeat=100)
        raw_counties = Timer.run(lambda: db.raw(raw_county_sql, {"i": ind_id}), repeat=100)
        # Computed from the observations: before the analytics cells are built.
        from_observations = [
            Timer.run(api_call(municipal, cold=True), repeat=50),
            Timer.run(api_call(counties, cold=True), repeat=50),
        ]
        built = build_cells(db)
        print(f"analytics cells: {built}")
        before = {
            "municipal": client.get("/api/v1/analytics", params=municipal, headers=headers).content,
            "counties": client.get("/api/v1/analytics", params=counties, headers=headers).content,
        }
        rows = [
            (
                f"analytics 1 ind × 20 q × 60 mun × sex ({rows_municipal} rows)",
                Timer.run(api_call(municipal), repeat=100),
                raw_municipal,
            ),
            (
                f"same rolled up to counties ({rows_counties} rows)",
                Timer.run(api_call(counties), repeat=100),
                raw_counties,
            ),
            (
                "  the first, new question (from the ready cells)",
                Timer.run(api_call(municipal, cold=True), repeat=50),
                raw_municipal,
            ),
            (
                "  the second, new question (from the ready cells)",
                Timer.run(api_call(counties, cold=True), repeat=50),
                raw_counties,
            ),
            ("  the first, computed from the observations", from_observations[0], raw_municipal),
            ("  the second, computed from the observations", from_observations[1], raw_counties),
        ]
        app.state.analytics_answers.clear()
        after = {
            "municipal": client.get("/api/v1/analytics", params=municipal, headers=headers).content,
            "counties": client.get("/api/v1/analytics", params=counties, headers=headers).content,
        }
        assert after == before, "the ready cells answer what computing answers"
        imported["analytics_cells"] = built
        report("indicators", rows, extra={"import": imported}, plus_ms=5.0)
        print(
            f"import: {imported['rows']} rows in {imported['seconds']} s = {imported['rows_per_second']} rows/s; "
            f"peak RSS {imported['peak_rss_mib']} MiB (+{imported['rss_growth_mib']} MiB during the import); "
            f"PostgreSQL's own COPY of the same rows {imported['copy_floor_rows_per_second']} rows/s"
        )


if __name__ == "__main__":
    main()
