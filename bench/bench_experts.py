"""Expert search on 100,000 experts (PostgreSQL): the API beside hand-written SQL, in the same run.

Cases: three filters (competence, language with minimum level, country of residence), free text,
both together, and a second page (keyset: it should cost the same as the first). The raw SQL does
what a hand-written data layer would: one query that filters, scores, orders and pages, and gathers
each result's competences, languages and home municipalities, so both sides return the same
information. The API answers in-process (no network); as the public and as a coordinator (who also
sees contact details, which writes an audit entry per card shown).

    python -m bench experts            # LANGELIS_BENCH_EXPERTS=100000 by default
"""

from __future__ import annotations

import os
import random
import time
from typing import Any

import sqlalchemy as sa

from bench.common import SECRET, BenchDatabase, Stats, report

N = int(os.environ.get("LANGELIS_BENCH_EXPERTS", "100000"))
REPEAT = int(os.environ.get("LANGELIS_BENCH_REPEAT", "200"))
CHUNK = 5000

RAW_SQL = """
SELECT p.id, p.display_name, p.headline, p.country, p.city, p.bio, p.help_topics, p.tags,
       p.hours_per_month, p.ways, p.mentor_capacity, p.confirmed_at, s.score,
       (SELECT string_agg(c.competence_code, ',') FROM expert_competences c WHERE c.expert_id = p.id) AS competences,
       (SELECT string_agg(l.language || ':' || l.level, ',') FROM expert_languages l WHERE l.expert_id = p.id) AS languages,
       (SELECT string_agg(m.slug, ',') FROM expert_homes h JOIN municipalities m ON m.id = h.municipality_id
         WHERE h.expert_id = p.id) AS homes
FROM (
    SELECT p.id, p.display_name, ({score}) AS score
    FROM expert_profiles p
    WHERE p.visibility = 'public' AND p.confirmed_at >= :cutoff {where}
    ORDER BY score DESC, p.display_name, p.id
    LIMIT 21
) s
JOIN expert_profiles p ON p.id = s.id
ORDER BY s.score DESC, s.display_name, s.id
"""
HOURS = "CASE WHEN p.hours_per_month >= 20 THEN 10 ELSE p.hours_per_month / 2 END"
COMPETENCE = "30 * (SELECT count(*) FROM expert_competences c WHERE c.expert_id = p.id AND c.competence_code = :competence)"
LANGUAGE = (
    "CASE WHEN coalesce((SELECT max(l.level_rank) FROM expert_languages l WHERE l.expert_id = p.id "
    "AND l.language = :language), 0) >= :rank THEN 20 + (coalesce((SELECT max(l.level_rank) FROM expert_languages l "
    "WHERE l.expert_id = p.id AND l.language = :language), 0) - :rank) * 3 ELSE 0 END"
)
COUNTRY = "CASE WHEN p.country = :country THEN 5 ELSE 0 END"
TERM = "CASE WHEN p.search_topics LIKE :pattern THEN 15 WHEN p.search_text LIKE :pattern THEN 8 ELSE 0 END"
WHERE_FILTERS = (
    " AND p.id IN (SELECT expert_id FROM expert_competences WHERE competence_code = :competence)"
    " AND p.id IN (SELECT expert_id FROM expert_languages WHERE language = :language AND level_rank >= :rank)"
    " AND p.country = :country"
)
WHERE_TERM = " AND p.search_text LIKE :pattern"


def _raw(filters: bool, text: bool) -> str:
    parts, where = [], ""
    if filters:
        parts += [COMPETENCE, LANGUAGE]
    if filters:
        parts.append(COUNTRY)
        where += WHERE_FILTERS
    if text:
        parts.append(TERM)
        where += WHERE_TERM
    parts.append(HOURS)
    return RAW_SQL.format(score=" + ".join(parts), where=where)


def load(db: BenchDatabase) -> dict[str, Any]:
    from sqlmodel import Session, select

    from api.accounts.models import User
    from api.core.db import utcnow
    from api.core.security import hash_password
    from api.experts.demo import people as demo_people
    from api.municipalities.models import Municipality

    started = time.perf_counter()
    assert db.engine is not None
    with Session(db.engine) as session:
        slugs = {m.slug: m.id for m in session.exec(select(Municipality)).all()}
        rng = random.Random(42)
        password_hash = hash_password("bench-password-123")
        now = utcnow()
        done = 0
        while done < N:
            n = min(CHUNK, N - done)
            rows = demo_people.generate(
                rng,
                n,
                slugs=slugs,
                password_hash=password_hash,
                now=now,
                email_prefix=f"b{done:07d}-",
                email_domain="bench.test",
            )
            demo_people.insert(session, rows)
            session.commit()
            done += n
        coordinator = User(
            email="coordinator@bench.test",
            role="coordinator",
            display_name="Bench Coordinator",
            municipality_id=slugs["vilniaus-m"],
            email_verified_at=now,
        )
        session.add(coordinator)
        session.commit()
        session.refresh(coordinator)
        session.expunge(coordinator)
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        # As after a bulk load in production: statistics, and the visibility map for index-only scans.
        conn.execute(sa.text("VACUUM ANALYZE"))
        counts = {
            t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar()
            for t in ("expert_profiles", "expert_competences", "expert_languages", "expert_homes")
        }
    return {
        "coordinator": coordinator,
        "counts": counts,
        "load_seconds": round(time.perf_counter() - started, 1),
    }


class ReusedDatabase(BenchDatabase):
    """An already loaded benchmark database (LANGELIS_BENCH_EXPERTS_URL), kept afterwards: for
    measuring again without loading 100,000 experts again."""

    def __init__(self, url: str) -> None:
        super().__init__("postgresql")
        self.url = url

    def __enter__(self) -> BenchDatabase:
        from api.core.db import make_engine

        self.engine = make_engine(self.url)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.engine is not None:
            self.engine.dispose()


def interleaved(api: Any, raw: Any, *, repeat: int, warmup: int = 10) -> tuple[Stats, Stats]:
    """Time the API and the raw query alternately, so both see the same machine load."""
    for _ in range(warmup):
        api()
        raw()
    api_samples, raw_samples = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        api()
        api_samples.append(time.perf_counter() - started)
        started = time.perf_counter()
        raw()
        raw_samples.append(time.perf_counter() - started)
    return Stats.of(api_samples), Stats.of(raw_samples)


def reused(db: BenchDatabase) -> dict[str, Any]:
    from sqlmodel import Session, select

    from api.accounts.models import User

    assert db.engine is not None
    with Session(db.engine) as session:
        coordinator = session.exec(select(User).where(User.email == "coordinator@bench.test")).one()
        session.expunge(coordinator)
    with db.engine.connect() as conn:
        counts = {
            t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar()
            for t in ("expert_profiles", "expert_competences", "expert_languages", "expert_homes")
        }
    return {"coordinator": coordinator, "counts": counts, "load_seconds": 0}


def main() -> None:
    from api.core.db import utcnow
    from api.experts.common import fresh_cutoff

    # The harness migrates through the `langelis` settings, which need a key outside demo mode.
    os.environ.setdefault("LANGELIS_SECRET_KEY", SECRET)
    reuse = os.environ.get("LANGELIS_BENCH_EXPERTS_URL")
    keep = os.environ.get("LANGELIS_BENCH_KEEP") == "1"
    database = ReusedDatabase(reuse) if reuse else BenchDatabase("postgresql")
    if keep and not reuse:
        # Keep the loaded database for LANGELIS_BENCH_EXPERTS_URL (drop it by hand afterwards).
        database = ReusedDatabase.__new__(ReusedDatabase)
        BenchDatabase.__init__(database, "postgresql")
        BenchDatabase.__enter__(database)
        print(f"loading into {database.url} (kept)")
        reuse = None
    with database as db:
        loaded = reused(db) if reuse else load(db)
        print(f"loaded {loaded['counts']} in {loaded['load_seconds']} s")
        _app, client = db.app_client()
        staff = {"Authorization": f"Bearer {db.token(loaded['coordinator'])}"}
        cutoff = fresh_cutoff(utcnow())
        filters = {"competence": "software", "language": "en", "min_level": "C1", "country": "GB"}
        text = {"q": "renovacija"}
        params = {
            "competence": "software",
            "language": "en",
            "rank": 5,
            "country": "GB",
            "pattern": "%renovacija%",
            "cutoff": cutoff,
        }
        cases: list[tuple[str, dict[str, Any], bool, bool]] = [
            ("three filters", filters, True, False),
            ("free text", text, False, True),
            ("three filters + free text", {**filters, **{"q": "duomenys"}}, True, True),
        ]
        rows: list[tuple[str, Stats, Stats | None]] = []
        sizes = {}
        for label, query, with_filters, with_text in cases:
            sql = _raw(with_filters, with_text)
            raw_params = {**params, **({"pattern": "%duomenys%"} if label.endswith("+ free text") else {})}
            first = client.get("/api/v1/experts", params=query)
            assert first.status_code == 200, first.text
            raw_rows = db.raw(sql, raw_params)
            api_ids = [h["id"] for h in first.json()["items"]]
            assert api_ids == [str(r[0]) for r in raw_rows[:20]], f"{label}: API and raw SQL disagree"
            sizes[label] = len(api_ids)

            def run_raw(s: str = sql, p: dict[str, Any] = raw_params) -> Any:
                return db.raw(s, p)

            api, raw = interleaved(
                lambda q=query: client.get("/api/v1/experts", params=q), run_raw, repeat=REPEAT
            )
            rows.append((f"GET /experts {label}", api, raw))
            if label == "three filters":
                staff_api, raw2 = interleaved(
                    lambda q=query: client.get("/api/v1/experts", params=q, headers=staff),
                    run_raw,
                    repeat=REPEAT,
                )
                rows.append((f"GET /experts {label} (coordinator)", staff_api, raw2))
                cursor = first.json()["next_cursor"]
                if cursor:
                    page2, raw3 = interleaved(
                        lambda q=query, c=cursor: client.get("/api/v1/experts", params={**q, "cursor": c}),
                        run_raw,
                        repeat=REPEAT,
                    )
                    rows.append((f"GET /experts {label}, page 2", page2, raw3))
        with db.connection() as conn:
            plan = conn.execute(
                sa.text("EXPLAIN ANALYZE " + _raw(False, True)), {**params, "cutoff": cutoff}
            ).fetchall()
        report(
            "experts",
            rows,
            extra={
                "experts": N,
                "table_rows": loaded["counts"],
                "load_seconds": loaded["load_seconds"],
                "results_per_case": sizes,
                "free_text_plan": [r[0] for r in plan],
                "note": "in-process ASGI client; raw = one hand-written query returning the same page",
            },
        )


if __name__ == "__main__":
    main()
