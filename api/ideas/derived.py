"""Derived indicators from the ideas platform (see :mod:`api.indicators.providers`).

``ideas_submitted``: ideas published (sent to the board) during the period in the place, in total
and by where the author lived (resident or diaspora). Drafts never count; ideas removed by
moderation (spam, abuse) do not count either. Each cell says how many distinct authors are behind
it, so the engine suppresses cells about very few people.
"""

from __future__ import annotations

from collections.abc import Iterator

import sqlalchemy as sa
from sqlmodel import Session

from api.ideas.models import Idea
from api.ideas.scope import in_municipalities
from api.indicators.providers import DerivedCell, Scope

RESIDENCES = ("resident", "diaspora")


class IdeasSubmitted:
    indicator = "ideas_submitted"
    period_types = ("year", "quarter", "month")

    def compute(self, session: Session, scope: Scope) -> Iterator[DerivedCell]:
        idea = Idea.__table__  # type: ignore[attr-defined]
        start, end = scope.bounds()
        # An author whose account was deleted still counts as one person per idea.
        person = sa.func.coalesce(sa.cast(idea.c.author_id, sa.String), sa.cast(idea.c.id, sa.String))
        submitted = (
            in_municipalities(idea.c.municipality_id, scope.municipality_ids),
            idea.c.published_at.is_not(None),
            idea.c.published_at >= start,
            idea.c.published_at < end,
            idea.c.moderation != "removed",
        )
        rows = session.execute(
            sa.select(idea.c.author_residence, sa.func.count(), sa.func.count(sa.distinct(person)))
            .where(*submitted)
            .group_by(idea.c.author_residence)
        ).all()
        total = sum(int(n) for _, n, _ in rows)
        authors = session.execute(
            sa.select(sa.func.count(sa.distinct(person))).where(*submitted)
        ).scalar_one()
        yield DerivedCell(value=float(total), people=int(authors))
        for residence, count, people in rows:
            if residence in RESIDENCES:
                yield DerivedCell(
                    value=float(count), people=int(people), breakdowns={"author_residence": residence}
                )


providers = [IdeasSubmitted()]
