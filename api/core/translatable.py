"""The register of translatable texts. Each domain declares its texts in its own ``translatable.py``
(``ENTRIES``: which record type, which fields, whose municipality, who may edit them — through the
domain's own ``scope.py``); ``api.registry`` collects them. Core keeps their status
(``api.core.translation_status``); the translations domain builds the workspace on this register.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field

from api.core.actor import Actor

# Languages a translator works in (the interface languages); content may carry more (e.g. ar).
WORK_LANGUAGES = ("lt", "en", "uk", "ru")


@dataclass(frozen=True)
class Translatable:
    record_type: str
    domain: str
    model: Any
    fields: tuple[str, ...]
    # The attribute holding the record's municipality id, or a function giving it as a (correlated)
    # SQL expression for records that reach it through another table (None: national texts).
    municipality: str | Callable[[], Any] | None
    # The records this actor may edit, as a Select of the model (or None: none at all).
    editable: Callable[[Actor], Any]
    # Volunteers with a ``translate:<lang>`` scope may translate these (public texts).
    public: bool
    # The web-app route of the record.
    link: str

    def ids(self, stmt: Any) -> Any:
        return stmt.with_only_columns(self.model.id)

    def municipality_column(self) -> Any:
        """The record's municipality id as SQL (None for national texts)."""
        if self.municipality is None:
            return None
        if callable(self.municipality):
            return self.municipality()
        return getattr(self.model, self.municipality)


_ENTRIES: dict[str, Translatable] = {}
_BY_MODEL: dict[Any, Translatable] = {}


def register(entries: Iterable[Translatable]) -> None:
    for entry in entries:
        _ENTRIES[entry.record_type] = entry
        _BY_MODEL[entry.model] = entry


def entries() -> tuple[Translatable, ...]:
    return tuple(_ENTRIES.values())


def by_type(record_type: str) -> Translatable | None:
    return _ENTRIES.get(record_type)


def by_model(model: Any) -> Translatable | None:
    return _BY_MODEL.get(model)


class WithTranslationStatus(BaseModel):
    """Read models of translatable records: ``translations=all`` adds the status of every text."""

    translation_status: dict[str, dict[str, str]] | None = Field(
        default=None,
        description="With `translations=all`: for each translatable field, the status of each language "
        "(`original`, `up_to_date`, `outdated`, `machine`, `missing`)",
    )
    text_languages: dict[str, str] | None = Field(
        default=None,
        description="For each text shown, the language it is in (a fallback where it is not the "
        "Content-Language); none with translations=all",
    )
