"""Who may translate what: the owning domain decides who may edit a record (``registry``); a
volunteer with ``translate:<lang>`` may translate public texts into that language only."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session, select

from api.core.actor import Actor
from api.core.errors import ProblemError, not_found
from api.core.translatable import Translatable


def volunteer_languages(actor: Actor) -> set[str]:
    return {s.split(":", 1)[1] for s in actor.scopes if s.startswith("translate:")}


def editable_ids(actor: Actor, entry: Translatable, lang: str | None = None) -> Any:
    """A Select of the ids of ``entry`` records the actor may translate (into ``lang``), or None."""
    if lang is not None and entry.public and lang in volunteer_languages(actor):
        return select(entry.model.id)
    stmt = entry.editable(actor)
    return None if stmt is None else entry.ids(stmt)


def edits_source(session: Session, actor: Actor, entry: Translatable, record_id: uuid.UUID) -> bool:
    """Only those who may edit the record may change its original text (volunteers translate)."""
    stmt = entry.editable(actor)
    if stmt is None:
        return False
    ids = entry.ids(stmt).where(entry.model.id == record_id)
    return session.exec(ids).first() is not None


def coverage_default(actor: Actor) -> uuid.UUID | None:
    """Whose coverage report an actor gets without naming a municipality: an admin the whole
    country (None), a coordinator their own municipality; nobody else may read it."""
    if not (actor.is_admin or actor.role == "coordinator"):
        raise ProblemError(403, "The coverage report is for coordinators and admins.", slug="forbidden")
    if actor.is_admin:
        return None
    if actor.municipality_id is None:
        raise not_found("municipality")
    return actor.municipality_id


def check_coverage(actor: Actor, municipality_id: uuid.UUID) -> None:
    """Another municipality's report is a 404 for a coordinator."""
    coverage_default(actor)
    if not actor.is_admin and municipality_id != actor.municipality_id:
        raise not_found("municipality")
