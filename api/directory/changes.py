"""Changing a record: a partial update (``XUpdate.model_dump(exclude_unset=True)``) claimed and
applied to a row, the row written with its change time, and the 422 that names a wrong field."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session

from api.core.conditional import IfMatch, claim
from api.core.db import utcnow
from api.core.errors import ProblemError, unprocessable


def apply(
    row: Any, changes: Mapping[str, Any], *, lists: Collection[str] = (), maps: Collection[str] = ()
) -> None:
    """Set every sent field; a null sent for a list field or a translation map means "empty"."""
    for key, value in changes.items():
        if value is None and key in lists:
            value = []
        elif value is None and key in maps:
            value = {}
        setattr(row, key, value)


def claimed_changes(session: Session, row: Any, data: BaseModel, if_match: IfMatch | None) -> dict[str, Any]:
    """Claim ``row``'s next version (412 when the client's ``If-Match`` is stale) and return what
    the partial update ``data`` sets."""
    claim(session, row, if_match)
    return data.model_dump(exclude_unset=True)


def stamped(session: Session, row: Any) -> None:
    """Write a changed row now, with the time of its change."""
    row.updated_at = utcnow()
    session.add(row)
    session.flush()


def tombstoned(session: Session, row: Any) -> None:
    """Delete softly: the row stays as a tombstone, so a partner's sync learns of the deletion."""
    row.deleted_at = row.updated_at = utcnow()
    session.add(row)
    session.flush()


def invalid(detail: str, field: str, msg: str, kind: str, *, part: str = "body") -> ProblemError:
    """422 naming the one field (of the body or the query) that is wrong."""
    return unprocessable(detail, errors=[{"loc": [part, field], "msg": msg, "type": kind}])
