"""Service categories (api/reference/service-categories.csv, dotted codes with names in four
languages) and legal statuses (legal-statuses.csv). Read once from the project's reference files."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from api.core.i18n import reference_names

REFERENCE = Path(__file__).resolve().parents[2] / "reference"


@dataclass(frozen=True)
class Category:
    code: str
    parent: str | None
    name: dict[str, str]
    position: int


@cache
def categories() -> dict[str, Category]:
    with (REFERENCE / "service-categories.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {
        row["code"]: Category(
            code=row["code"],
            parent=row["parent"] or None,
            name=reference_names(row),
            position=index,
        )
        for index, row in enumerate(rows)
    }


@cache
def legal_statuses() -> dict[str, dict[str, str]]:
    with (REFERENCE / "legal-statuses.csv").open(encoding="utf-8") as handle:
        return {row["code"]: reference_names(row) for row in csv.DictReader(handle)}


@cache
def _children() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for cat in categories().values():
        if cat.parent:
            out.setdefault(cat.parent, []).append(cat.code)
    return {k: tuple(v) for k, v in out.items()}


def expand_categories(codes: Iterable[str]) -> set[str]:
    """The given category codes and every descendant of each (unknown codes are kept as they are)."""
    result: set[str] = set()
    stack = list(codes)
    children = _children()
    while stack:
        code = stack.pop()
        if code in result:
            continue
        result.add(code)
        stack.extend(children.get(code, ()))
    return result


def ancestors(code: str) -> list[str]:
    """The code and its ancestors, root first."""
    chain: list[str] = []
    known = categories()
    current: str | None = code
    while current and current not in chain:
        chain.append(current)
        cat = known.get(current)
        current = cat.parent if cat else None
    return list(reversed(chain))


def category_keys(codes: Iterable[str]) -> str:
    """``|a|a.b|`` of the codes and their ancestors: ``LIKE '%|a|%'`` finds a and its sub-categories."""
    keys: list[str] = []
    for code in codes:
        for item in ancestors(code):
            if item not in keys:
                keys.append(item)
    return code_keys(keys)


def code_keys(codes: Iterable[str]) -> str:
    items = [c for c in codes if c]
    return "|" + "|".join(items) + "|" if items else ""


def tree() -> list[dict[str, object]]:
    """The categories as nested nodes, in the file's order."""
    nodes: dict[str, dict[str, object]] = {
        c.code: {"code": c.code, "parent": c.parent, "name": c.name, "children": []}
        for c in categories().values()
    }
    roots: list[dict[str, object]] = []
    for cat in categories().values():
        node = nodes[cat.code]
        if cat.parent and cat.parent in nodes:
            children = nodes[cat.parent]["children"]
            assert isinstance(children, list)
            children.append(node)
        else:
            roots.append(node)
    return roots
