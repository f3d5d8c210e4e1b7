"""Building blocks of the ideas domain's request and response models (shared by every subject)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import Path
from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints, model_validator

Slug = Annotated[str, StringConstraints(min_length=2, max_length=60, pattern=r"^[a-z0-9-]+$")]
SlugPath = Annotated[str, Path(min_length=2, max_length=60, pattern=r"^[a-z0-9-]+$")]

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]

DisplayName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=120)]


def _https(value: str) -> str:
    # Links only: the server never fetches them, and the web app shows them as links.
    if not value.startswith("https://") or len(value) < 12 or any(c.isspace() for c in value):
        raise ValueError("must be an https:// link")
    return value


ImageUrl = Annotated[str, StringConstraints(max_length=500), AfterValidator(_https)]


def as_stored(row: Any, names: Iterable[str]) -> dict[str, Any]:
    """The attributes ``names`` of a row, for an answer model that shows them as stored (the
    model, not this order, orders the fields)."""
    return {name: getattr(row, name) for name in names}


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


class In(BaseModel):
    """Request bodies: unknown fields refused, and no NUL characters (no database stores them)."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        if _has_nul(data):
            raise ValueError("text must not contain NUL characters")
        return data
