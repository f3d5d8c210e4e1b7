"""Dated municipal records (budgets, open calls): one description of a kind (``Dated``) gives its
phases (in Python and as SQL clauses), its list (a municipality filter, a phase, newest deadline
first, in keyset pages), its loading by id through its scopes, and the one way to open a new one."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sqlmodel import Session, SQLModel

from api.core.actor import Actor
from api.core.db import found, utcnow
from api.core.errors import unprocessable
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.ideas import scope
from api.municipalities import logic as municipalities

R = TypeVar("R", bound=SQLModel)


@dataclass(frozen=True)
class Dated(Generic[R]):
    """A kind of dated record, ``name`` in a 404 (and with an s in a 422). ``closed`` is its last
    phase and the column that ends the record (finished, awarded); ``stages`` are the dated phases
    in time order, each with the column it starts at (the first has none) and ending where the next
    starts. The last stage's start is the deadline that orders the list."""

    model: type[R]
    name: str
    closed: tuple[str, Any]
    stages: Sequence[tuple[str, Any]]

    @property
    def _columns(self) -> Any:
        """The model's columns (``id``, ``municipality_id``), which ``type[R]`` does not name."""
        return self.model

    @property
    def deadline(self) -> Any:
        return self.stages[-1][1]

    def phase(self, row: R, now: datetime | None = None) -> str:
        closed_name, closed_at = self.closed
        if getattr(row, closed_at.key) is not None:
            return closed_name
        now = now or utcnow()
        current = self.stages[0][0]
        for name, starts in self.stages[1:]:
            if now >= getattr(row, starts.key):
                current = name
        return current

    def phase_clauses(self, phase: str | None) -> list[Any]:
        """The SQL of ``phase`` (none for no phase or an unknown one)."""
        closed_name, closed_at = self.closed
        if phase == closed_name:
            return [closed_at.is_not(None)]
        names = [name for name, _ in self.stages]
        if phase not in names:
            return []
        at = names.index(phase)
        now = utcnow()
        clauses = [closed_at.is_(None)]
        if self.stages[at][1] is not None:
            clauses.append(self.stages[at][1] <= now)
        if at + 1 < len(self.stages):
            clauses.append(self.stages[at + 1][1] > now)
        return clauses

    def page(
        self,
        session: Session,
        *,
        actor: Actor,
        params: PageParams,
        municipality: str | None,
        phase: str | None,
    ) -> tuple[list[R], str | None]:
        stmt = scope.readable_dated(self.model, actor)
        if municipality:
            muni = municipalities.resolve_slug(session, municipality)
            stmt = stmt.where(scope.in_municipality(self._columns.municipality_id, muni.id))
        stmt = stmt.where(*self.phase_clauses(phase))
        keys = [SortKey(self.deadline, descending=True), SortKey(self._columns.id, descending=True)]
        rows = list(session.exec(keyset(stmt, keys=keys, params=params)).all())
        return finish(rows, params=params, key_of=lambda r: [getattr(r, self.deadline.key), r.id])

    def readable(self, session: Session, actor: Actor, record_id: uuid.UUID) -> R:
        return found(
            session, scope.readable_dated(self.model, actor).where(self._columns.id == record_id), self.name
        )

    def managed(self, session: Session, actor: Actor, record_id: uuid.UUID) -> R:
        """Tenancy: another municipality's record is not found for its would-be managers."""
        return found(
            session, scope.managed_dated(self.model, actor).where(self._columns.id == record_id), self.name
        )

    def open(self, session: Session, *, actor: Actor, data: BaseModel) -> R:
        """A new record from ``data`` (its ``municipality`` a slug) in a municipality the actor
        manages; another municipality's is a 422 naming the body's field."""
        values = data.model_dump()
        municipality = municipalities.resolve_slug(session, values.pop("municipality"))
        if not scope.is_budget_manager_of(actor, municipality.id):
            raise unprocessable(
                f"You manage another municipality's {self.name}s.",
                errors=[{"loc": ["body", "municipality"], "msg": "not yours", "type": "value_error"}],
            )
        row = self.model(municipality_id=municipality.id, **values, created_by=actor.id)
        session.add(row)
        session.flush()
        return row
