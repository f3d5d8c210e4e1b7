"""The evaluation report: HTML with indicators against the national figure, its own CSP and stylesheet."""

from __future__ import annotations

from tests.indicators.conftest import csv_lines


def _data(ind):
    rows = []
    for y, (mine, lt) in zip(
        range(2021, 2025), [(900, 40000), (1500, 70000), (1800, 80000), (2000, 85000)], strict=True
    ):
        rows += [f"foreign_residents,jonavos-r,{y},{mine}", f"foreign_residents,vilniaus-m,{y},{lt}"]
        rows += [f"referrals_completed,jonavos-r,{y},{10 + y - 2021}"]
    ind.loaded(csv_lines("indicator,place,period,value", rows))


def test_report_is_printable_html_with_its_own_csp(ind):
    _data(ind)
    ind.publish(["foreign_residents"], ["municipalities"], ["2021..2024"])
    r = ind.client.get(
        "/api/v1/reports/monitoring",
        params={"municipality": "jonavos-r", "from": "2021", "to": "2024", "lang": "en"},
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "style-src 'self'" in csp and "script-src" not in csp and "default-src 'none'" in csp
    html = r.text
    assert "Interim integration monitoring report" in html and "Jonava district municipality" in html
    assert "Foreign citizens residing" in html and "↑ rising" in html
    assert "/api/v1/reports/monitoring.css" in html and "<style" not in html and "style=" not in html
    # Drafts (referrals) are not in a public report.
    assert "Only published data is used." in html
    css = ind.client.get("/api/v1/reports/monitoring.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")


def test_readers_may_include_drafts_of_their_municipality(ind, base, auth):
    _data(ind)
    params = {
        "municipality": "jonavos-r",
        "from": "2021",
        "to": "2024",
        "include_drafts": "true",
        "kind": "final",
        "lang": "lt",
    }
    r = ind.client.get("/api/v1/reports/monitoring", params=params, headers=auth.headers(base.analyst))
    assert r.status_code == 200
    assert "Galutinė" in r.text and "†" in r.text and r.headers["cache-control"] == "private, no-store"
    r = ind.client.get("/api/v1/reports/monitoring", params=params, headers=auth.headers(base.coordinator))
    assert "†" not in r.text


def test_report_rejects_bad_input(ind):
    assert (
        ind.client.get("/api/v1/reports/monitoring", params={"municipality": "atlantis"}).status_code == 422
    )
    r = ind.client.get(
        "/api/v1/reports/monitoring", params={"municipality": "jonavos-r", "from": "2025", "to": "2021"}
    )
    assert r.status_code == 422


def test_the_default_range_ends_at_the_latest_year_with_data(ind, base, auth):
    """Without from/to the report ends at the municipality's latest year the reader may see, so
    its first section is not empty because the year just ended is not published yet."""
    _data(ind)
    ind.publish(["foreign_residents"], ["municipalities"], ["2021..2022"])
    public = ind.client.get("/api/v1/reports/monitoring", params={"municipality": "jonavos-r", "lang": "en"})
    assert public.status_code == 200
    assert "2018–2022" in public.text and "2024" not in public.text.split("<main", 1)[-1].split("</h1>", 1)[0]
    # A reader of the municipality's drafts, asking for them, gets the years of the drafts too.
    drafts = ind.client.get(
        "/api/v1/reports/monitoring",
        params={"municipality": "jonavos-r", "lang": "en", "include_drafts": "true"},
        headers=auth.headers(base.analyst),
    )
    assert "2020–2024" in drafts.text
    # Nothing published at all: last year, as before.
    from datetime import date

    empty = ind.client.get("/api/v1/reports/monitoring", params={"municipality": "alytaus-m", "lang": "en"})
    last = date.today().year - 1
    assert empty.status_code == 200 and f"{last - 4}–{last}" in empty.text
