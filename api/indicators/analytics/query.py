"""An analytics request, parsed and checked: indicators, periods, places, breakdowns, filters.

The answer's building blocks (:class:`Query`, :class:`Cell`) live here too; :mod:`.logic` computes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session

from api.core.actor import Actor
from api.core.errors import ProblemError
from api.indicators import periods, places
from api.indicators.definitions.logic import definitions_by_code, is_computed
from api.indicators.models import IndicatorDefinition
from api.indicators.vocab import dimensions, normalise_value

MAX_CELLS = 250_000
MAX_BREAKDOWNS = 3


@dataclass
class Query:
    indicators: list[IndicatorDefinition]
    periods: list[periods.Period]
    places: list[places.Place]
    dims: list[str]
    filters: dict[str, list[str]]
    published_only: bool
    as_of: date
    components: dict[str, IndicatorDefinition] = field(default_factory=dict)


@dataclass(slots=True)
class Cell:
    value: float | None
    suppressed: bool = False
    draft: bool = False
    provisional: bool = False
    estimated: bool = False
    break_in_series: bool = False

    def flags(self) -> list[str]:
        if not (self.provisional or self.estimated or self.break_in_series or self.suppressed or self.draft):
            return []
        out = [
            name
            for name, on in (
                ("provisional", self.provisional),
                ("estimated", self.estimated),
                ("break_in_series", self.break_in_series),
                ("suppressed", self.suppressed),
                ("draft", self.draft),
            )
            if on
        ]
        return out


CellKey = tuple[str, str, tuple[str, ...]]  # place, period, values of the asked dimensions


# --- parsing the request --------------------------------------------------------------------------


def _split(values: Iterable[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def parse_query(
    session: Session,
    *,
    actor: Actor,
    indicator: list[str],
    period: list[str],
    place: list[str],
    breakdown: list[str],
    filters: list[str],
    published_only: bool,
    as_of: date,
    defs: dict[str, IndicatorDefinition] | None = None,
) -> Query:
    """The request checked against what the caller may read. ``defs``: the definitions the caller
    may read by code, when the caller has them already (else they are read here)."""
    errors: list[dict[str, Any]] = []

    def bad(field_name: str, msg: str) -> None:
        errors.append({"loc": ["query", field_name], "msg": msg, "type": "unknown_code"})

    if defs is None:
        defs = definitions_by_code(session, actor=actor)
    chosen: list[IndicatorDefinition] = []
    for code in dict.fromkeys(_split(indicator)):
        if code in defs:
            chosen.append(defs[code])
        else:
            bad("indicator", f"unknown indicator '{code}'")
    if not chosen and not errors:
        bad("indicator", "give at least one indicator")
    components: dict[str, IndicatorDefinition] = {}
    for d in chosen:
        for part in (d.numerator, d.denominator) if is_computed(d) else (d.code,):
            if part and part in defs:
                components[part] = defs[part]
            elif part:
                bad("indicator", f"'{d.code}' uses '{part}', which you may not read")

    chosen_periods: list[periods.Period] = []
    try:
        chosen_periods = periods.expand_all(_split(period), as_of)
    except periods.PeriodError as exc:
        bad("period", str(exc))
    if not chosen_periods and not any(e["loc"][1] == "period" for e in errors):
        bad("period", "give at least one period")

    geo = places.geography(session)
    chosen_places: list[places.Place] = []
    for expression in _split(place) or [places.COUNTRY_CODE]:
        try:
            for p in geo.select(expression):
                if p not in chosen_places:
                    chosen_places.append(p)
        except places.PlaceError:
            bad("place", f"unknown place '{expression}'")

    dims = dimensions()
    chosen_dims = list(dict.fromkeys(_split(breakdown)))
    for code in chosen_dims:
        if code not in dims:
            bad("breakdown", f"unknown breakdown '{code}'")
    if len(chosen_dims) > MAX_BREAKDOWNS:
        bad("breakdown", f"at most {MAX_BREAKDOWNS} breakdowns as dimensions")

    chosen_filters: dict[str, list[str]] = {}
    for expression in filters:
        name, sep, raw_values = expression.partition(":")
        name = name.strip()
        if not sep or name not in dims:
            bad("filter", f"unknown filter '{expression}' (use dimension:code;code)")
            continue
        if name in chosen_dims or name in chosen_filters:
            bad("filter", f"'{name}' is given twice")
            continue
        values = [v.strip() for v in raw_values.replace(",", ";").split(";") if v.strip()]
        normalised = [normalise_value(dims[name], v) for v in values]
        wrong = [v for v, n in zip(values, normalised, strict=True) if not dims[name].allows(n)]
        if not values or wrong:
            bad("filter", f"{name}: unknown code(s) {wrong or ['(none given)']}")
            continue
        chosen_filters[name] = list(dict.fromkeys(normalised))

    used = set(chosen_dims) | set(chosen_filters)
    for d in [*chosen, *components.values()]:
        missing = sorted(used - set(d.breakdowns))
        if missing and (d.code in components or not is_computed(d)):
            bad("breakdown", f"'{d.code}' has no breakdown {missing} (it has {d.breakdowns or 'none'})")
    if errors:
        names = "; ".join(e["msg"] for e in errors)
        raise ProblemError(422, f"Invalid analytics request: {names}.", slug="validation-error",
                           title="Validation failed", errors=errors)  # fmt: skip
    if len(chosen) * len(chosen_periods) * len(chosen_places) > MAX_CELLS:
        raise ProblemError(
            422,
            f"The request asks for more than {MAX_CELLS} cells: choose fewer periods or places.",
            slug="too-large",
            title="Request too large",
        )
    return Query(
        indicators=chosen,
        periods=chosen_periods,
        places=chosen_places,
        dims=chosen_dims,
        filters=chosen_filters,
        published_only=published_only,
        as_of=as_of,
        components=components,
    )
