"""The events domain's periodic work: reminders the day before (api.events.notices)."""

from __future__ import annotations

from datetime import timedelta

from api.core.jobs import Periodic
from api.events.notices import send_reminders

PERIODIC: list[Periodic] = [Periodic("events.reminders", timedelta(hours=1), send_reminders)]
