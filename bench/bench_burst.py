"""Issue 10's burst against a real server, on SQLite and PostgreSQL: 60 concurrent intakes (distinct
Idempotency-Keys, one machine client) and 60 concurrent authenticated reads, started together,
beside the same 60 requests sent one after another (the baseline) in the same run.

`python -m bench burst` (``LANGELIS_BENCH_BURST_N`` default 60; ``LANGELIS_BENCH_DIALECTS`` default
``sqlite,postgresql``). Reports answered/failed, p50/p99 and the slowest answer. Results land in
``bench/results/burst.json``. It measures; it asserts nothing.
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from tests.live.conftest import ADMIN, COORDINATOR, LiveServer, _fresh_database, start_server, together
from tests.live.test_concurrency import intake_body

RESULTS = Path(__file__).resolve().parent / "results"
N = int(os.environ.get("LANGELIS_BENCH_BURST_N", "60"))
SECRET = "bench-secret-key-" + "b" * 32


def _timed(call: Any) -> Any:
    def run(i: int, client: httpx.Client) -> Any:
        started = time.perf_counter()
        response = call(i, client)
        response.elapsed_ms = (time.perf_counter() - started) * 1000  # type: ignore[attr-defined]
        return response

    return run


def _summary(answers: list[Any], wall: float) -> dict[str, Any]:
    ok = [a for a in answers if isinstance(a, httpx.Response) and a.status_code < 300]
    times = sorted(a.elapsed_ms for a in answers if isinstance(a, httpx.Response))
    q = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
    return {
        "answered_2xx": len(ok),
        "failed": len(answers) - len(ok),
        "statuses": sorted(
            {a.status_code if isinstance(a, httpx.Response) else type(a).__name__ for a in answers}
        ),
        "p50_ms": round(q[49], 1),
        "p99_ms": round(q[98], 1),
        "slowest_ms": round(times[-1], 1) if times else None,
        "wall_s": round(wall, 2),
    }


def _sequential(n: int, call: Any) -> list[Any]:
    out = []
    with httpx.Client(timeout=60) as client:
        for i in range(n):
            out.append(_timed(call)(i, client))
    return out


def _burst(n: int, call: Any) -> tuple[list[Any], float]:
    started = time.perf_counter()
    answers = together(n, _timed(call))
    return answers, time.perf_counter() - started


@contextmanager
def served_demo(dialect: str, prefix: str) -> Iterator[tuple[str, str, LiveServer]]:
    """A fresh database of ``dialect`` with the demo data, served by ``langelis serve``:
    (database url, base url, the live server); stopped and dropped afterwards."""
    from api import registry
    from api.core.db import make_engine, make_session_factory
    from tests.conftest import run_migrations

    os.environ["LANGELIS_TEST_DATABASE_URL"] = (
        "sqlite" if dialect == "sqlite" else "postgresql://postgres@127.0.0.1:5432/test"
    )
    url, drop = _fresh_database(Path(tempfile.mkdtemp(prefix=prefix)))
    run_migrations(url)
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        registry.seed(session, demo=True)
        session.commit()
    engine.dispose()
    env = {
        **os.environ,
        "LANGELIS_DATABASE_URL": url,
        "LANGELIS_SECRET_KEY": SECRET,
        "LANGELIS_DEMO": "true",
        "LANGELIS_LOG_LEVEL": "WARNING",
        "LANGELIS_LOGIN_RATE_LIMIT": "100000",
    }
    proc, base = start_server(env)
    try:
        yield url, base, LiveServer(url=base, process=proc, env=env)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        drop()


def run(dialect: str) -> dict[str, Any]:
    with served_demo(dialect, "burst-") as (_url, base, live):
        created = httpx.post(
            f"{base}/api/v1/clients",
            headers=live.headers(ADMIN),
            timeout=30,
            json={"name": "Bench", "municipality": "vilniaus-m", "scopes": ["migrants:intake"]},
        ).json()
        token = httpx.post(
            f"{base}/api/v1/auth/token",
            timeout=30,
            data={
                "grant_type": "client_credentials",
                "client_id": created["client_id"],
                "client_secret": created["client_secret"],
            },
        ).json()["access_token"]
        machine = {"Authorization": f"Bearer {token}"}
        reader = live.headers(COORDINATOR)

        def intake(i: int, client: httpx.Client) -> httpx.Response:
            return client.post(
                f"{base}/api/v1/migrants/intake",
                json=intake_body(i),
                headers={**machine, "Idempotency-Key": uuid.uuid4().hex},
            )

        def read(i: int, client: httpx.Client) -> httpx.Response:
            path = ("/api/v1/migrants?limit=20", "/api/v1/services?limit=20", "/api/v1/me")[i % 3]
            return client.get(f"{base}{path}", headers=reader)

        result: dict[str, Any] = {}
        for name, call in (("intakes", intake), ("reads", read)):
            seq_started = time.perf_counter()
            seq = _sequential(N, call)
            result[f"{name}_sequential"] = _summary(seq, time.perf_counter() - seq_started)
            answers, wall = _burst(N, call)
            result[f"{name}_concurrent"] = _summary(answers, wall)
        return result


def main() -> None:
    dialects = os.environ.get("LANGELIS_BENCH_DIALECTS", "sqlite,postgresql").split(",")
    results = {d: run(d) for d in dialects}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "burst.json").write_text(json.dumps(results, indent=2))
    for dialect, rows in results.items():
        print(f"\n{dialect}: {N} requests")
        print(
            f"  {'case':<22} {'2xx':>4} {'fail':>4} {'p50 ms':>8} {'p99 ms':>8} {'slowest':>8} {'wall s':>7}"
        )
        for case, s in rows.items():
            print(
                f"  {case:<22} {s['answered_2xx']:>4} {s['failed']:>4} {s['p50_ms']:>8} {s['p99_ms']:>8} "
                f"{s['slowest_ms']:>8} {s['wall_s']:>7}"
            )


if __name__ == "__main__":
    main()
