"""Who sees and changes which indicator data: every tenancy filter of the domain, once.

* Everyone (anonymous scripts too): published observations of public indicators.
* ``indicators:read``: restricted indicators and drafts too. An actor bound to a municipality
  (a coordinator, an analyst of one municipality, a machine client) sees drafts of its own
  municipality only; published data of restricted indicators everywhere.
* ``indicators:write`` / ``indicators:publish``: load / publish data; bound actors only for places
  of their own municipality.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from api.core.actor import Actor
from api.indicators.models import IndicatorDefinition, IndicatorImport, ObservationChange
from api.indicators.places import MUNICIPALITY, Place

READ, WRITE, PUBLISH = "indicators:read", "indicators:write", "indicators:publish"


def tenant(actor: Actor) -> uuid.UUID | None:
    """The municipality an actor is limited to, or None for national actors (admins, analysts)."""
    if actor.is_admin:
        return None
    return actor.municipality_id


def sees_restricted(actor: Actor) -> bool:
    return actor.has(READ)


def visible(actor: Actor, table: Any, *, published_only: bool = False) -> sa.ColumnElement[bool] | None:
    """The condition on observation rows the actor may read (None: every row)."""
    published = table.c.status == "published"
    if published_only or not sees_restricted(actor):
        return published
    mine = tenant(actor)
    if mine is None:
        return None
    return sa.or_(published, table.c.municipality_id == mine)


def visibility_key(actor: Actor, *, published_only: bool = False) -> tuple[str, str]:
    """What of the data :func:`visible` lets the actor read, as a key (remembered answers are kept
    per key): published data only; everything; or published data and one municipality's drafts."""
    if published_only or not sees_restricted(actor):
        return ("published", "")
    mine = tenant(actor)
    return ("all", "") if mine is None else ("published+drafts of", str(mine))


def in_municipalities(column: Any, ids: Iterable[uuid.UUID]) -> sa.ColumnElement[bool]:
    """Rows of these municipalities (a place filter, not a permission: :func:`visible` is)."""
    return column.in_(sorted(ids, key=str))


def place_allowed(actor: Actor, place: Place) -> bool:
    """May the actor load or publish data of this place?"""
    mine = tenant(actor)
    if mine is None:
        return True
    return place.level == MUNICIPALITY and place.municipality_id == mine


def may_include_drafts(actor: Actor, municipality_id: Any) -> bool:
    """May a report of this municipality show the actor's drafts?"""
    mine = tenant(actor)
    return sees_restricted(actor) and (mine is None or mine == municipality_id)


def readable_definitions(actor: Actor) -> Any:
    stmt = select(IndicatorDefinition)
    if not sees_restricted(actor):
        stmt = stmt.where(col(IndicatorDefinition.is_public).is_(True))
    return stmt


def _own_municipality(stmt: Any, column: Any, actor: Actor) -> Any:
    mine = tenant(actor)
    return stmt if mine is None else stmt.where(column == mine)


def readable_imports(actor: Actor) -> Any:
    return _own_municipality(select(IndicatorImport), IndicatorImport.municipality_id, actor)


def readable_changes(actor: Actor) -> Any:
    return _own_municipality(select(ObservationChange), ObservationChange.municipality_id, actor)
