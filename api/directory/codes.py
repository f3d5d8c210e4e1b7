"""Municipality codes (slugs) and ids: a process-wide map, since ids are stable reference data."""

from __future__ import annotations

import uuid

from sqlmodel import Session, select

from api.core.errors import unprocessable
from api.municipalities.models import Municipality

_slugs: dict[uuid.UUID, str] = {}
_ids: dict[str, uuid.UUID] = {}


def _load(session: Session) -> None:
    for m in session.exec(select(Municipality)).all():
        _slugs[m.id] = m.slug
        _ids[m.slug] = m.id


def slug_of(session: Session, municipality_id: uuid.UUID) -> str:
    if municipality_id not in _slugs:
        _load(session)
    return _slugs.get(municipality_id, "")


def municipality_id(session: Session, slug: str, *, field: str = "municipality") -> uuid.UUID:
    """The id of a municipality code; an unknown code is a 422 on the query parameter ``field``."""
    if slug not in _ids:
        _load(session)
    found = _ids.get(slug)
    if found is None:
        raise unprocessable(
            f"Unknown municipality '{slug}'.",
            errors=[
                {"loc": ["query", field], "msg": f"unknown municipality '{slug}'", "type": "unknown_code"}
            ],
        )
    return found


def optional_municipality_id(session: Session, slug: str | None) -> uuid.UUID | None:
    return municipality_id(session, slug) if slug else None
