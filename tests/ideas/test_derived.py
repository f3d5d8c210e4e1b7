"""The ideas platform feeds ``ideas_submitted``: published ideas only, by author residence."""

from __future__ import annotations

from datetime import date, timedelta

from api.core.db import utcnow
from api.ideas.derived import IdeasSubmitted
from api.indicators.providers import Scope
from api.municipalities.logic import get_by_slug


def _cells(db, slug: str = "vilniaus-m", *, as_of=None) -> dict[str, tuple[float | None, int | None]]:
    today = date.today()
    scope = Scope(
        place=slug,
        municipality_ids=frozenset({get_by_slug(db, slug).id}),
        period=str(today.year),
        start=date(today.year, 1, 1),
        end=date(today.year, 12, 31),
        as_of=as_of or utcnow() + timedelta(seconds=1),
    )
    out = {}
    for cell in IdeasSubmitted().compute(db, scope):
        out[cell.breakdowns.get("author_residence", "total")] = (cell.value, cell.people)
    return out


def test_counts_published_ideas_by_residence_and_people(make_idea, people, db):
    before = _cells(db)
    residents = people(2, "LT")
    diaspora = people(1, "IE")
    make_idea(residents[0])
    make_idea(residents[0])
    make_idea(residents[1])
    make_idea(diaspora[0])
    make_idea(residents[1], publish=False)  # a draft is not submitted
    make_idea(residents[1], municipality="kauno-m")  # another place
    after = _cells(db)

    def grew(key: str) -> tuple[float, int]:
        value, people_ = after[key]
        old_value, old_people = before.get(key, (0.0, 0))
        return value - (old_value or 0), people_ - (old_people or 0)

    assert grew("total") == (4, 3)
    assert grew("resident") == (3, 2)
    assert grew("diaspora") == (1, 1)


def test_ideas_after_the_run_started_do_not_count(make_idea, people, db):
    cut = utcnow()
    before = _cells(db, as_of=cut)
    make_idea(people(1, "LT")[0])
    assert _cells(db, as_of=cut)["total"] == before["total"]


def test_the_engine_accepts_every_cell(make_idea, people, db):
    from api.indicators import derivation

    make_idea(people(1, "IE")[0])
    run = derivation.derive(db, years=[date.today().year], providers=[IdeasSubmitted()], trigger="test")
    assert run.status == "completed", run.summary
