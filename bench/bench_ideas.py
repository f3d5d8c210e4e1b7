"""Ideas benchmark on PostgreSQL: 100,000 ideas and 2,000,000 votes.

* The board sorted by votes (first page and a deep page, 30,000 rows in) through the API, beside
  the same keyset query written by hand.
* Vote casting by 50 concurrent clients through the API, beside raw SQL doing the same checks in
  the same order (rate-limit counter in its own transaction, revoked-token and account lookups, the
  idea's visibility with its block and limit lookups in one statement, INSERT … ON CONFLICT DO
  NOTHING, the atomic counter).

Seeding is server-side (INSERT … SELECT over generate_series, ids from md5 of the row number), so
two million votes load in seconds. Run with ``make bench BENCH=ideas``.
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import sqlalchemy as sa

from bench.common import BenchDatabase, Stats, Timer, report

IDEAS = 100_000
VOTERS = 20_000
VOTES_PER_VOTER = 100  # 2,000,000 votes
CLIENTS = 50
VOTES_PER_CLIENT = 40
DEEP = 30_000
VILNIUS = "vilniaus-m"


def seed(db: BenchDatabase) -> dict[str, Any]:
    started = time.perf_counter()
    with db.connection() as conn:
        muni = {
            slug: mid
            for slug, mid in conn.execute(
                sa.text("SELECT slug, id FROM municipalities WHERE slug = ANY(:s)"),
                {"s": ["vilniaus-m", "kauno-m", "klaipedos-m", "siauliu-m", "panevezio-m"]},
            )
        }
        ids = [
            muni["vilniaus-m"],
            muni["vilniaus-m"],
            muni["kauno-m"],
            muni["klaipedos-m"],
            muni["siauliu-m"],
        ]
        conn.execute(
            sa.text("""
            INSERT INTO users (id, email, password_hash, role, display_name, country, preferred_language,
                               extra_scopes, is_active, email_verified_at, created_at, updated_at, version)
            SELECT md5('user' || g)::uuid, 'bench' || g || '@bench.lt', NULL, 'resident', 'Bench ' || g,
                   CASE WHEN g % 3 = 0 THEN 'IE' ELSE 'LT' END, 'lt', '[]'::jsonb, true, now(), now(), now(), 1
            FROM generate_series(1, :n) g
        """),
            {"n": VOTERS + CLIENTS},
        )
        conn.execute(
            sa.text("""
            INSERT INTO ideas (id, municipality_id, category, title, body, image_urls, author_id, author_name,
                               author_country, author_residence, author_blocked, state, moderation, vote_count,
                               comment_count, follower_count, search, created_at, updated_at, listed_at,
                               published_at, version)
            SELECT md5('idea' || g)::uuid, (ARRAY[:m0, :m1, :m2, :m3, :m4]::uuid[])[1 + g % 5], 'public_space',
                   jsonb_build_object('lt', 'Idėja ' || g), jsonb_build_object('lt', 'Aprašymas ' || g), '[]'::jsonb,
                   md5('user' || (1 + g % :voters))::uuid, 'Bench ' || g, 'LT', 'resident', false,
                   CASE WHEN g % 50 = 0 THEN 'withdrawn' ELSE 'published' END, 'visible', 0, 0, 1, 'ideja ' || g,
                   now() - (g || ' minutes')::interval, now(), now() - (g || ' minutes')::interval,
                   now() - (g || ' minutes')::interval, 1
            FROM generate_series(0, :n - 1) g
        """),
            {"n": IDEAS, "voters": VOTERS, **{f"m{i}": m for i, m in enumerate(ids)}},
        )
        # Bulk load as a restore would: no per-row foreign-key triggers (superuser session setting),
        # and the vote indexes rebuilt once at the end instead of maintained row by row.
        conn.execute(sa.text("SET session_replication_role = replica"))
        conn.execute(sa.text("ALTER TABLE idea_votes DROP CONSTRAINT pk_idea_votes"))
        conn.execute(sa.text("DROP INDEX ix_idea_votes_user_muni_at"))
        # Each voter votes for 100 distinct ideas (4729 is coprime with 5,000 and 95,000); popularity is
        # skewed: a quarter of each person's votes go to the first 5,000 ideas.
        conn.execute(
            sa.text("""
            INSERT INTO idea_votes (idea_id, user_id, municipality_id, voter_residence, created_at)
            SELECT md5('idea' || x.k)::uuid, md5('user' || x.u)::uuid,
                   (ARRAY[:m0, :m1, :m2, :m3, :m4]::uuid[])[1 + x.k % 5], 'resident', now()
            FROM (
                SELECT u, CASE WHEN j <= 25 THEN (u * 7919 + j * 4729) % 5000
                               ELSE 5000 + (u * 7919 + j * 4729) % (:n - 5000) END AS k
                FROM generate_series(1, :voters) u, generate_series(1, :per) j
            ) x
        """),
            {"n": IDEAS, "voters": VOTERS, "per": VOTES_PER_VOTER, **{f"m{i}": m for i, m in enumerate(ids)}},
        )
        conn.execute(
            sa.text("ALTER TABLE idea_votes ADD CONSTRAINT pk_idea_votes PRIMARY KEY (idea_id, user_id)")
        )
        conn.execute(
            sa.text(
                "CREATE INDEX ix_idea_votes_user_muni_at ON idea_votes (user_id, municipality_id, created_at)"
            )
        )
        conn.execute(sa.text("SET session_replication_role = DEFAULT"))
        conn.execute(
            sa.text("""
            UPDATE ideas i SET vote_count = c.n
            FROM (SELECT idea_id, count(*) AS n FROM idea_votes GROUP BY idea_id) c WHERE c.idea_id = i.id
        """)
        )
        votes = conn.execute(sa.text("SELECT count(*) FROM idea_votes")).scalar_one()
        conn.commit()
        conn.execute(sa.text("ANALYZE"))
        conn.commit()
    return {
        "ideas": IDEAS,
        "votes": int(votes),
        "seed_seconds": round(time.perf_counter() - started, 1),
        "muni": muni,
    }


BOARD_SQL = """
SELECT * FROM ideas
WHERE municipality_id = :m AND state IN ('published','under_review','accepted','rejected','in_progress','implemented')
  AND state <> 'draft' AND moderation = 'visible' AND NOT author_blocked
  {after}
ORDER BY vote_count DESC, id DESC LIMIT 21
"""


def _async_timer(app: Any, url: str, *, repeat: int = 300, warmup: int = 20) -> Stats:
    """Time GETs through the ASGI app in its own event loop, as a server would run it (no
    test-client thread hops in the figures)."""

    async def run() -> list[float]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            for _ in range(warmup):
                await client.get(url)
            samples = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                r = await client.get(url)
                samples.append(time.perf_counter() - t0)
                assert r.status_code == 200, r.text
            return samples

    return Stats.of(asyncio.run(run()))


def board(db: BenchDatabase, app: Any, client: Any, muni_id: uuid.UUID) -> list[tuple[str, Stats, Stats]]:
    from api.core.pagination import encode_cursor

    with db.connection() as conn:
        row = conn.execute(
            sa.text(BOARD_SQL.format(after="").replace("LIMIT 21", f"OFFSET {DEEP} LIMIT 1")), {"m": muni_id}
        ).one()
    cursor = encode_cursor("-vote_count", [row.vote_count, row.id])
    first = client.get(f"/api/v1/ideas?municipality={VILNIUS}&sort=-vote_count")
    assert first.status_code == 200 and len(first.json()["items"]) == 20, first.text
    deep = client.get(f"/api/v1/ideas?municipality={VILNIUS}&sort=-vote_count&cursor={cursor}")
    assert deep.status_code == 200 and deep.json()["items"][0]["vote_count"] <= row.vote_count, deep.text
    after = "AND (vote_count, id) < (:v, :i)"
    rows = []
    api = _async_timer(app, f"/api/v1/ideas?municipality={VILNIUS}&sort=-vote_count")
    raw = Timer.run(lambda: db.raw(BOARD_SQL.format(after=""), {"m": muni_id}), repeat=300)
    rows.append(("board by votes, first page", api, raw))
    api = _async_timer(app, f"/api/v1/ideas?municipality={VILNIUS}&sort=-vote_count&cursor={cursor}")
    raw = Timer.run(
        lambda: db.raw(BOARD_SQL.format(after=after), {"m": muni_id, "v": row.vote_count, "i": row.id}),
        repeat=300,
    )
    rows.append((f"board by votes, deep page ({DEEP:,} in)", api, raw))
    return rows


def _voters(start: int) -> list[uuid.UUID]:
    import hashlib

    return [
        uuid.UUID(hashlib.md5(f"user{VOTERS + 1 + start + i}".encode(), usedforsecurity=False).hexdigest())
        for i in range(CLIENTS)
    ]


def _targets(client_no: int, offset: int) -> list[uuid.UUID]:
    import hashlib

    return [
        uuid.UUID(
            hashlib.md5(
                f"idea{(offset + client_no * 997 + j * 131) % IDEAS}".encode(), usedforsecurity=False
            ).hexdigest()
        )
        for j in range(VOTES_PER_CLIENT)
        if (offset + client_no * 997 + j * 131) % 50 != 0  # skip withdrawn ideas
    ]


def _concurrently(fn: Any) -> tuple[float, list[float]]:
    latencies: list[float] = []
    lock = threading.Lock()

    def worker(i: int) -> None:
        mine = fn(i)
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        list(pool.map(worker, range(CLIENTS)))
    return time.perf_counter() - started, latencies


RAW_VOTE = [
    "SELECT 1 FROM revoked_tokens WHERE jti = :jti",
    "SELECT * FROM users WHERE id = :u",
    """SELECT i.id, i.state, i.moderation, i.municipality_id, i.vote_count,
              EXISTS (SELECT 1 FROM idea_blocks b WHERE b.municipality_id = i.municipality_id AND b.user_id = :u)
                  AS blocked,
              (SELECT s.yearly_vote_limit FROM idea_settings s WHERE s.municipality_id = i.municipality_id)
                  AS vote_limit
       FROM ideas i
       WHERE i.id = :i AND ((i.state <> 'draft' AND i.moderation = 'visible' AND NOT i.author_blocked)
                            OR i.author_id = :u)""",
]


def votes(db: BenchDatabase, app: Any, *, in_process: bool = True) -> tuple[dict[str, Any], Stats, Stats]:
    from api.accounts.models import User
    from api.ideas.deps import IdeasSettings

    app.state.ideas_settings = IdeasSettings(vote_rate_limit=10**6)
    api_voters = _voters(0)
    tokens = [db.token(User(id=u, role="resident", extra_scopes=[])) for u in api_voters]

    async def api_run() -> tuple[float, list[float]]:
        # 50 concurrent clients against the app in one event loop, as under a server: the sync
        # route and its dependencies run in the threadpool, exactly as in production.
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:

            async def one(i: int) -> list[float]:
                out = []
                headers = {"Authorization": f"Bearer {tokens[i]}"}
                for idea in _targets(i, 0):
                    t0 = time.perf_counter()
                    r = await client.put(f"/api/v1/ideas/{idea}/vote", headers=headers)
                    out.append(time.perf_counter() - t0)
                    assert r.status_code == 201, r.text
                return out

            started = time.perf_counter()
            parts = await asyncio.gather(*(one(i) for i in range(CLIENTS)))
            return time.perf_counter() - started, [x for p in parts for x in p]

    api_wall, api_lat = asyncio.run(api_run()) if in_process else (1.0, [])

    raw_voters = [uuid.UUID(int=u.int ^ 1) for u in api_voters]
    assert db.engine is not None
    with db.connection() as conn:
        conn.execute(
            sa.text("""INSERT INTO users (id, email, role, display_name, country, preferred_language, extra_scopes,
                       is_active, created_at, updated_at, version)
                       SELECT u, 'raw-' || u || '@bench.lt', 'resident', 'Raw', 'LT', 'lt', '[]'::jsonb, true, now(), now(), 1
                       FROM unnest(CAST(:ids AS uuid[])) u"""),
            {"ids": raw_voters},
        )
        conn.commit()

    # A connection per client (50), as the clients are: the harness's own pool (40) made the raw
    # floor wait for connections, or time out, under load.
    from api.core.db import make_engine

    raw_engine = make_engine(db.url, pool_size=CLIENTS, max_overflow=0, pool_timeout=60)

    def raw_client(i: int) -> list[float]:
        out = []
        user = raw_voters[i]
        for idea in _targets(i, 50_000):
            t0 = time.perf_counter()
            window = int(time.time() // 60)
            with raw_engine.begin() as conn:
                # The sliding-window count: this window's row counted, the previous one's read.
                conn.execute(
                    sa.text("""INSERT INTO rate_limit_counters (bucket, window_start, count) VALUES (:b, :w, 1)
                               ON CONFLICT (bucket) DO UPDATE SET count = rate_limit_counters.count + 1
                               RETURNING count,
                                 (SELECT p.count FROM rate_limit_counters p WHERE p.bucket = :p)"""),
                    {"b": f"vote:{user}|60|{window}", "w": window * 60, "p": f"vote:{user}|60|{window - 1}"},
                ).one()
            with raw_engine.begin() as conn:
                params = {"jti": uuid.uuid4().hex, "u": user, "i": idea}
                conn.execute(sa.text(RAW_VOTE[0]), params).first()
                conn.execute(sa.text(RAW_VOTE[1]), params).one()
                found = conn.execute(sa.text(RAW_VOTE[2]), params).one()
                assert not found.blocked and found.vote_limit is None
                params["m"] = found.municipality_id
                inserted = conn.execute(
                    sa.text("""INSERT INTO idea_votes (idea_id, user_id, municipality_id, voter_residence, created_at)
                               VALUES (:i, :u, :m, 'resident', now()) ON CONFLICT DO NOTHING RETURNING idea_id"""),
                    params,
                ).first()
                assert inserted is not None
                conn.execute(
                    sa.text("""UPDATE ideas SET vote_count = vote_count + 1 WHERE id = :i
                               AND state IN ('published','under_review','accepted','in_progress','implemented')
                               RETURNING vote_count"""),
                    params,
                ).scalar_one()
            out.append(time.perf_counter() - t0)
        return out

    raw_wall, raw_lat = _concurrently(raw_client)
    raw_engine.dispose()
    extra: dict[str, Any] = {
        "raw_votes_per_second": round(len(raw_lat) / raw_wall, 1),
        "votes_each": len(raw_lat),
    }
    if in_process:
        extra["api_votes_per_second"] = round(len(api_lat) / api_wall, 1)
    return extra, Stats.of(api_lat or raw_lat), Stats.of(raw_lat)


def served_votes(db: BenchDatabase, *, offset: int = 20_000, src: str | None = None) -> dict[str, Any]:
    """Votes/s through a real server (`langelis serve`, two uvicorn workers by default, as in the
    Dockerfile) with 50 clients released together, each on its own connection; new ideas for the
    same voters as the in-process run (each run its own ``offset``: offsets 10,000 apart never share
    an idea for one voter). ``src``: a
    directory holding another ``api`` package to serve instead (a baseline copy of the code)."""
    import os
    import socket
    import subprocess
    import sys

    from api.accounts.models import User
    from bench.common import SECRET

    tokens = [db.token(User(id=u, role="resident", extra_scopes=[])) for u in _voters(0)]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "LANGELIS_DATABASE_URL": db.url, "LANGELIS_SECRET_KEY": SECRET,
           "LANGELIS_LOG_LEVEL": "WARNING", "LANGELIS_IDEAS_VOTE_RATE_LIMIT": "1000000"}  # fmt: skip
    # The production setting (the Dockerfile's): as many workers as the 2 cores the raw floor's 50
    # threads and PostgreSQL use too. LANGELIS_BENCH_VOTE_WORKERS=1 for one.
    workers = os.environ.get("LANGELIS_BENCH_VOTE_WORKERS", "2")
    cmd = [
        sys.executable,
        "-m",
        "api.cli",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        workers,
    ]
    if src is not None:
        env["PYTHONPATH"] = src
    proc = subprocess.Popen(cmd, env=env, cwd=src, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(timeout=1) as probe:
            for _ in range(600):  # polling for the port to open
                try:
                    if probe.get(f"{url}/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.05)
        barrier = threading.Barrier(CLIENTS)

        def client(i: int) -> list[float]:
            out = []
            with httpx.Client(
                base_url=url, timeout=60, headers={"Authorization": f"Bearer {tokens[i]}"}
            ) as c:
                c.get("/healthz")
                barrier.wait()
                for idea in _targets(i, offset):
                    t0 = time.perf_counter()
                    r = c.put(f"/api/v1/ideas/{idea}/vote")
                    if r.status_code == 201:
                        out.append(time.perf_counter() - t0)
                    else:  # only 503 (pool wait over LANGELIS_DATABASE_POOL_TIMEOUT) is expected
                        assert r.status_code == 503, r.text
                        with lock:
                            refused.append(r.status_code)
            return out

        refused: list[int] = []
        lock = threading.Lock()
        wall, lat = _concurrently(client)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {
        "served_votes_per_second": round(len(lat) / wall, 1),
        "served_p50_ms": Stats.of(lat).median_ms,
        "served_refused_503": len(refused),
    }


def served_rounds(db: BenchDatabase, baseline: str, rounds: int = 2) -> dict[str, Any]:
    """The real-server case for this code and for a baseline copy (``baseline``: a directory with
    the other ``api`` package), alternated in one run (which goes first alternates too) so both meet
    the same machine load."""
    out: dict[str, Any] = {}
    for r in range(rounds):
        pair = [("baseline", baseline), ("current", None)]
        for name, src in pair if r % 2 == 0 else pair[::-1]:
            got = served_votes(db, offset=20_000 + 10_000 * (2 * r + (src is None)), src=src)
            out.setdefault(f"{name}_served_votes_per_second", []).append(got["served_votes_per_second"])
            out.setdefault(f"{name}_served_p50_ms", []).append(got["served_p50_ms"])
            out.setdefault(f"{name}_served_refused_503", []).append(got["served_refused_503"])
    return out


def main() -> None:
    """``LANGELIS_BENCH_VOTES_ONLY=1``: the raw floor and the real-server votes only (no board, no
    in-process run). ``LANGELIS_BENCH_BASELINE_SRC=DIR``: the real-server case alternated with a
    baseline copy of the code in DIR (``DIR/api``), figures side by side."""
    import os

    votes_only = os.environ.get("LANGELIS_BENCH_VOTES_ONLY") == "1"
    baseline = os.environ.get("LANGELIS_BENCH_BASELINE_SRC")
    with BenchDatabase("postgresql") as db:
        info = seed(db)
        muni_id = info.pop("muni")[VILNIUS]
        print(f"seeded {info['ideas']:,} ideas and {info['votes']:,} votes in {info['seed_seconds']} s")
        app, client = db.app_client()
        rows = [] if votes_only else board(db, app, client, muni_id)
        vote_extra, api_votes, raw_votes = votes(db, app, in_process=not votes_only)
        raw = vote_extra["raw_votes_per_second"]
        if not votes_only:
            rows.append((f"vote, {CLIENTS} concurrent clients (latency)", api_votes, raw_votes))
            ratio = vote_extra["api_votes_per_second"] / raw
            vote_extra["throughput_ratio"] = round(ratio, 2)
            vote_extra["throughput_aim"] = "MEETS" if ratio >= 0.5 else "MISSES"
        if baseline:
            vote_extra.update(served_rounds(db, baseline))
            for name in ("baseline", "current"):
                best = max(vote_extra[f"{name}_served_votes_per_second"])
                vote_extra[f"{name}_served_ratio"] = round(best / raw, 2)
            vote_extra["served_votes_per_second"] = max(vote_extra["current_served_votes_per_second"])
        else:
            vote_extra.update(served_votes(db))
        served = vote_extra["served_votes_per_second"] / raw
        vote_extra["served_ratio"] = round(served, 2)
        vote_extra["served_aim"] = "MEETS" if served >= 0.5 else "MISSES"
        report("ideas", rows, {**info, **vote_extra})
        print(
            f"votes/s with {CLIENTS} clients: raw {raw}; in-process API "
            f"{vote_extra.get('api_votes_per_second', '-')}; through a real server "
            f"{vote_extra['served_votes_per_second']} (ratio {served:.2f}; aim ≥ 0.5: {vote_extra['served_aim']})"
        )
        if baseline:
            print(
                f"real server, alternated: baseline {vote_extra['baseline_served_votes_per_second']}, "
                f"current {vote_extra['current_served_votes_per_second']} votes/s (503s: baseline "
                f"{vote_extra['baseline_served_refused_503']}, current {vote_extra['current_served_refused_503']})"
            )


if __name__ == "__main__":
    main()
