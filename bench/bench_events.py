"""Registration throughput against a real server, on SQLite and PostgreSQL: 50 registrants (capacity
25, so half go to the waitlist) register for one event at the same moment, beside 50 raw INSERTs of
registration rows (one transaction each) straight into the same database in the same run.

`python -m bench events` (``LANGELIS_BENCH_EVENTS_N`` default 50; ``LANGELIS_BENCH_DIALECTS``
default ``sqlite,postgresql``). Results land in ``bench/results/events.json``. It measures; it
asserts nothing (the correctness of the counts is tests/events/test_live_registrations.py).
"""

from __future__ import annotations

import json
import os
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from bench.bench_burst import _burst, _summary, served_demo
from tests.live.conftest import COORDINATOR

RESULTS = Path(__file__).resolve().parent / "results"
N = int(os.environ.get("LANGELIS_BENCH_EVENTS_N", "50"))
PASSWORD = "Bench-registrant-2026"


def _people(url: str, n: int) -> list[str]:
    from api.accounts.models import User
    from api.core.db import make_engine, make_session_factory, utcnow
    from api.core.security import hash_password

    engine = make_engine(url)
    emails = [f"bench-{uuid.uuid4().hex[:10]}@bench.lt" for _ in range(n)]
    hashed = hash_password(PASSWORD)
    with make_session_factory(engine)() as s:
        s.add_all(
            User(
                email=e,
                password_hash=hashed,
                role="resident",
                display_name=e,
                country="LT",
                email_verified_at=utcnow(),
            )
            for e in emails
        )
        s.commit()
    engine.dispose()
    return emails


def _raw_inserts(url: str, event_id: str, n: int) -> dict[str, Any]:
    """The floor: the same number of registration rows written one transaction each, no HTTP."""
    from api.core.db import make_engine, utcnow

    engine = make_engine(url)
    users = _people(url, n)
    from api.accounts.models import User
    from api.events.models import EventRegistration

    people = User.__table__  # type: ignore[attr-defined]
    table = EventRegistration.__table__  # type: ignore[attr-defined]
    with engine.connect() as c:
        ids = list(c.execute(sa.select(people.c.id).where(people.c.email.in_(users))).scalars())
    started = time.perf_counter()
    for uid in ids[-len(users) :]:
        with engine.begin() as c:
            now = utcnow()
            c.execute(
                sa.insert(table).values(
                    id=uuid.uuid4(),
                    event_id=uuid.UUID(event_id),
                    user_id=uid,
                    status="confirmed",
                    residence="resident",
                    answers={},
                    created_at=now,
                    updated_at=now,
                )
            )
    wall = time.perf_counter() - started
    engine.dispose()
    return {"rows": n, "wall_s": round(wall, 3), "per_second": round(n / wall, 1)}


def run(dialect: str) -> dict[str, Any]:
    from api.core.db import utcnow

    with served_demo(dialect, "bench-events-") as (url, base, live):
        start = utcnow() + timedelta(days=30)
        made = []
        for title in ("Bench API", "Bench raw"):
            body = {
                "municipality": "vilniaus-m",
                "title": {"lt": title},
                "kind": "workshop",
                "capacity": N // 2,
                "starts_at": start.isoformat(),
                "ends_at": (start + timedelta(hours=2)).isoformat(),
            }
            made.append(
                httpx.post(
                    f"{base}/api/v1/events", json=body, headers=live.headers(COORDINATOR), timeout=30
                ).json()["id"]
            )
        tokens = [{"Authorization": f"Bearer {live.token(e, PASSWORD)}"} for e in _people(url, N)]
        path = f"{base}/api/v1/events/{made[0]}/registration"
        answers, wall = _burst(N, lambda i, c: c.post(path, json={}, headers=tokens[i]))
        summary = _summary(answers, wall)
        states = [
            a.json().get("status") for a in answers if isinstance(a, httpx.Response) and a.status_code == 201
        ]
        summary |= {
            "per_second": round(len(states) / wall, 1),
            "confirmed": states.count("confirmed"),
            "waitlisted": states.count("waitlisted"),
        }
        return {"registrations_concurrent": summary, "raw_inserts": _raw_inserts(url, made[1], N)}


def main() -> None:
    dialects = os.environ.get("LANGELIS_BENCH_DIALECTS", "sqlite,postgresql").split(",")
    results = {d: run(d) for d in dialects}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "events.json").write_text(json.dumps(results, indent=2))
    for dialect, r in results.items():
        reg, raw = r["registrations_concurrent"], r["raw_inserts"]
        print(f"\n{dialect}: {N} registrants on one event (capacity {N // 2})")
        print(
            f"  API, concurrent: {reg['answered_2xx']} answered, {reg['failed']} failed, {reg['confirmed']} confirmed, "
            f"{reg['waitlisted']} waitlisted; p50 {reg['p50_ms']} ms, p99 {reg['p99_ms']} ms, {reg['per_second']}/s"
        )
        print(f"  raw INSERTs:     {raw['rows']} rows in {raw['wall_s']} s, {raw['per_second']}/s")


if __name__ == "__main__":
    main()
