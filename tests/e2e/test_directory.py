"""The directory in the browser: someone searches in Ukrainian, filters and opens a service; a
provider edits one of its organisation's services and sees the change."""

from __future__ import annotations

import re
import uuid

from tests.e2e.conftest import login


def test_search_in_ukrainian_filter_and_open_a_service(page):
    page.select_option("#lang-select", "uk")
    page.goto("/#/services")
    page.wait_for_selector("form.service-filters")
    page.fill("input[name=q]", "міграції")
    page.select_option("select[name=format]", "hybrid")
    page.click("form.service-filters button[type=submit]")
    card = page.locator("#service-results .service-card").first
    card.wait_for()
    assert "міграції" in card.locator("h3").inner_text()
    assert "format=hybrid" in page.url
    card.locator("h3 a").click()
    page.wait_for_selector(".service-facts")
    assert "міграції" in page.locator("h1").inner_text()
    assert page.locator("html").get_attribute("lang") == "uk"
    assert "Формат" in page.locator(".service-facts").inner_text()


def test_provider_edits_a_service_and_sees_it(page):
    login(page, "teikejas1@demo.langelis.lt")
    page.goto("/#/services/mine")
    first = page.locator(".staff-service").first
    first.wait_for()
    first.locator("a", has_text="Redaguoti").click()
    page.wait_for_selector("form.service-form")
    new_name = f"Atnaujinta paslauga {uuid.uuid4().hex[:6]}"
    page.fill("input[name='name.lt']", new_name)
    page.fill("input[name=capacity]", "17")
    page.click("form.service-form button[type=submit]")
    page.wait_for_selector(f"h1:has-text('{new_name}')")
    assert "17" in page.locator(".service-facts").inner_text()
    # The change shows in the public search too.
    page.goto(f"/#/services?q={new_name.split()[-1]}")
    page.locator("#service-results .service-card", has_text=new_name).wait_for()
    # And deletes it: it is gone from the search.
    page.locator(".service-card a", has_text=new_name).click()
    page.click("#edit-service")
    page.wait_for_selector("form.service-form")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#delete-service")
    page.wait_for_selector("a#new-service")
    page.goto(f"/#/services?q={new_name.split()[-1]}")
    page.wait_for_selector("#service-results .empty:not([hidden])")


def test_coordinator_adds_a_service_for_an_organisation(page):
    login(page, "koordinatore.jonava@demo.langelis.lt")
    page.goto("/#/services/new")
    page.wait_for_selector("form.service-form select[name=organization_id]")
    page.locator("select[name=organization_id] option", has_text="Sirijos bendruomenė").first.wait_for(
        state="attached"
    )
    value = page.locator(
        "select[name=organization_id] option", has_text="Sirijos bendruomenė"
    ).first.get_attribute("value")
    page.select_option("select[name=organization_id]", value)
    page.locator("input[name=location_ids]").first.wait_for(state="attached")
    name = f"Arabų kalbos konsultacijos {uuid.uuid4().hex[:6]}"
    page.fill("input[name='name.lt']", name)
    page.select_option("select[name=category]", "info")
    page.check("input[name=languages][value=ar]")
    page.locator("input[name=location_ids]").first.check()
    page.click("form.service-form button[type=submit]")
    page.wait_for_selector(f"h1:has-text('{name}')")
    assert "Sirijos bendruomenė" in page.locator(".org").inner_text()
    assert page.locator(".locations li").count() == 1


def test_provider_adds_a_confidential_location(page):
    login(page, "teikejas2@demo.langelis.lt")
    page.goto("/#/services/mine")
    page.click("#my-locations")
    page.wait_for_selector("form.location-form")
    street = f"Slaptoji g. {uuid.uuid4().hex[:4]}"
    page.fill("form.location-form input[name=name]", "Krizių butas")
    page.fill("form.location-form input[name=address]", street)
    page.fill("form.location-form input[name=city]", "Kaunas")
    page.check("form.location-form input[name=confidential]")
    page.click("form.location-form button[type=submit]")
    page.locator("#location-list .location-card", has_text=street).wait_for()


def test_level_filter_in_the_web_app_keeps_only_that_level(page):
    page.goto("/#/services")
    page.wait_for_selector("form.service-filters")
    page.select_option("select[name=level]", "A2")
    page.wait_for_url("**level=A2**")
    cards = page.locator("#service-results .service-card")
    cards.first.wait_for()
    for i in range(cards.count()):
        assert "A2" in cards.nth(i).inner_text()
    page.fill("input[name=open_on]", "2030-01-05")
    page.click("form.service-filters button[type=submit]")
    page.wait_for_url("**open_on=2030-01-05**")


def test_a_ukrainian_finds_lithuanian_courses_with_help_in_ukrainian(page):
    """The filter "Мова" means the language she can be helped in: a Lithuanian course explained in
    Ukrainian is found when she picks Ukrainian."""
    page.evaluate("() => localStorage.setItem('langelis.lang', 'uk')")
    page.goto("/#/services?municipality=vilniaus-m&category=language.course&language=uk")
    page.reload()
    page.wait_for_selector("#service-results .service-card")
    assert page.locator("#service-results .service-card").count() > 0
    assert "Допомога мовою" in page.locator("form").first.inner_text()


def test_near_me_shows_what_is_within_reach(browser, live_server):
    """She presses "Find near me" on her phone (the browser shares its position only then): the
    list narrows to services with a place within the chosen distance, and she can undo it."""
    context = browser.new_context(
        base_url=live_server,
        viewport={"width": 390, "height": 844},
        geolocation={"latitude": 54.6858, "longitude": 25.2877},
        permissions=["geolocation"],
    )
    page = context.new_page()
    try:
        page.goto("/#/services")
        page.wait_for_selector("#service-results .service-card")
        page.select_option("#near-distance", "2")
        page.click("#near-me")
        page.wait_for_function(
            "() => location.hash.includes('near=54.686%2C25.288%2C2000') || location.hash.includes('near=54.686,25.288,2000')"
        )
        page.wait_for_selector("#near-state:has-text('2')")
        page.wait_for_selector("#service-results .service-card, #service-results .empty:not([hidden])")
        near = page.locator("#service-results .service-card").count()
        # Nearest first, each card saying how far it is.
        page.wait_for_function("() => location.hash.includes('sort=distance')")
        page.wait_for_selector("#service-results .service-card .distance")
        shown = page.eval_on_selector_all(
            "#service-results .service-card .distance",
            "els => els.map(e => e.textContent)",
        )
        numbers = [re.search(r"\d+(?:[.,]\d+)?", x) for x in shown]
        assert all(numbers), shown
        meters = [
            float(n.group().replace(",", ".")) * (1000 if "km" in x else 1)
            for n, x in zip(numbers, shown, strict=True)
            if n
        ]
        assert meters == sorted(meters) and meters[-1] <= 2000
        page.click("#near-clear")
        page.wait_for_function(
            "() => !location.hash.includes('near=') && !location.hash.includes('sort=distance')"
        )
        assert near > 0
    finally:
        context.close()


def test_taught_in_when_and_nothing_found(page):
    """Lithuanian courses taught in Lithuanian, in the evenings; a search that finds nothing asks
    what she was looking for."""
    page.goto("/#/services?category=language.course&provided_language=lt&when=evenings")
    page.wait_for_selector("#service-results .service-card")
    assert page.is_checked("input[name=when][value=evenings]")
    assert page.input_value("select[name=provided_language]") == "lt"
    page.fill("input[name=q]", "zqniekonerasite")
    page.click("form.service-filters button[type=submit]")
    page.wait_for_selector("#unmet-need-form")
    # "Search" leads to the results' heading, not to the page.
    assert page.evaluate("() => document.activeElement.tagName") == "H2"
    assert page.input_value("#unmet-message") == "zqniekonerasite"
    page.fill("#unmet-message", "zqniekonerasite: Lithuanian course on Sunday evenings")
    page.select_option("#unmet-municipality", "vilniaus-m")
    page.click("#unmet-need-form button[type=submit]")
    page.wait_for_selector("#unmet-thanks")
    assert page.evaluate("() => document.activeElement.id") == "unmet-thanks"
    # The coordinator sees what was missing, in the summary and one by one.
    login(page, "koordinatore.vilnius@demo.langelis.lt")
    page.goto("/#/services/unmet-needs")
    page.wait_for_selector("#unmet-report table")
    page.locator("li.unmet-item", has_text="Sunday evenings").wait_for()
