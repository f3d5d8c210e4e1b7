"""Expert profiles: the expert's own profile (create, change, confirm, hide, delete), reading
cards, ranked search and the role-model showcase."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.accounts.models import User
from api.core.actor import Actor
from api.core.db import utcnow
from api.core.errors import conflict, not_found, unprocessable
from api.core.i18n import Locale, search_blob
from api.core.models import OutboxMessage
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.experts import cards, common
from api.experts.models import (
    ExpertCompetence,
    ExpertHome,
    ExpertInvitation,
    ExpertLanguage,
    ExpertProfile,
    ExpertShowcase,
    Mentorship,
)
from api.experts.ranking import LEVEL_RANK, WAY_BITS, Criteria, mask_to_ways, ways_to_mask
from api.experts.schemas import (
    ExpertHit,
    ExpertOwn,
    ExpertProfileCreate,
    ExpertProfileUpdate,
    Reason,
    ShowcaseEntry,
    ShowcaseUpsert,
)

RECORD = "expert_profile"


# --- who sees which profiles ------------------------------------------------------------------


def listed(actor: Actor, now: datetime) -> list[sa.ColumnElement[bool]]:
    """Profiles in search results for this actor: visible to them, not deleted, confirmed within
    13 months. Staff also see cards marked `staff`; nobody sees hidden ones."""
    shown = ["public", "staff"] if common.is_staff(actor) else ["public"]
    return [
        col(ExpertProfile.visibility).in_(shown),
        col(ExpertProfile.confirmed_at) >= common.fresh_cutoff(now),
    ]


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


def own(session: Session, *, actor: Actor) -> ExpertProfile:
    profile = session.exec(select(ExpertProfile).where(ExpertProfile.user_id == actor.id)).first()
    if profile is None:
        raise not_found("expert profile")
    return profile


def owned(session: Session, *, actor: Actor, expert_id: uuid.UUID) -> ExpertProfile:
    """The actor's own profile by id; another's (or none) is 404."""
    profile = session.exec(
        select(ExpertProfile).where(ExpertProfile.id == expert_id, ExpertProfile.user_id == actor.id)
    ).first()
    if profile is None:
        raise not_found("expert profile")
    return profile


# --- the expert's own profile ---------------------------------------------------------------------


def _touch(profile: ExpertProfile) -> None:
    profile.updated_at = utcnow()
    profile.version += 1


def _reindex(profile: ExpertProfile) -> None:
    profile.search_topics = search_blob(profile.headline, profile.help_topics, profile.tags)
    profile.search_text = search_blob(profile.headline, profile.help_topics, profile.tags, profile.bio)


def _check_consistency(profile: ExpertProfile) -> None:
    errors = []
    if profile.residence_municipality_id is not None and profile.country != "LT":
        errors.append(
            {
                "loc": ["body", "residence_municipality"],
                "msg": "only for experts living in Lithuania (country LT)",
                "type": "value_error",
            }
        )
    if profile.mentor_capacity > 0 and not profile.ways & WAY_BITS["mentoring"]:
        errors.append(
            {
                "loc": ["body", "mentor_capacity"],
                "msg": "add `mentoring` to your ways of helping to offer mentoring places",
                "type": "value_error",
            }
        )
    if profile.contact_consent and not (
        profile.contact_email or profile.contact_phone or profile.contact_url
    ):
        errors.append(
            {
                "loc": ["body", "contact_consent"],
                "msg": "give at least one contact detail to share",
                "type": "value_error",
            }
        )
    if errors:
        raise unprocessable("The profile is not consistent.", errors=errors)


def _set_children(
    session: Session,
    profile: ExpertProfile,
    *,
    homes: list[uuid.UUID] | None = None,
    competences: list[str] | None = None,
    languages: list[tuple[str, str]] | None = None,
) -> None:
    if homes is not None:
        session.execute(sa.delete(ExpertHome).where(col(ExpertHome.expert_id) == profile.id))
        session.add_all([ExpertHome(expert_id=profile.id, municipality_id=m) for m in homes])
    if competences is not None:
        session.execute(sa.delete(ExpertCompetence).where(col(ExpertCompetence.expert_id) == profile.id))
        session.add_all([ExpertCompetence(expert_id=profile.id, competence_code=c) for c in competences])
    if languages is not None:
        session.execute(sa.delete(ExpertLanguage).where(col(ExpertLanguage.expert_id) == profile.id))
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
    common.record(
        session, actor=actor, action="create", record_type=RECORD, record_id=profile.id, subject_id=profile.id
    )
    return profile


def update(
    session: Session, *, actor: Actor, profile: ExpertProfile, data: ExpertProfileUpdate
) -> ExpertProfile:
    changes = data.model_dump(exclude_unset=True)
    children = _apply(session, profile, changes)
    _check_consistency(profile)
    _reindex(profile)
    _set_children(session, profile, **children)
    _touch(profile)
    session.flush()
    common.record(
        session,
        actor=actor,
        action="update",
        record_type=RECORD,
        record_id=profile.id,
        subject_id=profile.id,
        details={"fields": sorted(changes)},
    )
    return profile


def confirm(session: Session, *, actor: Actor, profile: ExpertProfile) -> ExpertProfile:
    profile.confirmed_at = utcnow()
    profile.reminded_at = None
    _touch(profile)
    common.record(
        session,
        actor=actor,
        action="confirm",
        record_type=RECORD,
        record_id=profile.id,
        subject_id=profile.id,
    )
    return profile


def delete(session: Session, *, actor: Actor, profile: ExpertProfile) -> None:
    """Erase the personal data; keep an anonymous tombstone for the hours statistics.

    Kept: the row's id, when it was created and last confirmed, its home municipalities, and its
    invitations with their hours and answers (an answer was given to the city and stays with the
    request, no longer attributed). Gone: the link to the account, name, headline, where the expert
    lives, bio, topics, tags, competences, languages, ways of helping, contact details and consent,
    showcase entries; pending invitations are declined and mentorships ended.
    """
    now = utcnow()
    session.execute(sa.delete(ExpertCompetence).where(col(ExpertCompetence.expert_id) == profile.id))
    session.execute(sa.delete(ExpertLanguage).where(col(ExpertLanguage.expert_id) == profile.id))
    session.execute(sa.delete(ExpertShowcase).where(col(ExpertShowcase.expert_id) == profile.id))
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
    profile.user_id = None
    profile.display_name = ""
    profile.headline = ""
    profile.country = None
    profile.city = ""
    profile.residence_municipality_id = None
    profile.bio = {}
    profile.help_topics = {}
    profile.tags = []
    profile.hours_per_month = 0
    profile.ways = 0
    profile.mentor_capacity = 0
    profile.visibility = "hidden"
    profile.contact_email = None
    profile.contact_phone = None
    profile.contact_url = None
    profile.contact_consent = False
    profile.contact_consent_at = None
    profile.search_text = ""
    profile.search_topics = ""
    profile.reminded_at = None
    profile.deleted_at = now
    _touch(profile)
    common.record(
        session, actor=actor, action="delete", record_type=RECORD, record_id=profile.id, subject_id=profile.id
    )


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


# --- confirmation reminders -----------------------------------------------------------------------


def send_confirmation_reminders(session: Session, *, now: datetime, base_url: str) -> int:
    """Mail every expert whose profile was last confirmed a year ago and not reminded since.
    Returns how many reminders were queued in the outbox."""
    due = common.months_before(now, common.REMIND_AFTER_MONTHS)
    rows = session.exec(
        select(ExpertProfile, User)
        .join(User, col(User.id) == ExpertProfile.user_id)
        .where(
            col(ExpertProfile.deleted_at).is_(None),
            col(ExpertProfile.confirmed_at) <= due,
            sa.or_(
                col(ExpertProfile.reminded_at).is_(None),
                col(ExpertProfile.reminded_at) < ExpertProfile.confirmed_at,
            ),
            col(User.is_active).is_(True),
        )
    ).all()
    for profile, user in rows:
        drops = common.months_after(profile.confirmed_at, common.FRESH_MONTHS)
        link = f"{base_url.rstrip('/')}/#/experts/me"
        when = (
            f"It left the search results on {drops.date().isoformat()}; confirming brings it back."
            if drops <= now
            else f"Unconfirmed profiles leave the search results: yours on {drops.date().isoformat()}."
        )
        session.add(
            OutboxMessage(
                recipient=user.email,
                kind="expert_confirm_reminder",
                subject="Langelis: is your expert profile still current?",
                body=(
                    f"Hello {profile.display_name}, please check your expert profile and confirm it is still "
                    f"current: {link}. {when}"
                ),
                payload={"expert_id": str(profile.id), "link": link},
            )
        )
        profile.reminded_at = now
    return len(rows)


# --- search -------------------------------------------------------------------------------------------

SEARCH_SORTS = ("relevance", "name", "-confirmed_at")


def _fingerprint(criteria: Criteria) -> str:
    raw = json.dumps(
        [
            criteria.competences,
            [(w.language, w.min_rank) for w in criteria.languages],
            criteria.ways,
            [str(h) for h in criteria.homes],
            str(criteria.residence),
            criteria.country,
            criteria.min_hours,
            criteria.terms,
        ],
        sort_keys=True,
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:12]


def sort_keys(sort: str, score: Any) -> list[SortKey]:
    if sort == "name":
        return [SortKey(ExpertProfile.display_name), SortKey(ExpertProfile.id)]
    if sort == "-confirmed_at":
        return [
            SortKey(ExpertProfile.confirmed_at, descending=True),
            SortKey(ExpertProfile.id, descending=True),
        ]
    return [SortKey(score, descending=True), SortKey(ExpertProfile.display_name), SortKey(ExpertProfile.id)]


@dataclass
class Ranked:
    rows: list[Any]
    """(profile, score, *extra columns), in order"""
    next_cursor: str | None
    related: cards.Related


def ranked(
    session: Session,
    *,
    criteria: Criteria,
    conditions: list[sa.ColumnElement[bool]],
    params: PageParams,
    sort: str,
    extra_columns: list[Any] | None = None,
) -> Ranked:
    """One page of experts, best first (or by the chosen sort), in one statement: the candidates
    are scored in a subquery, the page is cut from it by keyset, and only the page's rows are then
    joined to the profile and to their competences, languages and home municipalities."""
    score = criteria.score().label("score")
    p = ExpertProfile
    extra = extra_columns or []
    stmt: Any = select(p.id, score, p.display_name, p.confirmed_at, *extra).where(
        *conditions, *criteria.filters()
    )
    if sort == "relevance":
        # OFFSET 0 keeps the planner from flattening the subquery: each candidate is scored once,
        # and the cursor's range test compares the computed column.
        inner = stmt.offset(0).subquery("ranked")
        stmt = sa.select(inner)
        keys = [SortKey(inner.c.score, descending=True), SortKey(inner.c.display_name), SortKey(inner.c.id)]
    else:
        keys = sort_keys(sort, score)
    name = f"{sort}:{_fingerprint(criteria)}"
    page = keyset(stmt, keys=keys, params=params, sort_name=name).subquery("page")
    page_keys = [SortKey(page.c[k.column.key], descending=k.descending) for k in keys]
    children = _children_columns()
    final = (
        sa.select(p, page.c.score, *[page.c[c.key] for c in extra], *children)
        .join(page, page.c.id == p.id)
        .order_by(*[k.column.desc() if k.descending else k.column.asc() for k in page_keys])
    )
    found = list(session.execute(final).all())
    n_extra = len(extra)
    rows = [(r[0], r[1], *r[2 : 2 + n_extra]) for r in found]
    related = _related_from(session, [(r[0].id, *r[2 + n_extra :]) for r in found])

    def key_of(row: Any) -> list[Any]:
        profile, points = row[0], row[1]
        if sort == "name":
            return [profile.display_name, profile.id]
        if sort == "-confirmed_at":
            return [profile.confirmed_at, profile.id]
        return [int(points), profile.display_name, profile.id]

    items, next_cursor = finish(rows, params=params, sort_name=name, key_of=key_of)
    return Ranked(rows=items, next_cursor=next_cursor, related=related)


def _children_columns() -> list[Any]:
    """Per profile: its competences, languages (code:level) and home municipality ids as one
    comma-separated string each (string_agg on PostgreSQL, group_concat on SQLite), and whether it
    is in a showcase."""
    p = ExpertProfile
    return [
        select(sa.func.aggregate_strings(col(ExpertCompetence.competence_code), ","))
        .where(ExpertCompetence.expert_id == p.id)
        .correlate(p)
        .scalar_subquery(),
        select(sa.func.aggregate_strings(col(ExpertLanguage.language) + ":" + col(ExpertLanguage.level), ","))
        .where(ExpertLanguage.expert_id == p.id)
        .correlate(p)
        .scalar_subquery(),
        select(sa.func.aggregate_strings(sa.cast(ExpertHome.municipality_id, sa.String), ","))
        .where(ExpertHome.expert_id == p.id)
        .correlate(p)
        .scalar_subquery(),
        sa.exists(select(ExpertShowcase.expert_id).where(ExpertShowcase.expert_id == p.id)).correlate(p),
    ]


def _related_from(session: Session, rows: list[tuple[Any, ...]]) -> cards.Related:
    related = cards.Related()
    positions = {code: c.position for code, c in common.competences(session).items()}
    slug_of = common.slugs(session)
    showcased = []
    for expert_id, codes, languages, homes, in_showcase in rows:
        related.competences[expert_id] = sorted(
            (codes or "").split(",") if codes else [], key=lambda c: positions.get(c, 0)
        )
        pairs = [tuple(x.split(":", 1)) for x in (languages or "").split(",") if x]
        related.languages[expert_id] = sorted(
            [(lang, level) for lang, level in pairs], key=lambda x: (-LEVEL_RANK.get(x[1], 0), x[0])
        )
        related.homes[expert_id] = sorted(
            (uuid.UUID(h) for h in (homes or "").split(",") if h), key=lambda m: slug_of.get(m, "")
        )
        if in_showcase:
            showcased.append(expert_id)
    if showcased:
        for entry in session.exec(
            select(ExpertShowcase)
            .where(col(ExpertShowcase.expert_id).in_(showcased))
            .order_by(col(ExpertShowcase.position))
        ).all():
            related.showcase[entry.expert_id].append(entry)
    return related


def hits(
    session: Session,
    *,
    actor: Actor,
    found: Ranked,
    criteria: Criteria,
    locale: Locale,
    now: datetime,
) -> list[ExpertHit]:
    related = found.related
    slug_of = common.slugs(session)
    out = []
    for row in found.rows:
        profile = row[0]
        score, reasons = criteria.explain(
            profile,
            competences=related.competences.get(profile.id, []),
            languages=related.language_ranks(profile.id),
            homes=related.homes.get(profile.id, []),
            home_slugs=slug_of,
        )
        out.append(
            cards.card_as(
                ExpertHit,
                session,
                actor,
                profile,
                related,
                locale,
                now=now,
                score=score,
                reasons=[Reason(**r) for r in reasons],
            )
        )
    return out


def search(
    session: Session,
    *,
    actor: Actor,
    criteria: Criteria,
    params: PageParams,
    sort: str,
    locale: Locale,
) -> tuple[list[ExpertHit], str | None]:
    now = utcnow()
    found = ranked(session, criteria=criteria, conditions=listed(actor, now), params=params, sort=sort)
    return hits(
        session, actor=actor, found=found, criteria=criteria, locale=locale, now=now
    ), found.next_cursor


# --- the showcase ------------------------------------------------------------------------------------


def showcase_municipality(session: Session, *, actor: Actor, slug: str | None) -> uuid.UUID:
    """Coordinators manage their own municipality's showcase; admins name one."""
    if actor.municipality_id is not None and not actor.is_admin:
        if slug and common.slug_id(session, slug, field="municipality") != actor.municipality_id:
            raise not_found("expert")
        return actor.municipality_id
    if not slug:
        raise unprocessable(
            "Name the municipality whose showcase this is.",
            errors=[
                {"loc": ["body", "municipality"], "msg": "required for administrators", "type": "missing"}
            ],
        )
    return common.slug_id(session, slug, field="municipality")


def _showcase_candidate(
    session: Session, *, expert_id: uuid.UUID, municipality_id: uuid.UUID
) -> ExpertProfile:
    """An expert the municipality may show: from that municipality, and not hidden or deleted."""
    profile = session.exec(
        select(ExpertProfile).where(
            ExpertProfile.id == expert_id,
            col(ExpertProfile.deleted_at).is_(None),
            col(ExpertProfile.visibility).in_(["public", "staff"]),
            col(ExpertProfile.id).in_(
                select(ExpertHome.expert_id).where(ExpertHome.municipality_id == municipality_id)
            ),
        )
    ).first()
    if profile is None:
        raise not_found("expert")
    return profile


def set_showcase(
    session: Session, *, actor: Actor, expert_id: uuid.UUID, data: ShowcaseUpsert
) -> tuple[ExpertShowcase, bool]:
    municipality_id = showcase_municipality(session, actor=actor, slug=data.municipality)
    _showcase_candidate(session, expert_id=expert_id, municipality_id=municipality_id)
    entry = session.get(ExpertShowcase, (expert_id, municipality_id))
    created = entry is None
    if entry is None:
        entry = ExpertShowcase(expert_id=expert_id, municipality_id=municipality_id, marked_by=actor.id)
        session.add(entry)
    else:
        entry.updated_at = utcnow()
        entry.version += 1
    entry.story = data.story
    entry.position = data.position
    session.flush()
    common.record(
        session,
        actor=actor,
        action="showcase" if created else "showcase_update",
        record_type=RECORD,
        record_id=expert_id,
        subject_id=expert_id,
        municipality_id=municipality_id,
    )
    return entry, created


def remove_showcase(
    session: Session, *, actor: Actor, expert_id: uuid.UUID, municipality: str | None
) -> None:
    municipality_id = showcase_municipality(session, actor=actor, slug=municipality)
    entry = session.get(ExpertShowcase, (expert_id, municipality_id))
    if entry is None:
        raise not_found("showcase entry")
    session.delete(entry)
    common.record(
        session,
        actor=actor,
        action="showcase_remove",
        record_type=RECORD,
        record_id=expert_id,
        subject_id=expert_id,
        municipality_id=municipality_id,
    )


def list_showcase(
    session: Session,
    *,
    actor: Actor,
    municipality: str | None,
    params: PageParams,
    locale: Locale,
) -> tuple[list[ShowcaseEntry], str | None]:
    """Notable experts, by municipality and position. Only cards the caller may see are listed
    (public ones for everyone), so an expert who hides their profile leaves the showcase at once."""
    now = utcnow()
    stmt = (
        select(ExpertShowcase, ExpertProfile)
        .join(ExpertProfile, col(ExpertProfile.id) == ExpertShowcase.expert_id)
        .where(col(ExpertProfile.deleted_at).is_(None), *listed(actor, now))
    )
    if municipality:
        stmt = stmt.where(
            ExpertShowcase.municipality_id
            == common.slug_id(session, municipality, field="municipality", loc="query")
        )
    keys = [
        SortKey(ExpertShowcase.municipality_id),
        SortKey(ExpertShowcase.position),
        SortKey(ExpertShowcase.expert_id),
    ]
    rows = list(session.exec(keyset(stmt, keys=keys, params=params, sort_name="showcase")).all())
    rows, next_cursor = finish(
        rows,
        params=params,
        sort_name="showcase",
        key_of=lambda r: [r[0].municipality_id, r[0].position, r[0].expert_id],
    )
    related = cards.load_related(session, [p.id for _, p in rows])
    slug_of = common.slugs(session)
    items = [
        ShowcaseEntry(
            municipality=slug_of.get(entry.municipality_id, ""),
            story=locale.text(entry.story),
            position=entry.position,
            expert=cards.card(session, actor, profile, related, locale, now=now),
        )
        for entry, profile in rows
    ]
    return items, next_cursor


def ways_of(profile: ExpertProfile) -> list[str]:
    return mask_to_ways(profile.ways)
