"""The directory's section of a municipality's evaluation report (:mod:`api.indicators.reports`):
the services on offer now, how many are in other languages, what is stale or losing funding, and
the services by category."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from sqlmodel import Session, col, select

from api.directory import scope
from api.directory.categories.reference import ancestors, categories
from api.directory.models import Service
from api.directory.services.logic import stale_before
from api.indicators.reports import Figures, Paragraph, ReportContext, ReportSection, Table


def T(lt: str, en: str, uk: str, ru: str) -> dict[str, str]:
    return {"lt": lt, "en": en, "uk": uk, "ru": ru}


L = {
    "title": T("Paslaugų katalogas", "Service directory", "Каталог послуг", "Каталог услуг"),
    "active": T("Veikiančios paslaugos", "Active services", "Чинні послуги", "Действующие услуги"),
    "foreign": T("Teikiamos ne tik lietuvių kalba", "Offered in a language other than Lithuanian",
                 "Надаються не лише литовською", "Предоставляются не только на литовском"),
    "stale": T("Netikrintos 180 dienų", "Not verified for 180 days", "Не перевірені 180 днів", "Не проверены 180 дней"),
    "funding": T("Finansavimas baigiasi per 60 dienų", "Funding ends within 60 days",
                 "Фінансування закінчується протягом 60 днів", "Финансирование заканчивается в течение 60 дней"),
    "category": T("Sritis", "Category", "Категорія", "Категория"),
    "services": T("Paslaugos", "Services", "Послуги", "Услуги"),
    "languages": T("Kalbos", "Languages", "Мови", "Языки"),
    "caption": T("Paslaugos pagal sritį (ataskaitos rengimo dieną)", "Services by category (on the day of the report)",
                 "Послуги за категоріями (на день звіту)", "Услуги по категориям (на день отчёта)"),
    "none": T("Savivaldybės paslaugų kataloge paslaugų dar nėra.", "The municipality has no services in the directory yet.",
              "У каталозі послуг самоврядування ще немає послуг.", "В каталоге услуг самоуправления ещё нет услуг."),
    "note": T("Duomenys – dabartinė katalogo būklė.", "Figures are the directory as it is now.",
              "Дані – поточний стан каталогу.", "Данные – текущее состояние каталога."),
}  # fmt: skip


def report_section(session: Session, ctx: ReportContext) -> ReportSection | None:
    rows = session.exec(
        select(Service).where(
            scope.in_municipality(Service, ctx.municipality_id),
            col(Service.deleted_at).is_(None),
            col(Service.status) == "active",
        )
    ).all()
    if not rows:
        return ReportSection(key="directory", title=L["title"], order=10, blocks=[Paragraph(L["none"])])
    today = date.today()
    cut = stale_before(today)
    total = len(rows)
    foreign = sum(1 for s in rows if any(code != "lt" for code in s.languages or []))
    stale = sum(1 for s in rows if s.assured_date is None or s.assured_date < cut)
    ending = sum(
        1
        for s in rows
        if s.funding_ends_on is not None and today <= s.funding_ends_on <= today + timedelta(days=60)
    )
    by_root: Counter[str] = Counter()
    languages: dict[str, set[str]] = {}
    for s in rows:
        for root in {ancestors(c)[0] for c in s.categories or []}:
            by_root[root] += 1
            languages.setdefault(root, set()).update(s.languages or [])
    known = categories()
    table_rows = [
        [
            ctx.text(known[code].name) if code in known else code,
            n,
            ", ".join(sorted(languages.get(code, set()))),
        ]
        for code, n in sorted(by_root.items(), key=lambda item: (-item[1], item[0]))
    ]
    return ReportSection(
        key="directory",
        title=L["title"],
        order=10,
        blocks=[
            Figures(
                items=[
                    (L["active"], str(total), None),
                    (L["foreign"], f"{round(100 * foreign / total)} %", None),
                    (L["stale"], str(stale), None),
                    (L["funding"], str(ending), None),
                ]
            ),
            Table(
                columns=[L["category"], L["services"], L["languages"]], rows=table_rows, caption=L["caption"]
            ),
            Paragraph(L["note"]),
        ],
    )
