"""A real huey consumer (threads, SQLite queue file) runs the periodic mail job and sends to a local
SMTP server started by the test; a job survives a consumer restart; two consumers run it once."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes
from email.header import decode_header, make_header
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import Session, select

from api.core import jobs
from api.core.db import make_engine, make_session_factory, utcnow
from api.core.models import JobRun, OutboxMessage
from tests.conftest import create_database, free_port, run_migrations


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []
        self.arrived = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        self.arrived.set()
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def fresh(tmp_path, settings) -> Iterator[tuple[Any, Any]]:
    """A database of its own (the consumer's commits are real) and settings pointing at it."""
    database = create_database(tmp_path, prefix="langelis_worker")
    run_migrations(database.url)
    engine = make_engine(database.url)
    yield database, engine
    jobs.reset()
    engine.dispose()
    if database.cleanup:
        database.cleanup()


def _user(session: Session, lang: str) -> Any:
    from api.accounts.models import User

    user = User(
        email=f"w-{uuid.uuid4().hex[:8]}@test.lt",
        role="resident",
        display_name="Worker test",
        country="LT",
        preferred_language=lang,
        email_verified_at=utcnow(),
    )
    session.add(user)
    session.flush()
    return user


def test_worker_runs_the_periodic_mail_job_and_sends_over_smtp(settings, fresh, smtp, tmp_path) -> None:
    from api.notifications.logic import notify
    from api.notifications.preferences.logic import update

    database, engine = fresh
    inbox, port = smtp
    conf = settings.model_copy(
        update={
            "database_url": database.url,
            "jobs_url": f"sqlite:///{tmp_path / 'queue.db'}",
            "smtp_url": f"smtp://127.0.0.1:{port}",
            "public_base_url": "https://langelis.example",
        }
    )
    rt = jobs.configure(conf, engine=engine)
    assert type(rt.huey).__name__ == "SqliteHuey"
    factory = make_session_factory(engine)
    with factory() as session:
        user = _user(session, "uk")
        from api.core.actor import Actor

        update(
            session, actor=Actor(kind="user", id=user.id, role="resident"), channels={"idea_state": "email"}
        )
        notify(
            session,
            user_id=user.id,
            kind="idea_state",
            title_translations={"lt": "Idėja priimta", "en": "Idea accepted", "uk": "Ідею прийнято"},
            link="/ideas/1",
        )
        session.commit()
        email = user.email
    # Drop the task the commit enqueued: the periodic job alone must deliver.
    rt.huey.flush()
    assert jobs.run_due(utcnow()) >= 1  # the minute tick, as the scheduler calls it
    consumer = jobs.consumer(workers=2)
    consumer.start()
    try:
        assert inbox.arrived.wait(timeout=30), "no mail arrived"
    finally:
        consumer.stop(graceful=True)
    rcpts, mail = inbox.messages[0]
    assert rcpts == [email]
    assert str(make_header(decode_header(mail["Subject"]))) == "Ідею прийнято"
    assert "https://langelis.example/#/ideas/1" in mail.get_payload(decode=True).decode()
    with factory() as session:
        sent = session.exec(select(OutboxMessage).where(OutboxMessage.recipient == email)).one()
        assert sent.sent_at is not None
        run = session.get(JobRun, "notifications.mail")
        assert run is not None and run.runs >= 1 and run.failures == 0


def test_a_queued_job_survives_a_restart_and_two_consumers_run_a_due_job_once(
    settings, fresh, tmp_path
) -> None:
    database, engine = fresh
    conf = settings.model_copy(
        update={"database_url": database.url, "jobs_url": f"sqlite:///{tmp_path / 'q.db'}"}
    )
    rt = jobs.configure(conf, engine=engine)
    now = utcnow()
    claimed = jobs.run_due(now)
    assert claimed >= 4
    # The process ends with the jobs still queued: a new runtime on the same file finds them.
    jobs.reset()
    rt2 = jobs.configure(conf, engine=engine, huey=jobs.storage_for(conf))
    assert rt2.huey is not rt.huey and rt2.huey.pending_count() == claimed
    # Two consumers racing at the same tick: the claim lets one through.
    results: list[list[str]] = []
    barrier = threading.Barrier(2)

    def tick() -> None:
        barrier.wait()
        results.append(jobs.claim_due(now + timedelta(hours=2)))

    threads = [threading.Thread(target=tick) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    both = results[0] + results[1]
    assert len(both) == len(set(both)) and {"notifications.mail", "events.reminders"} <= set(both)
    finished = threading.Semaphore(0)

    def count(signal: str, task: Any, *exc: Any) -> None:
        if task.name == "langelis.periodic":
            finished.release()

    rt2.huey.signal("complete", "error")(count)
    consumers = [jobs.consumer(workers=1), jobs.consumer(workers=1)]
    for c in consumers:
        c.start()
    try:
        # Every queued periodic job (the consumers' own start-up tick finds nothing due).
        for _ in range(claimed):
            assert finished.acquire(timeout=30)
    finally:
        for c in consumers:
            c.stop(graceful=True)
    factory = make_session_factory(engine)
    with factory() as session:
        rows = {r.name: r for r in session.exec(select(JobRun)).all()}
    assert rows["events.reminders"].runs == 1
    assert rows["notifications.mail"].runs == 1
