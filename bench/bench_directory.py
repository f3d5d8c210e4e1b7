"""Service search on 100,000 services, on PostgreSQL and on SQLite: the API beside hand-written SQL
measured in the same run (timed alternately, so both see the same machine load).

Cases: two filters (municipality and a category with its sub-categories), free text in Ukrainian
(ranked), and the public list 500 pages deep (keyset cursor; it should cost what the first page
costs). The raw SQL does what a hand-written data layer would to return the same page: one query
that filters, orders and cuts the page (with the organisation's name and the municipality's code),
and one for the page's locations.

    python -m bench directory        # LANGELIS_BENCH_SERVICES=100000, LANGELIS_BENCH_REPEAT=200
                                     # LANGELIS_BENCH_DIRECTORY_DBS=postgresql,sqlite
"""

from __future__ import annotations

import os
import random
import time
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import sqlalchemy as sa

from bench.common import SECRET, BenchDatabase, Stats, report

N = int(os.environ.get("LANGELIS_BENCH_SERVICES", "100000"))
REPEAT = int(os.environ.get("LANGELIS_BENCH_REPEAT", "200"))
KINDS = [k for k in os.environ.get("LANGELIS_BENCH_DIRECTORY_DBS", "postgresql,sqlite").split(",") if k]
CHUNK = 5000
ORG_COPIES = 10  # 400 organisations
DEEP_PAGES = 500
PAGE = 20

COLUMNS = (
    "s.id, s.organization_id, s.name, s.description, s.categories, s.status, s.languages, s.eligible_statuses, "
    "s.age_min, s.age_max, s.sex, s.eligibility_note, s.format, s.level, s.free, s.cost_amount, "
    "s.cost_description, s.schedule, s.start_date, s.end_date, s.capacity, s.application_process, s.url, "
    "s.email, s.phone, s.funding_source, s.funding_ends_on, s.assured_date, s.assured_by, s.version, "
    "s.created_at, s.updated_at, o.name AS organization_name, m.slug AS municipality"
)
FROM = "FROM services s JOIN organizations o ON o.id = s.organization_id JOIN municipalities m ON m.id = s.municipality_id"
TWO_FILTERS = (
    f"SELECT {COLUMNS} {FROM} WHERE s.deleted_at IS NULL AND s.municipality_id = :municipality "
    "AND s.category_keys LIKE :category ORDER BY s.sort_name, s.id LIMIT 21"
)
FREE_TEXT = (
    f"SELECT {COLUMNS}, (CASE WHEN s.sort_name LIKE :pattern THEN 2 ELSE 0 END) AS score {FROM} "
    "WHERE s.deleted_at IS NULL AND s.search_text LIKE :pattern ORDER BY score DESC, s.sort_name, s.id LIMIT 21"
)
# SQLite answers free text from its FTS5 trigram table (directory_0008), sorting the candidates' keys
# before reading the page's rows: the same query the API sends, written by hand.
FREE_TEXT_SQLITE = (
    f"SELECT {COLUMNS}, p.score {FROM} JOIN ("
    "SELECT k.id, (CASE WHEN k.sort_name LIKE :pattern THEN 2 ELSE 0 END) AS score FROM services k "
    "WHERE k.deleted_at IS NULL AND k.id IN (SELECT r.service_id FROM service_search_rows r WHERE r.id IN "
    "(SELECT rowid FROM service_search WHERE service_search MATCH :phrase)) "
    "ORDER BY score DESC, k.sort_name, k.id LIMIT 21) p ON p.id = s.id "
    "ORDER BY p.score DESC, s.sort_name, s.id"
)
FIRST_PAGE = f"SELECT {COLUMNS} {FROM} WHERE s.deleted_at IS NULL ORDER BY s.sort_name, s.id LIMIT 21"
DEEP_PAGE = (
    f"SELECT {COLUMNS} {FROM} WHERE s.deleted_at IS NULL AND (s.sort_name, s.id) > (:after_name, :after_id) "
    "ORDER BY s.sort_name, s.id LIMIT 21"
)
UK_STEM = "житл"  # search_stems("житла")
LOCATIONS = (
    "SELECT sl.service_id, l.* FROM service_at_locations sl JOIN locations l ON l.id = sl.location_id "
    "WHERE sl.service_id IN ({ids}) AND l.deleted_at IS NULL ORDER BY sl.created_at, l.id"
)


def organizations(session: Any, rng: random.Random, now: Any) -> list[dict[str, Any]]:
    """The demo's organisations ``ORG_COPIES`` times over (400), inserted; each dict also carries
    ``slug`` (its municipality), ``host``, ``email`` and ``phone`` for the service rows."""
    from api.directory.demo.data import ORGANIZATIONS
    from api.directory.derived_fields import sort_name
    from api.municipalities.logic import get_by_slug
    from api.municipalities.models import Organization

    orgs: list[dict[str, Any]] = []
    for copy in range(ORG_COPIES):
        for slug, kind, lt, en in ORGANIZATIONS:
            name = {"lt": f"{lt} {copy + 1}" if copy else lt, "en": en}
            orgs.append(
                {
                    "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                    "municipality_id": get_by_slug(session, slug).id,
                    "slug": slug,
                    "name": name,
                    "kind": kind,
                    "host": "example.lt",
                    "email": "info@example.lt",
                    "phone": "+370 5 200 0000",
                }
            )
    session.execute(
        sa.insert(Organization.__table__),  # type: ignore[attr-defined]
        [
            {
                "id": o["id"],
                "municipality_id": o["municipality_id"],
                "name": o["name"],
                "kind": o["kind"],
                "description": {},
                "phones": [],
                "sort_name": sort_name(o["name"]),
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for o in orgs
        ],
    )
    return orgs


def one_place_each(
    session: Any, rng: random.Random, now: Any, orgs: list[dict[str, Any]]
) -> Callable[[dict[str, Any]], list[uuid.UUID]]:
    """One location per organisation (every 25th confidential), all at the same point; returns
    which locations a service row is at (its organisation's)."""
    from api.directory.models import Location

    locations = [
        {
            "id": uuid.UUID(int=rng.getrandbits(128), version=4),
            "organization_id": o["id"],
            "municipality_id": o["municipality_id"],
            "name": {"lt": o["name"]["lt"]},
            "address": f"Gedimino pr. {i % 90 + 1}",
            "city": o["slug"],
            "postal_code": "LT-01103",
            "latitude": 54.68,
            "longitude": 25.28,
            "accessibility": {},
            "opening_hours": [],
            "confidential": i % 25 == 0,
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        for i, o in enumerate(orgs)
    ]
    session.execute(sa.insert(Location.__table__), locations)  # type: ignore[attr-defined]
    location_of = {loc["organization_id"]: loc["id"] for loc in locations}
    return lambda row: [location_of[row["organization_id"]]]


def services(
    session: Any,
    rng: random.Random,
    now: Any,
    orgs: list[dict[str, Any]],
    places: Callable[[dict[str, Any]], list[uuid.UUID]],
    *,
    count: int,
    templates: list[dict[str, Any]] | None = None,
) -> None:
    """``count`` services of the demo's generator in chunks, each non-online one at ``places(row)``."""
    from api.directory import demo
    from api.directory.models import Service, ServiceAtLocation

    done = 0
    rows = demo.service_rows(
        rng, orgs, count=count, today=date.today(), suffix_every=False, templates=templates
    )
    while done < count:
        chunk = [next(rows) for _ in range(min(CHUNK, count - done))]
        for row in chunk:
            row["created_at"] = row["updated_at"] = now
        session.execute(sa.insert(Service.__table__), chunk)  # type: ignore[attr-defined]
        session.execute(
            sa.insert(ServiceAtLocation.__table__),  # type: ignore[attr-defined]
            [
                {
                    "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                    "service_id": r["id"],
                    "location_id": place,
                    "created_at": now,
                }
                for r in chunk
                if r["format"] != "online"
                for place in places(r)
            ],
        )
        session.commit()
        done += len(chunk)


def analyzed(db: BenchDatabase) -> dict[str, Any]:
    """Planner statistics brought up to date; the row counts of the directory tables."""
    assert db.engine is not None
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("VACUUM ANALYZE" if db.kind == "postgresql" else "ANALYZE"))
        return {
            t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar()
            for t in ("organizations", "services", "locations", "service_at_locations")
        }


def load(db: BenchDatabase) -> dict[str, Any]:
    from sqlmodel import Session

    from api.core.db import utcnow

    started = time.perf_counter()
    assert db.engine is not None
    rng = random.Random(7)
    now = utcnow()
    with Session(db.engine) as session:
        orgs = organizations(session, rng, now)
        places = one_place_each(session, rng, now, orgs)
        session.commit()
        services(session, rng, now, orgs, places, count=N)
    counts = analyzed(db)
    return {"counts": counts, "load_seconds": round(time.perf_counter() - started, 1)}


def interleaved(api: Any, raw: Any, *, repeat: int, warmup: int = 10) -> tuple[Stats, Stats]:
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


def raw_page(db: BenchDatabase, sql: str, params: dict[str, Any]) -> list[Any]:
    """The page, then its locations: what the API returns, by hand."""
    assert db.engine is not None
    with db.engine.connect() as conn:
        rows = list(conn.execute(sa.text(sql), params).fetchall())
        ids = [r[0] for r in rows[:PAGE]]
        if ids:
            names = ", ".join(f":i{n}" for n in range(len(ids)))
            conn.execute(
                sa.text(LOCATIONS.format(ids=names)), {f"i{n}": v for n, v in enumerate(ids)}
            ).fetchall()
        return rows


def run(kind: str) -> list[tuple[str, Stats, Stats | None]]:
    from api.core.pagination import encode_cursor
    from api.municipalities.logic import get_by_slug

    with BenchDatabase(kind) as db:
        loaded = load(db)
        print(f"[{kind}] loaded {loaded['counts']} in {loaded['load_seconds']} s")
        _app, client = db.app_client()  # opened: one event loop for every request
        assert db.engine is not None
        from sqlmodel import Session

        with Session(db.engine) as session:
            vilnius = get_by_slug(session, "vilniaus-m").id
        cases: list[tuple[str, dict[str, Any], str, dict[str, Any]]] = [
            (
                "two filters (municipality + category tree)",
                {"municipality": "vilniaus-m", "category": "language"},
                TWO_FILTERS,
                {
                    "municipality": vilnius if kind == "postgresql" else vilnius.hex,
                    "category": "%|language|%",
                },
            ),
            # The API looks for the word's stem (other word forms too), so the raw SQL does as well.
            (
                "free text in Ukrainian (q=житла, ranked)",
                {"q": "житла"},
                FREE_TEXT if kind == "postgresql" else FREE_TEXT_SQLITE,
                {"pattern": f"%{UK_STEM}%", "phrase": f'"{UK_STEM}"'},
            ),
            ("first page of the whole list", {}, FIRST_PAGE, {}),
        ]
        rows: list[tuple[str, Stats, Stats | None]] = []
        for label, query, sql, params in cases:
            first = client.get("/api/v1/services", params=query)
            assert first.status_code == 200, first.text
            api_ids = [i["id"] for i in first.json()["items"]]
            raw_ids = [str(uuid.UUID(str(r[0]))) for r in raw_page(db, sql, params)[:PAGE]]
            assert api_ids == raw_ids, f"{label}: API and raw SQL disagree"
            api, raw = interleaved(
                lambda q=query: client.get("/api/v1/services", params=q),
                lambda s=sql, p=params: raw_page(db, s, p),
                repeat=REPEAT,
            )
            rows.append((f"[{kind}] GET /services {label}", api, raw))
        # 500 pages deep: the cursor of the row 10,000 rows in.
        with db.engine.connect() as conn:
            after = conn.execute(
                sa.text(
                    "SELECT sort_name, id FROM services WHERE deleted_at IS NULL ORDER BY sort_name, id LIMIT 1 OFFSET :n"
                ),
                {"n": DEEP_PAGES * PAGE - 1},
            ).one()
        after_id = uuid.UUID(str(after[1]))
        cursor = encode_cursor("name", [after[0], after_id])
        deep_params = {"after_name": after[0], "after_id": after_id if kind == "postgresql" else after_id.hex}
        check = client.get("/api/v1/services", params={"cursor": cursor})
        assert check.status_code == 200 and len(check.json()["items"]) == PAGE, check.text
        api, raw = interleaved(
            lambda: client.get("/api/v1/services", params={"cursor": cursor}),
            lambda: raw_page(db, DEEP_PAGE, deep_params),
            repeat=REPEAT,
        )
        rows.append((f"[{kind}] GET /services {DEEP_PAGES} pages deep", api, raw))
        if kind == "postgresql":
            with db.connection() as conn:
                plan = conn.execute(
                    sa.text("EXPLAIN ANALYZE " + FREE_TEXT), {"pattern": f"%{UK_STEM}%"}
                ).fetchall()
            print("\n".join(r[0] for r in plan[:12]))
        return rows


def main() -> None:
    os.environ.setdefault("LANGELIS_SECRET_KEY", SECRET)
    rows: list[tuple[str, Stats, Stats | None]] = []
    for kind in KINDS:
        rows += run(kind)
    first = {r[0].split("]")[0]: r[1] for r in rows if "first page" in r[0]}
    deep = {r[0].split("]")[0]: r[1] for r in rows if "pages deep" in r[0]}
    ratios = {k.strip("["): round(deep[k].median_ms / first[k].median_ms, 2) for k in deep if k in first}
    print(f"deep page / first page (median), aim ≤ 1.2: {ratios}")
    report(
        "directory",
        rows,
        extra={
            "services": N,
            "deep_over_first": ratios,
            "note": "in-process ASGI client; raw = the page query (with organisation name and municipality code) "
            "plus the page's locations, by hand, in the same run",
        },
    )


if __name__ == "__main__":
    main()
