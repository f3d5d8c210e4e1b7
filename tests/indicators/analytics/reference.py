"""The previous analytics path, kept as the reference the SQL place roll-up and the orjson answer
are checked against: the time roll-up's rows (SQL) rolled up over places and filters in Python, and
the document encoded by ``json.dumps``."""

from __future__ import annotations

import json
from typing import Any

from api.core.i18n import Locale
from api.indicators import places
from api.indicators.analytics import output, sql
from api.indicators.analytics.logic import _Acc, clean, table
from api.indicators.analytics.query import Cell, CellKey, Query
from api.indicators.definitions.logic import is_computed, rollup
from api.indicators.vocab import parse_key


def _loaded(session: Any, actor: Any, q: Query, d: Any) -> dict[CellKey, Cell]:
    mean = rollup(d).places == "average"
    geo = places.geography(session)
    into: dict[str, list[str]] = {}
    asked = {p.code for p in q.places}
    for p in q.places:
        if p.level == places.MUNICIPALITY:
            into.setdefault(p.code, []).append(p.code)
        else:
            for m in geo.municipalities:
                if m.municipality_id in p.members:
                    into.setdefault(m.code, []).append(p.code)
    rolled: dict[tuple[str, str, str], _Acc] = {}
    direct: dict[tuple[str, str, str], Cell] = {}
    for (
        rp,
        place,
        level,
        _county,
        bkey,
        value,
        suppressed,
        provisional,
        estimated,
        brk,
        draft,
    ) in session.execute(sql.time_sql(q, d, actor)).all():
        cell = Cell(
            None if suppressed or value is None else float(value),
            bool(suppressed), bool(draft), bool(provisional), bool(estimated), bool(brk),
        )  # fmt: skip
        if level == places.MUNICIPALITY:
            for target in into.get(place, ()):
                if target == place:
                    direct[(target, rp, bkey)] = cell
                else:
                    rolled.setdefault((target, rp, bkey), _Acc()).add(cell)
        elif place in asked:
            direct[(place, rp, bkey)] = cell
    cells = {key: acc.cell(mean) for key, acc in rolled.items()}
    cells.update(direct)
    grouped: dict[CellKey, _Acc] = {}
    out: dict[CellKey, Cell] = {}
    for (place, rp, bkey), cell in cells.items():
        values = parse_key(bkey)
        key = (place, rp, tuple(values[x] for x in q.dims))
        if q.filters:
            grouped.setdefault(key, _Acc()).add(cell)
        else:
            out[key] = cell
    return {key: acc.cell(mean) for key, acc in grouped.items()} if q.filters else out


def evaluate(session: Any, actor: Any, q: Query) -> dict[str, dict[CellKey, Cell]]:
    loaded = {code: _loaded(session, actor, q, d) for code, d in q.components.items()}
    out: dict[str, dict[CellKey, Cell]] = {}
    for d in q.indicators:
        if not is_computed(d):
            out[d.code] = loaded[d.code]
            continue
        num, den = loaded[d.numerator or ""], loaded[d.denominator or ""]
        cells = {}
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
                value, suppressed, n.draft or m.draft, n.provisional or m.provisional,
                n.estimated or m.estimated, n.break_in_series or m.break_in_series,
            )  # fmt: skip
        out[d.code] = cells
    return out


def as_json(q: Query, locale: Locale, headers: list[Any], rows: list[Any]) -> bytes:
    body_rows = [
        [code, place, period, *values, clean(cell.value), cell.flags()]
        for code, place, period, values, cell in rows
    ]
    document = {"headers": headers, "rows": body_rows, "meta": output.meta(q, locale, rows)}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def answer(session: Any, actor: Any, q: Query, locale: Locale, headers: list[Any]) -> bytes:
    return as_json(q, locale, headers, table(q, evaluate(session, actor, q)))
