"""Shared benchmark harness. Benchmarks compare the API against raw SQL measured in the same run.

Usage from a benchmark module::

    from bench.common import BenchDatabase, Timer, report

    with BenchDatabase("postgresql") as db:     # a fresh database, migrated, dropped afterwards
        app, client = db.app_client()           # in-process ASGI client (no network in the figures)
        api = Timer.run(lambda: client.get("/api/v1/..."), repeat=200)
        raw = Timer.run(lambda: db.raw("SELECT ..."), repeat=200)
        report("directory", [("GET /services two filters", api, raw)])

Figures: median and p95 in milliseconds and requests per second (1 / mean), written to stdout and to
``bench/results/<name>.json``. Nothing here asserts on time: benchmarks inform, tests decide.
"""

from __future__ import annotations

import atexit
import json
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

RESULTS = Path(__file__).resolve().parent / "results"
PG_URL = os.environ.get("LANGELIS_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
SECRET = "bench-secret-key-" + "b" * 32


@dataclass
class Stats:
    n: int
    median_ms: float
    p95_ms: float
    mean_ms: float
    rps: float

    @classmethod
    def of(cls, samples: list[float]) -> Stats:
        ordered = sorted(samples)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        mean = statistics.fmean(ordered)
        return cls(
            n=len(ordered),
            median_ms=round(statistics.median(ordered) * 1000, 3),
            p95_ms=round(p95 * 1000, 3),
            mean_ms=round(mean * 1000, 3),
            rps=round(1 / mean, 1) if mean else 0.0,
        )


class Timer:
    @staticmethod
    def run(fn: Callable[[], Any], *, repeat: int = 200, warmup: int = 10) -> Stats:
        for _ in range(warmup):
            fn()
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - started)
        return Stats.of(samples)


def verdict(api: Stats, raw: Stats, *, factor: float = 2.0, plus_ms: float = 2.0) -> str:
    limit = factor * raw.median_ms + plus_ms
    return f"{'MEETS' if api.median_ms <= limit else 'MISSES'} aim (≤ {factor}×raw + {plus_ms} ms = {limit:.2f} ms)"


def report(
    name: str,
    rows: list[tuple[str, Stats, Stats | None]],
    extra: dict[str, Any] | None = None,
    *,
    factor: float = 2.0,
    plus_ms: float = 2.0,
) -> dict[str, Any]:
    out: dict[str, Any] = {"benchmark": name, "rows": [], **(extra or {})}
    print(f"\n== {name} ==")
    print(f"{'case':<48} {'api med':>9} {'api p95':>9} {'api rps':>9} {'raw med':>9} {'raw p95':>9}  verdict")
    for label, api, raw in rows:
        line = f"{label:<48} {api.median_ms:>9.2f} {api.p95_ms:>9.2f} {api.rps:>9.1f}"
        if raw is not None:
            line += f" {raw.median_ms:>9.2f} {raw.p95_ms:>9.2f}  {verdict(api, raw, factor=factor, plus_ms=plus_ms)}"
        print(line)
        out["rows"].append({"case": label, "api": asdict(api), "raw": asdict(raw) if raw else None})
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(out, indent=2), encoding="utf-8")
    return out


class BenchDatabase:
    """A fresh, migrated database for one benchmark run (PostgreSQL or an SQLite file)."""

    def __init__(self, kind: str = "postgresql", path: Path | None = None) -> None:
        self.kind = kind
        self.name = f"langelis_bench_{uuid.uuid4().hex[:8]}"
        self.path = path or Path(tempfile.gettempdir()) / f"{self.name}.db"
        self.url = ""
        self.engine: sa.Engine | None = None

    def __enter__(self) -> BenchDatabase:
        from api.cli import migrate
        from api.core.db import make_engine

        if self.kind == "postgresql":
            admin = sa.create_engine(
                PG_URL.replace("postgresql://", "postgresql+psycopg://", 1).rsplit("/", 1)[0] + "/postgres",
                isolation_level="AUTOCOMMIT",
            )
            with admin.connect() as conn:
                conn.execute(sa.text(f'CREATE DATABASE "{self.name}"'))
            admin.dispose()
            self.url = PG_URL.rsplit("/", 1)[0] + f"/{self.name}"
        else:
            self.url = f"sqlite:///{self.path}"
        migrate("heads", url=self.url)
        self.engine = make_engine(self.url)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.engine is not None:
            self.engine.dispose()
        if self.kind == "postgresql":
            admin = sa.create_engine(
                PG_URL.replace("postgresql://", "postgresql+psycopg://", 1).rsplit("/", 1)[0] + "/postgres",
                isolation_level="AUTOCOMMIT",
            )
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
            admin.dispose()
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)

    def settings(self, **over: Any) -> Any:
        from api.core.config import Settings

        return Settings(
            _env_file=None,
            database_url=self.url,
            secret_key=SECRET,
            log_level="WARNING",
            login_rate_limit=10**9,
            **over,
        )

    def app_client(self, **over: Any) -> tuple[Any, Any]:
        from fastapi.testclient import TestClient

        from api.main import create_app, freeze_startup_heap

        app = create_app(self.settings(**over), self.engine)
        # An opened client keeps one event loop and portal thread for all its requests; a bare
        # TestClient starts a thread per request (~5 ms), which is not what a server does.
        client = TestClient(app)
        client.__enter__()
        # As a server worker does once started (api.asgi): full collections skip the start-up heap.
        freeze_startup_heap()
        atexit.register(client.__exit__, None, None, None)
        return app, client

    def token(self, user: Any) -> str:
        from api.accounts.scopes import allowed_scopes
        from api.core.security import encode_token

        token, _ = encode_token(
            self.settings(),
            subject=f"user:{user.id}",
            typ="access",
            scopes=sorted(allowed_scopes(user.role, user.extra_scopes)),
            ttl_seconds=3600,
        )
        return token

    @contextmanager
    def connection(self) -> Iterator[sa.Connection]:
        assert self.engine is not None
        with self.engine.connect() as conn:
            yield conn

    def raw(self, sql: str, params: dict[str, Any] | None = None) -> list[Any]:
        """Run a query the way a hand-written data layer would, fetching every row."""
        assert self.engine is not None
        with self.engine.connect() as conn:
            return list(conn.execute(sa.text(sql), params or {}).fetchall())
