"""What the experts domain offers other domains (they import this module, never the router).

* :func:`contributions_by_home_municipality` — hours the diaspora gave and how many experts were
  active, per home municipality, for a period (for the indicators domain).
* :func:`get_mentor`, :func:`start_mentorship`, :func:`end_mentorship`,
  :func:`mentorships_for_case` — the mentor side of linking a newcomer's case to a mentor (for the
  migrants domain, which owns the case and the person's consent and passes an opaque case
  reference).

The domain's own work is split by subject package: :mod:`api.experts.profiles` (profiles, cards,
ranked search, the showcase), :mod:`api.experts.requests` (requests and their states),
:mod:`api.experts.invitations` (proposals, invitations, hours, contributors, and the expert's
inbox), :mod:`api.experts.mentoring` (mentors); who sees what is :mod:`api.experts.scope`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.errors import not_found
from api.experts import common, scope
from api.experts.mentoring import logic as mentoring
from api.experts.mentoring.logic import MentorInfo
from api.experts.mentoring.logic import start as start_mentorship
from api.experts.models import ExpertHome, ExpertInvitation, ExpertProfile, Mentorship

__all__ = [
    "HomeContribution",
    "MentorInfo",
    "contributions_by_home_municipality",
    "end_mentorship",
    "get_mentor",
    "mentorships_for_case",
    "start_mentorship",
]


@dataclass(frozen=True)
class HomeContribution:
    municipality_id: uuid.UUID
    municipality: str
    hours: float
    """Hours recorded on answers given in the period by experts from this municipality."""
    contributing_experts: int
    """Distinct experts from this municipality who answered a request in the period."""
    active_experts: int
    """Experts from this municipality whose profile was live at the end of the period."""


def contributions_by_home_municipality(
    session: Session,
    *,
    start: datetime,
    end: datetime,
    municipality_ids: list[uuid.UUID] | None = None,
) -> list[HomeContribution]:
    """Per home municipality, for answers given in ``[start, end)``: hours and contributing experts,
    and the number of active experts at ``end``. An expert from two municipalities counts for each.

    Deleted profiles still count with their hours (their anonymous tombstone keeps its home
    municipalities). "Active at ``end``" means: created before ``end``, not deleted before it, not
    hidden, and confirmed within the 13 months before ``end``; hiding is only known as it is now,
    and a confirmation after ``end`` counts as having been current, so older periods are an
    approximation. Municipalities with nothing to count are left out.
    """
    hours_stmt = (
        select(
            ExpertHome.municipality_id,
            sa.func.coalesce(sa.func.sum(ExpertInvitation.hours_given), 0),
            sa.func.count(sa.distinct(col(ExpertInvitation.expert_id))),
        )
        .join(ExpertHome, col(ExpertHome.expert_id) == ExpertInvitation.expert_id)
        .where(*common.answered_between(start, end))
        .group_by(col(ExpertHome.municipality_id))
    )
    active_stmt = (
        select(ExpertHome.municipality_id, sa.func.count())
        .join(ExpertProfile, col(ExpertProfile.id) == ExpertHome.expert_id)
        .where(
            col(ExpertProfile.created_at) < end,
            col(ExpertProfile.confirmed_at) >= common.fresh_cutoff(end),
            sa.or_(
                sa.and_(col(ExpertProfile.deleted_at).is_(None), col(ExpertProfile.visibility) != "hidden"),
                col(ExpertProfile.deleted_at) >= end,
            ),
        )
        .group_by(col(ExpertHome.municipality_id))
    )
    if municipality_ids is not None:
        hours_stmt = hours_stmt.where(scope.homes_in(municipality_ids))
        active_stmt = active_stmt.where(scope.homes_in(municipality_ids))
    figures: dict[uuid.UUID, list[float]] = {}
    for municipality_id, hours, experts in session.exec(hours_stmt).all():
        figures[municipality_id] = [float(hours or 0), int(experts), 0]
    for municipality_id, n in session.exec(active_stmt).all():
        figures.setdefault(municipality_id, [0.0, 0, 0])[2] = int(n)
    slug_of = common.slugs(session)
    return sorted(
        (
            HomeContribution(
                municipality_id=m,
                municipality=slug_of.get(m, ""),
                hours=round(v[0], 2),
                contributing_experts=int(v[1]),
                active_experts=int(v[2]),
            )
            for m, v in figures.items()
        ),
        key=lambda c: c.municipality,
    )


def get_mentor(session: Session, *, mentor_id: uuid.UUID, municipality_id: uuid.UUID) -> MentorInfo:
    """A mentor who offers mentoring now and is visible to staff, with free places. 404 otherwise.
    ``municipality_id`` is the asking coordinator's (every municipality may ask any mentor)."""
    del municipality_id  # mentors are shared; kept in the signature for symmetry and auditing
    found = mentoring.get_mentor(session, mentor_id=mentor_id)
    if found is None:
        raise not_found("mentor")
    return found


def end_mentorship(
    session: Session,
    *,
    actor: Actor,
    case_ref: uuid.UUID,
    municipality_id: uuid.UUID,
    mentor_id: uuid.UUID | None = None,
    reason: str | None = None,
) -> list[Mentorship]:
    """End the case's active mentorships (all, or the one with ``mentor_id``), e.g. when the person
    withdraws consent or the case closes. Returns what was ended (possibly nothing)."""
    stmt = scope.case_mentorships(case_ref, municipality_id).where(col(Mentorship.ended_at).is_(None))
    if mentor_id is not None:
        stmt = stmt.where(Mentorship.mentor_id == mentor_id)
    rows = list(session.exec(stmt).all())
    for row in rows:
        mentoring.end(session, actor=actor, row=row, reason=reason, if_match=None)
    return rows


def mentorships_for_case(
    session: Session, *, case_ref: uuid.UUID, municipality_id: uuid.UUID, active_only: bool = True
) -> list[Mentorship]:
    stmt = scope.case_mentorships(case_ref, municipality_id)
    if active_only:
        stmt = stmt.where(col(Mentorship.ended_at).is_(None))
    return list(session.exec(stmt.order_by(col(Mentorship.started_at))).all())
