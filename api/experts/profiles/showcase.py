"""The role-model showcase: coordinators show notable kraštiečiai from their municipality."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.conditional import claim
from api.core.db import utcnow
from api.core.errors import not_found
from api.core.i18n import Locale
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.experts import common, scope
from api.experts.models import ExpertProfile, ExpertShowcase
from api.experts.profiles import cards
from api.experts.profiles.schemas import ShowcaseEntry, ShowcaseUpsert


def showcase_municipality(session: Session, *, actor: Actor, slug: str | None) -> uuid.UUID:
    """Coordinators manage their own municipality's showcase; admins name one."""
    if actor.municipality_id is not None and not actor.is_admin:
        if slug and common.slug_id(session, slug, field="municipality") != actor.municipality_id:
            raise not_found("expert")
        return actor.municipality_id
    if not slug:
        raise common.invalid(
            "Name the municipality whose showcase this is.",
            field="municipality",
            msg="required for administrators",
            kind="missing",
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
            scope.from_municipalities([municipality_id]),
        )
    ).first()
    if profile is None:
        raise not_found("expert")
    return profile


def set_showcase(
    session: Session, *, actor: Actor, expert_id: uuid.UUID, data: ShowcaseUpsert, locale: Locale
) -> tuple[ExpertShowcase, ShowcaseEntry, bool]:
    """Show an expert (or change the story): the entry, how it reads, and whether it is new."""
    municipality_id = showcase_municipality(session, actor=actor, slug=data.municipality)
    _showcase_candidate(session, expert_id=expert_id, municipality_id=municipality_id)
    entry = session.get(ExpertShowcase, (expert_id, municipality_id))
    created = entry is None
    if entry is None:
        entry = ExpertShowcase(expert_id=expert_id, municipality_id=municipality_id, marked_by=actor.id)
        session.add(entry)
    else:
        claim(session, entry, None)
        entry.updated_at = utcnow()
    entry.story = data.story
    entry.position = data.position
    session.flush()
    action = "showcase" if created else "showcase_update"
    common.record_profile(session, expert_id, actor=actor, action=action, municipality_id=municipality_id)
    profile = session.get(ExpertProfile, expert_id)
    assert profile is not None
    related = cards.load_related(session, [expert_id])
    shown = ShowcaseEntry(
        municipality=common.slugs(session).get(entry.municipality_id, ""),
        story=locale.text(entry.story),
        position=entry.position,
        expert=cards.card(session, actor, profile, related, locale, now=utcnow()),
    )
    return entry, shown, created


def remove_showcase(
    session: Session, *, actor: Actor, expert_id: uuid.UUID, municipality: str | None
) -> None:
    municipality_id = showcase_municipality(session, actor=actor, slug=municipality)
    entry = session.get(ExpertShowcase, (expert_id, municipality_id))
    if entry is None:
        raise not_found("showcase entry")
    session.delete(entry)
    common.record_profile(
        session, expert_id, actor=actor, action="showcase_remove", municipality_id=municipality_id
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
        .where(col(ExpertProfile.deleted_at).is_(None), *scope.listed_profiles(actor, now))
    )
    if municipality:
        stmt = stmt.where(
            scope.showcase_of(common.slug_id(session, municipality, field="municipality", loc="query"))
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
