"""One list of dated municipal records (budgets, open calls): a municipality filter, a phase's
clauses, newest deadline first, in keyset pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from api.core.pagination import PageParams, SortKey, finish, keyset
from api.ideas import scope
from api.municipalities import logic as municipalities


def dated_page(
    session: Session,
    stmt: Any,
    *,
    model: Any,
    deadline: Any,
    municipality: str | None,
    clauses: Sequence[Any],
    params: PageParams,
) -> tuple[list[Any], str | None]:
    if municipality:
        muni = municipalities.resolve_slug(session, municipality)
        stmt = stmt.where(scope.in_municipality(model.municipality_id, muni.id))
    stmt = stmt.where(*clauses)
    keys = [SortKey(deadline, descending=True), SortKey(model.id, descending=True)]
    rows = list(session.exec(keyset(stmt, keys=keys, params=params)).all())
    return finish(rows, params=params, key_of=lambda r: [getattr(r, deadline.key), r.id])
