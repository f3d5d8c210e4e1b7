"""Who may change a municipality's checklist: its coordinators, and admins. Reading is public."""

from __future__ import annotations

import uuid

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
