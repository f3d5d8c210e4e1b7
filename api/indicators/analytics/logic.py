"""Analytics: indicators × periods × places × breakdowns, rolled up by each indicator's aggregation.

The pipeline for one loaded indicator (all of it but the last step in one SQL statement):

1. rows: the observations of the indicator whose breakdown dimensions are exactly the asked ones
   (dimensions + filters), in the places and periods asked, that the caller may see;
2. time: each observation is matched to every asked period that contains it; a period is computed
   from observations of one granularity only (its own if loaded, else the coarsest finer one), then
   SUM adds them, AVERAGE averages them, LAST takes the latest;
3. places: a county or Lithuania uses a value loaded for it directly when there is one, else rolls up
   its municipalities (sum for SUM and for LAST of counts, mean otherwise);
4. filters: the chosen values of a filter breakdown are aggregated away the same way.

Computed indicators (numerator / denominator × factor) are evaluated on the aggregated cells, so a
county's share is a share of sums, not a sum of shares. A cell that needs a suppressed value is
itself suppressed: no answer can be combined with another to recover a small cell.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

from sqlmodel import Session

from api.core.actor import Actor
from api.core.i18n import Locale
from api.indicators import places
from api.indicators.analytics import cells as kept
from api.indicators.analytics import sql
from api.indicators.analytics.query import Cell, CellKey, Query
from api.indicators.analytics.schemas import CatalogueRead, DimensionRead, DimensionValue
from api.indicators.definitions.logic import is_computed, rollup
from api.indicators.models import IndicatorDefinition, Observation
from api.indicators.vocab import dimensions, parse_key

OBS = Observation.__table__  # type: ignore[attr-defined]


def evaluate(
    session: Session, *, actor: Actor, q: Query, ready: set[kept.Series] | None = None
) -> dict[str, dict[CellKey, Cell]]:
    """Cells of every asked indicator, keyed by (place, period, breakdown values). ``ready``: the
    series to read from the cells kept ready (default: found out here, :func:`.cells.ready`)."""
    if ready is None:
        ready = kept.ready(session, q, actor)
    loaded = {code: _loaded(session, actor=actor, q=q, d=d, ready=ready) for code, d in q.components.items()}
    out: dict[str, dict[CellKey, Cell]] = {}
    for d in q.indicators:
        if not is_computed(d):
            out[d.code] = loaded[d.code]
            continue
        num, den = loaded[d.numerator or ""], loaded[d.denominator or ""]
        cells: dict[CellKey, Cell] = {}
        for key, n in num.items():
            m = den.get(key)
            if m is None:
                continue
            suppressed = n.suppressed or m.suppressed
            value = None
            if not suppressed:
                if n.value is None or m.value is None or m.value == 0:
                    continue
                value = n.value / m.value * (d.factor if d.factor is not None else 1.0)
            cells[key] = Cell(
                value=value,
                suppressed=suppressed,
                draft=n.draft or m.draft,
                provisional=n.provisional or m.provisional,
                estimated=n.estimated or m.estimated,
                break_in_series=n.break_in_series or m.break_in_series,
            )
        out[d.code] = cells
    return out


class _Acc:
    __slots__ = ("break_in_series", "count", "draft", "estimated", "provisional", "suppressed", "total")

    def __init__(self) -> None:
        self.total = 0.0
        self.count = 0
        self.suppressed = self.draft = self.provisional = self.estimated = self.break_in_series = False

    def add(self, cell: Cell) -> None:
        self.count += 1
        if cell.suppressed or cell.value is None:
            self.suppressed = True
        else:
            self.total += cell.value
        self.draft |= cell.draft
        self.provisional |= cell.provisional
        self.estimated |= cell.estimated
        self.break_in_series |= cell.break_in_series

    def cell(self, mean: bool) -> Cell:
        value = None if self.suppressed else (self.total / self.count if mean else self.total)
        return Cell(
            value, self.suppressed, self.draft, self.provisional, self.estimated, self.break_in_series
        )


def _loaded(
    session: Session, *, actor: Actor, q: Query, d: IndicatorDefinition, ready: set[kept.Series]
) -> dict[CellKey, Cell]:
    mean = rollup(d).places == "average"
    dims_text = kept.dims_text(q)
    # The cells kept ready when they are current for this caller, else computed from observations.
    stmt = (
        kept.read_sql(q, d, dims_text, places.geography(session).by_code)
        if (d.id, dims_text) in ready
        else sql.cells_sql(q, d, actor, mean=mean)
    )
    # The asked dimensions' values of each breakdown key, parsed once per key. Without filters a
    # breakdown key and its values are one to one: cells are keyed by the values from the start.
    dims = q.dims
    values_of: dict[str, tuple[str, ...]] = {}
    by_values = not q.filters
    rolled: dict[Any, Cell] = {}
    direct: dict[Any, Cell] = {}
    # Fetched at once: row by row costs twice as much for a few thousand cells.
    found = session.execute(stmt).all()
    for place, rp, bkey, value, suppressed, draft, provisional, estimated, brk, is_direct in found:
        if by_values:
            values = values_of.get(bkey)
            if values is None:
                values = values_of[bkey] = _values(bkey, dims)
            key: Any = (place, rp, values)
        else:
            key = (place, rp, bkey)
        (direct if is_direct else rolled)[key] = Cell(
            None if suppressed or value is None else float(value),
            bool(suppressed),
            bool(draft),
            bool(provisional),
            bool(estimated),
            bool(brk),
        )
    # A value loaded for a county or Lithuania wins over the roll-up of its municipalities.
    cells = rolled
    cells.update(direct)
    if by_values:
        return cells
    # Aggregate the filter breakdowns away and key by the asked dimensions' values.
    grouped: dict[CellKey, _Acc] = {}
    for (place, rp, bkey), cell in cells.items():
        values = values_of.get(bkey)
        if values is None:
            values = values_of[bkey] = _values(bkey, dims)
        key = (place, rp, values)
        acc = grouped.get(key)
        if acc is None:
            acc = grouped[key] = _Acc()
        acc.add(cell)
    return {key: acc.cell(mean) for key, acc in grouped.items()}


@lru_cache(maxsize=65536)
def _parse_key_cached(key: str) -> dict[str, str]:
    return parse_key(key)


def _values(bkey: str, dims: list[str]) -> tuple[str, ...]:
    """The values of the ``dims`` in a breakdown key."""
    parsed = _parse_key_cached(bkey)
    return tuple(parsed[x] for x in dims)


# --- answers --------------------------------------------------------------------------------------


def clean(value: float | None) -> float | None:
    """A value as the JSON answer gives it: rounded to 6 decimals, no -0, no infinities."""
    if value is None:
        return None
    if value.is_integer():  # most values are counts: round() would give them back unchanged, slowly
        return value if value else 0.0
    if not math.isfinite(value):
        return None
    rounded = round(value, 6)
    return 0.0 if rounded == 0 else rounded


def table(
    q: Query, results: dict[str, dict[CellKey, Cell]]
) -> list[tuple[str, str, str, tuple[str, ...], Cell]]:
    """The answer's rows in a stable order: indicators, places, periods as asked, breakdown codes."""
    place_order = {p.code: i for i, p in enumerate(q.places)}
    period_order = {p.code: i for i, p in enumerate(q.periods)}
    rows: list[tuple[str, str, str, tuple[str, ...], Cell]] = []
    for d in q.indicators:
        cells = results.get(d.code, {})
        ordered = sorted(
            cells.items(), key=lambda kv: (place_order[kv[0][0]], period_order[kv[0][1]], kv[0][2])
        )
        rows.extend((d.code, place, period, values, cell) for (place, period, values), cell in ordered)
    return rows


# --- the catalogue --------------------------------------------------------------------------------

BREAKDOWN_RULES = {
    "age_group": "ages `N-M` or `N+`, e.g. `25-44`, `65+`",
    "citizenship": "ISO 3166-1 alpha-2, e.g. `UA`",
    "country": "ISO 3166-1 alpha-2, e.g. `IE`",
    "language": "ISO 639-1, e.g. `uk`",
}
RELATIVE_PERIODS = [
    "THIS_YEAR",
    "LAST_YEAR",
    "LAST_5_YEARS",
    "THIS_QUARTER",
    "LAST_QUARTER",
    "LAST_4_QUARTERS",
    "THIS_MONTH",
    "LAST_MONTH",
    "LAST_12_MONTHS",
    "LAST_<n>_YEARS|QUARTERS|MONTHS",
]


def catalogue(locale: Locale) -> CatalogueRead:
    """Breakdowns and their codes (or the rule a code follows), place selections, period formats."""
    out = []
    for d in dimensions().values():
        values = (
            [DimensionValue(code=code, name=locale.text(name)) for code, name in d.values.items()]
            if d.values is not None
            else None
        )
        rule = BREAKDOWN_RULES.get(d.code) if d.values is None else None
        out.append(DimensionRead(code=d.code, name=locale.text(d.name), values=values, rule=rule))
    return CatalogueRead(
        breakdowns=out,
        place_selections=[
            places.COUNTRY_CODE,
            "counties",
            "municipalities",
            f"{places.COUNTY_PREFIX}<county>",
            f"{places.COUNTY_PREFIX}<county>/municipalities",
            "<municipality slug>",
        ],
        relative_periods=RELATIVE_PERIODS,
        period_formats=["2024", "2024Q1", "2024-03", "2020..2024", "2023Q1..2024Q4"],
    )
