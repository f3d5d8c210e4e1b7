"""Hostile import bodies (issue 10): deep nesting and lone surrogates are a 4xx problem, never a 500."""

from __future__ import annotations

import pytest

DEEP = "[" * 1000 + "]" * 1000
ROW = '{"indicator": "returnees_arrived", "place": "kauno-m", "period": "2024Q1", "value": 1%s}'


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        pytest.param("application/json", DEEP, id="json-array-1000-deep"),
        pytest.param("application/json", "[" + DEEP + "]", id="json-observation-1000-deep"),
        pytest.param("application/x-ndjson", DEEP + "\n", id="ndjson-line-1000-deep"),
        pytest.param(
            "application/x-ndjson", ROW % (', "breakdowns": ' + DEEP) + "\n", id="ndjson-member-1000-deep"
        ),
        pytest.param("application/json", "[" + ROW % ', "source": "\\ud800"' + "]", id="json-lone-surrogate"),
        pytest.param(
            "application/x-ndjson", ROW % ', "source": "\\ud800"' + "\n", id="ndjson-lone-surrogate"
        ),
        pytest.param("application/json", '[{"\\udfff": 1}]', id="json-lone-surrogate-key"),
        pytest.param(
            "text/csv",
            "indicator,place,period,value\nreturnees_arrived,kauno-m,2024Q1,\xff\n",
            id="csv-not-utf8",
        ),
    ],
)
def test_a_hostile_body_is_a_problem_not_a_crash(ind, content_type, body):
    data = body.encode("latin-1") if content_type == "text/csv" else body.encode()
    for dry_run in (False, True):
        r = ind.client.post(
            "/api/v1/indicators/data",
            content=data,
            params={"dry_run": dry_run},
            headers={**ind.analyst, "Content-Type": content_type},
        )
        assert 400 <= r.status_code < 500, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["status"] == r.status_code


def test_a_surrogate_pair_is_text_and_loads(ind):
    body = "[" + ROW % ', "source": "\\ud83d\\ude00 survey"' + "]"
    r = ind.load(body, fmt="application/json")
    assert r.status_code == 200, r.text
    assert r.json()["imported"] == 1
