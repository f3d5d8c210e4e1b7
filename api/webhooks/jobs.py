"""Sending webhook deliveries in the background: right after the commit that recorded an event
(the task ``webhooks.deliver``, enqueued by :func:`api.webhooks.emit.emit`), and every minute for
retries that came due (the periodic job)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from api.core import jobs
from api.core.config import get_settings
from api.core.jobs import Periodic
from api.webhooks.delivery import run

TASK = "webhooks.deliver"


def deliver(session: Session, now: datetime, **_: Any) -> int:
    """Send what is due; each delivery is claimed and recorded in its own short transaction, the
    HTTP call happens outside any."""
    factory = sessionmaker(bind=session.get_bind(), class_=Session, expire_on_commit=False)
    runtime = jobs.configured()
    settings = runtime.settings if runtime is not None else get_settings()
    counts = run(factory, allow_private=settings.webhooks_allow_private, now=now, settings=settings)
    return sum(counts.values())


# Retries that came due, and anything a down queue did not send at once.
PERIODIC: list[Periodic] = [Periodic("webhooks.retry", timedelta(minutes=1), deliver)]
TASKS = {TASK: deliver}
