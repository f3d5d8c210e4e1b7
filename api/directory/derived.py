"""Indicators the directory feeds (see :mod:`api.indicators.providers`):

* ``services_available``: active services at the end of the period (created by then, not deleted
  by then), in total, by top-level category and by delivery language;
* ``services_in_foreign_languages_share``: the percentage of them delivered in a language other
  than Lithuanian, in total, and by language (the share delivered in that language);
* ``unmet_service_searches``: searches that found nothing and were reported ("tell us what you were
  looking for"), in total and by the language of the interface.

Services carry no status history, so the status is today's; counts are of services, not people.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core.types import language_codes
from api.directory import scope as directory_scope
from api.directory.categories.reference import ancestors
from api.directory.models import Service, UnmetNeed
from api.indicators.providers import DerivedCell, Scope

PERIOD_TYPES = ("year", "quarter")


def _live(session: Session, scope: Scope) -> list[tuple[list[str], list[str]]]:
    """(categories, languages) of the services active in the place at the end of the period."""
    if not scope.municipality_ids:
        return []
    _, cut = scope.bounds()
    rows = session.exec(
        select(Service.categories, Service.languages).where(
            directory_scope.in_municipality(Service, list(scope.municipality_ids)),
            col(Service.status) == "active",
            col(Service.created_at) < cut,
            sa.or_(col(Service.deleted_at).is_(None), col(Service.deleted_at) >= cut),
        )
    ).all()
    return [(list(c or []), list(ls or [])) for c, ls in rows]


class ServicesAvailable:
    indicator = "services_available"
    period_types = PERIOD_TYPES

    def compute(self, session: Session, scope: Scope) -> Iterable[DerivedCell]:
        live = _live(session, scope)
        cells = [DerivedCell(value=float(len(live)))]
        by_category: Counter[str] = Counter()
        by_language: Counter[str] = Counter()
        for cats, langs in live:
            for root in {ancestors(c)[0] for c in cats if c}:
                by_category[root] += 1
            for code in set(langs):
                by_language[code] += 1
        cells += [
            DerivedCell(value=float(n), breakdowns={"category": c}) for c, n in sorted(by_category.items())
        ]
        cells += [
            DerivedCell(value=float(n), breakdowns={"language": c}) for c, n in sorted(by_language.items())
        ]
        return cells


class ForeignLanguageShare:
    indicator = "services_in_foreign_languages_share"
    period_types = PERIOD_TYPES

    def compute(self, session: Session, scope: Scope) -> Iterable[DerivedCell]:
        live = _live(session, scope)
        if not live:
            return []
        total = len(live)
        foreign = sum(1 for _, langs in live if any(code != "lt" for code in langs))
        cells = [DerivedCell(value=round(100 * foreign / total, 1))]
        by_language: Counter[str] = Counter(code for _, langs in live for code in set(langs) if code != "lt")
        cells += [
            DerivedCell(value=round(100 * n / total, 1), breakdowns={"language": code})
            for code, n in sorted(by_language.items())
        ]
        return cells


class UnmetServiceSearches:
    indicator = "unmet_service_searches"
    period_types = ("year", "quarter", "month")

    def compute(self, session: Session, scope: Scope) -> Iterable[DerivedCell]:
        if not scope.municipality_ids:
            return []
        start, end = scope.bounds()
        rows = session.exec(
            select(UnmetNeed.language, sa.func.count())
            .where(
                col(UnmetNeed.municipality_id).in_(list(scope.municipality_ids)),
                col(UnmetNeed.created_at) >= start,
                col(UnmetNeed.created_at) < end,
            )
            .group_by(col(UnmetNeed.language))
        ).all()
        known = language_codes()
        cells = [DerivedCell(value=float(sum(int(n) for _, n in rows)))]
        cells += [
            DerivedCell(value=float(n), breakdowns={"language": lang})
            for lang, n in sorted(rows)
            if lang in known
        ]
        return cells


providers = [ServicesAvailable(), ForeignLanguageShare(), UnmetServiceSearches()]
