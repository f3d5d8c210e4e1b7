"""Response models of the admin jobs page."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class JobQueue(BaseModel):
    pending: int | None
    scheduled: int | None
    ok: bool


class JobRead(BaseModel):
    name: str
    periodic: bool
    every_seconds: int | None
    at: str | None
    next_due_at: datetime | None
    last_started_at: datetime | None
    last_finished_at: datetime | None
    last_count: int | None
    runs: int
    failures: int
    last_failed_at: datetime | None
    last_error: str | None


class JobsStatus(BaseModel):
    storage: str
    queue: JobQueue
    jobs: list[JobRead]
