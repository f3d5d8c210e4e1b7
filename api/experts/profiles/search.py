"""Ranked expert search: one statement scores the candidates, cuts the page by keyset and gathers
the page's competences, languages and homes; :mod:`api.experts.profiles.ranking` defines the score."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.db import utcnow
from api.core.i18n import Locale
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.experts import common, scope
from api.experts.models import ExpertCompetence, ExpertHome, ExpertLanguage, ExpertProfile, ExpertShowcase
from api.experts.profiles import cards
from api.experts.profiles.ranking import LEVEL_RANK, Criteria
from api.experts.profiles.schemas import ExpertHit, Reason

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
        cards.load_showcase(session, related, showcased)
    return related


def explain(
    criteria: Criteria, profile: ExpertProfile, related: cards.Related, home_slugs: dict[uuid.UUID, str]
) -> tuple[int, list[dict[str, Any]]]:
    """The score of one profile against the criteria, part by part (the reasons shown with it)."""
    return criteria.explain(
        profile,
        competences=related.competences.get(profile.id, []),
        languages=related.language_ranks(profile.id),
        homes=related.homes.get(profile.id, []),
        home_slugs=home_slugs,
    )


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
        score, reasons = explain(criteria, profile, related, slug_of)
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
    found = ranked(
        session, criteria=criteria, conditions=scope.listed_profiles(actor, now), params=params, sort=sort
    )
    return hits(
        session, actor=actor, found=found, criteria=criteria, locale=locale, now=now
    ), found.next_cursor
