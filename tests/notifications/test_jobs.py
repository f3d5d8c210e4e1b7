"""Background jobs: the periodic convention, claims once across workers, failures kept visible."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlmodel import Session

from api.core import jobs
from api.core.jobs import Periodic
from api.core.models import JobRun
from tests.notifications.conftest import V, drain


def test_daily_job_is_due_at_six_vilnius_time_across_dst() -> None:
    job = Periodic("x", timedelta(days=1), lambda s, n: 0, at=time(6, 0))
    # Winter: UTC+2 → 04:00 UTC; summer: UTC+3 → 03:00 UTC.
    assert job.next_due(datetime(2026, 1, 10, 5, 0, tzinfo=UTC)) == datetime(2026, 1, 11, 4, 0, tzinfo=UTC)
    assert job.next_due(datetime(2026, 1, 10, 1, 0, tzinfo=UTC)) == datetime(2026, 1, 10, 4, 0, tzinfo=UTC)
    assert job.next_due(datetime(2026, 7, 10, 3, 30, tzinfo=UTC)) == datetime(2026, 7, 11, 3, 0, tzinfo=UTC)
    plain = Periodic("y", timedelta(hours=1), lambda s, n: 0)
    assert plain.next_due(datetime(2026, 1, 1, tzinfo=UTC)) == datetime(2026, 1, 1, 1, tzinfo=UTC)


def test_domains_declare_periodic_jobs_by_convention() -> None:
    found = jobs.periodic_jobs()
    assert {
        "notifications.mail",
        "notifications.digest",
        "events.reminders",
        "directory.funding_ending",
    } <= set(found)
    assert all(isinstance(j, Periodic) and j.every > timedelta(0) for j in found.values())
    assert "notifications.mail" in jobs.named_tasks()


def test_a_due_job_is_claimed_once_and_then_not_until_its_next_time(job_runtime, db: Session) -> None:
    now = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
    first = jobs.claim_due(now)
    assert "notifications.mail" in first and "events.reminders" in first
    # A second worker ticking at the same moment finds nothing due.
    assert jobs.claim_due(now) == []
    later = jobs.claim_due(now + timedelta(minutes=1, seconds=1))
    assert "notifications.mail" in later and "events.reminders" not in later
    row = db.get(JobRun, "events.reminders")
    db.refresh(row)
    assert row.next_due_at == now + timedelta(hours=1)


def test_tick_enqueues_due_jobs_which_run_and_are_recorded(job_runtime, db: Session) -> None:
    now = datetime(2031, 3, 1, 12, 0, tzinfo=UTC)
    assert jobs.run_due(now) >= 4
    results = drain(job_runtime)
    assert len(results) >= 4 and all(isinstance(r, int) for r in results)
    row = db.get(JobRun, "notifications.mail")
    db.refresh(row)
    assert row.runs >= 1 and row.last_count == 0 and row.failures == 0


def test_a_failing_job_is_recorded_and_retried_with_backoff(job_runtime, db: Session, monkeypatch) -> None:
    def broken(session, now):
        raise RuntimeError("mail server on fire")

    monkeypatch.setattr(
        jobs, "periodic_jobs", lambda: {"broken": Periodic("broken", timedelta(minutes=5), broken)}
    )
    jobs.run_due(datetime(2032, 1, 1, tzinfo=UTC))
    task = job_runtime.huey.dequeue()
    assert task.retries == jobs.RETRIES and task.retry_delay == jobs.RETRY_DELAY
    job_runtime.huey.execute(task)
    row = db.get(JobRun, "broken")
    db.refresh(row)
    assert row.failures == 1 and "mail server on fire" in row.last_error
    # huey put it back with a delay, one retry fewer, the next delay doubled.
    assert job_runtime.huey.scheduled_count() == 1
    retry = job_runtime.huey.scheduled()[0]
    assert retry.retries == jobs.RETRIES - 1 and retry.retry_delay == jobs.RETRY_DELAY * 2


def test_enqueue_after_commit_only_after_a_commit(job_runtime, db: Session) -> None:
    from api.core.db import make_session_factory

    factory = make_session_factory(db.get_bind())
    s = factory()
    jobs.enqueue_after_commit(s, "notifications.mail")
    s.rollback()
    assert job_runtime.huey.pending_count() == 0
    jobs.enqueue_after_commit(s, "notifications.mail")
    s.commit()
    assert job_runtime.huey.pending_count() == 1
    s.close()


def test_admin_sees_jobs_others_do_not(client, auth, base, job_runtime) -> None:
    jobs.claim_due(datetime(2033, 1, 1, tzinfo=UTC))
    r = client.get(f"{V}/admin/jobs", headers=auth.headers(base.admin))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["storage"] == "MemoryHuey" and body["queue"]["ok"] is True
    by_name = {j["name"]: j for j in body["jobs"]}
    assert by_name["notifications.digest"]["at"] == "06:00:00"
    assert by_name["events.reminders"]["every_seconds"] == 3600
    assert by_name["events.reminders"]["next_due_at"] is not None
    assert r.headers["cache-control"] == "no-store"
    assert client.get(f"{V}/admin/jobs", headers=auth.headers(base.coordinator)).status_code == 403
    assert client.get(f"{V}/admin/jobs").status_code == 401


def test_redis_storage(settings, job_runtime) -> None:
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    huey = jobs.storage_for(settings.model_copy(update={"jobs_url": url}))
    assert type(huey).__name__ == "RedisHuey"
    huey.flush()
    rt = jobs.configure(settings, session_factory=job_runtime.session_factory, huey=huey)
    jobs.enqueue("notifications.mail")
    assert huey.pending_count() == 1
    task = huey.dequeue()
    assert task.name == "langelis.task" and task.args == ("notifications.mail", {})
    assert huey.execute(task) == 0
    assert rt.huey.pending_count() == 0
    huey.flush()
