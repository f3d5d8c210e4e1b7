"""Dated municipal records (budgets, open calls): one list (a municipality filter, a phase's
clauses, newest deadline first, in keyset pages) and one way to open a new one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlmodel import Session, SQLModel

from api.core.actor import Actor
from api.core.db import utcnow
from api.core.errors import unprocessable
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.ideas import scope
from api.municipalities import logic as municipalities

R = TypeVar("R", bound=SQLModel)


def open_dated(session: Session, model: type[R], *, actor: Actor, data: BaseModel, what: str) -> R:
    """A new record of ``model`` from ``data`` (its ``municipality`` a slug) in a municipality the
    actor manages; another municipality's is a 422 naming the body's field."""
    values = data.model_dump()
    municipality = municipalities.resolve_slug(session, values.pop("municipality"))
    if not scope.is_budget_manager_of(actor, municipality.id):
        raise unprocessable(
            f"You manage another municipality's {what}.",
            errors=[{"loc": ["body", "municipality"], "msg": "not yours", "type": "value_error"}],
        )
    row = model(municipality_id=municipality.id, **values, created_by=actor.id)
    session.add(row)
    session.flush()
    return row


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


def phase_clauses(
    phase: str | None, *, closed: tuple[str, Any], stages: Sequence[tuple[str, Any]]
) -> list[Any]:
    """The clauses of a phase that follows dates. ``closed`` is the last phase and the column that
    ends the record (finished, awarded); ``stages`` are the dated phases in time order, each with the
    column it starts at (the first has none) and ending where the next starts."""
    closed_name, closed_at = closed
    if phase == closed_name:
        return [closed_at.is_not(None)]
    names = [name for name, _ in stages]
    if phase not in names:
        return []
    at = names.index(phase)
    now = utcnow()
    clauses = [closed_at.is_(None)]
    if stages[at][1] is not None:
        clauses.append(stages[at][1] <= now)
    if at + 1 < len(stages):
        clauses.append(stages[at + 1][1] > now)
    return clauses
