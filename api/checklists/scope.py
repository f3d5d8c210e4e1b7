"""Who may change a municipality's checklist: its coordinators, and admins. Reading is public."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.checklists.models import ChecklistOverride
from api.core.actor import Actor


def may_edit(actor: Actor, municipality_id: uuid.UUID) -> bool:
    if actor.kind != "user":
        return False
    return actor.is_admin or (actor.role == "coordinator" and actor.municipality_id == municipality_id)


def overrides_of(municipality_id: uuid.UUID) -> SelectOfScalar[ChecklistOverride]:
    return select(ChecklistOverride).where(col(ChecklistOverride.municipality_id) == municipality_id)


def editable_overrides(actor: Actor) -> SelectOfScalar[ChecklistOverride] | None:
    """The municipalities' own steps the actor may reword: admins every one, coordinators their
    municipality's; None for a machine client."""
    if actor.kind != "user":
        return None
    if actor.is_admin:
        return select(ChecklistOverride)
    if actor.role == "coordinator" and actor.municipality_id is not None:
        return overrides_of(actor.municipality_id)
    return select(ChecklistOverride).where(sa.false())
