"""The expert database feeds ``diaspora_experts_registered``: live profiles by home municipality,
country of residence and competence, each cell counting distinct people."""

from __future__ import annotations

from datetime import date, timedelta

from api.core.db import utcnow
from api.experts.derived import ExpertsRegistered
from api.indicators.providers import Scope
from api.municipalities.logic import get_by_slug


def _cells(db, slugs: tuple[str, ...] = ("siauliu-m",), *, as_of=None) -> dict[tuple[str, str], float]:
    today = date.today()
    scope = Scope(
        place=slugs[0],
        municipality_ids=frozenset(get_by_slug(db, s).id for s in slugs),
        period=str(today.year),
        start=date(today.year, 1, 1),
        end=date(today.year, 12, 31),
        as_of=as_of or utcnow() + timedelta(seconds=1),
    )
    out = {}
    for cell in ExpertsRegistered().compute(db, scope):
        assert cell.people == cell.value
        key = next(iter(cell.breakdowns.items()), ("total", ""))
        out[key] = cell.value
    return out


def test_counts_live_profiles_by_home_country_and_competence(make_expert, db):
    slug = "siauliu-m"
    make_expert("A", home_municipalities=[slug], country="GB", competences=["urban_planning"])
    make_expert("B", home_municipalities=[slug, "vilniaus-m"], country="DE", competences=["urban_planning"])
    _, gone = make_expert("C", home_municipalities=[slug], country="GB")
    make_expert("D", home_municipalities=["kauno-m"], country="GB")
    gone.deleted_at = utcnow()
    db.flush()
    cells = _cells(db, (slug,))
    assert cells[("total", "")] == 2
    assert cells[("country", "GB")] == 1 and cells[("country", "DE")] == 1
    assert cells[("competence", "urban_planning")] == 2
    # A county-like place with both homes counts the two-home expert once.
    both = _cells(db, (slug, "vilniaus-m"))
    assert both[("total", "")] == _cells(db, ("vilniaus-m",))[("total", "")] + 1


def test_a_profile_deleted_after_the_period_still_counts_for_it(make_expert, db):
    slug = "siauliu-m"
    _, profile = make_expert("E", home_municipalities=[slug], country="GB")
    cut = utcnow() + timedelta(seconds=1)
    profile.deleted_at = cut + timedelta(days=1)
    db.flush()
    counted = _cells(db, (slug,), as_of=cut)[("total", "")]
    profile.deleted_at = cut - timedelta(microseconds=1)
    db.flush()
    assert _cells(db, (slug,), as_of=cut)[("total", "")] == counted - 1


def test_the_engine_accepts_every_cell(make_expert, db):
    from api.indicators import derivation

    make_expert("F", home_municipalities=["siauliu-m"], country="US", competences=["urban_planning"])
    run = derivation.derive(db, years=[date.today().year], providers=[ExpertsRegistered()], trigger="test")
    assert run.status == "completed", run.summary
