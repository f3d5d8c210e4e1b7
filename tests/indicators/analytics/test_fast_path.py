"""The place roll-up in SQL and the orjson answer give exactly what the previous path gave (the time
roll-up's rows rolled up over places and filters in Python, encoded by json.dumps), byte for byte,
and what the response model dumps."""

from __future__ import annotations

import json
from datetime import date

import pytest

from api.accounts.deps import actor_from_token
from api.core.actor import ANONYMOUS
from api.core.i18n import Locale
from api.indicators.analytics.query import parse_query
from api.indicators.analytics.schemas import AnalyticsResponse
from tests.indicators.analytics import reference
from tests.indicators.conftest import csv_lines

SLUGS = ["birstono", "jonavos-r", "kauno-m", "kauno-r", "vilniaus-m", "alytaus-m"]


def _data() -> str:
    rows = []
    for i, slug in enumerate(SLUGS):
        for q in (1, 2, 3, 4):
            base = (i + 1) * 100 + q * 7
            rows += [
                f"foreign_residents,{slug},2024Q{q},{base},,,",
                f"foreign_residents,{slug},2024Q{q},{base * 0.6:.3f},,female,",
                f"foreign_residents,{slug},2024Q{q},{base * 0.4:.3f},,male,",
                f"foreign_residents,{slug},2024Q{q},{base // 3},,,UA",
                f"foreign_residents,{slug},2024Q{q},{base // 5},,,SY",
                f"returnees_arrived,{slug},2024Q{q},{i + q},,female,",
                f"returnees_arrived,{slug},2024Q{q},{i * q + 1},,male,",
                f"wellbeing_score,{slug},2024Q{q},{5 + (i + q) % 4 + 0.25},,,",
                f"tcn_residents,{slug},2024Q{q},{base // 2},,,",
                f"population_total,{slug},2024Q{q},{base * 40},,,",
            ]
        # Months of a LAST stock beside its quarters, and months only for 2025Q1.
        rows += [f"foreign_residents,{slug},2024-{m:02d},{i * 10 + m},,female," for m in range(1, 13)]
        rows += [f"foreign_residents,{slug},2025-{m:02d},{i * 11 + m},,female," for m in (1, 2)]
    # A suppressed municipal value and a value loaded for a county (wins over the roll-up).
    rows += [
        "returnees_arrived,kauno-r,2024Q3,,suppressed,female,",
        "foreign_residents,county-kaunas,2024Q2,9999,,,",
        "wellbeing_score,county-vilnius,2024Q4,7.75,estimated,,",
        "wellbeing_score,LT,2024Q1,6.5,provisional,,",
    ]
    return csv_lines("indicator,place,period,value,flags,sex,citizenship", rows)


CASES = [
    {"indicator": "foreign_residents", "period": "2024Q1..2024Q4", "place": "municipalities", "breakdown": "sex"},
    {"indicator": "foreign_residents", "period": "2024Q1..2024Q4", "place": "counties", "breakdown": "sex"},
    {"indicator": "foreign_residents", "period": "2024,2024Q2,2025Q1", "place": "LT,counties,county-kaunas/municipalities"},
    {"indicator": "foreign_residents", "period": "2024-01..2024-03,2025", "place": "LT,kauno-m", "breakdown": "sex"},
    {"indicator": "foreign_residents", "period": "2024", "place": "LT,county-kaunas,vilniaus-m", "filter": "citizenship:SY;UA"},
    {"indicator": "returnees_arrived", "period": "2024,2024Q3", "place": "counties,LT,kauno-r", "breakdown": "sex", "lang": "en"},
    {"indicator": "wellbeing_score", "period": "2024Q1..2024Q4,2024", "place": "LT,counties,municipalities"},
    {"indicator": "tcn_share,foreign_residents", "period": "2024", "place": "LT,counties,jonavos-r", "translations": "all"},
    {"indicator": "returnees_arrived", "period": "2024", "place": "county-kaunas", "filter": "sex:female", "lang": "uk"},
]  # fmt: skip


@pytest.fixture
def loaded(ind):
    ind.loaded(_data())
    return ind


@pytest.mark.parametrize("params", CASES, ids=[f"case{i}" for i in range(len(CASES))])
@pytest.mark.parametrize("who", ["analyst", "coordinator", None])
def test_the_answer_is_the_previous_paths_byte_for_byte(loaded, db, settings, params, who):
    ind = loaded
    params = {**params, "as_of": "2025-06-01"}
    r = ind.analytics(who, **params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["rows"] or who != "analyst", "every case answers the analyst some rows"
    user = getattr(ind.base, who) if who else None
    actor = actor_from_token(db, settings, ind.auth.token(user)) if user else ANONYMOUS
    q = parse_query(
        db,
        actor=actor,
        indicator=[params["indicator"]],
        period=[params["period"]],
        place=[params["place"]],
        breakdown=[params["breakdown"]] if "breakdown" in params else [],
        filters=[params["filter"]] if "filter" in params else [],
        published_only=False,
        as_of=date(2025, 6, 1),
    )
    locale = Locale(lang=params.get("lang", "lt"), all_translations=params.get("translations") == "all")
    expected = reference.answer(db, actor, q, locale, body["headers"])
    assert r.content == expected
    assert AnalyticsResponse.model_validate_json(r.content).model_dump_json().encode() == r.content
    assert json.loads(expected) == body
