"""Occurrences of an event: RFC 5545 RRULEs expanded in the event's own time zone.

The rule runs over *local wall-clock* times (naive datetimes in the event's zone), and each
occurrence is then placed in that zone, so an event at 18:00 stays at 18:00 across DST changes.
A rule for 29 February yields only leap years (RFC 5545: invalid dates are skipped).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrulestr

from api.core.errors import unprocessable

MAX_OCCURRENCES = 1000


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise unprocessable(f"Unknown time zone {name!r}.") from exc


def local_start(starts_at: datetime, tz: str) -> datetime:
    return starts_at.astimezone(zone(tz)).replace(tzinfo=None)


def check_rule(rule: str, starts_at: datetime, tz: str) -> datetime | None:
    """Validate ``rule``; the last start it allows (UTC), or None when it never ends."""
    try:
        parsed = rrulestr(rule, dtstart=local_start(starts_at, tz))
    except (ValueError, TypeError) as exc:
        raise unprocessable(f"Not a valid RFC 5545 RRULE: {exc}") from exc
    if "UNTIL" not in rule.upper() and "COUNT" not in rule.upper():
        return None
    last = None
    for last in parsed:  # noqa: B007  (bounded: UNTIL or COUNT)
        pass
    return None if last is None else last.replace(tzinfo=zone(tz)).astimezone(UTC)


def occurrences(
    starts_at: datetime, ends_at: datetime, tz: str, rule: str | None, window: tuple[datetime, datetime]
) -> Iterator[tuple[datetime, datetime]]:
    """(start, end) pairs in UTC of every occurrence overlapping ``window``."""
    lo, hi = window
    duration = ends_at - starts_at
    if not rule:
        if starts_at < hi and ends_at > lo:
            yield starts_at, ends_at
        return
    zi = zone(tz)
    parsed = rrulestr(rule, dtstart=local_start(starts_at, tz))
    lo_local = (lo - duration).astimezone(zi).replace(tzinfo=None)
    hi_local = hi.astimezone(zi).replace(tzinfo=None)
    for n, local in enumerate(parsed.xafter(lo_local, inc=True)):
        if local > hi_local or n >= MAX_OCCURRENCES:
            return
        start = local.replace(tzinfo=zi).astimezone(UTC)
        end = (local + duration).replace(tzinfo=zi).astimezone(UTC)
        if start < hi and end > lo:
            yield start, end
