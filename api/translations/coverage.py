"""The coverage report: per domain and language, how many texts are original or up to date, and the
oldest outdated ones first. One scan per record type (all fields and languages in one pass) plus the
few stored statuses."""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from api.core import translation_status as rules
from api.core.actor import Actor
from api.core.errors import not_found
from api.core.models import TranslationState
from api.core.translatable import WORK_LANGUAGES, Translatable, entries
from api.municipalities.logic import get_by_slug
from api.municipalities.models import Municipality
from api.translations import scope
from api.translations.schemas import CoverageCell, CoverageDomain, CoverageReport, OutdatedText

_state = TranslationState.__table__  # type: ignore[attr-defined]


def _present(column: Any, lang: str) -> Any:
    return column[lang].as_string().isnot(None)


def _count(condition: Any) -> Any:
    return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)


def _default_is(column: Any, lang: str) -> Any:
    """SQL for "``lang`` is this text's original by the default rule" (no stored original)."""
    before = rules.ORIGINAL_PREFERENCE[: rules.ORIGINAL_PREFERENCE.index(lang)]
    return sa.and_(_present(column, lang), *(sa.not_(_present(column, p)) for p in before))


def _where(entry: Translatable, municipality_id: uuid.UUID | None) -> list[Any]:
    clauses: list[Any] = []
    deleted = getattr(entry.model, "deleted_at", None)
    if deleted is not None:
        clauses.append(deleted.is_(None))
    column = entry.municipality_column()
    if municipality_id is not None and column is not None:
        clauses.append(column == municipality_id)
    return clauses


def _entry_counts(
    session: Session, entry: Translatable, municipality_id: uuid.UUID | None
) -> Counter[tuple[str, str]]:
    """Counter of (lang, measure) over every field of one record type."""
    model, where = entry.model, _where(entry, municipality_id)
    columns: list[Any] = []
    keys: list[tuple[str, str]] = []
    for field in entry.fields:
        column = getattr(model, field)
        columns.append(_count(sa.or_(*(_present(column, lang) for lang in WORK_LANGUAGES))))
        keys.append(("*", "texts"))
        for lang in WORK_LANGUAGES:
            columns.append(_count(_present(column, lang)))
            keys.append((lang, "have"))
            columns.append(_count(_default_is(column, lang)))
            keys.append((lang, "original"))
    counts: Counter[tuple[str, str]] = Counter()
    row = session.execute(sa.select(*columns).select_from(model).where(*where)).one()
    for key, value in zip(keys, row, strict=True):
        counts[key] += int(value or 0)
    joined = sa.and_(_state.c.record_type == entry.record_type, _state.c.record_id == model.id)
    stored = session.execute(
        sa.select(_state.c.lang, _state.c.status, sa.func.count())
        .select_from(model)
        .join(_state, joined)
        .where(_state.c.status.in_(("outdated", "machine")), *where)
        .group_by(_state.c.lang, _state.c.status)
    ).all()
    for lang, state, number in stored:
        counts[(lang, state)] += int(number)
    # Stored originals that differ from the default rule move one count between languages.
    explicit = session.execute(
        sa.select(_state.c.field, _state.c.lang, *(getattr(model, f) for f in entry.fields))
        .select_from(model)
        .join(_state, joined)
        .where(_state.c.status == "original", *where)
    ).all()
    for field, lang, *maps in explicit:
        texts = dict(zip(entry.fields, maps, strict=True))[field] or {}
        default = rules.default_original(texts)
        if default != lang:
            counts[(lang, "original")] += 1
            if default is not None:
                counts[(default, "original")] -= 1
    return counts


def _oldest(
    session: Session, entry: Translatable, municipality_id: uuid.UUID | None, limit: int
) -> list[OutdatedText]:
    model = entry.model
    rows = session.execute(
        sa.select(_state.c.record_id, _state.c.field, _state.c.lang, _state.c.changed_at)
        .select_from(model)
        .join(_state, sa.and_(_state.c.record_type == entry.record_type, _state.c.record_id == model.id))
        .where(_state.c.status == "outdated", *_where(entry, municipality_id))
        .order_by(_state.c.changed_at, _state.c.record_id)
        .limit(limit)
    ).all()
    return [
        OutdatedText(
            record_type=entry.record_type,
            record_id=rid,
            field=field,
            lang=lang,
            outdated_since=since,
            link=entry.link.format(id=rid),
        )
        for rid, field, lang, since in rows
    ]


def report(
    session: Session, *, municipality_id: uuid.UUID | None, municipality_slug: str | None, oldest: int = 20
) -> CoverageReport:
    domains: dict[str, Counter[tuple[str, str]]] = {}
    outdated: list[OutdatedText] = []
    for entry in entries():
        if municipality_id is not None and entry.municipality is None:
            continue
        domains.setdefault(entry.domain, Counter()).update(_entry_counts(session, entry, municipality_id))
        outdated.extend(_oldest(session, entry, municipality_id, oldest))
    out: list[CoverageDomain] = []
    for domain, counts in domains.items():
        cells = []
        texts = counts[("*", "texts")]
        for lang in WORK_LANGUAGES:
            have, original = counts[(lang, "have")], counts[(lang, "original")]
            stale, machine = counts[(lang, "outdated")], counts[(lang, "machine")]
            current = max(have - stale - machine, 0)
            cells.append(
                CoverageCell(
                    lang=lang,
                    texts=texts,
                    original=original,
                    up_to_date=max(current - original, 0),
                    outdated=stale,
                    machine=machine,
                    missing=max(texts - have, 0),
                    share_current=round(current / texts, 4) if texts else 1.0,
                )
            )
        out.append(CoverageDomain(domain=domain, languages=cells))
    outdated.sort(key=lambda t: (t.outdated_since, str(t.record_id)))
    return CoverageReport(municipality=municipality_slug, domains=out, oldest_outdated=outdated[:oldest])


def municipality_for(
    session: Session, *, actor: Actor, slug: str | None
) -> tuple[uuid.UUID | None, str | None]:
    """The municipality whose report is asked for (None: the whole country), as ``scope`` allows."""
    if slug is None:
        own = scope.coverage_default(actor)
        if own is None:
            return None, None
        found = session.get(Municipality, own)
        if found is None:
            raise not_found("municipality")
        return found.id, found.slug
    municipality = get_by_slug(session, slug)
    scope.check_coverage(actor, municipality.id)
    return municipality.id, municipality.slug
