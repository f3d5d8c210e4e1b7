"""A newcomer on a phone, in Ukrainian, says a service's hours are wrong; the coordinator sees it in
the corrections queue and marks it fixed."""

from __future__ import annotations

import uuid

from tests.e2e.conftest import login


def test_a_reader_reports_wrong_hours_and_the_coordinator_marks_it_fixed(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.evaluate("() => localStorage.setItem('langelis.lang', 'uk')")
    page.goto("/#/services?municipality=vilniaus-m")
    page.reload()
    page.locator("#service-results .service-card h2 a, #service-results .service-card h3 a").first.click()
    page.click("details.correction summary")
    message = f"У вівторок працює до 19:00 ({uuid.uuid4().hex[:6]})"
    # Nothing written: the form says so in place.
    page.click("#correction-form button[type=submit]")
    page.wait_for_selector("#correction-form .form-errors:not([hidden])")
    page.fill("#correction-form textarea[name=message]", message)
    page.click("#correction-form button[type=submit]")
    page.wait_for_selector("#correction-sent")
    assert "Дякуємо" in page.locator("#correction-sent").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.evaluate("() => localStorage.setItem('langelis.lang', 'lt')")
    page.reload()
    page.wait_for_selector("html[data-ready=true][lang=lt]")
    login(page, "koordinatore.vilnius@demo.langelis.lt")
    # It waits in the "needs attention" list with the day it is due (wrong hours: within 5 days).
    page.goto("/#/services/watch")
    waiting = page.locator("#corrections-waiting li.correction-item", has_text=message)
    waiting.wait_for()
    assert "atsakyti iki" in waiting.inner_text()
    page.goto("/#/services/corrections")
    item = page.locator("li.correction-item", has_text=message)
    item.wait_for()
    assert "Darbo laikas" in item.inner_text()
    item.locator("button[data-decision=resolved]").click()
    page.wait_for_function(
        "(m) => ![...document.querySelectorAll('li.correction-item')].some((li) => li.textContent.includes(m))",
        arg=message,
    )
    page.select_option("#correction-status", "resolved")
    page.locator("li.correction-item", has_text=message).wait_for()
