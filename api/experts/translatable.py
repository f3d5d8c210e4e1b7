"""The experts domain's translatable texts (see api.core.translatable)."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from api.core.actor import Actor
from api.core.translatable import Translatable
from api.experts import scope as experts_scope
from api.experts.models import ExpertProfile, ExpertRequest


def _requests(actor: Actor) -> Any:
    return select(ExpertRequest).where(*experts_scope.request_owner(actor, whole_municipality=True))


ENTRIES = (
    Translatable(
        "expert_profile",
        "experts",
        ExpertProfile,
        ("bio", "help_topics"),
        "residence_municipality_id",
        experts_scope.own_profile,
        False,
        "#/experts/people/{id}",
    ),
    Translatable(
        "expert_request",
        "experts",
        ExpertRequest,
        ("title", "question", "context"),
        "municipality_id",
        _requests,
        False,
        "#/expert-requests/{id}",
    ),
)
