"""The `referrals` section of the evaluation report: how case management worked in the period.
Aggregates only (counts per state and per need); cells under 5 are shown as "<5"."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col

from api.indicators.reports import Figures, Paragraph, ReportContext, ReportSection, T, Table
from api.migrants import scope, vocab
from api.migrants.models import Case, Referral

SMALL = 5


def _cell(n: int) -> str:
    return f"<{SMALL}" if 0 < n < SMALL else str(n)


def report_section(session: Session, ctx: ReportContext) -> ReportSection | None:
    start = datetime.combine(ctx.start, time.min, tzinfo=UTC)
    end = datetime.combine(ctx.end + timedelta(days=1), time.min, tzinfo=UTC)
    mid = ctx.municipality_id
    opened = session.execute(
        sa.select(sa.func.count())
        .select_from(Case)
        .where(scope.municipality_cases(mid), col(Case.opened_at) >= start, col(Case.opened_at) < end)
    ).scalar_one()
    rows = session.execute(
        sa.select(col(Referral.need), col(Referral.status), sa.func.count())
        .where(
            scope.municipality_referrals(mid),
            col(Referral.created_at) >= start,
            col(Referral.created_at) < end,
        )
        .group_by(col(Referral.need), col(Referral.status))
    ).all()
    if not opened and not rows:
        return None
    by_need: dict[str, dict[str, int]] = {}
    totals: dict[str, int] = {}
    for need, status, n in rows:
        by_need.setdefault(need, {})[status] = int(n)
        totals[status] = totals.get(status, 0) + int(n)
    made = sum(totals.values())
    completed = totals.get("completed", 0)
    shown = ("sent", "accepted", "in_progress", "completed", "declined", "dropped")
    table_rows = []
    for need in sorted(by_need):
        counts = by_need[need]
        name = vocab.needs()[need].name if need in vocab.needs() else {"lt": need}
        table_rows.append(
            [ctx.text(name), _cell(sum(counts.values())), *(_cell(counts.get(s, 0)) for s in shown)]
        )
    return ReportSection(
        key="referrals",
        title=T(
            "Nukreipimai į paslaugas",
            "Referrals to services",
            "Направлення до послуг",
            "Направления к услугам",
        ),
        order=30,
        blocks=[
            Figures(
                items=[
                    (
                        T("Atidaryti atvejai", "Cases opened", "Відкриті справи", "Открытые дела"),
                        _cell(opened),
                        None,
                    ),
                    (T("Nukreipimai", "Referrals made", "Направлення", "Направления"), _cell(made), None),
                    (T("Įvykdyti", "Completed", "Виконані", "Выполненные"), _cell(completed), None),
                ]
            ),
            Paragraph(
                T(
                    "Skaičiai iš atvejų valdymo; mažesni nei 5 langeliai rodomi kaip „<5“.",
                    "Figures from case management; cells under 5 are shown as “<5”.",
                    "Дані з ведення справ; клітинки менше 5 показано як «<5».",
                    "Данные из ведения дел; ячейки меньше 5 показаны как «<5».",
                )
            ),
            Table(
                columns=[
                    T("Poreikis", "Need", "Потреба", "Потребность"),
                    T("Iš viso", "Total", "Усього", "Всего"),
                    *(T(s, s.replace("_", " "), s, s) for s in shown),
                ],
                rows=table_rows,
            ),
        ],
    )
