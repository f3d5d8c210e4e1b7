"""The tracker: a ``before_flush`` listener that applies the status rules (``status.track``) to every
new or changed record of a registered type, in the same transaction. ``api.registry.import_models``
imports this module with the tables, so every session of the app, the commands and the tests has it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import event, inspect
from sqlmodel import Session

from api.translations.registry import BY_MODEL
from api.translations.status import is_machine, track


def _history(obj: Any, field: str, is_new: bool) -> tuple[Mapping[str, Any], Mapping[str, Any]] | None:
    history = inspect(obj).attrs[field].history
    if not history.has_changes():
        return None
    new = history.added[0] if history.added else {}
    if is_new:
        return {}, new or {}
    old = history.deleted[0] if history.deleted else {}
    return old or {}, new or {}


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    pending = [(obj, False) for obj in session.dirty] + [(obj, True) for obj in session.new]
    for obj, is_new in pending:
        entry = BY_MODEL.get(type(obj))
        if entry is None:
            continue
        for field in entry.fields:
            change = _history(obj, field, is_new)
            if change is None:
                continue
            old, new = change
            if is_new and not is_machine(session):
                continue  # a new record's texts are its original and its translations: no row needed
            with session.no_autoflush:
                track(session, (entry.record_type, obj.id, field), old, new)
