"""The one-stop shop at scale (PostgreSQL): 200,000 people and 1,000,000 referrals.

Cases: the provider's inbox (first page, a status filter, the second page) and the coordinator's
people search (the plain list in name order, a diacritic-free name search, status + open-case
filters), each beside one hand-written query returning the same page, timed alternately in the
same run. The API answers in-process (no network) and does everything it does in production:
reads the account, filters by tenant, writes one audit entry per person or referral shown, looks
up the services' names in the directory, commits.

    python -m bench migrants     # LANGELIS_BENCH_PEOPLE=200000, LANGELIS_BENCH_REFERRALS=1000000
"""

from __future__ import annotations

import os
import random
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from bench.common import SECRET, BenchDatabase, Stats, report

N_PEOPLE = int(os.environ.get("LANGELIS_BENCH_PEOPLE", "200000"))
N_REFERRALS = int(os.environ.get("LANGELIS_BENCH_REFERRALS", "1000000"))
N_ORGS = int(os.environ.get("LANGELIS_BENCH_ORGS", "200"))
REPEAT = int(os.environ.get("LANGELIS_BENCH_REPEAT", "200"))
STATES = [
    "proposed",
    "sent",
    "sent",
    "accepted",
    "declined",
    "in_progress",
    "completed",
    "completed",
    "dropped",
]

INBOX_SQL = """
SELECT r.id, r.status, r.need, r.message, r.reason, r.service_id, r.sent_at, r.updated_at, r.version,
       p.given_name, p.family_name, p.preferred_language, p.email, p.phone
FROM referrals r JOIN migrant_people p ON p.id = r.person_id
WHERE r.organization_id = :org AND r.shared {status}{after}
ORDER BY r.updated_at DESC, r.id DESC
LIMIT 21
"""
PEOPLE_SQL = """
SELECT p.id, p.given_name, p.family_name, p.birth_year, p.legal_status, p.preferred_language,
       p.case_open, p.coordinator_id, p.updated_at, p.search_name
FROM migrant_people p
WHERE p.municipality_id = :mid AND p.anonymised_at IS NULL {where}
ORDER BY p.search_name, p.id
LIMIT 26
"""


def _names() -> list[tuple[str, str, str, str, str]]:
    from api.migrants.demo import NAMES

    out = []
    for origin, pool in NAMES.items():
        for sex in ("female", "male"):
            families = pool.get("family") or pool["family_f" if sex == "female" else "family_m"]
            for given in pool[sex]:
                for family in families:
                    out.append((origin, sex, given, family, pool["country"]))
    return out


def load(db: BenchDatabase) -> dict[str, Any]:
    from sqlmodel import Session, select

    from api.accounts.models import User
    from api.core.db import utcnow
    from api.core.i18n import normalize
    from api.directory.derived_fields import refresh_service
    from api.directory.models import Organization, Service
    from api.municipalities.models import Municipality

    started = time.perf_counter()
    rng = random.Random(7)
    assert db.engine is not None
    now = utcnow()
    with Session(db.engine) as session:
        municipalities = {m.slug: m.id for m in session.exec(select(Municipality)).all()}
        vilnius = municipalities["vilniaus-m"]
        others = [mid for slug, mid in municipalities.items() if slug != "vilniaus-m"]
        coordinator = User(
            email="coordinator@bench.test",
            role="coordinator",
            display_name="Bench Coordinator",
            municipality_id=vilnius,
            email_verified_at=now,
        )
        session.add(coordinator)
        orgs = []
        for i in range(N_ORGS):
            mid = vilnius if i < N_ORGS // 4 else rng.choice(others)
            orgs.append(Organization(municipality_id=mid, name={"lt": f"Organizacija {i}"}, kind="ngo"))
        session.add_all(orgs)
        session.flush()
        services = []
        for org in orgs:
            for k in range(3):
                service = Service(
                    organization_id=org.id,
                    municipality_id=org.municipality_id,
                    name={"lt": f"Paslauga {k} ({org.name['lt']})"},
                    categories=[rng.choice(["language", "housing", "employment", "community"])],
                    languages=["lt", "uk"],
                )
                refresh_service(service, org)
                services.append(service)
        session.add_all(services)
        provider = User(
            email="provider@bench.test",
            role="provider",
            display_name="Bench Provider",
            municipality_id=orgs[0].municipality_id,
            organization_id=orgs[0].id,
            email_verified_at=now,
        )
        session.add(provider)
        session.commit()
        for obj in (coordinator, provider):
            session.refresh(obj)
            session.expunge(obj)
        service_rows = [(s.id, s.organization_id) for s in services]
        coordinator_id = coordinator.id

    names = _names()
    statuses = ["temporary_protection", "refugee", "temporary_residence", "permanent_residence", "returnee"]
    people: list[tuple[uuid.UUID, uuid.UUID, uuid.UUID, bool]] = []  # person, case, municipality, open
    raw = db.engine.raw_connection()
    try:
        cur = raw.cursor()
        with cur.copy(
            "COPY migrant_people (id, municipality_id, given_name, family_name, birth_date, birth_year, sex, "
            "citizenships, languages, lithuanian_level, legal_status, email, phone, preferred_language, household, "
            "search_name, coordinator_id, case_open, version, created_at, updated_at) FROM STDIN"
        ) as copy:
            for i in range(N_PEOPLE):
                origin, sex, given, family, country = rng.choice(names)
                pid = uuid.uuid4()
                mid = vilnius if rng.random() < 0.4 else rng.choice(others)
                is_open = rng.random() < 0.85
                created = now - timedelta(days=rng.randint(0, 1500), seconds=rng.randint(0, 86400))
                year = rng.randint(1950, 2006)
                copy.write_row(
                    (
                        pid,
                        mid,
                        given,
                        family,
                        f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                        year,
                        sex,
                        f'["{country}"]',
                        "[]",
                        "A1",
                        rng.choice(statuses),
                        f"p{i}@bench.test",
                        f"+3706{i:07d}",
                        "uk" if origin == "ua" else "lt",
                        "[]",
                        normalize(f"{given} {family}"),
                        coordinator_id if (mid == vilnius and is_open) else None,
                        is_open,
                        1,
                        created,
                        created,
                    )
                )
                people.append((pid, uuid.uuid4(), mid, is_open))
        with cur.copy(
            "COPY migrant_cases (id, person_id, municipality_id, coordinator_id, status, opened_at, version, updated_at) "
            "FROM STDIN"
        ) as copy:
            for pid, cid, mid, is_open in people:
                copy.write_row(
                    (
                        cid,
                        pid,
                        mid,
                        coordinator_id if mid == vilnius else None,
                        "open" if is_open else "closed",
                        now,
                        1,
                        now,
                    )
                )
        with cur.copy(
            "COPY referrals (id, person_id, case_id, municipality_id, service_id, organization_id, need, status, shared, "
            "from_package, message, created_at, updated_at, sent_at, version) FROM STDIN"
        ) as copy:
            for _ in range(N_REFERRALS):
                pid, cid, mid, _open = people[rng.randrange(len(people))]
                sid, oid = service_rows[rng.randrange(len(service_rows))]
                state = rng.choice(STATES)
                created = now - timedelta(days=rng.randint(0, 900), seconds=rng.randint(0, 86400))
                updated = created + timedelta(days=rng.randint(0, 30))
                copy.write_row(
                    (
                        uuid.uuid4(),
                        pid,
                        cid,
                        mid,
                        sid,
                        oid,
                        rng.choice(["language", "housing", "employment"]),
                        state,
                        state != "proposed",
                        False,
                        "Prašome susisiekti.",
                        created,
                        updated,
                        None if state == "proposed" else created,
                        1,
                    )
                )
        raw.commit()
    finally:
        raw.close()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("VACUUM ANALYZE"))
        counts = {
            t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar()
            for t in ("migrant_people", "migrant_cases", "referrals", "services", "organizations")
        }
        inbox_size = conn.execute(
            sa.text("SELECT count(*) FROM referrals WHERE organization_id = :o AND shared"),
            {"o": provider.organization_id},
        ).scalar()
    return {
        "coordinator": coordinator,
        "provider": provider,
        "vilnius": vilnius,
        "counts": counts,
        "inbox_size": inbox_size,
        "load_seconds": round(time.perf_counter() - started, 1),
    }


AUDIT_SQL = """
INSERT INTO audit_entries (id, at, actor_kind, actor_id, actor_role, municipality_id, action, record_type,
                           record_id, subject_id, purpose, request_id, details)
VALUES (:id, now(), 'user', :actor, :role, :mid, 'list', :rtype, :rid, :sid, :purpose, NULL, '{}')
"""


def raw_audited(db: BenchDatabase, sql: str, params: dict[str, Any], *, rtype: str, role: str) -> list[Any]:
    """The hand-written equivalent of what the API does: the query, one audit row per row shown
    (one multi-row INSERT) and a commit."""
    assert db.engine is not None
    with db.engine.begin() as conn:
        rows = list(conn.execute(sa.text(sql), params).fetchall())
        if rows:
            conn.execute(
                sa.text(AUDIT_SQL),
                [
                    {
                        "id": uuid.uuid4(),
                        "actor": "bench",
                        "role": role,
                        "mid": None,
                        "rtype": rtype,
                        "rid": str(r[0]),
                        "sid": None,
                        "purpose": "bench",
                    }
                    for r in rows[:25]
                ],
            )
    return rows


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


def main() -> None:
    os.environ.setdefault("LANGELIS_SECRET_KEY", SECRET)
    with BenchDatabase("postgresql") as db:
        loaded = load(db)
        print(
            f"loaded {loaded['counts']} in {loaded['load_seconds']} s; provider inbox holds {loaded['inbox_size']}"
        )
        _app, client = db.app_client()  # opened: one event-loop portal for the whole run
        provider = {"Authorization": f"Bearer {db.token(loaded['provider'])}"}
        coordinator = {"Authorization": f"Bearer {db.token(loaded['coordinator'])}"}
        org = loaded["provider"].organization_id
        mid = loaded["vilnius"]
        rows: list[tuple[str, Stats, Stats | None]] = []

        def check(api_items: list[dict[str, Any]], raw_rows: list[Any], label: str, limit: int) -> None:
            assert [i["id"] for i in api_items] == [str(r[0]) for r in raw_rows[:limit]], (
                f"{label}: API and SQL differ"
            )

        # The floor: an authenticated route with one tiny query (what any request costs here).
        api, raw = interleaved(
            lambda: client.get("/api/v1/returnee-package", headers=coordinator),
            lambda: db.raw("SELECT * FROM returnee_packages WHERE municipality_id = :m", {"m": mid}),
            repeat=REPEAT,
        )
        rows.append(("floor: GET /returnee-package (auth + 1 query)", api, raw))

        # --- provider inbox --------------------------------------------------------------------
        first = client.get("/api/v1/referral-inbox", headers=provider)
        assert first.status_code == 200, first.text
        inbox_raw = INBOX_SQL.format(status="", after="")
        check(first.json()["items"], db.raw(inbox_raw, {"org": org}), "inbox", 20)
        api, raw = interleaved(
            lambda: client.get("/api/v1/referral-inbox", headers=provider),
            lambda: db.raw(inbox_raw, {"org": org}),
            repeat=REPEAT,
        )
        rows.append(("GET /referral-inbox (first page)", api, raw))
        api, raw = interleaved(
            lambda: client.get("/api/v1/referral-inbox", headers=provider),
            lambda: raw_audited(db, inbox_raw, {"org": org}, rtype="referral", role="provider"),
            repeat=REPEAT,
        )
        rows.append(("  same, raw = query + audit rows + commit", api, raw))

        sent_raw = INBOX_SQL.format(status="AND r.status = 'sent'", after="")
        got = client.get("/api/v1/referral-inbox", params={"status": "sent"}, headers=provider)
        check(got.json()["items"], db.raw(sent_raw, {"org": org}), "inbox sent", 20)
        api, raw = interleaved(
            lambda: client.get("/api/v1/referral-inbox", params={"status": "sent"}, headers=provider),
            lambda: db.raw(sent_raw, {"org": org}),
            repeat=REPEAT,
        )
        rows.append(("GET /referral-inbox?status=sent", api, raw))

        last = first.json()["items"][-1]
        page2_raw = INBOX_SQL.format(status="", after="AND (r.updated_at, r.id) < (:at, :rid)")
        page2_params = {
            "org": org,
            "at": datetime.fromisoformat(last["updated_at"]),
            "rid": uuid.UUID(last["id"]),
        }
        cursor = first.json()["next_cursor"]
        got = client.get("/api/v1/referral-inbox", params={"cursor": cursor}, headers=provider)
        check(got.json()["items"], db.raw(page2_raw, page2_params), "inbox page 2", 20)
        api, raw = interleaved(
            lambda: client.get("/api/v1/referral-inbox", params={"cursor": cursor}, headers=provider),
            lambda: db.raw(page2_raw, page2_params),
            repeat=REPEAT,
        )
        rows.append(("GET /referral-inbox page 2", api, raw))

        # --- coordinator people search --------------------------------------------------------
        cases = [
            ("GET /migrants (name order)", {}, "", {}),
            (
                "GET /migrants?q=bondarenko",
                {"q": "bondarenko"},
                "AND p.search_name LIKE :p",
                {"p": "%bondarenko%"},
            ),
            (
                "GET /migrants?q=zukauskiene",
                {"q": "žukauskienė"},
                "AND p.search_name LIKE :p",
                {"p": "%zukauskiene%"},
            ),
            (
                "GET /migrants?status=refugee&case=open",
                {"status": "refugee", "case": "open"},
                "AND p.legal_status IN ('refugee') AND p.case_open",
                {},
            ),
        ]
        for label, query, where, params in cases:
            sql = PEOPLE_SQL.format(where=where)
            bound = {"mid": mid, **params}
            got = client.get("/api/v1/migrants", params={**query, "limit": 25}, headers=coordinator)
            assert got.status_code == 200, got.text
            check(got.json()["items"], db.raw(sql, bound), label, 25)
            api, raw = interleaved(
                lambda q=query: client.get(
                    "/api/v1/migrants", params={**q, "limit": 25}, headers=coordinator
                ),
                lambda s=sql, b=bound: db.raw(s, b),
                repeat=REPEAT,
            )
            rows.append((label, api, raw))
            if not query:
                api, raw = interleaved(
                    lambda q=query: client.get(
                        "/api/v1/migrants", params={**q, "limit": 25}, headers=coordinator
                    ),
                    lambda s=sql, b=bound: raw_audited(db, s, b, rtype="migrant_person", role="coordinator"),
                    repeat=REPEAT,
                )
                rows.append(("  same, raw = query + audit rows + commit", api, raw))

        with db.connection() as conn:
            plan = conn.execute(
                sa.text("EXPLAIN ANALYZE " + PEOPLE_SQL.format(where="AND p.search_name LIKE :p")),
                {"mid": mid, "p": "%bondarenko%"},
            ).fetchall()
            audit_rows = conn.execute(sa.text("SELECT count(*) FROM audit_entries")).scalar()
        report(
            "migrants",
            rows,
            extra={
                "people": N_PEOPLE,
                "referrals": N_REFERRALS,
                "table_rows": loaded["counts"],
                "provider_inbox_size": loaded["inbox_size"],
                "load_seconds": loaded["load_seconds"],
                "audit_entries_written": audit_rows,
                "search_plan": [r[0] for r in plan],
                "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "note": "in-process ASGI client; the API writes an audit entry per row shown and commits; "
                "raw = one hand-written query returning the same page",
            },
        )


if __name__ == "__main__":
    main()
