"""What other domains call: hours and active experts per home municipality (indicators)."""

from __future__ import annotations

from datetime import datetime, timedelta

from api.core.db import utcnow
from api.experts.common import months_after, months_before
from api.experts.logic import contributions_by_home_municipality
from api.experts.models import ExpertInvitation


def test_months_arithmetic_clamps_to_the_end_of_the_month():
    from datetime import UTC

    assert months_before(datetime(2026, 3, 31, 12, tzinfo=UTC), 1) == datetime(2026, 2, 28, 12, tzinfo=UTC)
    assert months_before(datetime(2026, 1, 15, tzinfo=UTC), 13) == datetime(2024, 12, 15, tzinfo=UTC)
    assert months_after(datetime(2024, 1, 31, tzinfo=UTC), 13) == datetime(2025, 2, 28, tzinfo=UTC)
    assert months_after(datetime(2023, 12, 31, tzinfo=UTC), 2) == datetime(2024, 2, 29, tzinfo=UTC)


def test_hours_and_active_experts_per_home_municipality(db, make_expert, make_request):
    req = make_request()
    _, both = make_expert("Iš Dviejų", home_municipalities=["akmenes-r", "taurages-r"])
    _, one = make_expert("Iš Vienos", home_municipalities=["akmenes-r"])
    _, idle = make_expert("Nieko Neatsakė", home_municipalities=["taurages-r"])
    _, _hidden = make_expert("Paslėpta", home_municipalities=["taurages-r"], visibility="hidden")
    now = utcnow()
    old = now - timedelta(days=400)
    for expert, hours, when in ((both, 3, now), (one, 2.5, now), (one, 10, old)):
        db.add(
            ExpertInvitation(
                request_id=make_request().id if expert is one and when is old else req.id,
                expert_id=expert.id,
                municipality_id=req.municipality_id,
                status="answered",
                hours_given=hours,
                answered_at=when,
            )
        )
    # Not answered: no hours.
    db.add(
        ExpertInvitation(
            request_id=req.id,
            expert_id=idle.id,
            municipality_id=req.municipality_id,
            status="accepted",
            hours_given=None,
        )
    )
    db.flush()
    start, end = now - timedelta(days=30), now + timedelta(days=1)
    got = {c.municipality: c for c in contributions_by_home_municipality(db, start=start, end=end)}
    assert (got["akmenes-r"].hours, got["akmenes-r"].contributing_experts) == (5.5, 2)
    assert (got["taurages-r"].hours, got["taurages-r"].contributing_experts) == (3.0, 1)
    # Active at the end of the period: both, one, idle (hidden does not count).
    assert got["akmenes-r"].active_experts == 2 and got["taurages-r"].active_experts == 2
    # The older answer belongs to its own period; before anyone existed nobody was active.
    earlier = {
        c.municipality: c
        for c in contributions_by_home_municipality(
            db, start=old - timedelta(days=1), end=old + timedelta(days=1)
        )
    }
    assert earlier["akmenes-r"].hours == 10 and earlier["akmenes-r"].active_experts == 0
    only = contributions_by_home_municipality(
        db, start=start, end=end, municipality_ids=[got["taurages-r"].municipality_id]
    )
    assert [c.municipality for c in only] == ["taurages-r"]
