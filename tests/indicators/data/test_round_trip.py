"""What we export loads back unchanged: analytics as SDMX-CSV (with its own media type, or as
`text/csv`) and as our CSV import into `POST /indicators/data` with no conflict and no change."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from api.indicators.models import Observation, ObservationChange
from tests.indicators.conftest import csv_lines

SDMX = "application/vnd.sdmx.data+csv; version=2.0.0"
HEADER = "indicator,place,period,value,sex,age_group,citizenship,flags"
ROWS = [
    "returnees_arrived,kauno-m,2024Q1,12,,,,",
    "returnees_arrived,kauno-m,2024Q1,7.1234567,female,,,provisional",
    "returnees_arrived,kauno-m,2024Q1,4.8765433,male,,,estimated",
    "returnees_arrived,kauno-m,2024Q2,,,,,suppressed",
    "returnees_arrived,vilniaus-m,2024Q1,0.1,,,,break_in_series",
    "returnees_arrived,vilniaus-m,2024Q2,1e-7,,,,",
    "returnees_arrived,kauno-m,2024Q1,3,,25-44,,",
    "returnees_arrived,kauno-m,2024Q1,9,,65+,,",
    "foreign_residents,jonavos-r,2024Q4,300,,,SY,",
    "foreign_residents,jonavos-r,2024Q4,21.5,,,UA,",
    "foreign_residents,jonavos-r,2024Q4,1234567.891,,,,",
]
QUERIES = [
    {"indicator": "returnees_arrived", "period": "2024Q1,2024Q2", "place": "kauno-m,vilniaus-m"},
    {"indicator": "returnees_arrived", "period": "2024Q1", "place": "kauno-m", "breakdown": "sex"},
    {"indicator": "returnees_arrived", "period": "2024Q1", "place": "kauno-m", "breakdown": "age_group"},
    {"indicator": "foreign_residents", "period": "2024Q4", "place": "jonavos-r", "breakdown": "citizenship"},
    {"indicator": "foreign_residents", "period": "2024Q4", "place": "jonavos-r"},
]


def _stored(db) -> list[tuple]:
    rows = db.execute(
        sa.select(
            Observation.id,
            Observation.value,
            Observation.provisional,
            Observation.estimated,
            Observation.break_in_series,
            Observation.suppressed,
            Observation.updated_at,
            Observation.import_id,
        ).order_by(Observation.id)
    ).all()
    db.expire_all()
    return [tuple(r) for r in rows]


@pytest.fixture
def loaded(ind):
    s = ind.loaded(csv_lines(HEADER, ROWS))
    assert (s["imported"], s["conflict_count"]) == (len(ROWS), 0), s["conflicts"]
    return ind


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [("sdmx-csv", SDMX), ("sdmx-csv", "text/csv"), ("sdmx-csv", None), ("csv", None), ("csv", "text/csv")],
)
def test_an_export_imports_back_with_no_change(loaded, db, fmt, content_type):
    ind = loaded
    before = _stored(db)
    for params in QUERIES:
        r = ind.analytics(format=fmt, **params)
        assert r.status_code == 200, r.text
        sent = content_type or r.headers["content-type"]  # None: exactly as served
        rows = len(r.text.strip().splitlines()) - 1
        assert rows > 0
        s = ind.loaded(r.text, fmt=sent)
        assert s["status"] == "completed", s
        assert (s["rows"], s["ignored"], s["imported"], s["updated"], s["conflict_count"]) == (
            rows,
            rows,
            0,
            0,
            0,
        ), (params, s["conflicts"])
        # The imported file equals what is exported afterwards.
        again = ind.analytics(format=fmt, **params)
        assert again.content == r.content
    assert _stored(db) == before
    assert db.execute(sa.select(sa.func.count()).select_from(ObservationChange)).scalar_one() == 0


def test_the_sdmx_export_says_sdmx_codes(loaded):
    r = loaded.analytics(format="sdmx-csv", **QUERIES[1])
    assert r.headers["content-type"].startswith(SDMX)
    lines = r.text.strip().splitlines()
    assert lines[0].split(",")[:6] == [
        "STRUCTURE",
        "STRUCTURE_ID",
        "ACTION",
        "INDICATOR",
        "REF_AREA",
        "TIME_PERIOD",
    ]
    assert [line.split(",")[5:7] for line in lines[1:]] == [["2024-Q1", "F"], ["2024-Q1", "M"]]
    assert "7.1234567" in r.text  # not rounded to 6 decimals: it must load back as the same number


def test_an_sdmx_upload_with_parameters_and_a_changed_value_updates(loaded, db):
    r = loaded.analytics(format="sdmx-csv", **QUERIES[1])
    changed = r.text.replace(",7.1234567,", ",8,")
    s = loaded.loaded(changed, fmt=f"{SDMX}; charset=utf-8")
    assert (s["format"], s["updated"], s["ignored"], s["conflict_count"]) == ("sdmx-csv", 1, 1, 0)
    change = db.execute(sa.select(ObservationChange)).scalars().one()
    assert (change.old_value, change.new_value) == (7.1234567, 8)
