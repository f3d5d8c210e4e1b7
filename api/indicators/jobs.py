"""The daily derivation job and the database lease that lets one replica (or one cron host) run it.

Schedule it either way:

* outside the app (recommended): cron / a systemd timer / a Kubernetes CronJob running
  ``langelis indicators derive --daily`` every hour or once a day; it runs at most once per day
  whatever the number of hosts, thanks to the lease;
* inside the app: set ``LANGELIS_INDICATORS_DERIVE_AT=03:30`` (UTC) and every replica starts a
  small scheduler thread; at that time they all try the lease and only one runs the job.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, col, select

from api.core.db import utcnow
from api.core.jobs import Periodic
from api.indicators.analytics import cells
from api.indicators.analytics.rebuild import BUILD_JOB
from api.indicators.derivation import derive
from api.indicators.models import DerivationRun, JobLock

log = logging.getLogger("langelis.indicators.jobs")

LOCK_NAME = "indicators-derive"
LEASE = timedelta(hours=2)
HOLDER = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def acquire(factory: sessionmaker[Session], name: str = LOCK_NAME, *, holder: str = HOLDER) -> bool:
    """Take the lease if nobody holds an unexpired one. Each step is its own short transaction."""
    now = utcnow()
    with factory() as session:
        if session.get(JobLock, name) is None:
            try:
                session.add(JobLock(name=name, holder=holder, acquired_at=now, expires_at=now + LEASE))
                session.commit()
                return True
            except sa_exc.IntegrityError:  # another process inserted it first
                session.rollback()
                return False
        result = session.execute(
            sa.update(JobLock)
            .where(col(JobLock.name) == name, col(JobLock.expires_at) < now)
            .values(holder=holder, acquired_at=now, expires_at=now + LEASE)
        )
        session.commit()
        return bool(result.rowcount)  # type: ignore[attr-defined]


def release(factory: sessionmaker[Session], name: str = LOCK_NAME, *, holder: str = HOLDER) -> None:
    with factory() as session:
        session.execute(sa.delete(JobLock).where(col(JobLock.name) == name, col(JobLock.holder) == holder))
        session.commit()


def done_today(session: Session, now: datetime) -> bool:
    start = datetime.combine(now.date(), time(0), tzinfo=UTC)
    found = session.exec(
        select(DerivationRun.id).where(
            col(DerivationRun.finished_at) >= start,
            DerivationRun.status == "completed",
            col(DerivationRun.trigger).in_(["daily", "schedule"]),
        )
    ).first()
    return found is not None


def run_daily(factory: sessionmaker[Session], *, trigger: str = "daily", now: datetime | None = None) -> str:
    """Derive this year (and last year in January, when last year's figures settle) once a day."""
    now = now or utcnow()
    if not acquire(factory):
        return "skipped: another process holds the lock"
    try:
        with factory() as session:
            if done_today(session, now):
                return "skipped: already done today"
            years = [now.year - 1, now.year] if now.month == 1 else [now.year]
            run = derive(session, years=years, trigger=trigger, as_of=now)
            session.commit()
            return f"{run.status}: {len(run.summary)} indicator(s), years {years}"
    finally:
        release(factory)


def _seconds_until(at: time, now: datetime) -> float:
    target = datetime.combine(now.date(), at, tzinfo=UTC)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


def start_scheduler(factory: sessionmaker[Session]) -> threading.Thread | None:
    """In-app daily scheduling, only when LANGELIS_INDICATORS_DERIVE_AT=HH:MM is set."""
    setting = os.environ.get("LANGELIS_INDICATORS_DERIVE_AT", "").strip()
    if not setting:
        return None
    try:
        at = time.fromisoformat(setting)
    except ValueError:
        log.error("LANGELIS_INDICATORS_DERIVE_AT must be HH:MM (UTC)", extra={"value": setting})
        return None
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(_seconds_until(at, datetime.now(UTC))):
            try:
                log.info("daily derivation", extra={"result": run_daily(factory, trigger="schedule")})
            except Exception:
                log.exception("daily derivation failed")

    thread = threading.Thread(target=loop, name="indicators-derive", daemon=True)
    thread.start()
    return thread


def build_cells(session: Session, now: datetime) -> int:
    """Every minute: the analytics cells of the series whose data changed since they were built."""
    return cells.build(session)["built"]


# Declared to api.core.jobs (huey's tick every minute, once across workers), and as a task that
# writers of the data enqueue after their commit (analytics.rebuild.build_soon).
PERIODIC: list[Periodic] = [Periodic(BUILD_JOB, timedelta(minutes=1), build_cells)]
TASKS = {BUILD_JOB: build_cells}
