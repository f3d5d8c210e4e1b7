"""The directory's periodic work: services whose funding ends within 30 days (checked daily)."""

from __future__ import annotations

from datetime import time, timedelta

from api.core.jobs import Periodic
from api.directory.notices import funding_ending, stale_services

PERIODIC: list[Periodic] = [
    Periodic("directory.funding_ending", timedelta(days=1), funding_ending, at=time(7, 0)),
    Periodic("directory.stale_services", timedelta(days=7), stale_services),
]
