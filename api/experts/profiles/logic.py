"""Expert profiles: who sees which profile and the expert's own profile (create, change, confirm,
hide, delete). Search is :mod:`api.experts.profiles.search`, the showcase
:mod:`api.experts.profiles.showcase`, the yearly reminders :mod:`api.experts.profiles.reminders`."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.accounts.models import User
from api.core import db
from api.core.actor import Actor
from api.core.conditional import IfMatch, claim
from api.core.db import utcnow
from api.core.errors import conflict, not_found, unprocessable
from api.core.i18n import Locale, search_blob
from api.experts import common, scope
from api.experts.models import (
    ExpertCompetence,
    ExpertHome,
    ExpertInvitation,
    ExpertLanguage,
    ExpertProfile,
    ExpertShowcase,
    Mentorship,
)
from api.experts.profiles import cards
from api.experts.profiles.ranking import LEVEL_RANK, WAY_BITS, ways_to_mask
from api.experts.profiles.schemas import (
    CompetenceList,
    CompetenceRead,
    ExpertCard,
    ExpertOwn,
    ExpertProfileCreate,
    ExpertProfileUpdate,
)

# --- who sees which profiles ------------------------------------------------------------------


def readable(session: Session, *, actor: Actor, expert_id: uuid.UUID, now: datetime) -> ExpertProfile:
    """One card: its owner always; staff when visible to staff (a stale one too, flagged);
    everyone else when public and fresh. Anything else is 404."""
    profile = session.get(ExpertProfile, expert_id)
    if profile is None or profile.deleted_at is not None:
        raise not_found("expert")
    if actor.id is not None and profile.user_id == actor.id:
        return profile
    if common.is_staff(actor):
        if profile.visibility in ("public", "staff"):
            return profile
    elif profile.visibility == "public" and not cards.is_stale(profile, now):
        return profile
    raise not_found("expert")


def card_for(
    session: Session, *, actor: Actor, expert_id: uuid.UUID, locale: Locale
) -> tuple[ExpertProfile, ExpertCard]:
    """An expert's card as this actor may see it (404 when they may not)."""
    now = utcnow()
    profile = readable(session, actor=actor, expert_id=expert_id, now=now)
    related = cards.load_related(session, [profile.id])
    return profile, cards.card(session, actor, profile, related, locale, now=now)


def competence_list(session: Session, *, locale: Locale) -> CompetenceList:
    return CompetenceList(
        items=[
            CompetenceRead(code=c.code, area=c.area, name=locale.text(c.name))
            for c in common.competences(session).values()
        ]
    )


def own(session: Session, *, actor: Actor) -> ExpertProfile:
    return db.found(session, scope.own_profile(actor), "expert profile")


def owned(session: Session, *, actor: Actor, expert_id: uuid.UUID) -> ExpertProfile:
    """The actor's own profile by id; another's (or none) is 404."""
    return db.found(session, scope.own_profile(actor).where(ExpertProfile.id == expert_id), "expert profile")


# --- the expert's own profile ---------------------------------------------------------------------


def _touch(session: Session, profile: ExpertProfile, if_match: IfMatch) -> None:
    claim(session, profile, if_match)
    profile.updated_at = utcnow()


def _reindex(profile: ExpertProfile) -> None:
    profile.search_topics = search_blob(profile.headline, profile.help_topics, profile.tags)
    profile.search_text = search_blob(profile.headline, profile.help_topics, profile.tags, profile.bio)


def _check_consistency(profile: ExpertProfile) -> None:
    broken = [
        (
            "residence_municipality",
            "only for experts living in Lithuania (country LT)",
            profile.residence_municipality_id is not None and profile.country != "LT",
        ),
        (
            "mentor_capacity",
            "add `mentoring` to your ways of helping to offer mentoring places",
            profile.mentor_capacity > 0 and not profile.ways & WAY_BITS["mentoring"],
        ),
        (
            "contact_consent",
            "give at least one contact detail to share",
            profile.contact_consent
            and not (profile.contact_email or profile.contact_phone or profile.contact_url),
        ),
    ]
    errors = [
        {"loc": ["body", field], "msg": msg, "type": "value_error"} for field, msg, bad in broken if bad
    ]
    if errors:
        raise unprocessable("The profile is not consistent.", errors=errors)


def _clear(session: Session, table: Any, profile: ExpertProfile) -> None:
    """Delete the profile's rows of a child table (homes, competences, languages, showcase)."""
    session.execute(sa.delete(table).where(col(table.expert_id) == profile.id))


def _set_children(
    session: Session,
    profile: ExpertProfile,
    *,
    homes: list[uuid.UUID] | None = None,
    competences: list[str] | None = None,
    languages: list[tuple[str, str]] | None = None,
) -> None:
    if homes is not None:
        _clear(session, ExpertHome, profile)
        session.add_all([ExpertHome(expert_id=profile.id, municipality_id=m) for m in homes])
    if competences is not None:
        _clear(session, ExpertCompetence, profile)
        session.add_all([ExpertCompetence(expert_id=profile.id, competence_code=c) for c in competences])
    if languages is not None:
        _clear(session, ExpertLanguage, profile)
        session.add_all(
            [
                ExpertLanguage(expert_id=profile.id, language=lang, level=level, level_rank=LEVEL_RANK[level])
                for lang, level in languages
            ]
        )


_SIMPLE = (
    *("display_name", "headline", "country", "city", "bio", "help_topics", "tags", "hours_per_month"),
    *("mentor_capacity", "visibility", "contact_email", "contact_phone", "contact_url"),
)


def _apply(session: Session, profile: ExpertProfile, changes: dict[str, Any]) -> dict[str, Any]:
    """Copy plain fields and return the child lists to replace."""
    for key in _SIMPLE:
        if key in changes:
            value = changes[key]
            if key in ("display_name",) and value is None:
                continue
            if key in ("headline", "city") and value is None:
                value = ""
            if key in ("bio", "help_topics") and value is None:
                value = {}
            if key == "tags" and value is None:
                value = []
            if key in ("hours_per_month", "mentor_capacity") and value is None:
                value = 0
            if key == "visibility" and value is None:
                continue
            if key == "country" and value is None:
                continue
            setattr(profile, key, value)
    if "ways" in changes:
        profile.ways = ways_to_mask(changes["ways"] or [])
    if "residence_municipality" in changes:
        slug = changes["residence_municipality"]
        profile.residence_municipality_id = (
            common.slug_id(session, slug, field="residence_municipality") if slug else None
        )
    if "contact_consent" in changes and changes["contact_consent"] is not None:
        consent = bool(changes["contact_consent"])
        if consent and not profile.contact_consent:
            profile.contact_consent_at = utcnow()
        if not consent:
            profile.contact_consent_at = None
        profile.contact_consent = consent
    children: dict[str, Any] = {}
    if changes.get("home_municipalities") is not None:
        children["homes"] = common.slug_ids(
            session, changes["home_municipalities"], field="home_municipalities"
        )
    if changes.get("competences") is not None:
        children["competences"] = common.check_competences(session, changes["competences"])
    if changes.get("languages") is not None:
        children["languages"] = [(s["language"], s["level"]) for s in changes["languages"]]
    return children


def create(session: Session, *, actor: Actor, data: ExpertProfileCreate) -> ExpertProfile:
    if session.exec(select(ExpertProfile.id).where(ExpertProfile.user_id == actor.id)).first() is not None:
        raise conflict("You already have an expert profile; change it instead.", slug="profile-exists")
    user = session.get(User, actor.id)
    if user is None:
        raise not_found("account")
    changes = data.model_dump()
    if not changes.get("display_name"):
        changes["display_name"] = user.display_name
    profile = ExpertProfile(user_id=actor.id)
    children = _apply(session, profile, changes)
    _check_consistency(profile)
    _reindex(profile)
    session.add(profile)
    session.flush()
    _set_children(session, profile, **children)
    session.flush()
    common.record_profile(session, profile.id, actor=actor, action="create")
    return profile


def update(
    session: Session, *, actor: Actor, profile: ExpertProfile, data: ExpertProfileUpdate, if_match: IfMatch
) -> ExpertProfile:
    _touch(session, profile, if_match)
    changes = data.model_dump(exclude_unset=True)
    children = _apply(session, profile, changes)
    _check_consistency(profile)
    _reindex(profile)
    _set_children(session, profile, **children)
    session.flush()
    common.record_profile(
        session, profile.id, actor=actor, action="update", details={"fields": sorted(changes)}
    )
    return profile


def confirm(session: Session, *, actor: Actor, profile: ExpertProfile, if_match: IfMatch) -> ExpertProfile:
    _touch(session, profile, if_match)
    profile.confirmed_at = utcnow()
    profile.reminded_at = None
    common.record_profile(session, profile.id, actor=actor, action="confirm")
    return profile


def delete(session: Session, *, actor: Actor, profile: ExpertProfile, if_match: IfMatch) -> None:
    """Erase the personal data; keep an anonymous tombstone for the hours statistics.

    Kept: the row's id, when it was created and last confirmed, its home municipalities, and its
    invitations with their hours and answers (an answer was given to the city and stays with the
    request, no longer attributed). Gone: the link to the account, name, headline, where the expert
    lives, bio, topics, tags, competences, languages, ways of helping, contact details and consent,
    showcase entries; pending invitations are declined and mentorships ended.
    """
    _touch(session, profile, if_match)
    now = utcnow()
    for table in (ExpertCompetence, ExpertLanguage, ExpertShowcase):
        _clear(session, table, profile)
    session.execute(
        sa.update(ExpertInvitation)
        .where(
            col(ExpertInvitation.expert_id) == profile.id,
            col(ExpertInvitation.status).in_(["invited", "accepted"]),
        )
        .values(
            status="declined",
            decline_reason=None,
            responded_at=now,
            updated_at=now,
            version=ExpertInvitation.version + 1,
        )
    )
    session.execute(
        sa.update(Mentorship)
        .where(col(Mentorship.mentor_id) == profile.id, col(Mentorship.ended_at).is_(None))
        .values(ended_at=now, end_reason="The mentor deleted their profile.", version=Mentorship.version + 1)
    )
    for key, value in _ERASED.items():
        setattr(profile, key, value() if callable(value) else value)
    profile.deleted_at = now
    common.record_profile(session, profile.id, actor=actor, action="delete")


# What a deleted profile keeps of each personal column (a factory for the mutable ones).
_ERASED: dict[str, Any] = {
    **dict.fromkeys(("user_id", "country", "residence_municipality_id", "reminded_at"), None),
    **dict.fromkeys(("display_name", "headline", "city", "search_text", "search_topics"), ""),
    **dict.fromkeys(("bio", "help_topics"), dict),
    "tags": list,
    **dict.fromkeys(("hours_per_month", "ways", "mentor_capacity"), 0),
    "visibility": "hidden",
    **dict.fromkeys(("contact_email", "contact_phone", "contact_url", "contact_consent_at"), None),
    "contact_consent": False,
}


def own_read(session: Session, *, actor: Actor, profile: ExpertProfile, locale: Locale) -> ExpertOwn:
    now = utcnow()
    related = cards.load_related(session, [profile.id])
    fields = cards.card_fields(session, profile, related, locale, now=now, contact=True)
    active = session.exec(
        select(sa.func.count())
        .select_from(Mentorship)
        .where(Mentorship.mentor_id == profile.id, col(Mentorship.ended_at).is_(None))
    ).one()
    return ExpertOwn(
        **fields,
        visibility=profile.visibility,
        contact_consent=profile.contact_consent,
        contact_consent_at=profile.contact_consent_at,
        mentor_capacity=profile.mentor_capacity,
        mentorships_active=int(active),
        confirm_due=common.months_after(profile.confirmed_at, common.FRESH_MONTHS),
        created_at=profile.created_at,
        updated_at=profile.updated_at,
    )
