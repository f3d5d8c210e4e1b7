"""The checklist's translatable texts (see api.core.translatable): a municipality's own wording of
a step (title, what to bring, where). The national template ships in four languages with the code."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from api.checklists.models import ChecklistOverride
from api.core.actor import Actor
from api.core.translatable import Translatable


def _editable(actor: Actor) -> Any:
    """Admins everywhere; coordinators their municipality's steps (as :mod:`api.checklists.scope`)."""
    if actor.kind != "user":
        return None
    if actor.is_admin:
        return select(ChecklistOverride)
    if actor.role == "coordinator" and actor.municipality_id is not None:
        return select(ChecklistOverride).where(
            col(ChecklistOverride.municipality_id) == actor.municipality_id
        )
    return select(ChecklistOverride).where(sa.false())


ENTRIES = (
    Translatable(
        "checklist_step",
        "checklists",
        ChecklistOverride,
        ("title", "what_to_bring", "where"),
        "municipality_id",
        _editable,
        True,
        "#/checklist-templates",
    ),
)
