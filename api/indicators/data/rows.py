"""One row of an import file, checked: the indicator, place, period, breakdowns, value and flags."""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from typing import Any

from api.core.actor import Actor
from api.indicators import periods, places
from api.indicators.data.formats import RawRow
from api.indicators.models import IndicatorDefinition
from api.indicators.scope import place_allowed
from api.indicators.vocab import FLAG_NAMES, Dimension, breakdown_key, dimensions, normalise_value

SMALL_CELL = 5
# How many distinct breakdowns (and flag texts) one import remembers as checked.
CACHED = 4096


@dataclass
class Checked:
    row: RawRow
    definition: IndicatorDefinition
    place: places.Place
    period: periods.Period
    bkey: str
    bdims: str
    breakdowns: dict[str, str]
    value: float | None
    flags: tuple[bool, bool, bool, bool]
    source: str | None
    people: int | None
    delete: bool
    # (indicator, period, place, breakdown key): the observation's identity.
    key: tuple[uuid.UUID, str, str, str]

    def flag_columns(self) -> dict[str, bool]:
        """The flags as the observation's columns: ``{"provisional": …, "suppressed": …}``."""
        return dict(zip(FLAG_NAMES, self.flags, strict=True))


class RowConflict(Exception):
    def __init__(self, code: str, reason: str, field: str | None = None) -> None:
        super().__init__(reason)
        self.code, self.reason, self.field = code, reason, field


class RowChecker:
    """Checks rows against the definitions, the places the actor may load and the breakdowns."""

    def __init__(
        self,
        *,
        actor: Actor,
        strategy: str,
        defs: dict[str, IndicatorDefinition],
        geo: places.Geography,
    ) -> None:
        self.actor = actor
        self.strategy = strategy
        self.defs = defs
        self.geo = geo
        self.dims = dimensions()
        # Which places the actor may load, decided once per place rather than per row.
        self.allowed = {code: place_allowed(actor, place) for code, place in geo.by_code.items()}
        # A file repeats the same few breakdowns and flags on every row: each is checked once.
        self._breakdown_cache: dict[
            tuple[str, tuple[tuple[str, Any], ...]], tuple[dict[str, str], str, str]
        ] = {}
        self._flags_cache: dict[str | None, tuple[bool, bool, bool, bool]] = {}

    def check(self, row: RawRow) -> Checked:
        if row.error:
            raise RowConflict("malformed_row", row.error)
        code = _text(row.indicator, "indicator")
        definition = self.defs.get(code)
        if definition is None:
            raise RowConflict("unknown_indicator", f"unknown indicator '{code}'", "indicator")
        if definition.numerator is not None:
            raise RowConflict("computed_indicator", f"'{code}' is computed, it takes no data", "indicator")
        place_code = _text(row.place, "place")
        place = self.geo.by_code.get(place_code)
        if place is None:
            raise RowConflict("unknown_place", f"unknown place '{place_code}'", "place")
        if not self.allowed[place_code]:
            raise RowConflict("outside_municipality", f"'{place_code}' is not your municipality", "place")
        try:
            period = periods.parse(_text(row.period, "period"))
        except periods.PeriodError as exc:
            raise RowConflict("bad_period", str(exc), "period") from exc
        breakdowns, bkey, bdims = self._breakdowns_cached(row.breakdowns, definition)
        flags = self._flags_cached(row.flags)
        delete = row.delete or self.strategy == "delete"
        value = None if delete else _number(row.value, row.decimal_comma)
        people = _people(row.people)
        suppressed = flags[3]
        if definition.personal and people is not None and 0 < people < SMALL_CELL:
            suppressed = True  # primary small-cell suppression of personal data
        if suppressed:
            value = None
        elif value is None and not delete:
            raise RowConflict("missing_value", "a value is required (or the flag 'suppressed')", "value")
        source = row.source.strip()[:300] if isinstance(row.source, str) and row.source.strip() else None
        if source is not None and "\x00" in source:
            raise RowConflict("bad_source", "the source holds a NUL character", "source")
        return Checked(
            row=row,
            definition=definition,
            place=place,
            period=period,
            bkey=bkey,
            bdims=bdims,
            breakdowns=breakdowns,
            value=value,
            flags=(flags[0], flags[1], flags[2], suppressed),
            source=source,
            people=people,
            delete=delete,
            key=(definition.id, period.code, place.code, bkey),
        )

    def _breakdowns_cached(
        self, raw: Any, definition: IndicatorDefinition
    ) -> tuple[dict[str, str], str, str]:
        """The breakdowns checked, with their key and dimensions; the answer is shared, never changed."""
        if not isinstance(raw, dict):
            return self._breakdowns_keyed(raw, definition)
        try:
            token = (definition.code, tuple(raw.items()))
            hit = self._breakdown_cache.get(token)
        except TypeError:  # an unhashable value (a list): checked each time, it is a conflict
            return self._breakdowns_keyed(raw, definition)
        if hit is None:
            hit = self._breakdowns_keyed(raw, definition)
            if len(self._breakdown_cache) < CACHED:
                self._breakdown_cache[token] = hit
        return hit

    def _breakdowns_keyed(self, raw: Any, definition: IndicatorDefinition) -> tuple[dict[str, str], str, str]:
        breakdowns = self._breakdowns(raw, definition)
        return (breakdowns, *breakdown_key(breakdowns))

    def _flags_cached(self, raw: Any) -> tuple[bool, bool, bool, bool]:
        if raw is not None and not isinstance(raw, str):
            return _flags(raw)
        hit = self._flags_cache.get(raw)
        if hit is None:
            hit = _flags(raw)
            if len(self._flags_cache) < CACHED:
                self._flags_cache[raw] = hit
        return hit

    def _breakdowns(self, raw: Any, definition: IndicatorDefinition) -> dict[str, str]:
        if not isinstance(raw, dict):
            raise RowConflict(
                "bad_breakdowns", "breakdowns must be an object of dimension: code", "breakdowns"
            )
        out = {}
        allowed = definition.breakdowns
        for dim_code, value in raw.items():
            dim: Dimension | None = self.dims.get(str(dim_code))
            if dim is None:
                raise RowConflict("unknown_breakdown", f"unknown breakdown '{dim_code}'", str(dim_code))
            if dim_code not in allowed:
                raise RowConflict(
                    "breakdown_not_allowed",
                    f"'{definition.code}' has no breakdown '{dim_code}' (allowed: {', '.join(allowed) or 'none'})",
                    str(dim_code),
                )
            if not isinstance(value, str):
                raise RowConflict("bad_breakdown_value", f"{dim_code}: a code is expected", str(dim_code))
            code = normalise_value(dim, value)
            if not dim.allows(code):
                raise RowConflict(
                    "unknown_breakdown_value", f"{dim_code}: unknown code '{value}'", str(dim_code)
                )
            out[str(dim_code)] = code
        return out


# --- value parsing --------------------------------------------------------------------------------


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RowConflict("missing_field", f"{name} is required", name)
    return value.strip()


def _number(value: Any, decimal_comma: bool) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise RowConflict("bad_value", "the value must be a number", "value")
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if decimal_comma:
            text = text.replace(",", ".")
        try:
            number = float(text)
        except ValueError as exc:
            raise RowConflict("bad_value", f"'{value}' is not a number", "value") from exc
    else:
        raise RowConflict("bad_value", "the value must be a number", "value")
    if not math.isfinite(number):
        raise RowConflict("bad_value", "the value must be a finite number", "value")
    return number


def _people(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(value) if not isinstance(value, bool) else -1
    except (TypeError, ValueError) as exc:
        raise RowConflict("bad_people", "people must be a whole number", "people") from exc
    if number < 0 or number > 100_000_000:
        raise RowConflict("bad_people", "people must be between 0 and 100000000", "people")
    return number


def _flags(value: Any) -> tuple[bool, bool, bool, bool]:
    if value is None or value == "":
        return (False, False, False, False)
    if isinstance(value, str):
        items = [v.strip() for v in value.replace(",", ";").replace("|", ";").split(";") if v.strip()]
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = value
    else:
        raise RowConflict("bad_flags", "flags must be a list of names", "flags")
    unknown = [f for f in items if f not in FLAG_NAMES]
    if unknown:
        raise RowConflict("bad_flags", f"unknown flag(s) {unknown}; use {list(FLAG_NAMES)}", "flags")
    return tuple(f in items for f in FLAG_NAMES)  # type: ignore[return-value]


def same(item: Checked, old: Any) -> bool:
    if item.flags != (old.provisional, old.estimated, old.break_in_series, old.suppressed):
        return False
    if item.source is not None and item.source != old.source:
        return False
    if item.people is not None and item.people != old.people:
        return False
    if item.value is None or old.value is None:
        return item.value is None and old.value is None
    return math.isclose(item.value, old.value, rel_tol=1e-12, abs_tol=1e-12)
