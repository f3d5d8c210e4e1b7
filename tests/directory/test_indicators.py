"""What the directory gives the indicators: derived providers and the report section."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from api.core.actor import ANONYMOUS
from api.core.db import utcnow
from api.directory.derived import providers
from api.directory.report import report_section
from api.indicators.providers import Provider, Scope
from api.indicators.reports import Figures, ReportContext, Table


def _scope(base) -> Scope:
    today = date.today()
    return Scope(
        place="kauno-m",
        municipality_ids=frozenset({base.municipality_kaunas.id}),
        period=str(today.year),
        start=date(today.year, 1, 1),
        end=date(today.year, 12, 31),
        as_of=datetime.now(UTC) + timedelta(seconds=5),
    )


def test_providers_count_active_services_by_category_and_language(db, base, make_service) -> None:
    before = {p.indicator: list(p.compute(db, _scope(base))) for p in providers}
    make_service(base.org_kaunas, categories=["language.course"], languages=["lt"])
    make_service(base.org_kaunas, categories=["legal.migration"], languages=["lt", "uk"])
    make_service(base.org_kaunas, categories=["legal"], languages=["ru"], status="inactive")
    gone = make_service(base.org_kaunas, categories=["legal"], languages=["en"])
    gone.deleted_at = utcnow()
    db.flush()
    assert all(isinstance(p, Provider) for p in providers)
    after = {p.indicator: list(p.compute(db, _scope(base))) for p in providers}
    total = lambda cells: next(c.value for c in cells if not c.breakdowns)  # noqa: E731
    prior = total(before["services_available"]) if before["services_available"] else 0
    assert total(after["services_available"]) == prior + 2
    cats = {
        c.breakdowns.get("category"): c.value
        for c in after["services_available"]
        if "category" in c.breakdowns
    }
    assert cats["language"] >= 1 and cats["legal"] >= 1
    share = after["services_in_foreign_languages_share"]
    assert 0 < total(share) <= 100
    assert any(c.breakdowns == {"language": "uk"} for c in share)


def test_report_section(db, base, make_service) -> None:
    make_service(base.org_kaunas, categories=["housing.temporary"], languages=["lt", "uk"])
    ctx = ReportContext(
        municipality_id=base.municipality_kaunas.id,
        municipality="kauno-m",
        municipality_name={"lt": "Kaunas"},
        county=None,
        lang="en",
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        years=(2026,),
        actor=ANONYMOUS,
        include_drafts=False,
    )
    section = report_section(db, ctx)
    assert section is not None and section.key == "directory"
    figures = next(b for b in section.blocks if isinstance(b, Figures))
    assert int(figures.items[0][1]) >= 1
    table = next(b for b in section.blocks if isinstance(b, Table))
    assert any(row[0] == "Housing" for row in table.rows)
