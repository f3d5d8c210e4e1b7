"""Analytics as JSON, CSV and SDMX-CSV: `format=` or `Accept` (q-values, 406), media types, `Vary`,
the OpenAPI declaration, and the analyst's script reading each format.

pandas is not in the venv, so the "analyst script" reads with `json` and `csv` as pandas would
(`pd.read_json` of `rows`, `pd.read_csv` of the body): one header line, numbers in a column."""

from __future__ import annotations

import csv
import io
import json

import pytest

from api.core.errors import ProblemError
from api.core.openapi import build_openapi
from api.indicators.media import negotiate
from tests.indicators.conftest import csv_lines

SDMX = "application/vnd.sdmx.data+csv; version=2.0.0"
Q = {"indicator": "returnees_arrived", "period": "2024Q1", "place": "kauno-m,vilniaus-m", "breakdown": "sex"}


@pytest.fixture
def data(ind):
    ind.loaded(
        csv_lines(
            "indicator,place,period,value,sex",
            [
                "returnees_arrived,kauno-m,2024Q1,7,female",
                "returnees_arrived,kauno-m,2024Q1,5.5,male",
                "returnees_arrived,vilniaus-m,2024Q1,40,female",
            ],
        )
    )
    return ind


def _get(ind, accept=None, **params):
    headers = dict(ind.analyst)
    if accept is not None:
        headers["Accept"] = accept
    return ind.client.get("/api/v1/analytics", params={**Q, **params}, headers=headers)


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "json"),
        ("", "json"),
        ("*/*", "json"),
        ("application/json", "json"),
        ("text/csv", "csv"),
        ("text/*", "csv"),
        ("application/vnd.sdmx.data+csv", "sdmx-csv"),
        (SDMX, "sdmx-csv"),
        ("application/vnd.sdmx.data+csv;version=2.0.0;labels=id", "sdmx-csv"),
        ("application/json;q=0.5, text/csv", "csv"),
        ("text/csv;q=0.4, application/vnd.sdmx.data+csv;q=0.9, */*;q=0.1", "sdmx-csv"),
        ("text/csv, */*;q=0.8", "csv"),
        ("application/*;q=0.2, text/csv;q=0.1", "json"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "json"),
        ("*/*, application/json;q=0", "csv"),
        ("text/csv, application/json", "json"),
    ],
)
def test_negotiate(accept, expected):
    assert negotiate(accept) == expected


@pytest.mark.parametrize(
    "accept",
    [
        "application/xml",
        "text/html",
        "application/json;q=0, text/csv;q=0",
        "application/vnd.sdmx.data+csv;version=1.0.0",
    ],
)
def test_negotiate_refuses(accept):
    with pytest.raises(ProblemError) as exc:
        negotiate(accept)
    assert exc.value.status == 406


@pytest.mark.parametrize(
    ("accept", "fmt", "content_type", "first"),
    [
        ("application/json", None, "application/json", "{"),
        ("text/csv", None, "text/csv; charset=utf-8", "indicator,indicator_name"),
        (SDMX, None, f"{SDMX}; charset=utf-8", "STRUCTURE,STRUCTURE_ID"),
        ("application/vnd.sdmx.data+csv;q=0.9, text/csv;q=0.3", None, f"{SDMX}; charset=utf-8", "STRUCTURE"),
        ("application/xml", "csv", "text/csv; charset=utf-8", "indicator,"),  # format= wins over Accept
        ("text/csv", "sdmx-csv", f"{SDMX}; charset=utf-8", "STRUCTURE"),
        ("text/csv", "json", "application/json", "{"),
    ],
)
def test_the_answer_has_its_media_type_and_varies_on_accept(data, accept, fmt, content_type, first):
    r = _get(data, accept, **({"format": fmt} if fmt else {}))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == content_type
    assert r.text.startswith(first)
    vary = [v.strip().lower() for v in ",".join(r.headers.get_list("vary")).split(",")]
    assert "accept" in vary and "accept-language" in vary


def test_an_accept_we_cannot_serve_is_406_problem(data):
    r = _get(data, "application/xml")
    assert r.status_code == 406
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["status"] == 406 and "format=" in r.json()["detail"]
    assert "Accept" in r.headers["vary"]


def test_analyst_script_reads_json_csv_and_sdmx_csv(data):
    body = _get(data, format="json").json()
    columns = [h["name"] for h in body["headers"]]
    frame_json = [dict(zip(columns, row, strict=True)) for row in body["rows"]]
    frame_csv = list(csv.DictReader(io.StringIO(_get(data, "text/csv").text)))
    frame_sdmx = list(csv.DictReader(io.StringIO(_get(data, SDMX).text)))
    assert len(frame_json) == len(frame_csv) == len(frame_sdmx) == 3
    assert [r["value"] for r in frame_json] == [7, 5.5, 40]
    assert [float(r["value"]) for r in frame_csv] == [7, 5.5, 40]
    assert [float(r["OBS_VALUE"]) for r in frame_sdmx] == [7, 5.5, 40]
    assert [r["sex"] for r in frame_csv] == ["female", "male", "female"]
    assert [r["SEX"] for r in frame_sdmx] == ["F", "M", "F"]
    assert {r["TIME_PERIOD"] for r in frame_sdmx} == {"2024-Q1"}
    assert json.loads(json.dumps(body["meta"]))["dimensions"]["sex"] == ["female", "male"]


def test_openapi_declares_each_media_type(app):
    spec = build_openapi(app)
    ok = spec["paths"]["/api/v1/analytics"]["get"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/AnalyticsResponse"}
    assert ok["content"]["text/csv"]["schema"] == {"type": "string"}
    assert ok["content"][SDMX]["schema"] == {"type": "string"}
    assert "Vary" in ok["headers"]
    assert "406" in spec["paths"]["/api/v1/analytics"]["get"]["responses"]
    body = spec["paths"]["/api/v1/indicators/data"]["post"]["requestBody"]["content"]
    assert {"application/json", "text/csv", SDMX, "application/x-ndjson"} <= set(body)
    report = spec["paths"]["/api/v1/reports/monitoring"]["get"]["responses"]["200"]["content"]
    assert "text/html" in report
