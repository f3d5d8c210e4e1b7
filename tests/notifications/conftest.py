from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from huey import MemoryHuey
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from api.core import jobs
from api.core.db import utcnow
from tests.directory.conftest import make_org, make_service  # noqa: F401 - fixtures
from tests.migrants.conftest import register, service  # noqa: F401 - fixtures

V = "/api/v1"


@pytest.fixture
def people(db):
    from api.accounts.models import User

    def make(n: int, lang: str = "lt", **extra: Any) -> list[Any]:
        users = [
            User(
                email=f"n{i}-{uuid.uuid4().hex[:8]}@test.lt",
                role=extra.get("role", "resident"),
                display_name=f"Person {i}",
                country="LT",
                preferred_language=lang,
                municipality_id=extra.get("municipality_id"),
                organization_id=extra.get("organization_id"),
                email_verified_at=utcnow(),
            )
            for i in range(n)
        ]
        db.add_all(users)
        db.flush()
        return users

    return make


@pytest.fixture
def job_runtime(db: Session, settings: Any) -> Iterator[jobs.Runtime]:
    """Jobs running in the test's transaction, on an in-memory queue that the test drains."""
    factory = sessionmaker(
        bind=db.get_bind(), class_=Session, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )
    rt = jobs.configure(settings, session_factory=factory, huey=MemoryHuey("test", utc=True))
    yield rt
    jobs.reset()


def drain(rt: jobs.Runtime) -> list[Any]:
    """Run every queued task (and what they enqueue) in this thread; their results."""
    results = []
    while (task := rt.huey.dequeue()) is not None:
        results.append(rt.huey.execute(task))
    return results
