"""Derived indicators from the expert database (see :mod:`api.indicators.providers`).

``diaspora_experts_registered``: experts with a live profile at the end of the period whose home
municipality (one of the municipalities they are from) lies in the place, in total and by country
of residence and by competence. Every cell counts distinct people, so the engine suppresses small
ones. Experts count in each of their home municipalities; a county or Lithuania counts each expert
once.
"""

from __future__ import annotations

from collections.abc import Iterator

import sqlalchemy as sa
from sqlmodel import Session

from api.experts import scope as experts_scope
from api.experts.models import ExpertCompetence, ExpertHome, ExpertProfile
from api.indicators.providers import DerivedCell, Scope


class ExpertsRegistered:
    indicator = "diaspora_experts_registered"
    period_types = ("year", "quarter")

    def compute(self, session: Session, scope: Scope) -> Iterator[DerivedCell]:
        _, cut = scope.bounds()
        profile = ExpertProfile.__table__  # type: ignore[attr-defined]
        home = ExpertHome.__table__  # type: ignore[attr-defined]
        live = sa.and_(
            profile.c.created_at < cut,
            sa.or_(profile.c.deleted_at.is_(None), profile.c.deleted_at >= cut),
        )
        in_place = sa.exists().where(
            home.c.expert_id == profile.c.id,
            experts_scope.home_table_in(home, scope.municipality_ids),
        )
        experts = sa.select(profile.c.id, profile.c.country).where(live, in_place).subquery()
        total = session.execute(sa.select(sa.func.count()).select_from(experts)).scalar_one()
        yield DerivedCell(value=float(total), people=int(total))
        if not total:
            return
        by_country = session.execute(
            sa.select(experts.c.country, sa.func.count())
            .where(experts.c.country.is_not(None))
            .group_by(experts.c.country)
        ).all()
        for country, count in by_country:
            yield DerivedCell(
                value=float(count), people=int(count), breakdowns={"country": str(country).upper()}
            )
        comp = ExpertCompetence.__table__  # type: ignore[attr-defined]
        by_competence = session.execute(
            sa.select(comp.c.competence_code, sa.func.count(sa.distinct(comp.c.expert_id)))
            .join(experts, experts.c.id == comp.c.expert_id)
            .group_by(comp.c.competence_code)
        ).all()
        for code, count in by_competence:
            yield DerivedCell(value=float(count), people=int(count), breakdowns={"competence": str(code)})


providers = [ExpertsRegistered()]
