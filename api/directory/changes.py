"""Applying a partial update (``XUpdate.model_dump(exclude_unset=True)``) to a row."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any


def apply(
    row: Any, changes: Mapping[str, Any], *, lists: Collection[str] = (), maps: Collection[str] = ()
) -> None:
    """Set every sent field; a null sent for a list field or a translation map means "empty"."""
    for key, value in changes.items():
        if value is None and key in lists:
            value = []
        elif value is None and key in maps:
            value = {}
        setattr(row, key, value)
