"""How well an expert matches: one documented score, computed in SQL for ordering and explained in
Python for the reason shown beside each result. Both read the same :data:`POINTS`.

The score is the sum of these parts (every part is shown as a reason when it scores):

================  =====================================================================  ==========
factor            when                                                                   points
================  =====================================================================  ==========
``competence``    per asked competence the expert has                                    30 each
``language``      speaks an asked language at the asked minimum level or better          20 + 3 per
                                                                                         level above
``way``           per asked way of helping the expert offers                             10 each
``home``          is from the asked (or the requester's) municipality                    15
``residence``     lives in the asked municipality (mentors)                              20
``country``       lives in the asked country                                             5
``term``          per search term found in help topics, tags or headline                 15 each
                  … found only in the bio                                                8 each
``hours``         hours offered per month: 1 point per 2 hours                           at most 10
================  =====================================================================  ==========

Levels rank A1 < A2 < B1 < B2 < C1 < C2 < native, so a native speaker asked for B2 gets 20 + 3×3.
Ties are broken by name, then id, so the order is stable and pages never overlap.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import sqlalchemy as sa
from sqlmodel import col, select

from api.core.i18n import like_escape
from api.experts import scope
from api.experts.models import ExpertCompetence, ExpertHome, ExpertLanguage, ExpertProfile

Way = Literal["remote_advice", "in_person_visit", "mentoring", "workshop", "job_trial", "media"]
WAYS: tuple[str, ...] = ("remote_advice", "in_person_visit", "mentoring", "workshop", "job_trial", "media")
WAY_BITS: dict[str, int] = {way: 1 << i for i, way in enumerate(WAYS)}

ExpertLevel = Literal["A1", "A2", "B1", "B2", "C1", "C2", "native"]
LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B2", "C1", "C2", "native")
LEVEL_RANK: dict[str, int] = {level: i + 1 for i, level in enumerate(LEVELS)}

POINTS: dict[str, int] = {
    "competence": 30,
    "language": 20,
    "language_step": 3,
    "way": 10,
    "home": 15,
    "residence": 20,
    "country": 5,
    "term_topics": 15,
    "term_bio": 8,
    "hours_cap": 10,
}


def ways_to_mask(ways: Iterable[str]) -> int:
    mask = 0
    for way in ways:
        mask |= WAY_BITS[way]
    return mask


def mask_to_ways(mask: int) -> list[str]:
    return [way for way in WAYS if mask & WAY_BITS[way]]


def hours_points(hours: int) -> int:
    return min(max(hours, 0) // 2, POINTS["hours_cap"])


@dataclass(frozen=True)
class LanguageWish:
    language: str
    min_rank: int = 1

    @property
    def min_level(self) -> str:
        return LEVELS[self.min_rank - 1]


@dataclass
class Criteria:
    """What is asked for. ``require_*`` makes a part a filter (results must match it); otherwise it
    only adds to the score. Search makes everything it is given a filter; request proposals keep
    languages, ways and the home municipality soft."""

    competences: list[str] = field(default_factory=list)
    languages: list[LanguageWish] = field(default_factory=list)
    ways: list[str] = field(default_factory=list)
    homes: list[uuid.UUID] = field(default_factory=list)
    residence: uuid.UUID | None = None
    country: str | None = None
    min_hours: int | None = None
    terms: list[str] = field(default_factory=list)
    require_competences: bool = True
    require_languages: bool = True
    require_ways: bool = True
    require_homes: bool = True

    # --- SQL ---------------------------------------------------------------------------------

    def filters(self) -> list[sa.ColumnElement[bool]]:
        """The hard conditions, ANDed (values of one filter are alternatives)."""
        p = ExpertProfile
        out: list[sa.ColumnElement[bool]] = []
        if self.competences and self.require_competences:
            out.append(
                col(p.id).in_(
                    select(ExpertCompetence.expert_id).where(
                        col(ExpertCompetence.competence_code).in_(self.competences)
                    )
                )
            )
        if self.require_languages:
            for wish in self.languages:
                out.append(
                    col(p.id).in_(
                        select(ExpertLanguage.expert_id).where(
                            ExpertLanguage.language == wish.language,
                            col(ExpertLanguage.level_rank) >= wish.min_rank,
                        )
                    )
                )
        if self.ways and self.require_ways:
            out.append(col(p.ways).op("&")(ways_to_mask(self.ways)) != 0)
        if self.homes and self.require_homes and self.residence is None:
            out.append(scope.from_municipalities(self.homes))
        if self.residence is not None:
            # Mentors: living in the municipality, or from it (and so willing to help it remotely).
            out.append(sa.or_(scope.living_in(self.residence), scope.from_municipalities([self.residence])))
        if self.country:
            out.append(col(p.country) == self.country)
        if self.min_hours is not None:
            out.append(col(p.hours_per_month) >= self.min_hours)
        for term in self.terms:
            out.append(col(p.search_text).like(f"%{like_escape(term)}%", escape="\\"))
        return out

    def score(self) -> sa.ColumnElement[int]:
        """The score as one SQL expression over the profile row (correlated subqueries)."""
        p = ExpertProfile
        parts: list[Any] = []
        if self.competences:
            matched = (
                select(sa.func.count())
                .select_from(ExpertCompetence)
                .where(
                    ExpertCompetence.expert_id == p.id,
                    col(ExpertCompetence.competence_code).in_(self.competences),
                )
                .correlate(p)
                .scalar_subquery()
            )
            parts.append(matched * POINTS["competence"])
        for wish in self.languages:
            # One correlated aggregate per language: the CASE sits inside it, so the best level
            # is looked up once (an aggregate without GROUP BY always gives a row: 0 if none).
            best = sa.func.max(ExpertLanguage.level_rank)
            parts.append(
                select(
                    sa.case(
                        (
                            best >= wish.min_rank,
                            POINTS["language"] + (best - wish.min_rank) * POINTS["language_step"],
                        ),
                        else_=0,
                    )
                )
                .where(ExpertLanguage.expert_id == p.id, ExpertLanguage.language == wish.language)
                .correlate(p)
                .scalar_subquery()
            )
        for way in self.ways:
            parts.append(sa.case((col(p.ways).op("&")(WAY_BITS[way]) != 0, POINTS["way"]), else_=0))
        if self.homes:
            from_home = sa.exists(
                select(ExpertHome.expert_id).where(ExpertHome.expert_id == p.id, scope.homes_in(self.homes))
            ).correlate(p)
            parts.append(sa.case((from_home, POINTS["home"]), else_=0))
        if self.residence is not None:
            parts.append(sa.case((scope.living_in(self.residence), POINTS["residence"]), else_=0))
        if self.country:
            parts.append(sa.case((col(p.country) == self.country, POINTS["country"]), else_=0))
        for term in self.terms:
            pattern = f"%{like_escape(term)}%"
            parts.append(
                sa.case(
                    (col(p.search_topics).like(pattern, escape="\\"), POINTS["term_topics"]),
                    (col(p.search_text).like(pattern, escape="\\"), POINTS["term_bio"]),
                    else_=0,
                )
            )
        parts.append(
            sa.case(
                (col(p.hours_per_month) >= 2 * POINTS["hours_cap"], POINTS["hours_cap"]),
                else_=col(p.hours_per_month) // 2,
            )
        )
        total: Any = parts[0]
        for part in parts[1:]:
            total = total + part
        return sa.cast(total, sa.Integer)

    # --- Python ------------------------------------------------------------------------------

    def explain(
        self,
        profile: ExpertProfile,
        *,
        competences: Sequence[str],
        languages: dict[str, int],
        homes: Sequence[uuid.UUID],
        home_slugs: dict[uuid.UUID, str],
    ) -> tuple[int, list[dict[str, Any]]]:
        """The same score as :meth:`score`, part by part, for the reason shown with a result."""
        reasons: list[dict[str, Any]] = []
        for code in self.competences:
            if code in competences:
                reasons.append({"factor": "competence", "value": code, "points": POINTS["competence"]})
        for wish in self.languages:
            rank = languages.get(wish.language, 0)
            if rank >= wish.min_rank:
                points = POINTS["language"] + (rank - wish.min_rank) * POINTS["language_step"]
                reasons.append(
                    {
                        "factor": "language",
                        "value": f"{wish.language} {LEVELS[rank - 1]} (≥ {wish.min_level})",
                        "points": points,
                    }
                )
        for way in self.ways:
            if profile.ways & WAY_BITS[way]:
                reasons.append({"factor": "way", "value": way, "points": POINTS["way"]})
        if self.homes:
            matched = [m for m in self.homes if m in homes]
            if matched:
                reasons.append(
                    {
                        "factor": "home",
                        "value": home_slugs.get(matched[0], str(matched[0])),
                        "points": POINTS["home"],
                    }
                )
        if self.residence is not None and self.residence == profile.residence_municipality_id:
            reasons.append(
                {
                    "factor": "residence",
                    "value": home_slugs.get(self.residence, str(self.residence)),
                    "points": POINTS["residence"],
                }
            )
        if self.country and profile.country == self.country:
            reasons.append({"factor": "country", "value": self.country, "points": POINTS["country"]})
        for term in self.terms:
            if term in profile.search_topics:
                reasons.append(
                    {"factor": "term", "value": term, "points": POINTS["term_topics"], "where": "topics"}
                )
            elif term in profile.search_text:
                reasons.append(
                    {"factor": "term", "value": term, "points": POINTS["term_bio"], "where": "bio"}
                )
        hours = hours_points(profile.hours_per_month)
        if hours:
            reasons.append({"factor": "hours", "value": str(profile.hours_per_month), "points": hours})
        return sum(int(r["points"]) for r in reasons), reasons
