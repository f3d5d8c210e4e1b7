"""The coordinator's list of people: name search (case and diacritics ignored) and filters."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.i18n import like_escape, search_terms
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.migrants import scope, vocab
from api.migrants.audit import PERSON, audit_many
from api.migrants.models import Case, Need, Person
from api.migrants.people.schemas import PersonListItem

PERSON_SORTS = {
    "name": lambda: [SortKey(col(Person.search_name)), SortKey(col(Person.id))],
    "-updated_at": lambda: [SortKey(col(Person.updated_at), descending=True), SortKey(col(Person.id), True)],
}
COLUMNS: tuple[Any, ...] = (
    Person.id,
    Person.municipality_id,
    Person.given_name,
    Person.family_name,
    Person.birth_year,
    Person.legal_status,
    Person.preferred_language,
    Person.case_open,
    Person.coordinator_id,
    Person.updated_at,
    Person.search_name,
)


def _has_open_need(need: str) -> sa.ColumnElement[bool]:
    vocab.check_need(need, loc=["query", "need"])
    return sa.exists(
        select(Need.id)
        .join(Case, col(Case.id) == Need.case_id)
        .where(
            Case.person_id == Person.id,
            Case.status == "open",
            Need.code == need,
            col(Need.status).in_(("open", "in_progress")),
        )
    )


def search(
    session: Session,
    *,
    actor: Actor,
    params: PageParams,
    q: str | None = None,
    legal_status: list[str] | None = None,
    need: str | None = None,
    coordinator_id: uuid.UUID | None = None,
    case: str | None = None,
    sort: str = "name",
) -> tuple[list[PersonListItem], str | None]:
    conditions = [scope.people_of(scope.staff_municipality(actor)), col(Person.anonymised_at).is_(None)]
    for term in search_terms(q):
        conditions.append(col(Person.search_name).like(f"%{like_escape(term)}%", escape="\\"))
    if legal_status:
        conditions.append(col(Person.legal_status).in_(legal_status))
    if coordinator_id is not None:
        conditions.append(col(Person.coordinator_id) == coordinator_id)
    if case in ("open", "closed"):
        conditions.append(col(Person.case_open).is_(case == "open"))
    if need:
        conditions.append(_has_open_need(need))
    stmt = keyset(
        sa.select(*COLUMNS).where(*conditions), keys=PERSON_SORTS[sort](), params=params, sort_name=sort
    )
    rows = session.execute(stmt).all()

    def key_of(row: Any) -> list[Any]:
        return [row.search_name, row.id] if sort == "name" else [row.updated_at, row.id]

    page, next_cursor = finish(rows, params=params, key_of=key_of, sort_name=sort)
    audit_many(session, actor, PERSON, [(r.id, r.id, r.municipality_id) for r in page])
    fields = PersonListItem.model_fields
    return [PersonListItem(**{k: getattr(r, k) for k in fields}) for r in page], next_cursor
