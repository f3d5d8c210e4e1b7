"""The translators' workspace in the browser: a coordinator sees texts missing in Russian beside their
Lithuanian original, saves a translation (it leaves the queue), and reads the coverage report."""

from __future__ import annotations

from tests.e2e.conftest import login


def test_coordinator_translates_and_reads_coverage(page):
    login(page, "koordinatore.vilnius@demo.langelis.lt")
    page.goto("/#/translations?lang=ru&status=missing")
    first = page.locator(".translation-item").first
    first.wait_for()
    # the source is shown in its own language, the language by its name (never the raw code)
    source = first.locator(".source-text")
    assert source.get_attribute("lang") in ("lt", "en", "uk")
    assert source.get_attribute("dir") == "auto"
    assert first.locator("textarea").get_attribute("lang") == "ru"
    assert "rusų" in first.locator("label").inner_text().lower()
    heading = first.locator("h2").inner_text()
    before = page.locator(".translation-item").count()
    first.locator("textarea").fill("Перевод, сделанный в тесте")
    first.locator("button[type=submit]").click()
    page.locator(".translation-item").nth(before - 1).wait_for(state="detached")
    assert page.locator(".translation-item").count() == before - 1
    assert "išsaugotas" in page.locator("#status").inner_text()
    assert heading

    page.goto("/#/translations/coverage")
    page.wait_for_selector("table meter")
    assert page.locator("h2").first.inner_text()
    assert "rusų" in page.locator("table").first.inner_text().lower()
    assert page.title().startswith("Vertimų aprėptis")


def test_admin_makes_a_resident_a_volunteer_translator(page):
    login(page, "admin@demo.langelis.lt")
    page.goto("/#/admin/users?q=gyventoja")
    page.fill("input[name=q]", "gyventoja@demo")
    page.click("form.filters button[type=submit]")
    row = page.locator("li.row", has_text="gyventoja@demo.langelis.lt")
    row.locator("details.translator-scopes summary").click()
    row.locator("input[value='translate:uk']").check()
    row.locator("details.translator-scopes button").click()
    row.locator("[role=status]", has_text="Išsaugota").wait_for()
    page.click("#logout-button")
    page.wait_for_selector("#login-link")

    login(page, "gyventoja@demo.langelis.lt")
    page.locator("#menu a[href='#/translations']").click()
    page.wait_for_selector(".translation-item, .empty")
    assert page.locator("p.hint", has_text="savanor").count() == 1
    page.select_option("#translation-lang", "uk")
    page.click("form.filters button[type=submit]")
    first = page.locator(".translation-item").first
    first.wait_for()
    assert first.locator("textarea").get_attribute("lang") == "uk"
