"""Observations carry no foreign key to their definition (migration indicators_0005): writers lock
the definitions they write for instead. Against a real server and a second connection: a definition
is never deleted under observations being written, and an import never writes observations of a
definition deleted meanwhile."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from api.core.errors import ProblemError
from api.indicators.data.store import insert_rows, lock_definitions
from tests.live.conftest import ADMIN, LiveServer

V = "/api/v1"


def _definition(live: LiveServer, sessions: Any) -> tuple[str, uuid.UUID]:
    code = f"lock_{uuid.uuid4().hex[:8]}"
    body = {"code": code, "name": {"lt": "Užraktas", "en": "Lock"}, "domain": "population", "unit": "persons"}
    r = httpx.post(
        f"{live.url}{V}/indicators",
        json={**body, "aggregation": "SUM"},
        headers=live.headers(ADMIN),
        timeout=30,
    )
    assert r.status_code == 201, r.text
    with sessions() as session:
        found = session.execute(sa.text("SELECT id FROM indicator_definitions WHERE code = :c"), {"c": code})
        return code, uuid.UUID(str(found.scalar_one()))


def _waiting_for_a_lock(sessions: Any) -> None:
    """Until a PostgreSQL backend of this database waits for a row lock (the deletion's claim)."""
    with sessions() as watcher:
        for _ in range(3000):  # polling for the other transaction's state, not pacing the test
            waiting = watcher.execute(
                sa.text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            ).scalar_one()
            watcher.rollback()
            if waiting:
                return
            threading.Event().wait(0.01)
    raise AssertionError("the deletion never waited for the writer's lock")


def _row(indicator_id: uuid.UUID) -> dict[str, Any]:
    now = datetime.now(UTC)
    return {
        "id": uuid.uuid4(), "indicator_id": indicator_id, "place": "LT", "place_level": "country",
        "municipality_id": None, "county": None, "period": "2024", "period_type": "year", "period_rank": 0,
        "period_start": date(2024, 1, 1), "period_end": date(2024, 12, 31), "breakdown_key": "",
        "breakdown_dims": "", "breakdowns": {}, "value": 1.0, "people": None, "provisional": False,
        "estimated": False, "break_in_series": False, "suppressed": False, "status": "draft",
        "published_at": None, "derived": False, "source": None, "import_id": None, "created_by": "test",
        "updated_by": "test", "created_at": now, "updated_at": now,
    }  # fmt: skip


@pytest.fixture
def sessions(live: LiveServer) -> Any:
    from api.core.db import make_engine, make_session_factory

    engine = make_engine(live.env["LANGELIS_DATABASE_URL"])
    yield make_session_factory(engine)
    engine.dispose()


def test_a_definition_is_not_deleted_under_observations_being_written(live: LiveServer, sessions) -> None:
    code, indicator_id = _definition(live, sessions)
    url = f"{live.url}{V}/indicators/{code}"
    headers = live.headers(ADMIN)
    etag = httpx.get(url, headers=headers, timeout=30).headers["etag"]
    answers: list[httpx.Response] = []
    with sessions() as writer:
        postgres = writer.get_bind().dialect.name == "postgresql"
        insert_rows(writer, [_row(indicator_id)], postgres=postgres)  # its definition locked first
        deleting = threading.Thread(
            target=lambda: answers.append(
                httpx.delete(url, headers={**headers, "If-Match": etag}, timeout=60)
            )
        )
        deleting.start()
        if postgres:
            _waiting_for_a_lock(sessions)
            assert not answers, "the deletion waits for the writing transaction"
        # (SQLite: the deletion waits for the write lock, or runs after the commit: either way after.)
        writer.commit()
    deleting.join(60)
    assert len(answers) == 1 and answers[0].status_code == 409, answers[0].text
    assert answers[0].json()["type"].endswith("indicator-in-use")
    assert httpx.get(url, headers=headers, timeout=30).status_code == 200


def test_observations_of_a_definition_deleted_meanwhile_are_refused(live: LiveServer, sessions) -> None:
    code, indicator_id = _definition(live, sessions)
    with sessions() as writer:
        postgres = writer.get_bind().dialect.name == "postgresql"
        # The writer has looked the definition up (as an import does when it starts)...
        writer.execute(sa.text("SELECT 1")).all()
        writer.commit()
        url = f"{live.url}{V}/indicators/{code}"
        headers = live.headers(ADMIN)
        etag = httpx.get(url, headers=headers, timeout=30).headers["etag"]
        # ...then the definition is deleted and committed before the writer writes.
        gone = httpx.delete(url, headers={**headers, "If-Match": etag}, timeout=60)
        assert gone.status_code == 204, gone.text
        with pytest.raises(ProblemError) as refused:
            lock_definitions(writer, {indicator_id}, postgres=postgres)
        assert refused.value.status == 409
        writer.rollback()
        count = writer.execute(
            sa.text("SELECT count(*) FROM indicator_observations WHERE indicator_id = :i"),
            {"i": indicator_id if postgres else indicator_id.hex},
        ).scalar_one()
        assert count == 0
