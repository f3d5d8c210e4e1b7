"""Turning profile rows into what the API shows: cards for others, the full profile for its owner.
Related rows (competences, languages, homes, showcase entries) are loaded in one query each for a
whole page, never one query per profile."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any, TypeVar

from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.i18n import Locale
from api.core.translation_status import text_meta
from api.experts import common
from api.experts.models import (
    ExpertCompetence,
    ExpertHome,
    ExpertLanguage,
    ExpertProfile,
    ExpertShowcase,
)
from api.experts.profiles.ranking import LEVEL_RANK, WAY_BITS, mask_to_ways
from api.experts.profiles.schemas import (
    CompetenceRef,
    ContactRead,
    ExpertCard,
    LanguageSkill,
    MentoringRead,
    ShowcaseRef,
)

C = TypeVar("C", bound=ExpertCard)


@dataclass
class Related:
    competences: dict[uuid.UUID, list[str]] = field(default_factory=lambda: defaultdict(list))
    languages: dict[uuid.UUID, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    homes: dict[uuid.UUID, list[uuid.UUID]] = field(default_factory=lambda: defaultdict(list))
    showcase: dict[uuid.UUID, list[ExpertShowcase]] = field(default_factory=lambda: defaultdict(list))

    def language_ranks(self, expert_id: uuid.UUID) -> dict[str, int]:
        return {lang: LEVEL_RANK[level] for lang, level in self.languages.get(expert_id, [])}


def load_related(session: Session, ids: Sequence[uuid.UUID]) -> Related:
    related = Related()
    if not ids:
        return related
    wanted = list(ids)
    positions = {code: c.position for code, c in common.competences(session).items()}
    for expert_id, code in session.exec(
        select(ExpertCompetence.expert_id, ExpertCompetence.competence_code).where(
            col(ExpertCompetence.expert_id).in_(wanted)
        )
    ).all():
        related.competences[expert_id].append(code)
    for codes in related.competences.values():
        codes.sort(key=lambda c: positions.get(c, 0))
    for expert_id, language, level in session.exec(
        select(ExpertLanguage.expert_id, ExpertLanguage.language, ExpertLanguage.level)
        .where(col(ExpertLanguage.expert_id).in_(wanted))
        .order_by(col(ExpertLanguage.level_rank).desc(), col(ExpertLanguage.language))
    ).all():
        related.languages[expert_id].append((language, level))
    slug_of = common.slugs(session)
    for expert_id, municipality_id in session.exec(
        select(ExpertHome.expert_id, ExpertHome.municipality_id).where(col(ExpertHome.expert_id).in_(wanted))
    ).all():
        related.homes[expert_id].append(municipality_id)
    for homes in related.homes.values():
        homes.sort(key=lambda m: slug_of.get(m, ""))
    load_showcase(session, related, wanted)
    return related


def load_showcase(session: Session, related: Related, ids: list[uuid.UUID]) -> None:
    """The showcase entries of these experts, in showcase order."""
    stmt = select(ExpertShowcase).where(col(ExpertShowcase.expert_id).in_(ids))
    for entry in session.exec(stmt.order_by(col(ExpertShowcase.position))).all():
        related.showcase[entry.expert_id].append(entry)


def is_stale(profile: ExpertProfile, now: datetime) -> bool:
    return profile.confirmed_at < common.fresh_cutoff(now)


def card_fields(
    session: Session,
    profile: ExpertProfile,
    related: Related,
    locale: Locale,
    *,
    now: datetime,
    contact: bool,
) -> dict[str, object]:
    slug_of = common.slugs(session)
    names = common.competences(session)
    residence = slug_of.get(profile.residence_municipality_id) if profile.residence_municipality_id else None
    return {
        "id": profile.id,
        "display_name": profile.display_name,
        "headline": profile.headline,
        "home_municipalities": [slug_of[m] for m in related.homes.get(profile.id, []) if m in slug_of],
        "country": profile.country,
        "city": profile.city,
        "residence_municipality": residence,
        "competences": [
            CompetenceRef(code=c, name=locale.text(names[c].name) if c in names else c)
            for c in related.competences.get(profile.id, [])
        ],
        "tags": list(profile.tags),
        "languages": [
            LanguageSkill(language=lang, level=level) for lang, level in related.languages.get(profile.id, [])
        ],
        "ways": mask_to_ways(profile.ways),
        "hours_per_month": profile.hours_per_month,
        "bio": locale.text(profile.bio) if profile.bio or locale.all_translations else None,
        "help_topics": locale.text(profile.help_topics)
        if profile.help_topics or locale.all_translations
        else None,
        "mentoring": MentoringRead(
            offers=bool(profile.ways & WAY_BITS["mentoring"]) and profile.mentor_capacity > 0,
            capacity=profile.mentor_capacity,
        ),
        "notable": [
            ShowcaseRef(municipality=slug_of.get(s.municipality_id, ""), story=locale.text(s.story))
            for s in related.showcase.get(profile.id, [])
        ],
        "confirmed_at": profile.confirmed_at,
        **text_meta(session, profile, locale),
        "stale": is_stale(profile, now),
        "contact": contact_of(profile) if contact else None,
    }


def contact_of(profile: ExpertProfile) -> ContactRead:
    return ContactRead(email=profile.contact_email, phone=profile.contact_phone, url=profile.contact_url)


def shows_contact(actor: Actor, profile: ExpertProfile) -> bool:
    """Contact details: only signed-in staff with `experts:contact`, and only with consent."""
    return common.sees_contact(actor) and profile.contact_consent and profile.deleted_at is None


def card_as(
    model: type[C],
    session: Session,
    actor: Actor,
    profile: ExpertProfile,
    related: Related,
    locale: Locale,
    *,
    now: datetime,
    **extra: Any,
) -> C:
    """A card (or a model extending it, e.g. a search hit with ``extra`` fields)."""
    contact = shows_contact(actor, profile)
    if contact:
        common.record_profile(session, profile.id, actor=actor, action="read_contact")
    return model(**card_fields(session, profile, related, locale, now=now, contact=contact), **extra)


# The plain card: ``card(session, actor, profile, related, locale, now=now)``.
card = partial(card_as, ExpertCard)
