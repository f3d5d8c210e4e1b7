"""The checklist's translatable texts (see api.core.translatable): a municipality's own wording of
a step (title, what to bring, where). The national template ships in four languages with the code."""

from __future__ import annotations

from api.checklists import scope
from api.checklists.models import ChecklistOverride
from api.core.translatable import Translatable

ENTRIES = (
    Translatable(
        "checklist_step",
        "checklists",
        ChecklistOverride,
        ("title", "what_to_bring", "where"),
        "municipality_id",
        scope.editable_overrides,
        True,
        "#/checklist-templates",
    ),
)
