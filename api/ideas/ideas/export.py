"""Open data: public ideas as CSV, streamed in keyset batches."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

from api.core.actor import Actor
from api.core.i18n import resolve
from api.ideas import access, scope
from api.ideas.ideas.board import IdeaFilters, filtered
from api.ideas.models import (
    Idea,
)

EXPORT_COLUMNS = [
    "id",
    "municipality",
    "category",
    "title",
    "state",
    "author_name",
    "author_residence",
    "vote_count",
    "comment_count",
    "place",
    "latitude",
    "longitude",
    "open_call_id",
    "created_at",
    "published_at",
    "answered_at",
]


EXPORT_BATCH = 2_000


def _hour(value: datetime | None) -> str:
    floored = access.floor_hour(value)
    return floored.isoformat().replace("+00:00", "Z") if floored else ""


def export_statement(session: Session, *, actor: Actor, filters: IdeaFilters) -> Any:
    """The public ideas an export covers; built (and its filters checked) before streaming starts."""
    return filtered(session, actor, filters, "-published_at").where(scope.public_clause())


def export_csv_chunks(factory: Any, stmt: Any, *, lang: str) -> Iterator[str]:
    """Public ideas as CSV, streamed in keyset batches with a session of its own (the request's
    session is closed by the time a streamed body is sent): display names only (never emails),
    timestamps rounded down to the hour. Every matching idea is exported, however many."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    yield out.getvalue()
    last: tuple[Any, Any] | None = None
    with factory() as session:
        while True:
            batch = stmt.order_by(None).order_by(col(Idea.listed_at).desc(), col(Idea.id).desc())
            if last is not None:
                batch = batch.where(
                    sa.or_(
                        col(Idea.listed_at) < last[0],
                        sa.and_(col(Idea.listed_at) == last[0], col(Idea.id) < last[1]),
                    )
                )
            rows = session.exec(batch.limit(EXPORT_BATCH)).all()
            if not rows:
                return
            out = io.StringIO()
            writer = csv.writer(out)
            for idea in rows:
                writer.writerow(
                    [
                        idea.id,
                        access.slug_of(session, idea.municipality_id),
                        idea.category,
                        _csv_safe(resolve(idea.title, lang) or ""),
                        idea.state,
                        _csv_safe(idea.author_name),
                        idea.author_residence,
                        idea.vote_count,
                        idea.comment_count,
                        _csv_safe(idea.place or ""),
                        "" if idea.latitude is None else idea.latitude,
                        "" if idea.longitude is None else idea.longitude,
                        idea.open_call_id or "",
                        _hour(idea.created_at),
                        _hour(idea.published_at),
                        _hour(idea.answered_at),
                    ]
                )
            yield out.getvalue()
            last = (rows[-1].listed_at, rows[-1].id)


def _csv_safe(text: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection) in people's free text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
