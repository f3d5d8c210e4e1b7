"""Who sees what in the experts domain, in one place: every tenancy filter of the domain.

Functions named ``readable_<thing>(actor)`` return a ``Select`` the caller narrows with
``.where(id == …)``; the small helpers return where-clauses to add to a query. Anything a filter
leaves out is *not found* for the caller (404), never a 403 that confirms it exists.

* Profiles are shared across municipalities (the diaspora helps any city); what limits them is
  the profile's visibility and freshness (:func:`listed_profiles`).
* Requests belong to a municipality, or to an organisation within it (:func:`readable_requests`).
* Mentorships belong to the municipality whose case they serve (:func:`readable_mentorships`).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from api.core.actor import Actor
from api.experts import common
from api.experts.models import (
    ExpertHome,
    ExpertInvitation,
    ExpertProfile,
    ExpertRequest,
    ExpertShowcase,
    Mentorship,
)

# --- profiles ---------------------------------------------------------------------------------------


def listed_profiles(actor: Actor, now: datetime) -> list[sa.ColumnElement[bool]]:
    """Profiles in search results for this actor: visible to them, confirmed within 13 months.
    Staff also see cards marked `staff`; nobody sees hidden ones."""
    shown = ["public", "staff"] if common.is_staff(actor) else ["public"]
    return [
        col(ExpertProfile.visibility).in_(shown),
        col(ExpertProfile.confirmed_at) >= common.fresh_cutoff(now),
    ]


def own_profile(actor: Actor) -> Any:
    """The actor's own profile (at most one)."""
    return select(ExpertProfile).where(ExpertProfile.user_id == actor.id)


def from_municipalities(municipality_ids: Sequence[uuid.UUID]) -> sa.ColumnElement[bool]:
    """Experts from (one of) these home municipalities."""
    return col(ExpertProfile.id).in_(
        select(ExpertHome.expert_id).where(col(ExpertHome.municipality_id).in_(list(municipality_ids)))
    )


def living_in(municipality_id: uuid.UUID) -> sa.ColumnElement[bool]:
    return col(ExpertProfile.residence_municipality_id) == municipality_id


def homes_in(municipality_ids: Sequence[uuid.UUID]) -> sa.ColumnElement[bool]:
    """Home-municipality rows (``ExpertHome``) of these municipalities."""
    return col(ExpertHome.municipality_id).in_(list(municipality_ids))


def home_table_in(home: sa.Table, municipality_ids: Collection[uuid.UUID]) -> sa.ColumnElement[bool]:
    """The same on the bare table, for Core queries."""
    return home.c.municipality_id.in_(list(municipality_ids))


def showcase_of(municipality_id: uuid.UUID) -> sa.ColumnElement[bool]:
    return col(ExpertShowcase.municipality_id) == municipality_id


# --- requests ---------------------------------------------------------------------------------------


def request_owner(actor: Actor, *, whole_municipality: bool = False) -> list[sa.ColumnElement[bool]]:
    """Where-clauses for the requests an actor is responsible for: a provider's organisation's, a
    coordinator's municipality's own (with ``whole_municipality``, its organisations' too), nothing
    for anyone else. Admins get no clause (everything)."""
    if actor.is_admin:
        return []
    if actor.kind == "user" and actor.role == "provider" and actor.organization_id is not None:
        return [col(ExpertRequest.organization_id) == actor.organization_id]
    if actor.kind == "user" and actor.role == "coordinator" and actor.municipality_id is not None:
        own = [col(ExpertRequest.municipality_id) == actor.municipality_id]
        return own if whole_municipality else [*own, col(ExpertRequest.organization_id).is_(None)]
    return [sa.false()]


def readable_requests(actor: Actor) -> Any:
    """The requests an actor manages; admins see everything."""
    return select(ExpertRequest).where(*request_owner(actor))


def requests_of(municipality_id: uuid.UUID) -> sa.ColumnElement[bool]:
    return col(ExpertRequest.municipality_id) == municipality_id


def readable_inbox(profile: ExpertProfile) -> Any:
    """The invitations addressed to an expert."""
    return select(ExpertInvitation).where(ExpertInvitation.expert_id == profile.id)


def request_invitations(req: ExpertRequest) -> Any:
    """The invitations of a request the caller already may read."""
    return select(ExpertInvitation).where(ExpertInvitation.request_id == req.id)


# --- mentorships ------------------------------------------------------------------------------------


def readable_mentorships(actor: Actor) -> Any:
    """A municipality's mentorships for its staff; everything for admins."""
    stmt = select(Mentorship)
    if actor.is_admin:
        return stmt
    if actor.municipality_id is None:
        return stmt.where(sa.false())
    return stmt.where(Mentorship.municipality_id == actor.municipality_id)


def case_mentorships(case_ref: uuid.UUID, municipality_id: uuid.UUID) -> Any:
    """The mentorships of one case of one municipality (the migrants domain asks)."""
    return select(Mentorship).where(
        Mentorship.case_ref == case_ref, Mentorship.municipality_id == municipality_id
    )
