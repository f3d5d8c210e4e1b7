"""Periods: years ``2024``, quarters ``2024Q1``, months ``2024-03``, ranges ``2020..2024`` and
relative periods (``THIS_YEAR``, ``LAST_5_YEARS``, ``LAST_4_QUARTERS``, ``LAST_12_MONTHS``…)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

YEAR, QUARTER, MONTH = "year", "quarter", "month"
# Coarser periods have a smaller rank: a year is made of quarters, a quarter of months.
RANK = {YEAR: 1, QUARTER: 2, MONTH: 3}
MAX_PERIODS = 240

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_RELATIVE = re.compile(r"^(THIS|LAST)_(?:(\d{1,3})_)?(YEAR|QUARTER|MONTH)S?$")
_ROMAN = ("I", "II", "III", "IV")
_MONTHS = {
    "lt": (
        "sausis", "vasaris", "kovas", "balandis", "gegužė", "birželis",
        "liepa", "rugpjūtis", "rugsėjis", "spalis", "lapkritis", "gruodis",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "uk": (
        "січень", "лютий", "березень", "квітень", "травень", "червень",
        "липень", "серпень", "вересень", "жовтень", "листопад", "грудень",
    ),
    "ru": (
        "январь", "февраль", "март", "апрель", "май", "июнь",
        "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
    ),
}  # fmt: skip


class PeriodError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Period:
    start: date
    type: str
    code: str
    end: date

    @property
    def rank(self) -> int:
        return RANK[self.type]

    @property
    def year(self) -> int:
        return self.start.year

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end and other.rank >= self.rank

    def name(self) -> dict[str, str]:
        if self.type == YEAR:
            return {
                "lt": f"{self.year} m.",
                "en": str(self.year),
                "uk": f"{self.year} р.",
                "ru": f"{self.year} г.",
            }
        if self.type == QUARTER:
            q = (self.start.month - 1) // 3
            roman = _ROMAN[q]
            return {
                "lt": f"{self.year} m. {roman} ketv.",
                "en": f"{self.year} Q{q + 1}",
                "uk": f"{roman} кв. {self.year} р.",
                "ru": f"{roman} кв. {self.year} г.",
            }
        m = self.start.month - 1
        return {
            "lt": f"{self.year} m. {_MONTHS['lt'][m]}",
            "en": f"{_MONTHS['en'][m]} {self.year}",
            "uk": f"{_MONTHS['uk'][m]} {self.year} р.",
            "ru": f"{_MONTHS['ru'][m]} {self.year} г.",
        }

    def sdmx(self) -> str:
        if self.type == QUARTER:
            return f"{self.year}-Q{(self.start.month - 1) // 3 + 1}"
        return self.code

    def next(self) -> Period:
        return containing(self.end + timedelta(days=1), self.type)

    def previous(self) -> Period:
        return containing(self.start - timedelta(days=1), self.type)

    def children(self, kind: str) -> list[Period]:
        """The periods of type ``kind`` making up this one (itself when the same type)."""
        out = []
        current = containing(self.start, kind)
        while current.start <= self.end:
            out.append(current)
            current = current.next()
        return out


def _month_end(year: int, month: int) -> date:
    return (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)) - timedelta(days=1)


def year(y: int) -> Period:
    return Period(date(y, 1, 1), YEAR, str(y), date(y, 12, 31))


def quarter(y: int, q: int) -> Period:
    first = 3 * (q - 1) + 1
    return Period(date(y, first, 1), QUARTER, f"{y}Q{q}", _month_end(y, first + 2))


def month(y: int, m: int) -> Period:
    return Period(date(y, m, 1), MONTH, f"{y}-{m:02d}", _month_end(y, m))


def containing(day: date, kind: str) -> Period:
    if kind == YEAR:
        return year(day.year)
    if kind == QUARTER:
        return quarter(day.year, (day.month - 1) // 3 + 1)
    return month(day.year, day.month)


@lru_cache(maxsize=4096)
def parse(code: str) -> Period:
    """One fixed period; SDMX spellings (``2024-Q1``, ``2024-A1``…) are accepted too."""
    text = code.strip().upper()
    if text.endswith("-A1"):
        text = text[:-3]
    if m := _YEAR.match(text):
        y = int(m.group(1))
    elif m := _QUARTER.match(text):
        y = int(m.group(1))
        if 1900 <= y <= 2100:
            return quarter(y, int(m.group(2)))
    elif m := _MONTH.match(text):
        y, mo = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12 and 1900 <= y <= 2100:
            return month(y, mo)
        raise PeriodError(f"'{code}' is not a valid month")
    else:
        raise PeriodError(f"'{code}' is not a period (use 2024, 2024Q1 or 2024-03)")
    if not 1900 <= y <= 2100:
        raise PeriodError(f"'{code}' is out of range (1900–2100)")
    if _YEAR.match(text):
        return year(y)
    raise PeriodError(f"'{code}' is out of range (1900–2100)")


def relative(code: str, today: date) -> list[Period]:
    """``THIS_YEAR``, ``LAST_YEAR``, ``LAST_5_YEARS``, ``THIS_QUARTER``, ``LAST_4_QUARTERS``, ``LAST_12_MONTHS``…

    ``LAST_n_…`` are the n complete periods before the current one, oldest first (as in DHIS2).
    """
    m = _RELATIVE.match(code.strip().upper())
    if not m:
        raise PeriodError(f"'{code}' is not a relative period")
    which, count, unit = m.group(1), m.group(2), m.group(3).lower()
    current = containing(today, unit)
    if which == "THIS":
        if count is not None:
            raise PeriodError(f"'{code}' is not a relative period")
        return [current]
    n = int(count) if count is not None else 1
    if not 1 <= n <= MAX_PERIODS:
        raise PeriodError(f"'{code}': between 1 and {MAX_PERIODS} periods")
    out = []
    p = current
    for _ in range(n):
        p = p.previous()
        out.append(p)
    return list(reversed(out))


def expand(expression: str, today: date) -> list[Period]:
    """A period, a range ``A..B`` of the same type, or a relative period."""
    text = expression.strip()
    if not text:
        raise PeriodError("empty period")
    if text[0].isalpha():
        return relative(text, today)
    if ".." in text:
        first_code, _, last_code = text.partition("..")
        first, last = parse(first_code), parse(last_code)
        if first.type != last.type:
            raise PeriodError(f"'{expression}': both ends of a range must be of the same type")
        if last.start < first.start:
            raise PeriodError(f"'{expression}': the range ends before it starts")
        out = [first]
        while out[-1].start < last.start:
            if len(out) >= MAX_PERIODS:
                raise PeriodError(f"'{expression}': at most {MAX_PERIODS} periods")
            out.append(out[-1].next())
        return out
    return [parse(text)]


def expand_all(expressions: list[str], today: date) -> list[Period]:
    seen: dict[str, Period] = {}
    for expression in expressions:
        for p in expand(expression, today):
            seen.setdefault(p.code, p)
    if len(seen) > MAX_PERIODS:
        raise PeriodError(f"at most {MAX_PERIODS} periods in one request")
    return list(seen.values())
