"""Background jobs on huey: periodic work every domain declares, and tasks enqueued after a commit.

Why huey: a small, long-maintained task queue with a SQLite storage (the embedded default, no
extra service) and a Redis storage (production, several workers), retries with a growing delay,
and a consumer that runs as threads inside ``langelis serve`` or as its own ``langelis worker``.

Convention for domains: an optional ``api/<domain>/jobs.py`` with

- ``PERIODIC: list[Periodic]`` — ``run(session, now)`` gets a fresh session and the time (UTC) and
  returns how many things it did; the runner commits;
- ``TASKS: dict[str, Callable[..., int]]`` (optional) — ``fn(session, now, **kwargs)``, enqueued by
  name with :func:`enqueue_after_commit` (e.g. "send this outbox message now").

Once across workers: huey's scheduler only enqueues one ``tick`` a minute; the tick claims each
due periodic job in the database (``UPDATE job_runs … WHERE next_due_at <= now``), so two
consumers, or two replicas, never run the same due job twice. Every run and failure is recorded in
``job_runs`` (shown at ``GET /api/v1/admin/jobs``).
"""

from __future__ import annotations

import importlib
import logging
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey, crontab
from huey.consumer import Consumer
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from api.core.config import PROJECT_ROOT, Settings
from api.core.db import dialect_insert, make_engine, make_session_factory, utcnow
from api.core.models import JobRun

log = logging.getLogger("langelis.jobs")

LOCAL_TZ = ZoneInfo("Europe/Vilnius")
RETRIES = 5
RETRY_DELAY = 30  # seconds; doubled after each failure (30 s, 1 min, 2 min, 4 min, 8 min)


@dataclass(frozen=True)
class Periodic:
    """Work that runs every ``every``; with ``at``, once a day at that local (Vilnius) time."""

    name: str
    every: timedelta
    run: Callable[[Session, datetime], int]
    at: time | None = None

    def next_due(self, now: datetime) -> datetime:
        if self.at is None:
            return now + self.every
        local = now.astimezone(LOCAL_TZ)
        due = datetime.combine(local.date(), self.at, tzinfo=LOCAL_TZ)
        if due <= local:
            due = datetime.combine(local.date() + timedelta(days=1), self.at, tzinfo=LOCAL_TZ)
        return due.astimezone(UTC)


# --- what the domains declare --------------------------------------------------------------------


def _domain_jobs() -> Iterator[tuple[str, Any]]:
    # api.registry is the assembly layer, looked up by name: core imports no domain.
    registry = importlib.import_module("api.registry")
    yield from registry.modules("jobs")


def periodic_jobs() -> dict[str, Periodic]:
    found: dict[str, Periodic] = {}
    for _, module in _domain_jobs():
        for job in getattr(module, "PERIODIC", []):
            found[job.name] = job
    return found


def named_tasks() -> dict[str, Callable[..., int]]:
    found: dict[str, Callable[..., int]] = {}
    for _, module in _domain_jobs():
        found.update(getattr(module, "TASKS", {}))
    return found


# --- the runtime: one huey and one database per process -------------------------------------------


class Runtime:
    def __init__(self, huey: Huey, session_factory: sessionmaker[Session], settings: Settings) -> None:
        self.huey = huey
        self.session_factory = session_factory
        self.settings = settings


_runtime: Runtime | None = None
_lock = threading.Lock()


def storage_for(settings: Settings) -> Huey:
    url = settings.jobs_url
    if url.startswith("redis://") or url.startswith("rediss://"):
        return RedisHuey("langelis", url=url, utc=True)
    if url == "memory":
        return MemoryHuey("langelis", utc=True)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
    elif settings.is_sqlite and settings.database_url.startswith("sqlite:///"):
        path = Path(settings.database_url.removeprefix("sqlite:///")).with_name("langelis-jobs.db")
    else:
        path = PROJECT_ROOT / "var" / "langelis-jobs.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("langelis", filename=str(path), utc=True)


def configure(
    settings: Settings,
    *,
    engine: Engine | None = None,
    session_factory: sessionmaker[Session] | None = None,
    huey: Huey | None = None,
) -> Runtime:
    """Set this process's job runtime (the server, a worker, a test); returns it."""
    global _runtime
    if session_factory is None:
        engine = engine or make_engine(settings.database_url, pool_size=5, max_overflow=5, threads=8)
        session_factory = make_session_factory(engine)
    huey = huey or storage_for(settings)
    _register(huey)
    with _lock:
        _runtime = Runtime(huey, session_factory, settings)
    return _runtime


def reset() -> None:
    """Forget the runtime (tests): enqueueing is then a no-op again."""
    global _runtime
    with _lock:
        _runtime = None


def runtime() -> Runtime:
    if _runtime is None:
        raise RuntimeError("jobs are not configured (api.core.jobs.configure)")
    return _runtime


def settings() -> Settings:
    """The settings of the process running the jobs (mail server, base URL)."""
    return runtime().settings


def configured() -> Runtime | None:
    return _runtime


def _register(huey: Huey) -> dict[str, Any]:
    """The three huey tasks behind every job, registered once per huey instance."""
    known: dict[str, Any] | None = getattr(huey, "_langelis_tasks", None)
    if known is not None:
        return known

    @huey.periodic_task(crontab(minute="*"), name="langelis.tick")
    def tick() -> int:
        return run_due(utcnow())

    @huey.task(retries=RETRIES, retry_delay=RETRY_DELAY, retry_backoff=2, name="langelis.periodic")
    def periodic(name: str, now_iso: str) -> int:
        return run_periodic(name, datetime.fromisoformat(now_iso))

    @huey.task(retries=RETRIES, retry_delay=RETRY_DELAY, retry_backoff=2, name="langelis.task")
    def task(name: str, kwargs: dict[str, Any]) -> int:
        return run_task(name, kwargs)

    known = {"langelis.tick": tick, "langelis.periodic": periodic, "langelis.task": task}
    huey._langelis_tasks = known
    return known


def _task(name: str) -> Any:
    return _register(runtime().huey)[name]


# --- running ----------------------------------------------------------------------------------------


@contextmanager
def _session() -> Iterator[Session]:
    session = runtime().session_factory()
    try:
        yield session
    finally:
        session.close()


def _ensure(session: Session, name: str) -> None:
    table = JobRun.__table__  # type: ignore[attr-defined]
    session.execute(
        dialect_insert(session, table).values(name=name, runs=0, failures=0).on_conflict_do_nothing()
    )


def _record(name: str, **values: Any) -> None:
    table = JobRun.__table__  # type: ignore[attr-defined]
    with _session() as session:
        _ensure(session, name)
        counters = {k: table.c[k] + 1 for k in ("runs", "failures") if values.pop(f"add_{k}", False)}
        session.execute(sa.update(table).where(table.c.name == name).values(**values, **counters))
        session.commit()


def claim_due(now: datetime) -> list[str]:
    """Claim every periodic job that is due: one UPDATE each, so one claimant wins across workers."""
    table = JobRun.__table__  # type: ignore[attr-defined]
    claimed = []
    jobs = periodic_jobs()
    with _session() as session:
        for name in jobs:
            _ensure(session, name)
        session.commit()
        for name, job in jobs.items():
            result = session.execute(
                sa.update(table)
                .where(
                    table.c.name == name,
                    sa.or_(table.c.next_due_at.is_(None), table.c.next_due_at <= now),
                )
                .values(next_due_at=job.next_due(now), last_claimed_at=now)
            )
            session.commit()
            if result.rowcount:  # type: ignore[attr-defined]
                claimed.append(name)
    return claimed


def run_due(now: datetime) -> int:
    """The minute tick: claim what is due and enqueue each (retried on its own when it fails)."""
    claimed = claim_due(now)
    for name in claimed:
        _task("langelis.periodic")(name, now.isoformat())
    return len(claimed)


def _run(name: str, fn: Callable[[Session], int]) -> int:
    started = utcnow()
    try:
        with _session() as session:
            count = fn(session)
            session.commit()
    except Exception as exc:
        _record(
            name,
            last_failed_at=utcnow(),
            last_error="".join(traceback.format_exception_only(exc)).strip()[:2000],
            add_failures=True,
        )
        log.exception("job %s failed", name)
        raise
    _record(name, last_started_at=started, last_finished_at=utcnow(), last_count=count, add_runs=True)
    return count


def run_periodic(name: str, now: datetime) -> int:
    job = periodic_jobs().get(name)
    if job is None:
        log.warning("periodic job %s is no longer declared", name)
        return 0
    return _run(name, lambda session: job.run(session, now))


def run_task(name: str, kwargs: dict[str, Any]) -> int:
    fn = named_tasks().get(name)
    if fn is None:
        log.warning("task %s is not declared", name)
        return 0
    return _run(name, lambda session: fn(session, utcnow(), **kwargs))


def enqueue(name: str, **kwargs: Any) -> None:
    rt = configured()
    if rt is None:  # no job runtime in this process: the periodic jobs catch up later
        return
    _task("langelis.task")(name, kwargs)


def enqueue_after_commit(session: Session, name: str, **kwargs: Any) -> None:
    """Enqueue ``name`` once the session's transaction commits (never for a rolled-back change);
    the same task asked for twice in one transaction is enqueued once."""
    pending: dict[tuple[str, str], dict[str, Any]] | None = session.info.get("jobs_after_commit")
    if pending is None:
        pending = session.info["jobs_after_commit"] = {}
        sa.event.listen(session, "after_commit", _flush_pending)
        sa.event.listen(session, "after_rollback", _drop_pending)
    pending[(name, repr(sorted(kwargs.items())))] = {"name": name, **kwargs}


def _flush_pending(session: Any) -> None:
    pending = session.info.get("jobs_after_commit") or {}
    items = list(pending.values())
    pending.clear()
    for item in items:
        try:
            enqueue(**item)
        except Exception:  # the queue being down must not fail a committed request
            log.exception("could not enqueue %s", item["name"])


def _drop_pending(session: Any) -> None:
    (session.info.get("jobs_after_commit") or {}).clear()


# --- consumers ---------------------------------------------------------------------------------------


def consumer(workers: int = 2) -> Consumer:
    return Consumer(
        runtime().huey, workers=workers, worker_type="thread", periodic=True, check_worker_health=False
    )


def start_embedded(settings: Settings) -> Consumer | None:
    """The consumer inside ``langelis serve`` (threads), unless LANGELIS_JOBS_EMBEDDED=0."""
    if not settings.jobs_embedded:
        return None
    configure(settings)
    worker = consumer(settings.jobs_workers)
    # huey's start() takes SIGTERM/SIGINT for its own run() loop, which the server never runs:
    # give them back, so the server (uvicorn) stops on them and then stops the consumer.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
    worker.start()
    for sig, handler in saved.items():
        signal.signal(sig, handler)
    log.info("embedded job consumer started (%s workers)", settings.jobs_workers)
    return worker


# --- what an admin sees ------------------------------------------------------------------------------


def status(session: Session, settings: Settings) -> dict[str, Any]:
    """Periodic jobs with their last runs and failures, and the queue's length."""
    table = JobRun.__table__  # type: ignore[attr-defined]
    jobs = periodic_jobs()
    rt = configured()
    huey = rt.huey if rt is not None else storage_for(settings)
    rows = {r.name: r for r in session.execute(sa.select(table)).all()}
    names = list(jobs) + sorted(n for n in rows if n not in jobs)
    items = []
    for name in names:
        row = rows.get(name)
        job = jobs.get(name)
        items.append(
            {
                "name": name,
                "periodic": job is not None,
                "every_seconds": int(job.every.total_seconds()) if job else None,
                "at": job.at.isoformat() if job and job.at else None,
                "next_due_at": row.next_due_at if row else None,
                "last_started_at": row.last_started_at if row else None,
                "last_finished_at": row.last_finished_at if row else None,
                "last_count": row.last_count if row else None,
                "runs": row.runs if row else 0,
                "failures": row.failures if row else 0,
                "last_failed_at": row.last_failed_at if row else None,
                "last_error": row.last_error if row else None,
            }
        )
    try:
        queue = {"pending": huey.pending_count(), "scheduled": huey.scheduled_count(), "ok": True}
    except Exception:
        queue = {"pending": None, "scheduled": None, "ok": False}
    return {"storage": type(huey).__name__, "queue": queue, "jobs": items}
