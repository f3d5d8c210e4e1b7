"""The indicators domain's translatable texts (see api.core.translatable)."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from api.core.actor import Actor
from api.core.translatable import Translatable
from api.indicators.models import IndicatorDefinition


def _definitions(actor: Actor) -> Any:
    """Definitions are national: those who manage indicators edit their texts."""
    return select(IndicatorDefinition) if actor.has("indicators:write") else None


ENTRIES = (
    Translatable(
        "indicator_definition",
        "indicators",
        IndicatorDefinition,
        ("name", "description"),
        municipality=None,
        editable=_definitions,
        public=True,
        link="#/indicators",
    ),
)
