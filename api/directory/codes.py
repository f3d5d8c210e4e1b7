"""Municipality codes (slugs) and ids: a process-wide map, since ids are stable reference data."""

from __future__ import annotations

import uuid
from typing import TypeVar

from sqlmodel import Session

from api.directory.changes import invalid
from api.municipalities.logic import slug_map

_slugs: dict[uuid.UUID, str] = {}
_ids: dict[str, uuid.UUID] = {}
K = TypeVar("K")
V = TypeVar("V")


def _known(session: Session, table: dict[K, V], key: K) -> V | None:
    """``table``'s entry for ``key``; the map is (re)loaded first when the key is not in it."""
    if key not in table:
        slugs = slug_map(session)
        _slugs.update(slugs)
        _ids.update({slug: mid for mid, slug in slugs.items()})
    return table.get(key)


def slug_of(session: Session, municipality_id: uuid.UUID) -> str:
    return _known(session, _slugs, municipality_id) or ""


def municipality_id(session: Session, slug: str, *, field: str = "municipality") -> uuid.UUID:
    """The id of a municipality code; an unknown code is a 422 on the query parameter ``field``."""
    found = _known(session, _ids, slug)
    if found is None:
        message = f"unknown municipality '{slug}'"
        raise invalid(f"Unknown municipality '{slug}'.", field, message, "unknown_code", part="query")
    return found


def optional_municipality_id(session: Session, slug: str | None) -> uuid.UUID | None:
    return municipality_id(session, slug) if slug else None
