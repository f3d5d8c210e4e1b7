"""Evaluation reports: an HTML document of a municipality's integration monitoring, printable to PDF.

The indicator parts (key figures, indicators against the national figure with trends) are rendered
here. Each domain may contribute a section: ``api/<domain>/report.py`` exposing
``report_section(session, ctx: ReportContext) -> ReportSection | None`` (found through
``api.registry.modules("report")``). Sections are data (titles, paragraphs, figures, tables), not
HTML: they are escaped and styled here. A domain section whose ``key`` is one of ``directory``,
``referrals``, ``diaspora``, ``ideas`` replaces the indicator-based fallback for that area.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from api import registry
from api.core.actor import Actor
from api.core.errors import unprocessable
from api.indicators import periods, places
from api.indicators.analytics import logic as analytics
from api.indicators.analytics.query import Cell, parse_query
from api.indicators.definitions.logic import definitions_by_code
from api.indicators.models import Observation
from api.indicators.reports.blocks import Figures, L, Paragraph, ReportContext, ReportSection, T, Table, Text
from api.indicators.reports.html import render, sparkline
from api.indicators.scope import in_municipalities, may_include_drafts, visible
from api.indicators.vocab import dimensions
from api.municipalities import logic as municipalities

log = logging.getLogger("langelis.indicators.reports")


KEY_FIGURES = ("foreign_residents", "tcn_share", "returnees_arrived", "lithuanian_course_participants")
AREAS = {
    "directory": (10, ["services_available", "services_in_foreign_languages_share"], "category"),
    "referrals": (20, ["referrals_completed", "median_days_to_first_service"], "legal_status"),
    "diaspora": (30, ["diaspora_experts_registered"], None),
    "ideas": (40, ["ideas_submitted"], "author_residence"),
}


def _num(value: float | None, decimals: int) -> str:
    if value is None:
        return "s"
    return f"{value:,.{decimals}f}".replace(",", "\u202f")


def _cell(cell: Cell | None, decimals: int) -> str:
    if cell is None:
        return "–"
    text = _num(cell.value, decimals)
    return text + ("†" if cell.draft else "")


def _series(
    session: Session,
    ctx: ReportContext,
    codes: Sequence[str],
    place_codes: list[str],
    breakdown: str | None = None,
) -> tuple[Any, Any]:
    defs = definitions_by_code(session, actor=ctx.actor)
    usable = [c for c in codes if c in defs]
    if breakdown:
        usable = [c for c in usable if breakdown in defs[c].breakdowns]
    if not usable:
        return None, {}
    q = parse_query(
        session,
        actor=ctx.actor,
        indicator=usable,
        period=[str(y) for y in ctx.years],
        place=place_codes,
        breakdown=[breakdown] if breakdown else [],
        filters=[],
        published_only=not ctx.include_drafts,
        as_of=ctx.end,
    )
    return q, analytics.evaluate(session, actor=ctx.actor, q=q)


def _trend(values: list[float | None], ctx: ReportContext) -> str:
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return ""
    first, last = known[0], known[-1]
    if first == 0 or abs(last - first) / abs(first) < 0.02:
        return ctx.text(L["flat"])
    return ctx.text(L["up"] if last > first else L["down"])


def indicator_section(session: Session, ctx: ReportContext) -> ReportSection:
    defs = definitions_by_code(session, actor=ctx.actor)
    codes = [c for c in defs if c not in AREAS_CODES]
    q, results = _series(session, ctx, codes, [ctx.municipality, places.COUNTRY_CODE])
    rows = []
    years = [str(y) for y in ctx.years]
    for d in q.indicators if q else []:
        cells = results.get(d.code, {})
        mine = [cells.get((ctx.municipality, y, ())) for y in years]
        nat = [cells.get((places.COUNTRY_CODE, y, ())) for y in years]
        if not any(mine):
            continue
        values = [c.value if c else None for c in mine]
        nat_values = [c.value if c else None for c in nat]
        rows.append(
            [ctx.text(d.name) + f" ({d.unit})", *[_cell(c, d.decimals) for c in mine], _cell(nat[-1], d.decimals),
             _trend(values, ctx), ("svg", sparkline(values, nat_values))]
        )  # fmt: skip
    columns: list[Text] = [L["indicator"], *years, T(f"{L['lithuania']['lt']} {years[-1]}", f"Lithuania {years[-1]}",
                                                      f"Литва {years[-1]}", f"Литва {years[-1]}"), L["trend"], ""]  # fmt: skip
    blocks: list[Paragraph | Figures | Table] = (
        [Table(columns=columns, rows=rows)] if rows else [Paragraph(L["none"])]
    )
    return ReportSection(key="indicators", title=L["indicators"], order=5, blocks=blocks)


AREAS_CODES = {c for _order, codes, _b in AREAS.values() for c in codes}


def key_figures(session: Session, ctx: ReportContext) -> ReportSection:
    q, results = _series(session, ctx, KEY_FIGURES, [ctx.municipality])
    items: list[tuple[Text, str, Text | None]] = []
    last = str(ctx.years[-1])
    for d in q.indicators if q else []:
        cell = results.get(d.code, {}).get((ctx.municipality, last, ()))
        if cell is not None:
            items.append((d.name, _cell(cell, d.decimals), last))
    return ReportSection(
        key="key", title=L["key"], order=1, blocks=[Figures(items)] if items else [Paragraph(L["none"])]
    )


def area_section(session: Session, ctx: ReportContext, key: str) -> ReportSection:
    order, codes, breakdown = AREAS[key]
    blocks: list[Paragraph | Figures | Table] = []
    q, results = _series(session, ctx, codes, [ctx.municipality])
    years = [str(y) for y in ctx.years]
    if q:
        rows = []
        for d in q.indicators:
            cells = results.get(d.code, {})
            rows.append(
                [ctx.text(d.name), *[_cell(cells.get((ctx.municipality, y, ())), d.decimals) for y in years]]
            )
        blocks.append(Table(columns=[L["indicator"], *years], rows=rows))
    if breakdown:
        qb, rb = _series(session, ctx, codes[:1], [ctx.municipality], breakdown)
        if qb:
            d = qb.indicators[0]
            dim = qb.dims[0]
            dimension = dimensions()[dim]
            by_value: dict[str, dict[str, Cell]] = {}
            for (_place, period, values), cell in rb.get(d.code, {}).items():
                by_value.setdefault(values[0], {})[period] = cell
            rows = [
                [ctx.text(dimension.value_name(v)), *[_cell(cells.get(y), d.decimals) for y in years]]
                for v, cells in sorted(by_value.items())
            ]
            if rows:
                blocks.append(Table(columns=[dimension.name, *years], rows=rows, caption=d.name))
    if not blocks or all(isinstance(b, Table) and not b.rows for b in blocks):
        blocks = [Paragraph(L["none"])]
    return ReportSection(key=key, title=L[key], order=order, blocks=blocks)


def sections(session: Session, ctx: ReportContext) -> list[ReportSection]:
    out = {"key": key_figures(session, ctx), "indicators": indicator_section(session, ctx)}
    for key in AREAS:
        out[key] = area_section(session, ctx, key)
    for domain, module in registry.modules("report"):
        build = getattr(module, "report_section", None)
        if build is None:
            continue
        try:
            section = build(session, ctx)
        except Exception:
            log.exception("report section failed", extra={"domain": domain})
            continue
        if section is not None:
            out[section.key] = section
    return sorted(out.values(), key=lambda s: (s.order, s.key))


def latest_year(session: Session, actor: Actor, municipality_id: Any, *, drafts: bool) -> int | None:
    """The last year with data of the municipality the report may show (published, or the
    actor's drafts too): the report's default end, so its first section is never empty because
    the year just ended is not published yet."""
    table = Observation.__table__  # type: ignore[attr-defined]
    stmt = sa.select(sa.func.max(table.c.period_start)).where(
        in_municipalities(table.c.municipality_id, [municipality_id])
    )
    condition = visible(actor, table, published_only=not drafts)
    if condition is not None:
        stmt = stmt.where(condition)
    found = session.execute(stmt).scalar()
    return found.year if found is not None else None


def years_between(
    start: str | None, end: str | None, today: date, latest: int | None = None
) -> tuple[int, ...]:
    """The report's years: ``end`` or the latest year with data (never later than this year;
    last year when there is none), and ``start`` or five years back."""
    last = periods.parse(end).end.year if end else min(latest or today.year - 1, today.year)
    first = periods.parse(start).start.year if start else last - 4
    if first > last:
        raise periods.PeriodError("'from' is after 'to'")
    if last - first > 20:
        raise periods.PeriodError("at most 20 years in one report")
    return tuple(range(first, last + 1))


@dataclass(frozen=True)
class Asked:
    """What a monitoring report is asked for: whose, which years (``start``, ``end``: ``2021``…;
    by default up to the latest year with data), which kind, and whether with drafts."""

    municipality: str
    start: str | None = None
    end: str | None = None
    kind: str = "interim"
    include_drafts: bool = False


def monitoring(
    session: Session, *, actor: Actor, asked: Asked, lang: str, stylesheet: str, today: date
) -> tuple[str, bool]:
    """The report document of a municipality, and whether it shows drafts."""
    m = municipalities.resolve_slug(session, asked.municipality, field="municipality")
    drafts = asked.include_drafts and may_include_drafts(actor, m.id)
    latest = None if asked.end else latest_year(session, actor, m.id, drafts=drafts)
    try:
        years = years_between(asked.start, asked.end, today, latest)
    except periods.PeriodError as exc:
        raise unprocessable(
            str(exc), errors=[{"loc": ["query", "from"], "msg": str(exc), "type": "value_error"}]
        ) from exc
    ctx = ReportContext(
        municipality_id=m.id,
        municipality=m.slug,
        municipality_name=dict(m.name),
        county=m.county,
        lang=lang,
        start=date(years[0], 1, 1),
        end=date(years[-1], 12, 31),
        years=years,
        actor=actor,
        include_drafts=drafts,
    )
    return render(ctx, sections(session, ctx), kind=asked.kind, stylesheet=stylesheet), drafts
