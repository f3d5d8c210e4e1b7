"""An evaluation report as one HTML document (printable to PDF) and its stylesheet."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Any

from api.indicators.reports.blocks import Figures, L, Paragraph, ReportContext, ReportSection, Table


def sparkline(values: list[float | None], national: list[float | None]) -> str:
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
