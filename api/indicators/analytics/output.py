"""Analytics answers as JSON (``headers``, ``rows``, ``meta``), CSV and SDMX-CSV."""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

from api.core.http import fast_json
from api.core.i18n import Locale
from api.indicators.analytics.logic import clean
from api.indicators.analytics.query import Cell, Query
from api.indicators.vocab import dimensions, texts

SDMX_STRUCTURE = "dataflow"
SDMX_STRUCTURE_ID = "LANGELIS:INDICATORS(1.0)"
_LABELS = {
    "indicator": texts("Rodiklis", "Indicator", "Показник", "Показатель"),
    "place": texts("Vieta", "Place", "Місце", "Место"),
    "period": texts("Laikotarpis", "Period", "Період", "Период"),
    "value": texts("Reikšmė", "Value", "Значення", "Значение"),
    "flags": texts("Žymos", "Flags", "Позначки", "Отметки"),
}


def _name(value: dict[str, str], locale: Locale) -> Any:
    return locale.text(value)


def _label(key: str, lang: str) -> str:
    return _LABELS[key].get(lang) or _LABELS[key]["en"]


def meta(q: Query, locale: Locale, rows: list[Any]) -> dict[str, Any]:
    dims = dimensions()
    seen: dict[str, set[str]] = {d: set() for d in q.dims}
    for values in {row[3] for row in rows}:
        for d, v in zip(q.dims, values, strict=True):
            seen[d].add(v)
    breakdowns = {}
    for d in [*q.dims, *q.filters]:
        codes = sorted(seen.get(d, set())) if d in seen else q.filters[d]
        breakdowns[d] = {
            "name": _name(dims[d].name, locale),
            "values": {v: _name(dims[d].value_name(v), locale) for v in codes},
        }
    return {
        "language": locale.lang,
        "as_of": q.as_of.isoformat(),
        "published_only": q.published_only,
        "indicators": {
            d.code: {
                "name": _name(d.name, locale),
                "unit": d.unit,
                "aggregation": d.aggregation,
                "decimals": d.decimals,
                "computed": d.numerator is not None,
            }
            for d in q.indicators
        },
        "places": {p.code: {"name": _name(p.name, locale), "level": p.level} for p in q.places},
        "periods": {
            p.code: {
                "name": _name(p.name(), locale),
                "type": p.type,
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
            }
            for p in q.periods
        },
        "breakdowns": breakdowns,
        "filters": dict(q.filters),
        "dimensions": {
            "indicator": [d.code for d in q.indicators],
            "place": [p.code for p in q.places],
            "period": [p.code for p in q.periods],
            **{d: sorted(seen[d]) for d in q.dims},
        },
    }


def as_json(q: Query, locale: Locale, rows: list[Any]) -> bytes:
    lang = locale.lang
    dims = dimensions()
    headers = [
        {"name": "indicator", "label": _label("indicator", lang), "type": "code"},
        {"name": "place", "label": _label("place", lang), "type": "code"},
        {"name": "period", "label": _label("period", lang), "type": "code"},
        *[{"name": d, "label": dims[d].name.get(lang) or dims[d].name["en"], "type": "code"} for d in q.dims],
        {"name": "value", "label": _label("value", lang), "type": "number"},
        {"name": "flags", "label": _label("flags", lang), "type": "flags"},
    ]
    body_rows = [
        [code, place, period, *values, clean(cell.value), cell.flags()]
        for code, place, period, values, cell in rows
    ]
    document = {"headers": headers, "rows": body_rows, "meta": meta(q, locale, rows)}
    # orjson writes the same bytes as json.dumps here, but for numbers under 1e-4 (0.00001 against
    # 1e-05): those answers keep json.dumps.
    if any(row[-2] is not None and 0 < abs(row[-2]) < 1e-4 for row in body_rows):
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    return fast_json(document)


def _fmt(value: float | None) -> str:
    """A value for CSV: 15 significant digits, so a stored value loads back as the same number
    (rounding to 6 decimals as JSON does would make a re-import change it) and sums lose float noise."""
    if value is None or not math.isfinite(value):
        return ""
    if value == 0:
        return "0"
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else format(value, ".15g")


def as_csv(q: Query, locale: Locale, rows: list[Any]) -> str:
    dims = dimensions()
    names = {
        d.code: locale.text(d.name) if not locale.all_translations else d.name.get("en") for d in q.indicators
    }
    place_names = {p.code: p.name for p in q.places}
    period_names = {p.code: p.name() for p in q.periods}
    lang = locale.lang

    def pick(value: dict[str, str]) -> str:
        return value.get(lang) or value.get("lt") or value.get("en") or next(iter(value.values()), "")

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = ["indicator", "indicator_name", "place", "place_name", "period", "period_name"]
    for d in q.dims:
        header += [d, f"{d}_name"]
    writer.writerow([*header, "value", "flags"])
    for code, place, period, values, cell in rows:
        line = [code, names[code], place, pick(place_names[place]), period, pick(period_names[period])]
        for d, v in zip(q.dims, values, strict=True):
            line += [v, pick(dims[d].value_name(v))]
        writer.writerow([*line, _fmt(cell.value), ";".join(cell.flags())])
    return out.getvalue()


def _obs_status(cell: Cell) -> str:
    if cell.break_in_series:
        return "B"
    if cell.estimated:
        return "E"
    if cell.provisional:
        return "P"
    return "A"


def as_sdmx_csv(q: Query, rows: list[Any]) -> str:
    dims = dimensions()
    units = {d.code: d.unit for d in q.indicators}
    periods = {p.code: p for p in q.periods}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "STRUCTURE",
            "STRUCTURE_ID",
            "ACTION",
            "INDICATOR",
            "REF_AREA",
            "TIME_PERIOD",
            *[d.upper() for d in q.dims],
            "OBS_VALUE",
            "UNIT_MEASURE",
            "OBS_STATUS",
            "CONF_STATUS",
        ]
    )
    for code, place, period, values, cell in rows:
        writer.writerow(
            [
                SDMX_STRUCTURE,
                SDMX_STRUCTURE_ID,
                "I",
                code,
                place,
                periods[period].sdmx(),
                *[dims[d].to_sdmx(v) for d, v in zip(q.dims, values, strict=True)],
                _fmt(cell.value),
                units[code],
                _obs_status(cell),
                "C" if cell.suppressed else "F",
            ]
        )
    return out.getvalue()


def render(q: Query, locale: Locale, rows: list[Any], fmt: str) -> bytes:
    """The answer's bytes in ``fmt`` (``json``, ``csv`` or ``sdmx-csv``)."""
    if fmt == "csv":
        return as_csv(q, locale, rows).encode()
    if fmt == "sdmx-csv":
        return as_sdmx_csv(q, rows).encode()
    return as_json(q, locale, rows)
