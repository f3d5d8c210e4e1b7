"""The events domain's translatable texts (see api.core.translatable)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from api.core.actor import Actor
from api.core.translatable import Translatable
from api.events.models import Event


def _editable(actor: Actor) -> Any:
    """Admins, coordinators (their municipality's events) and providers (their organisation's); a
    granted diaspora organiser translates in the event form itself."""
    if actor.kind != "user":
        return None
    if actor.is_admin:
        return select(Event)
    if actor.role == "coordinator" and actor.municipality_id is not None:
        return select(Event).where(col(Event.municipality_id) == actor.municipality_id)
    if actor.role == "provider" and actor.organization_id is not None:
        return select(Event).where(col(Event.organization_id) == actor.organization_id)
    return select(Event).where(sa.false())


ENTRIES = (
    Translatable(
        "event",
        "events",
        Event,
        ("title", "description"),
        municipality="municipality_id",
        editable=_editable,
        public=True,
        link="#/events/{id}",
    ),
)
