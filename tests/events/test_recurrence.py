"""Recurrence expansion: local wall-clock times across DST, 29 February, windows."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from api.core.errors import ProblemError
from api.events.recurrence import check_rule, occurrences


def _in(
    tz_start: datetime, rule: str, lo: datetime, hi: datetime, tz: str = "Europe/Vilnius"
) -> list[datetime]:
    end = tz_start.replace(hour=tz_start.hour + 2)
    return [s for s, _ in occurrences(tz_start, end, tz, rule, (lo, hi))]


def test_weekly_keeps_local_time_across_the_spring_dst_change():
    start = datetime(2026, 3, 20, 16, 0, tzinfo=UTC)  # 18:00 in Vilnius (EET, UTC+2)
    got = _in(start, "FREQ=WEEKLY", datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 10, tzinfo=UTC))
    assert [s.hour for s in got] == [16, 16, 15]  # 18:00 local, then EEST (UTC+3) from 29 March


def test_weekly_keeps_local_time_across_the_autumn_dst_change():
    start = datetime(2026, 10, 16, 15, 0, tzinfo=UTC)  # 18:00 EEST
    got = _in(
        start, "FREQ=WEEKLY;COUNT=3", datetime(2026, 10, 1, tzinfo=UTC), datetime(2026, 11, 30, tzinfo=UTC)
    )
    assert [s.hour for s in got] == [15, 15, 16]


def test_29_february_yearly_only_in_leap_years():
    start = datetime(2024, 2, 29, 10, 0, tzinfo=UTC)
    got = _in(
        start,
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
        datetime(2024, 1, 1, tzinfo=UTC),
        datetime(2033, 1, 1, tzinfo=UTC),
    )
    assert [s.year for s in got] == [2024, 2028, 2032]
    assert all((s.month, s.day) == (2, 29) for s in got)


def test_26_december_every_year_inside_the_window_only():
    start = datetime(2020, 12, 26, 16, 0, tzinfo=UTC)
    got = _in(
        start,
        "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=26",
        datetime(2025, 1, 1, tzinfo=UTC),
        datetime(2027, 12, 31, tzinfo=UTC),
    )
    assert [(s.year, s.month, s.day) for s in got] == [(2025, 12, 26), (2026, 12, 26), (2027, 12, 26)]


def test_a_single_event_overlapping_the_window_is_kept():
    start = datetime(2026, 5, 1, 10, 0, tzinfo=UTC)
    assert _in(start, "", datetime(2026, 5, 1, 11, 0, tzinfo=UTC), datetime(2026, 5, 2, tzinfo=UTC)) == [
        start
    ]
    assert _in(start, "", datetime(2026, 5, 2, tzinfo=UTC), datetime(2026, 5, 3, tzinfo=UTC)) == []


def test_bounded_rules_know_their_last_start_and_bad_rules_are_refused():
    start = datetime(2026, 1, 5, 16, 0, tzinfo=UTC)
    assert check_rule("FREQ=WEEKLY;COUNT=3", start, "Europe/Vilnius") == datetime(
        2026, 1, 19, 16, 0, tzinfo=UTC
    )
    assert check_rule("FREQ=WEEKLY", start, "Europe/Vilnius") is None
    with pytest.raises(ProblemError):
        check_rule("FREQ=SOMETIMES", start, "Europe/Vilnius")
