"""Mentors (the BeFriend model): experts and local volunteers who offer to mentor a newcomer.

Coordinators find mentors here. Linking a mentor to a newcomer's case needs the person's consent,
which the migrants domain owns: it checks consent and then calls :func:`start` (re-exported by
``api.experts.logic``) with an opaque case reference. This module never learns who the newcomer is.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core import audit, db
from api.core.actor import Actor
from api.core.conditional import IfMatch, claim
from api.core.db import utcnow
from api.core.errors import conflict, not_found
from api.core.i18n import Locale, search_terms
from api.core.pagination import PageParams, SortKey
from api.experts import common, scope
from api.experts.mentoring.schemas import MentorHit, MentorshipRead
from api.experts.models import ExpertProfile, Mentorship
from api.experts.profiles import cards
from api.experts.profiles.ranking import LEVEL_RANK, WAY_BITS, Criteria, LanguageWish
from api.experts.profiles.search import hits, ranked

RECORD = "expert_mentorship"


def _active_count() -> Any:
    return (
        select(sa.func.count())
        .select_from(Mentorship)
        .where(Mentorship.mentor_id == ExpertProfile.id, col(Mentorship.ended_at).is_(None))
        .correlate(ExpertProfile)
        .scalar_subquery()
    )


def offering() -> list[sa.ColumnElement[bool]]:
    return [
        col(ExpertProfile.ways).op("&")(WAY_BITS["mentoring"]) != 0,
        col(ExpertProfile.mentor_capacity) > 0,
    ]


def criteria(
    session: Session,
    *,
    actor: Actor,
    municipality: str | None,
    language: str | None,
    min_level: str | None,
    q: str | None,
) -> Criteria:
    """What a mentor search asks: living in or from the municipality (default: the actor's; `any`
    for all), speaking the language at the level, words in the bio or help topics."""
    place = None
    if municipality != "any":
        if municipality:
            place = common.slug_id(session, municipality, field="municipality", loc="query")
        else:
            place = actor.municipality_id
    wishes = []
    if language:
        wishes.append(LanguageWish(language, LEVEL_RANK[min_level or "A1"]))
    return Criteria(
        languages=wishes,
        homes=[place] if place else [],
        residence=place,
        require_homes=False,
        terms=search_terms(q),
    )


def search(
    session: Session,
    *,
    actor: Actor,
    criteria: Criteria,
    available: bool,
    params: PageParams,
    sort: str,
    locale: Locale,
) -> tuple[list[MentorHit], str | None]:
    now = utcnow()
    active = _active_count()
    conditions = [*scope.listed_profiles(actor, now), *offering()]
    if available:
        conditions.append(col(ExpertProfile.mentor_capacity) > active)
    found = ranked(
        session,
        criteria=criteria,
        conditions=conditions,
        params=params,
        sort=sort,
        extra_columns=[active.label("active")],
    )
    items = []
    for hit, row in zip(
        hits(session, actor=actor, found=found, criteria=criteria, locale=locale, now=now),
        found.rows,
        strict=True,
    ):
        profile, n = row[0], int(row[2])
        items.append(
            MentorHit(
                **hit.model_dump(),
                mentorships_active=n,
                free_places=max(profile.mentor_capacity - n, 0),
            )
        )
    return items, found.next_cursor


# --- mentorships ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MentorInfo:
    """What the migrants domain needs to show and link a mentor."""

    id: uuid.UUID
    display_name: str
    capacity: int
    active: int
    languages: list[tuple[str, str]]
    home_municipalities: list[str]
    residence_municipality: str | None

    @property
    def free_places(self) -> int:
        return max(self.capacity - self.active, 0)


def _mentor_row(session: Session, mentor_id: uuid.UUID, *, lock: bool = False) -> ExpertProfile | None:
    stmt = select(ExpertProfile).where(
        ExpertProfile.id == mentor_id,
        col(ExpertProfile.deleted_at).is_(None),
        col(ExpertProfile.visibility).in_(["public", "staff"]),
        *offering(),
    )
    if lock:
        stmt = stmt.with_for_update()
    return session.exec(stmt).first()


def active_count(session: Session, mentor_id: uuid.UUID) -> int:
    return int(
        session.exec(
            select(sa.func.count())
            .select_from(Mentorship)
            .where(Mentorship.mentor_id == mentor_id, col(Mentorship.ended_at).is_(None))
        ).one()
    )


def get_mentor(session: Session, *, mentor_id: uuid.UUID) -> MentorInfo | None:
    profile = _mentor_row(session, mentor_id)
    if profile is None:
        return None
    related = cards.load_related(session, [profile.id])
    slug_of = common.slugs(session)
    return MentorInfo(
        id=profile.id,
        display_name=profile.display_name,
        capacity=profile.mentor_capacity,
        active=active_count(session, profile.id),
        languages=list(related.languages.get(profile.id, [])),
        home_municipalities=[slug_of[m] for m in related.homes.get(profile.id, []) if m in slug_of],
        residence_municipality=slug_of.get(profile.residence_municipality_id)
        if profile.residence_municipality_id
        else None,
    )


def start(
    session: Session,
    *,
    actor: Actor,
    mentor_id: uuid.UUID,
    case_ref: uuid.UUID,
    municipality_id: uuid.UUID,
) -> Mentorship:
    """Record that ``mentor_id`` mentors the case ``case_ref`` of ``municipality_id`` (other domains
    call it ``api.experts.logic.start_mentorship``). Call only after the person consented. 404 when
    the mentor does not offer mentoring (any more); 409 when they have no free place or already
    mentor it."""
    profile = _mentor_row(session, mentor_id, lock=True)
    if profile is None:
        raise not_found("mentor")
    existing = session.exec(
        select(Mentorship.id).where(
            Mentorship.mentor_id == mentor_id,
            Mentorship.case_ref == case_ref,
            col(Mentorship.ended_at).is_(None),
        )
    ).first()
    if existing is not None:
        raise conflict("This mentor already mentors this case.", slug="already-linked")
    if active_count(session, mentor_id) >= profile.mentor_capacity:
        raise conflict("The mentor has no free place.", slug="mentor-full")
    row = Mentorship(
        mentor_id=mentor_id,
        municipality_id=municipality_id,
        case_ref=case_ref,
        started_by=actor.id if actor.kind == "user" else None,
    )
    session.add(row)
    session.flush()
    _audit(session, actor=actor, row=row, action="start")
    return row


def _audit(session: Session, *, actor: Actor, row: Mentorship, action: str) -> None:
    """An audit entry about a mentorship (its subject is the mentor)."""
    audit.record_of(session, row, actor=actor, action=action, record_type=RECORD, subject_id=row.mentor_id)


def get(session: Session, *, actor: Actor, mentorship_id: uuid.UUID) -> Mentorship:
    return db.found(
        session, scope.readable_mentorships(actor).where(Mentorship.id == mentorship_id), "mentorship"
    )


def end(
    session: Session, *, actor: Actor, row: Mentorship, reason: str | None, if_match: IfMatch | None
) -> Mentorship:
    """End a mentorship (``if_match`` None: the server ends it, e.g. consent was withdrawn)."""
    claim(session, row, if_match)
    if row.ended_at is not None:
        raise conflict("The mentorship has already ended.", slug="already-ended")
    row.ended_at = utcnow()
    row.end_reason = reason
    _audit(session, actor=actor, row=row, action="end")
    return row


def list_rows(
    session: Session,
    *,
    actor: Actor,
    params: PageParams,
    active: bool | None,
    mentor_id: uuid.UUID | None,
    case_ref: uuid.UUID | None,
) -> tuple[list[Mentorship], str | None]:
    stmt = scope.readable_mentorships(actor)
    if active is not None:
        ended = col(Mentorship.ended_at)
        stmt = stmt.where(ended.is_(None) if active else ended.is_not(None))
    equal = {Mentorship.mentor_id: mentor_id, Mentorship.case_ref: case_ref}
    stmt = stmt.where(*(column == value for column, value in equal.items() if value))
    keys = [SortKey(Mentorship.started_at, descending=True), SortKey(Mentorship.id, descending=True)]
    return common.page_of(session, stmt, keys=keys, params=params, sort_name="-started_at")


def reads(session: Session, rows: list[Mentorship]) -> list[MentorshipRead]:
    names = common.profiles_by_id(session, [r.mentor_id for r in rows])
    slug_of = common.slugs(session)
    out = []
    for r in rows:
        mentor = names.get(r.mentor_id)
        out.append(
            MentorshipRead(
                id=r.id,
                mentor_id=r.mentor_id,
                mentor_name=mentor.display_name if mentor and mentor.deleted_at is None else None,
                municipality=slug_of.get(r.municipality_id, ""),
                case_ref=r.case_ref,
                started_at=r.started_at,
                ended_at=r.ended_at,
                end_reason=r.end_reason,
            )
        )
    return out
