"""A Ukrainian newcomer on a phone, not signed in, asks Vilnius for help from a service page; the
form proves its work in the browser; she gets a reference; the coordinator registers her with a
case in one step."""

from __future__ import annotations

import uuid

from tests.e2e.conftest import login


def test_she_asks_for_help_and_the_coordinator_opens_a_case(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.evaluate("() => localStorage.setItem('langelis.lang', 'uk')")
    page.goto("/#/services?municipality=vilniaus-m")
    page.reload()
    page.locator("#service-results .service-card h2 a, #service-results .service-card h3 a").first.click()
    page.click("#ask-for-help")
    page.wait_for_selector("#help-form")
    assert page.locator("#help-form select[name=municipality]").input_value() == "vilniaus-m"
    name = f"Олена {uuid.uuid4().hex[:5]}"
    page.fill("#help-form input[name=name]", name)
    # Neither e-mail nor phone, and no consent: said in place, nothing sent.
    page.click("#help-form button[type=submit]")
    page.wait_for_selector("#help-form .form-errors:not([hidden])")
    page.fill("#help-form input[name=email]", "olena@example.org")
    page.check("#help-form input[name=needs][value=language]")
    page.fill("#help-form textarea[name=message]", "Шукаю курси литовської B1")
    page.check("#help-form input[name=consent]")
    page.click("#help-form button[type=submit]")
    page.wait_for_selector("#help-sent", timeout=60_000)
    reference = page.locator("#help-reference").inner_text()
    assert (
        reference.startswith("LG-") and "Ваше звернення отримано" in page.locator("#help-sent").inner_text()
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.set_viewport_size({"width": 1280, "height": 900})
    page.evaluate("() => localStorage.setItem('langelis.lang', 'lt')")
    page.reload()
    login(page, "koordinatore.vilnius@demo.langelis.lt")
    page.goto("/#/migrants/contact-requests")
    card = page.locator(f"li.contact-request[data-reference='{reference}']")
    card.wait_for()
    assert "Lietuvių kalba" in card.inner_text() or "lietuvių" in card.inner_text().lower()
    card.locator("details", has=page.locator(".convert-form")).locator("summary").click()
    card.locator(".convert-form input[name=family_name]").fill("Kovalenko")
    card.locator(".convert-form button[type=submit]").click()
    page.wait_for_function("() => location.hash.startsWith('#/migrants/people/')")
    page.wait_for_selector("h1:has-text('Kovalenko')")
