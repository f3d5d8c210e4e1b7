"""Who sees and changes which indicator data. Every query of observations goes through here.

* Everyone (anonymous scripts too): published observations of public indicators.
* ``indicators:read``: restricted indicators and drafts too. An actor bound to a municipality
  (a coordinator, an analyst of one municipality, a machine client) sees drafts of its own
  municipality only; published data of restricted indicators everywhere.
* ``indicators:write`` / ``indicators:publish``: load / publish data; bound actors only for places
  of their own municipality.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from api.core.actor import Actor
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


def place_allowed(actor: Actor, place: Place) -> bool:
    """May the actor load or publish data of this place?"""
    mine = tenant(actor)
    if mine is None:
        return True
    return place.level == MUNICIPALITY and place.municipality_id == mine
