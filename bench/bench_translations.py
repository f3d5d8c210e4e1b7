"""Translation status at 100,000 services, on PostgreSQL and SQLite, measured in the same run:

* the services list with ``translations=all`` (every map plus the ``translation_status`` of each
  text) beside the same list without the statuses (the same request with the status lookup
  switched off in the same process) — aim: within 1.2 ×; the plain list (resolved texts) is shown
  for reference;
* the coverage report (every domain, every language, the oldest outdated first) for the whole
  country and for one municipality — aim on PostgreSQL: under 1 s.

One service in ten has an outdated English description (a stored status row), as after a round of
edits to the Lithuanian originals.

    python -m bench translations     # LANGELIS_BENCH_SERVICES=100000, LANGELIS_BENCH_REPEAT=50
"""

from __future__ import annotations

import os
import uuid
from typing import Any

import sqlalchemy as sa

from bench.bench_directory import interleaved, load
from bench.common import SECRET, BenchDatabase, Stats, Timer, report

REPEAT = int(os.environ.get("LANGELIS_BENCH_REPEAT", "50"))
KINDS = [k for k in os.environ.get("LANGELIS_BENCH_TRANSLATION_DBS", "postgresql,sqlite").split(",") if k]


def _outdate(db: BenchDatabase) -> int:
    """Stored statuses for one service in ten: its English description went out of date."""
    from api.core.db import utcnow

    assert db.engine is not None
    with db.engine.begin() as conn:
        ids = [r[0] for r in conn.execute(sa.text("SELECT id FROM services ORDER BY id")).fetchall()[::10]]
        now = utcnow()
        rows = [
            {
                "id": uuid.uuid4(),
                "record_type": "service",
                "record_id": rid if isinstance(rid, uuid.UUID) else uuid.UUID(str(rid)),
                "field": "description",
                "lang": "en",
                "status": "outdated",
                "source_lang": "lt",
                "source_text": "Senas aprašymas",
                "changed_at": now,
            }
            for rid in ids
        ]
        from api.core.models import TranslationState

        conn.execute(sa.insert(TranslationState.__table__), rows)  # type: ignore[attr-defined]
    # Statistics as autovacuum would keep them (the directory data is analysed after its load):
    # without them PostgreSQL takes the new table for nearly empty and reads every status row.
    with db.engine.connect() as conn:
        conn.execute(sa.text("ANALYZE translation_states"))
        conn.commit()
    return len(rows)


def _admin_token(db: BenchDatabase) -> str:
    from sqlmodel import Session

    from api.accounts.models import User
    from api.accounts.scopes import allowed_scopes
    from api.core.security import encode_token, hash_password

    assert db.engine is not None
    with Session(db.engine) as session:
        admin = User(
            email="bench-admin@example.lt",
            password_hash=hash_password("x" * 12),
            role="admin",
            display_name="Bench",
        )
        session.add(admin)
        session.commit()
        session.refresh(admin)
        token, _ = encode_token(
            db.settings(),
            subject=f"user:{admin.id}",
            typ="access",
            scopes=sorted(allowed_scopes("admin", [])),
        )
    return token


def run(kind: str) -> list[tuple[str, Stats, Stats | None]]:
    with BenchDatabase(kind) as db:
        loaded = load(db)
        outdated = _outdate(db)
        print(f"[{kind}] loaded {loaded['counts']} in {loaded['load_seconds']} s; {outdated} outdated texts")
        _app, client = db.app_client()
        headers = {"Authorization": f"Bearer {_admin_token(db)}"}
        plain_q: dict[str, Any] = {"limit": 50}
        all_q: dict[str, Any] = {"limit": 50, "translations": "all"}
        answer = client.get("/api/v1/services", params=all_q)
        assert answer.status_code == 200 and answer.json()["items"][0]["translation_status"], answer.text
        from api.directory.services import logic as services_logic
        from api.directory.services import rows as service_rows

        # Both read paths (the Core-row fast path serves the list; the model path one service).
        patched = (services_logic, service_rows)
        real = [m.status_maps for m in patched]

        def without_statuses() -> Any:
            for module in patched:
                module.status_maps = lambda *a, **k: {}  # type: ignore[attr-defined]
            try:
                return client.get("/api/v1/services", params=all_q)
            finally:
                for module, original in zip(patched, real, strict=True):
                    module.status_maps = original  # type: ignore[attr-defined]

        with_status, no_status = interleaved(
            lambda: client.get("/api/v1/services", params=all_q), without_statuses, repeat=REPEAT
        )
        plain = Timer.run(lambda: client.get("/api/v1/services", params=plain_q), repeat=REPEAT, warmup=5)
        rows: list[tuple[str, Stats, Stats | None]] = [
            (f"[{kind}] GET /services?translations=all (vs no statuses)", with_status, no_status),
            (f"[{kind}] GET /services (resolved texts, reference)", plain, None),
        ]
        for label, params in (("whole country", {}), ("vilniaus-m", {"municipality": "vilniaus-m"})):
            check = client.get("/api/v1/translations/coverage", params=params, headers=headers)
            assert check.status_code == 200, check.text
            stats = Timer.run(
                lambda p=params: client.get("/api/v1/translations/coverage", params=p, headers=headers),
                repeat=max(5, REPEAT // 10),
                warmup=2,
            )
            rows.append((f"[{kind}] coverage report, {label}", stats, None))
        return rows


def main() -> None:
    os.environ.setdefault("LANGELIS_SECRET_KEY", SECRET)
    rows: list[tuple[str, Stats, Stats | None]] = []
    for kind in KINDS:
        rows += run(kind)
    ratios = {
        r[0].split("]")[0].strip("["): round(r[1].median_ms / r[2].median_ms, 2)
        for r in rows
        if r[2] is not None
    }
    print(f"translations=all / plain (median), aim ≤ 1.2: {ratios}")
    report("translations", rows, extra={"list_ratio": ratios}, factor=1.2, plus_ms=0.0)


if __name__ == "__main__":
    main()
