"""The indicators dashboard in Chromium: pick two municipalities, see the charts, download the CSV."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.conftest import login


def test_dashboard_two_municipalities_chart_and_csv(page):
    page.goto("/#/indicators")
    page.wait_for_selector(
        "#indicator-form select[name=indicator] option[value=foreign_residents]", state="attached"
    )
    page.select_option("#ind-indicator", "foreign_residents")
    # Places are checkboxes (no Ctrl-click on a phone): clear the defaults, find and tick two.
    ticked = page.locator("#ind-place input[type=checkbox]:checked")
    while ticked.count():
        ticked.first.uncheck()
    page.fill("#ind-place .check-filter", "Jonav")
    page.check("#ind-place input[value=jonavos-r]")
    page.fill("#ind-place .check-filter", "")
    page.check("#ind-place input[value=kauno-m]")
    assert "Jonavos rajono savivaldybė" in page.locator("#ind-place .check-summary").inner_text()
    page.select_option("#ind-type", "year")
    page.select_option("#ind-from", "2021")
    page.select_option("#ind-to", "2024")
    page.click("#ind-show")
    page.wait_for_selector("#ind-table tbody tr")
    page.wait_for_selector("#ind-line canvas")
    page.wait_for_selector("#ind-bar canvas")
    assert page.locator("#ind-line").get_attribute("role") == "img"
    table = page.locator("#ind-table").inner_text()
    assert "Jonavos rajono savivaldybė" in table and "Kauno miesto savivaldybė" in table
    assert page.locator("#ind-table tbody tr").count() == 8
    assert "indicator=foreign_residents" in page.url and "jonavos-r" in page.url
    with page.expect_download() as info:
        page.click("#ind-download")
    path = info.value.path()
    lines = Path(path).read_text(encoding="utf-8").strip().splitlines()
    assert lines[0].startswith("indicator,indicator_name,place,place_name,period")
    assert {line.split(",")[2] for line in lines[1:]} == {"jonavos-r", "kauno-m"}
    assert len(lines) == 9


def test_analyst_loads_a_file_with_a_dry_run(page, tmp_path):
    login(page, "analitike@demo.langelis.lt")
    page.goto("/#/indicators/import")
    data = tmp_path / "data.csv"
    data.write_text(
        "indicator,place,period,value\nreturnees_arrived,birstono,2025Q4,7\nreturnees_arrived,atlantis,2025Q4,1\n"
    )
    page.set_input_files("#import-form input[type=file]", str(data))
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("#import-summary")
    summary = page.locator("#import-summary").inner_text()
    assert "niekas nepakeista" in summary and "atlantis" in summary


def test_the_public_report_opens_at_its_own_address_ending_at_the_latest_year_with_data(page):
    page.goto("/#/indicators")
    page.wait_for_selector("#report-form")
    page.select_option("#rep-municipality", "jonavos-r")
    with page.expect_popup() as popup_info:
        page.click("#report-form button[type=submit]")
    report = popup_info.value
    report.wait_for_load_state()
    assert "/api/v1/reports/monitoring?" in report.url and "municipality=jonavos-r" in report.url
    report.wait_for_selector("h1")
    # The latest year with published data of the demo (2024) ends the range, not an unpublished year.
    assert "2020–2024" in report.locator("body").inner_text()
