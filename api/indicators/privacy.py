"""Small-cell suppression with complementary suppression.

Primary: a personal cell counting 1 to 4 people is suppressed (0 is shown: it reveals no one).
Complementary: the cells are tied by additive relations — a total and its breakdown values, a county
and its municipalities, Lithuania and its counties, a year and its quarters, a quarter and its months
(for LAST indicators a period and its last sub-period are equal). A relation with exactly one
suppressed member would give it away by subtraction, so another member is suppressed too: the
smallest non-zero part, else the total. This repeats until no relation has a lone suppressed member.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from api.indicators import periods as P
from api.indicators.places import Geography
from api.indicators.vocab import breakdown_key

SMALL_CELL = 5
Key = tuple[str, str, str]  # place, period, breakdown key


@dataclass
class CellValue:
    value: float | None
    people: int | None
    breakdowns: dict[str, str]


@dataclass(frozen=True)
class Relation:
    parent: Key
    children: tuple[Key, ...]


def relations(
    cells: dict[Key, CellValue], *, geo: Geography, additive: bool, time_sum: bool
) -> list[Relation]:
    out: list[Relation] = []
    # Breakdowns: a cell with dimensions D is the sum of the cells with D + {x} over x's values.
    groups: dict[tuple[str, str, str, str], list[Key]] = defaultdict(list)
    for key, cell in cells.items():
        for dim in cell.breakdowns:
            rest = {k: v for k, v in cell.breakdowns.items() if k != dim}
            groups[(key[0], key[1], breakdown_key(rest)[0], dim)].append(key)
    for (place, period, parent_key, _dim), children in groups.items():
        out.append(Relation((place, period, parent_key), tuple(sorted(children))))
    if not additive:
        return out
    keys_by_period_bkey: dict[tuple[str, str], set[str]] = defaultdict(set)
    for place, period, bkey in cells:
        keys_by_period_bkey[(period, bkey)].add(place)
    for (period, bkey), present in keys_by_period_bkey.items():
        for county in geo.counties:
            members = tuple(
                (m.code, period, bkey)
                for m in geo.municipalities
                if m.county == county.county and m.code in present
            )
            if members:
                out.append(Relation((county.code, period, bkey), members))
        counties = tuple((c.code, period, bkey) for c in geo.counties if c.code in present)
        if counties:
            out.append(Relation((geo.country.code, period, bkey), counties))
    by_place_bkey: dict[tuple[str, str], list[str]] = defaultdict(list)
    for place, period, bkey in cells:
        by_place_bkey[(place, bkey)].append(period)
    for (place, bkey), codes in by_place_bkey.items():
        parsed = [P.parse(c) for c in codes]
        for parent in parsed:
            finer = [p for p in parsed if p.rank == parent.rank + 1 and parent.contains(p)]
            if not finer:
                finer = [p for p in parsed if p.rank == parent.rank + 2 and parent.contains(p)]
            if not finer:
                continue
            if time_sum:
                out.append(Relation((place, parent.code, bkey), tuple((place, p.code, bkey) for p in finer)))
            else:
                last = [p for p in finer if p.end == parent.end]
                if last:
                    out.append(Relation((place, parent.code, bkey), ((place, last[0].code, bkey),)))
    return out


def protect(cells: dict[Key, CellValue], *, geo: Geography, additive: bool, time_sum: bool) -> set[Key]:
    """The keys to suppress."""
    suppressed = {k for k, c in cells.items() if c.people is not None and 0 < c.people < SMALL_CELL}
    if not suppressed:
        return suppressed
    rels = relations(cells, geo=geo, additive=additive, time_sum=time_sum)
    by_member: dict[Key, list[Relation]] = defaultdict(list)
    for rel in rels:
        for member in (rel.parent, *rel.children):
            by_member[member].append(rel)
    pending = list(suppressed)
    while pending:
        key = pending.pop()
        for rel in by_member.get(key, ()):
            added = _complement(rel, cells, suppressed)
            if added is not None:
                suppressed.add(added)
                pending.append(added)
    return suppressed


def _complement(rel: Relation, cells: dict[Key, CellValue], suppressed: set[Key]) -> Key | None:
    members = [m for m in (rel.parent, *rel.children) if m in cells]
    if sum(1 for m in members if m in suppressed) != 1:
        return None
    candidates = [c for c in rel.children if c in cells and c not in suppressed]
    if candidates:
        return min(candidates, key=lambda k: _order(cells[k], k))
    if rel.parent in cells and rel.parent not in suppressed:
        return rel.parent
    return None


def _order(cell: CellValue, key: Key) -> tuple[bool, float, Key]:
    value = cell.value or 0.0
    return (value == 0, value, key)
