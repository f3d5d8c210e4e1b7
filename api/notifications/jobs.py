"""The notification centre's background work: mail soon after a commit, a catch-up every minute,
and the daily digest at 06:00 Vilnius time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time, timedelta

from api.core.jobs import Periodic
from api.notifications import mail
from api.notifications.logic import MAIL_TASK

PERIODIC: list[Periodic] = [
    Periodic("notifications.mail", timedelta(minutes=1), mail.mail_now),
    Periodic("notifications.digest", timedelta(days=1), mail.digest_now, at=time(6, 0)),
]
TASKS: dict[str, Callable[..., int]] = {MAIL_TASK: mail.mail_now}
