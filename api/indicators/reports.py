"""Evaluation reports: an HTML document of a municipality's integration monitoring, printable to PDF.

The indicator parts (key figures, indicators against the national figure with trends) are rendered
here. Each domain may contribute a section: ``api/<domain>/report.py`` exposing
``report_section(session, ctx: ReportContext) -> ReportSection | None`` (found through
``api.registry.modules("report")``). Sections are data (titles, paragraphs, figures, tables), not
HTML: they are escaped and styled here. A domain section whose ``key`` is one of ``directory``,
``referrals``, ``diaspora``, ``ideas`` replaces the indicator-based fallback for that area.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import Session

from api import registry
from api.core.actor import Actor
from api.indicators import access, analytics, periods, places
from api.indicators.logic import definitions_by_code

log = logging.getLogger("langelis.indicators.reports")
Text = str | dict[str, str]


@dataclass(frozen=True)
class ReportContext:
    municipality_id: Any
    municipality: str  # slug
    municipality_name: dict[str, str]
    county: str | None
    lang: str
    start: date
    end: date
    years: tuple[int, ...]
    actor: Actor
    include_drafts: bool

    def text(self, value: Text | None) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        return value.get(self.lang) or value.get("lt") or value.get("en") or next(iter(value.values()), "")


@dataclass
class Paragraph:
    text: Text


@dataclass
class Figures:
    items: list[tuple[Text, str, Text | None]]  # label, value, note


@dataclass
class Table:
    columns: list[Text]
    rows: list[list[Any]]
    caption: Text | None = None


@dataclass
class ReportSection:
    key: str
    title: Text
    order: int = 50
    blocks: list[Paragraph | Figures | Table] = field(default_factory=list)


def T(lt: str, en: str, uk: str, ru: str) -> dict[str, str]:
    return {"lt": lt, "en": en, "uk": uk, "ru": ru}


L = {
    "interim": T("Tarpinė integracijos stebėsenos ataskaita", "Interim integration monitoring report",
                 "Проміжний звіт моніторингу інтеграції", "Промежуточный отчёт мониторинга интеграции"),
    "final": T("Galutinė integracijos stebėsenos ataskaita", "Final integration monitoring report",
               "Підсумковий звіт моніторингу інтеграції", "Итоговый отчёт мониторинга интеграции"),
    "period": T("Laikotarpis", "Period", "Період", "Период"),
    "generated": T("Parengta", "Generated", "Створено", "Создано"),
    "drafts": T("Ataskaitoje yra nepaskelbtų (juodraštinių) duomenų, pažymėtų †.",
                "The report includes unpublished (draft) data, marked †.",
                "Звіт містить неопубліковані (чернеткові) дані, позначені †.",
                "Отчёт содержит неопубликованные (черновые) данные, отмеченные †."),
    "published": T("Naudojami tik paskelbti duomenys.", "Only published data is used.",
                   "Використано лише опубліковані дані.", "Используются только опубликованные данные."),
    "key": T("Pagrindiniai rodikliai", "Key figures", "Ключові показники", "Ключевые показатели"),
    "indicators": T("Rodikliai ir tendencijos, palyginti su Lietuva", "Indicators and trends against the national figure",
                    "Показники та тенденції порівняно з Литвою", "Показатели и тенденции в сравнении с Литвой"),
    "indicator": T("Rodiklis", "Indicator", "Показник", "Показатель"),
    "lithuania": T("Lietuva", "Lithuania", "Литва", "Литва"),
    "trend": T("Tendencija", "Trend", "Тенденція", "Тенденция"),
    "up": T("↑ didėja", "↑ rising", "↑ зростає", "↑ растёт"),
    "down": T("↓ mažėja", "↓ falling", "↓ знижується", "↓ снижается"),
    "flat": T("→ stabili", "→ stable", "→ стабільна", "→ стабильна"),
    "none": T("Duomenų nėra.", "No data.", "Даних немає.", "Данных нет."),
    "method": T("Metodika", "Methodology", "Методика", "Методика"),
    "method_text": T(
        "Reikšmės apskaičiuojamos pagal kiekvieno rodiklio agregavimo tipą (suma, vidurkis, paskutinė reikšmė). "
        "Iš asmenų duomenų apskaičiuoti langeliai, kuriuose mažiau nei 5 asmenys, slepiami (žymė „s“), kartu slepiant "
        "ir papildomus langelius, kad paslėptos reikšmės nebūtų galima atkurti iš sumų.",
        "Values follow each indicator's aggregation type (sum, average, last value). Cells computed from people's "
        "records that count fewer than 5 people are suppressed (marked “s”), together with complementary cells so "
        "that no suppressed value can be recovered from totals.",
        "Значення обчислюються за типом агрегування кожного показника (сума, середнє, останнє значення). Клітинки, "
        "обчислені з даних про осіб, у яких менше 5 осіб, приховано (позначка «s») разом із додатковими клітинками, "
        "щоб приховане значення не можна було відновити із сум.",
        "Значения рассчитываются по типу агрегирования каждого показателя (сумма, среднее, последнее значение). "
        "Ячейки, рассчитанные по данным о людях, где менее 5 человек, скрыты (отметка «s») вместе с "
        "дополнительными ячейками, чтобы скрытое значение нельзя было восстановить из сумм.",
    ),
    "directory": T("Paslaugų katalogas", "Service directory", "Каталог послуг", "Каталог услуг"),
    "referrals": T("Nukreipimai ir rezultatai", "Referrals and outcomes", "Направлення та результати",
                   "Направления и результаты"),
    "diaspora": T("Diasporos įsitraukimas", "Diaspora engagement", "Залучення діаспори", "Вовлечение диаспоры"),
    "ideas": T("Idėjos ir biudžetai", "Ideas and budgets", "Ідеї та бюджети", "Идеи и бюджеты"),
}  # fmt: skip

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


def _cell(cell: analytics.Cell | None, decimals: int) -> str:
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
    q = analytics.parse_query(
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


def _sparkline(values: list[float | None], national: list[float | None]) -> str:
    points = [v for v in values + national if v is not None]
    if len(points) < 2:
        return ""
    low, high = min(points), max(points)
    span = (high - low) or 1.0
    width, height = 120, 32

    def line(series: list[float | None], cls: str) -> str:
        coords = [
            f"{i * width / max(len(series) - 1, 1):.1f},{height - 2 - (v - low) / span * (height - 4):.1f}"
            for i, v in enumerate(series)
            if v is not None
        ]
        return f'<polyline class="{cls}" fill="none" points="{" ".join(coords)}"/>' if len(coords) > 1 else ""

    return (
        f'<svg class="spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-hidden="true">{line(national, "nat")}{line(values, "mun")}</svg>'
    )


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
             _trend(values, ctx), ("svg", _sparkline(values, nat_values))]
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
            from api.indicators.vocab import dimensions

            dimension = dimensions()[dim]
            by_value: dict[str, dict[str, analytics.Cell]] = {}
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


# --- HTML -----------------------------------------------------------------------------------------


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _render_block(block: Paragraph | Figures | Table, ctx: ReportContext) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{_e(ctx.text(block.text))}</p>"
    if isinstance(block, Figures):
        items = "".join(
            f'<div class="figure"><dt>{_e(ctx.text(label))}</dt><dd><span class="big">{_e(value)}</span>'
            + (f' <span class="note">{_e(ctx.text(note))}</span>' if note else "")
            + "</dd></div>"
            for label, value, note in block.items
        )
        return f'<dl class="figures">{items}</dl>'
    head = "".join(f'<th scope="col">{_e(ctx.text(c))}</th>' for c in block.columns)
    body = []
    for row in block.rows:
        cells = []
        for i, value in enumerate(row):
            if isinstance(value, tuple) and value and value[0] == "svg":
                cells.append(f"<td>{value[1]}</td>")  # built here from numbers only
            elif i == 0:
                cells.append(f'<th scope="row">{_e(ctx.text(value))}</th>')
            else:
                cells.append(f'<td class="num">{_e(value)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    caption = f"<caption>{_e(ctx.text(block.caption))}</caption>" if block.caption else ""
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def render(ctx: ReportContext, parts: list[ReportSection], *, kind: str, stylesheet: str) -> str:
    title = ctx.text(L[kind])
    place = ctx.text(ctx.municipality_name)
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = "".join(
        f'<section id="{_e(s.key)}"><h2>{_e(ctx.text(s.title))}</h2>'
        + "".join(_render_block(b, ctx) for b in s.blocks)
        + "</section>"
        for s in parts
    )
    note = ctx.text(L["drafts"] if ctx.include_drafts else L["published"])
    return (
        f'<!doctype html><html lang="{_e(ctx.lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)} – {_e(place)}</title>"
        f'<link rel="stylesheet" href="{_e(stylesheet)}"></head><body><main>'
        f'<header><p class="kicker">Langelis</p><h1>{_e(title)}</h1><p class="place">{_e(place)}</p>'
        f"<p>{_e(ctx.text(L['period']))}: {ctx.years[0]}–{ctx.years[-1]} · {_e(ctx.text(L['generated']))}: "
        f'{generated}</p><p class="note">{_e(note)}</p></header>{body}'
        f'<section id="method"><h2>{_e(ctx.text(L["method"]))}</h2><p>{_e(ctx.text(L["method_text"]))}</p></section>'
        f"</main></body></html>"
    )


def years_between(start: str | None, end: str | None, today: date) -> tuple[int, ...]:
    last = periods.parse(end).end.year if end else today.year - 1
    first = periods.parse(start).start.year if start else last - 4
    if first > last:
        raise periods.PeriodError("'from' is after 'to'")
    if last - first > 20:
        raise periods.PeriodError("at most 20 years in one report")
    return tuple(range(first, last + 1))


def can_include_drafts(actor: Actor, municipality_id: Any) -> bool:
    mine = access.tenant(actor)
    return access.sees_restricted(actor) and (mine is None or mine == municipality_id)


STYLESHEET = """
:root { font-family: "Noto Sans", system-ui, sans-serif; color: #1b1f24; line-height: 1.45; }
body { margin: 0; background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem; }
header { border-bottom: 3px solid #00566b; margin-bottom: 1.5rem; }
.kicker { color: #00566b; font-weight: 700; letter-spacing: .08em; text-transform: uppercase; margin: 0; }
h1 { font-size: 1.8rem; margin: .2rem 0; }
.place { font-size: 1.25rem; margin: .2rem 0; }
h2 { font-size: 1.3rem; color: #003b4a; margin-top: 2rem; break-after: avoid; }
.note { color: #4a5560; font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border-bottom: 1px solid #c9d1d9; padding: .35rem .5rem; text-align: left; vertical-align: middle; }
thead th { border-bottom: 2px solid #4a5560; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 1rem; }
.figure { border: 1px solid #c9d1d9; border-radius: 6px; padding: .75rem; }
.figure dt { font-size: .9rem; color: #4a5560; }
.figure dd { margin: .2rem 0 0; }
.big { font-size: 1.6rem; font-weight: 700; }
.spark polyline { stroke-width: 2; }
.spark .mun { stroke: #00566b; }
.spark .nat { stroke: #8a3b00; stroke-dasharray: 4 3; }
section { break-inside: avoid-page; }
@media print { main { padding: 0; } a { color: inherit; } @page { margin: 18mm; } }
"""
