"""Real servers under real load: ``langelis serve`` (production settings, JSON access log) with 1 and
2 workers on SQLite and PostgreSQL, driven by ``wrk`` at 16 connections, beside baselines measured
in the same run on the same data:

* Datasette serving the same SQLite file (its default settings), the same filtered page of 50 rows
  as JSON through its table API with its row count (``_nosuggest=1``: without it every page also
  tries facet suggestions on each of the 40 columns, ~3.8 s a page on this file), and the first
  page of the unfiltered list, which is what an HSDS page holds;
* the raw floor: the same page query and its locations query through the bare driver (``sqlite3``
  or ``psycopg``), 16 threads with a connection each, no HTTP.

    python -m bench load                     # both databases, 1 and 2 workers, 5 s a URL
    python -m bench.load --db sqlite --workers 1 --seconds 10 --tree /work/main   # another checkout
    python -m bench.load --compare /work/main   # this checkout and main, URL by URL, in one run
    python -m bench.load --auth-floor --db sqlite --workers 2 --compare /tmp/base   # /me beside /healthz
    python -m bench.load --public-reads --workers 2   # ideas, events, analytics on the demo data
    python -m bench.load --computed --only directory,HSDS   # remembered pages and computed ones

Each URL is asked again and again, so with remembered directory pages on (the default) the
directory and HSDS pages are answered from each worker's memory after the first request;
``--computed`` serves the same tree a second time with them off (``LANGELIS_DIRECTORY_CACHE_MB=0``),
so every request computes its page, as one never asked before does.

``--auth-floor`` loads only ``/healthz`` and the signed-in ``GET /api/v1/me`` on a small fresh
database (migrated, no directory data), without Datasette or the raw floor: quick, for the
authenticated floor.

``--public-reads`` loads the other public reads, anonymous, on a fresh database holding the demo
data (``registry.seed(demo=True)``: ideas, events, five years of indicators for 60 municipalities):
the ideas board (newest and by votes), one idea, the events list, one event, a municipality's
iCalendar feed, the indicator definitions and two analytics tables, each with its p99 ÷ p50.

Set-up (once): ``apt-get install -y wrk``; Datasette lives in its own venv, never a project
dependency: ``python3 -m venv /tmp/venv-datasette && /tmp/venv-datasette/bin/pip install datasette``
(``LANGELIS_BENCH_DATASETTE`` points at another ``datasette`` executable). The 100,000-service data
is built once by :mod:`bench.bench_directory`'s loader into ``LANGELIS_BENCH_LOAD_SQLITE`` (default
``/tmp/langelis-load-100k.db``) and the PostgreSQL database ``langelis_load_100k``, then reused.
Nothing asserts on time: the table informs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bench.common import PG_URL, SECRET, BenchDatabase

ROOT = Path(__file__).resolve().parents[1]
TMP = Path(tempfile.gettempdir())
SQLITE_FILE = Path(os.environ.get("LANGELIS_BENCH_LOAD_SQLITE", str(TMP / "langelis-load-100k.db")))
PG_NAME = "langelis_load_100k"
DATASETTE = os.environ.get("LANGELIS_BENCH_DATASETTE", str(TMP / "venv-datasette" / "bin" / "datasette"))
CONNECTIONS = 16
ROUNDS = int(os.environ.get("LANGELIS_BENCH_LOAD_ROUNDS", "3"))
MUNICIPALITY = "vilniaus-m"
BENCH_EMAIL = "load-bench@example.lt"

PAGE_SQL = (
    "SELECT s.*, o.name AS organization_name, m.slug AS municipality FROM services s "
    "JOIN organizations o ON o.id = s.organization_id JOIN municipalities m ON m.id = s.municipality_id "
    "WHERE s.deleted_at IS NULL AND s.municipality_id = {mid} ORDER BY s.sort_name, s.id LIMIT 51"
)
LOCATIONS_SQL = (
    "SELECT sl.service_id, l.* FROM service_at_locations sl JOIN locations l ON l.id = sl.location_id "
    "WHERE sl.service_id IN ({ids}) AND l.deleted_at IS NULL ORDER BY sl.created_at, l.id"
)


@dataclass
class Result:
    label: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


# --- data ------------------------------------------------------------------------------------------


def _pg_admin() -> sa.Engine:
    base = PG_URL.replace("postgresql://", "postgresql+psycopg://", 1).rsplit("/", 1)[0]
    return sa.create_engine(base + "/postgres", isolation_level="AUTOCOMMIT")


def database_url(kind: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{SQLITE_FILE}"
    return PG_URL.rsplit("/", 1)[0] + f"/{PG_NAME}"


def ensure_data(kind: str) -> str:
    """The 100,000-service database, built once (bench_directory's loader) and kept."""
    from api.cli import migrate
    from bench import bench_directory

    url = database_url(kind)
    if kind == "sqlite" and SQLITE_FILE.exists():
        migrate(url=url)  # a kept file gets this tree's newer migrations (e.g. search indexes)
        return url
    if kind == "postgresql":
        admin = _pg_admin()
        with admin.connect() as conn:
            exists = conn.execute(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": PG_NAME}
            ).first()
        admin.dispose()
        if exists:
            migrate(url=url)
            return url
    # Built under another name and renamed once complete: an interrupted build (Ctrl-C, a killed
    # run) leaves no half-filled file or database that a later run would take as the data.
    partial = SQLITE_FILE.with_name(SQLITE_FILE.name + ".partial")
    db = BenchDatabase(kind, path=partial)
    db.name = f"{PG_NAME}_partial"
    if kind == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
    else:
        with _pg_admin().connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{db.name}" WITH (FORCE)'))
    db.__enter__()  # created and migrated; deliberately not dropped (no __exit__)
    print(f"building {kind} data ({bench_directory.N} services) …", flush=True)
    print(bench_directory.load(db), flush=True)
    assert db.engine is not None
    db.engine.dispose()  # the last connection closes: SQLite folds its WAL back into the file
    if kind == "sqlite":
        for suffix in ("-wal", "-shm"):  # moved beside the file if SQLite kept them
            Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)
            if Path(f"{partial}{suffix}").exists():
                os.replace(f"{partial}{suffix}", f"{SQLITE_FILE}{suffix}")
        os.replace(partial, SQLITE_FILE)
    else:
        with _pg_admin().connect() as conn:
            conn.execute(sa.text(f'ALTER DATABASE "{db.name}" RENAME TO "{PG_NAME}"'))
    return url


def bench_user_token(url: str) -> str:
    """A signed-in resident for ``GET /api/v1/me`` (created once) and an access token for it."""
    from sqlmodel import Session, select

    from api.accounts.models import User
    from api.accounts.scopes import allowed_scopes
    from api.core.config import Settings
    from api.core.db import make_engine
    from api.core.security import encode_token

    engine = make_engine(url)
    with Session(engine) as session:
        user = session.exec(select(User).where(User.email == BENCH_EMAIL)).first()
        if user is None:
            user = User(email=BENCH_EMAIL, role="resident", display_name="Load bench", is_active=True)
            session.add(user)
            session.commit()
            session.refresh(user)
        subject, scopes = f"user:{user.id}", sorted(allowed_scopes(user.role, user.extra_scopes))
    engine.dispose()
    settings = Settings(_env_file=None, database_url=url, secret_key=SECRET)
    token, _ = encode_token(settings, subject=subject, typ="access", scopes=scopes, ttl_seconds=7200)
    return token


def sample_ids(url: str) -> dict[str, str]:
    """What the URLs need: the municipality's id, one service, a cursor 25,000 rows deep."""
    from api.core.db import make_engine
    from api.core.pagination import encode_cursor

    engine = make_engine(url)
    with engine.connect() as conn:
        mid = conn.execute(
            sa.text("SELECT id FROM municipalities WHERE slug = :s"), {"s": MUNICIPALITY}
        ).scalar()
        deep = conn.execute(
            sa.text(
                "SELECT sort_name, id FROM services WHERE deleted_at IS NULL ORDER BY sort_name, id LIMIT 1 OFFSET 25000"
            )
        ).one()
    engine.dispose()
    deep_id = deep[1] if isinstance(deep[1], uuid.UUID) else uuid.UUID(str(deep[1]))
    return {
        "mid": str(mid),
        "mid_hex": uuid.UUID(str(mid)).hex,
        "service": str(deep_id),
        "deep_cursor": encode_cursor("name", [deep[0], deep_id]),
    }


# --- servers ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_up(base: str, proc: subprocess.Popen[bytes], path: str = "/healthz") -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(base + path, timeout=2) as r:  # noqa: S310 (our own http URL)
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{base} did not come up")


@contextmanager
def langelis_server(
    tree: Path, url: str, workers: int, log: Path, extra: dict[str, str] | None = None
) -> Iterator[str]:
    port = free_port()
    env = {
        **os.environ,
        **(extra or {}),
        "LANGELIS_DATABASE_URL": url,
        "LANGELIS_SECRET_KEY": SECRET,
        "LANGELIS_ENVIRONMENT": "production",
        "LANGELIS_LOG_JSON": "true",
        "LANGELIS_LOG_LEVEL": "INFO",
        # The tree's own code first: a compared tree whose .venv is another checkout's (a symlink,
        # or an editable install) would otherwise import that checkout's ``api``.
        "PYTHONPATH": str(tree.resolve()),
    }
    exe = tree / ".venv" / "bin" / "langelis"
    cmd = [str(exe), "serve", "--port", str(port), "--workers", str(workers)]
    with log.open("ab") as out:
        proc = subprocess.Popen(cmd, cwd=tree, env=env, stdout=out, stderr=out)  # noqa: S603
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_up(base, proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def datasette_server(path: Path, log: Path) -> Iterator[str]:
    port = free_port()
    cmd = [DATASETTE, "serve", str(path), "--port", str(port)]  # its default settings
    with log.open("ab") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=out)  # noqa: S603
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_up(base, proc, "/-/versions.json")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()


# --- load ------------------------------------------------------------------------------------------

_UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s|m)", text)
    return round(float(m.group(1)) * _UNIT[m.group(2)], 2) if m else float("nan")


# Each server is loaded with each URL for a second before its rounds: every worker has opened its
# connections and, with remembered pages, computed the page once (the first second after a start is
# not the steady state the rounds measure; a cold start is its own figure).
WARMUP_SECONDS = 1


def wrk(label: str, url: str, seconds: int, headers: dict[str, str] | None = None) -> Result:
    cmd = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for k, v in (headers or {}).items():
        cmd += ["-H", f"{k}: {v}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if sock:
        errors += sum(int(x) for x in sock.groups())
    return Result(
        label, round(rps, 1), _ms(p50.group(1)) if p50 else 0, _ms(p99.group(1)) if p99 else 0, errors
    )


def _check(url: str, headers: dict[str, str] | None = None) -> None:
    """Each URL answers 200 once before it is loaded (a 4xx at full speed proves nothing)."""
    req = urllib.request.Request(url, headers=headers or {})  # noqa: S310
    with urllib.request.urlopen(req, timeout=60) as r:  # noqa: S310
        if r.status != 200:
            raise RuntimeError(f"{url}: {r.status}")


def raw_floor(kind: str, url: str, mid: str, seconds: int) -> Result:
    """The page and its locations through the bare driver, 16 threads, one connection each."""
    stop = time.monotonic() + seconds
    samples: list[float] = []
    lock = threading.Lock()

    def connect() -> tuple[Any, Callable[[str], str], Any]:
        if kind == "sqlite":
            conn = sqlite3.connect(str(SQLITE_FILE), check_same_thread=False)
            return conn, lambda v: f"'{v}'", conn
        import psycopg

        conn = psycopg.connect(url, autocommit=True)
        return conn, lambda v: f"'{v}'", conn

    def loop() -> None:
        conn, quote, _ = connect()
        mine: list[float] = []
        page_sql = PAGE_SQL.format(mid=quote(uuid.UUID(mid).hex if kind == "sqlite" else mid))
        while time.monotonic() < stop:
            t0 = time.perf_counter()
            cur = conn.execute(page_sql)
            rows = cur.fetchall()
            ids = ",".join(quote(r[0]) for r in rows[:50])
            if ids:
                conn.execute(LOCATIONS_SQL.format(ids=ids)).fetchall()
            mine.append(time.perf_counter() - t0)
        conn.close()
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=loop) for _ in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    return Result(
        f"raw {kind} driver: page + locations",
        round(len(samples) / seconds, 1),
        round(statistics.median(ordered) * 1000, 2),
        round(p99 * 1000, 2),
        0,
    )


def median(rounds: list[Result]) -> Result:
    """The round with the median requests/s (its own p50 and p99), errors summed over rounds."""
    ordered = sorted(rounds, key=lambda r: r.rps)
    mid = ordered[len(ordered) // 2]
    return Result(mid.label, mid.rps, mid.p50_ms, mid.p99_ms, sum(r.errors for r in rounds))


def urls(ids: dict[str, str]) -> list[tuple[str, str, bool]]:
    """(label, path, signed in)."""
    return [
        ("/healthz", "/healthz", False),
        (
            "directory page (municipality, 50)",
            f"/api/v1/services?municipality={MUNICIPALITY}&limit=50",
            False,
        ),
        ("directory page 25,000 rows deep", f"/api/v1/services?limit=50&cursor={ids['deep_cursor']}", False),
        ("directory q=житла", "/api/v1/services?q=%D0%B6%D0%B8%D1%82%D0%BB%D0%B0&limit=50", False),
        ("one service", f"/api/v1/services/{ids['service']}", False),
        ("HSDS /services page 1 (50)", "/hsds/services?page=1&per_page=50", False),
        ("HSDS /services page 500 (50)", "/hsds/services?page=500&per_page=50", False),
        ("directory page, signed in", f"/api/v1/services?municipality={MUNICIPALITY}&limit=50", True),
        ("GET /api/v1/me, signed in", "/api/v1/me", True),
    ]


def datasette_urls(ids: dict[str, str]) -> list[tuple[str, str]]:
    db = SQLITE_FILE.stem
    rows = "&deleted_at__isnull=1&_sort=sort_name&_size=50&_shape=objects&_nosuggest=1"
    return [
        ("directory page (municipality, 50)", f"/{db}/services.json?municipality_id={ids['mid_hex']}{rows}"),
        ("first page of all (50), as an HSDS page", f"/{db}/services.json?{rows[1:]}"),
    ]


AUTH_FLOOR = ("/healthz", "GET /api/v1/me, signed in")


@contextmanager
def small_database(kind: str, demo: bool = False) -> Iterator[str]:
    """A fresh migrated database without directory data (``--auth-floor``), or with the demo data
    (``--public-reads``), dropped after."""
    with BenchDatabase(kind) as db:
        assert db.engine is not None
        db.engine.dispose()
        if demo:
            from api import registry
            from api.main import create_app

            app = create_app(db.settings(demo=True))
            with app.state.session_factory() as session:
                registry.seed(session, demo=True)
            # What the minute's job would do next: the analytics cells, before any request is timed.
            from api.indicators.analytics.cells import build

            with app.state.session_factory() as session:
                build(session)
            app.state.engine.dispose()
        yield db.url


def public_ids(url: str) -> dict[str, str]:
    """A published idea and a published event of Vilnius in the demo data."""
    from api.core.db import make_engine

    engine = make_engine(url)
    with engine.connect() as conn:
        idea = conn.execute(
            sa.text(
                "SELECT i.id FROM ideas i JOIN municipalities m ON m.id = i.municipality_id "
                "WHERE m.slug = :m AND i.state = 'published' AND i.moderation = 'visible' ORDER BY i.id LIMIT 1"
            ),
            {"m": MUNICIPALITY},
        ).scalar_one()
        event = conn.execute(
            sa.text(
                "SELECT e.id FROM events e JOIN municipalities m ON m.id = e.municipality_id "
                "WHERE m.slug = :m AND e.status = 'scheduled' ORDER BY e.id LIMIT 1"
            ),
            {"m": MUNICIPALITY},
        ).scalar_one()
    engine.dispose()
    return {"idea": str(uuid.UUID(str(idea))), "event": str(uuid.UUID(str(event)))}


def public_urls(ids: dict[str, str]) -> list[tuple[str, str, bool]]:
    """(label, path, signed in) of the public reads beyond the directory, on the demo data."""
    analytics = "/api/v1/analytics?indicator=foreign_residents,tcn_share&period=LAST_5_YEARS"
    return [
        ("/healthz", "/healthz", False),
        ("ideas board (newest, 20)", f"/api/v1/ideas?municipality={MUNICIPALITY}&limit=20", False),
        (
            "ideas board (by votes, 20)",
            f"/api/v1/ideas?municipality={MUNICIPALITY}&sort=-vote_count&limit=20",
            False,
        ),
        ("one idea", f"/api/v1/ideas/{ids['idea']}", False),
        ("events list (20)", f"/api/v1/events?municipality={MUNICIPALITY}&limit=20", False),
        ("one event", f"/api/v1/events/{ids['event']}", False),
        ("events iCalendar feed", f"/api/v1/event-feeds/municipalities/{MUNICIPALITY}.ics", False),
        ("indicator definitions", "/api/v1/indicators", False),
        (
            "analytics (2 indicators, a county's municipalities, sex)",
            f"{analytics}&place=county-kaunas/municipalities&breakdown=sex",
            False,
        ),
        (
            "analytics (1 indicator, 60 municipalities, 5 years)",
            "/api/v1/analytics?indicator=foreign_residents&period=2021..2025&place=municipalities",
            False,
        ),
    ]


def run(
    kind: str,
    workers: list[int],
    seconds: int,
    trees: dict[str, tuple[Path, dict[str, str]]],
    only: set[str] | None,
    auth_floor: bool = False,
    public_reads: bool = False,
) -> list[Result]:
    """Every server of the run (each tree, Datasette) is up at once and idle but for the one being
    loaded; each URL is loaded on every server in turn, so they all see the same machine."""
    with ExitStack() as stack:
        small = auth_floor or public_reads
        url = stack.enter_context(small_database(kind, demo=public_reads)) if small else ensure_data(kind)
        if public_reads:
            ids = public_ids(url)
        else:
            ids = {"deep_cursor": "", "service": ""} if auth_floor else sample_ids(url)
        token = bench_user_token(url)
        auth = {"Authorization": f"Bearer {token}"}
        log = TMP / f"langelis-load-{kind}.log"
        results: list[Result] = []
        datasette = (
            stack.enter_context(datasette_server(SQLITE_FILE, log))
            if kind == "sqlite" and Path(DATASETTE).exists() and not small
            else None
        )
        for n in workers:
            with ExitStack() as servers:
                bases = {
                    name: servers.enter_context(langelis_server(tree, url, n, log, extra))
                    for name, (tree, extra) in trees.items()
                }
                for label, path, signed in public_urls(ids) if public_reads else urls(ids):
                    if only and not any(o in label for o in only):
                        continue
                    if auth_floor and label not in AUTH_FLOOR:
                        continue
                    headers = auth if signed else None
                    for base in bases.values():
                        _check(base + path, headers)
                        wrk("warm-up", base + path, WARMUP_SECONDS, headers)  # not counted
                    rounds: dict[str, list[Result]] = {name: [] for name in bases}
                    for _ in range(ROUNDS):  # interleaved: every server sees the same machine load
                        for name, base in bases.items():
                            tag = f" [{name}]" if len(trees) > 1 else ""
                            case = f"{kind}, {n} worker(s){tag}: {label}"
                            rounds[name].append(wrk(case, base + path, seconds, headers))
                    for name in bases:
                        results.append(median(rounds[name]))
                        print(results[-1], flush=True)
                    if (
                        datasette
                        and n == workers[0]
                        and label.startswith(("directory page (", "HSDS /services page 1"))
                    ):
                        ds_label, ds_path = datasette_urls(ids)[0 if label.startswith("directory") else 1]
                        _check(datasette + ds_path)
                        ds = [
                            wrk(f"Datasette: {ds_label}", datasette + ds_path, seconds) for _ in range(ROUNDS)
                        ]
                        results.append(median(ds))
                        print(results[-1], flush=True)
        if small:
            return results
        results.append(raw_floor(kind, url, ids["mid"], seconds))
        print(results[-1], flush=True)
        return results


def table(results: list[Result]) -> str:
    lines = ["| case | requests/s | p50 ms | p99 ms | errors |", "|---|---:|---:|---:|---:|"]
    lines += [f"| {r.label} | {r.rps:,.1f} | {r.p50_ms} | {r.p99_ms} | {r.errors} |" for r in results]
    return "\n".join(lines)


def _interrupted(*_: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose .venv serves")
    parser.add_argument(
        "--compare", type=Path, default=None, help="another checkout (e.g. main) measured in the same run"
    )
    parser.add_argument(
        "--computed",
        action="store_true",
        help="also serve this tree with remembered directory pages off (LANGELIS_DIRECTORY_CACHE_MB=0)",
    )
    parser.add_argument("--only", default="", help="comma-separated label fragments")
    parser.add_argument(
        "--auth-floor",
        action="store_true",
        help="only /healthz and the signed-in /api/v1/me, on a small fresh database (quick)",
    )
    parser.add_argument(
        "--public-reads",
        action="store_true",
        help="the ideas board, events and analytics, anonymous, on a fresh database with the demo data",
    )
    args = parser.parse_args(argv if argv is not None else [])
    signal.signal(signal.SIGTERM, _interrupted)  # unwinds, so every server this run started stops
    os.environ.setdefault("LANGELIS_SECRET_KEY", SECRET)  # migrations read the settings
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install -y wrk)")
    only = {o for o in args.only.split(",") if o} or None
    results: list[Result] = []
    for kind in [k for k in args.db.split(",") if k]:
        trees: dict[str, tuple[Path, dict[str, str]]] = {"this": (args.tree, {})}
        if args.computed:
            trees["computed"] = (args.tree, {"LANGELIS_DIRECTORY_CACHE_MB": "0"})
        if args.compare:
            trees["compare"] = (args.compare, {})
        results += run(
            kind,
            [int(w) for w in args.workers.split(",")],
            args.seconds,
            trees,
            only,
            args.auth_floor,
            args.public_reads,
        )
    print()
    print(table(results))
    spread = [r for r in results if r.p50_ms > 0 and not r.label.endswith("/healthz")]
    if spread:
        worst = max(spread, key=lambda r: r.p99_ms / r.p50_ms)
        print(f"\nlargest p99 ÷ p50: {worst.p99_ms / worst.p50_ms:.1f} × ({worst.label})")


if __name__ == "__main__":
    main(sys.argv[1:])
