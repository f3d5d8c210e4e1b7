"""Who may see and change what in the directory.

Reading is public, except a confidential location's address and coordinates, which only the owning
organisation's staff (and its machine clients), the municipality's coordinators and admins see.
Writing: a provider (or an organisation's machine client) changes its own organisation's services
and locations; a coordinator everything in its municipality; an admin everything. Someone else's
record is not found (404), never forbidden.
"""

from __future__ import annotations

import uuid
from typing import Any, cast

import sqlalchemy as sa

from api.core.actor import Actor
from api.core.errors import ProblemError


def _municipal(actor: Actor) -> bool:
    """Coordinators, and a municipality's own machine clients (bound to no organisation)."""
    return actor.role == "coordinator" or (actor.kind == "client" and actor.organization_id is None)


def sees_confidential(actor: Actor, *, municipality_id: uuid.UUID, organization_id: uuid.UUID) -> bool:
    if actor.is_admin:
        return True
    if actor.role == "coordinator" and actor.municipality_id == municipality_id:
        return True
    return actor.organization_id is not None and actor.organization_id == organization_id


def can_write(actor: Actor, *, municipality_id: uuid.UUID, organization_id: uuid.UUID) -> bool:
    if not actor.has("directory:write"):
        return False
    if actor.is_admin:
        return True
    if _municipal(actor):
        return actor.municipality_id == municipality_id
    return actor.organization_id is not None and actor.organization_id == organization_id


def writable(actor: Actor, municipality_col: Any, organization_col: Any) -> sa.ColumnElement[bool]:
    """The tenant filter for changes, as SQL: what ``can_write`` allows."""
    if actor.is_admin:
        return sa.true()
    if _municipal(actor) and actor.municipality_id is not None:
        return cast(sa.ColumnElement[bool], municipality_col == actor.municipality_id)
    if actor.organization_id is not None:
        return cast(sa.ColumnElement[bool], organization_col == actor.organization_id)
    return sa.false()


def require_writer(actor: Actor) -> None:
    if not actor.is_authenticated:
        raise ProblemError(401, "Sign in to do this.", slug="unauthorized")
    if not actor.has("directory:write"):
        raise ProblemError(403, "This needs the scope directory:write.", slug="insufficient-scope")


def can_verify(actor: Actor, *, municipality_id: uuid.UUID, organization_id: uuid.UUID) -> bool:
    """Coordinators and admins (directory:verify) verify; a provider confirms its own services."""
    if actor.has("directory:verify") and (actor.is_admin or actor.municipality_id == municipality_id):
        return True
    return can_write(actor, municipality_id=municipality_id, organization_id=organization_id)
