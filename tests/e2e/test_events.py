"""Browser: the public calendar (list and month views), the event page with the .ics link, and
registration for a weekly conversation club; then the registration in "my registrations" with a
private feed URL. On a 360 px phone too."""

from __future__ import annotations

from tests.e2e.conftest import login


def test_calendar_list_and_month(page):
    page.goto("/#/events?municipality=vilniaus-m&kind=course_session")
    page.wait_for_selector(".event-card >> text=Lietuvių kalbos pokalbių klubas")
    assert "Diasporos susitikimas" not in page.inner_text("main")
    page.goto("/#/events?municipality=vilniaus-m&view=month")
    page.wait_for_selector(".month-grid .day")
    assert page.query_selector(".month-grid >> text=Lietuvių kalbos pokalbių klubas")


def test_register_from_the_event_page_and_see_my_registrations(page):
    page.set_viewport_size({"width": 360, "height": 740})
    login(page, "gyventoja@demo.langelis.lt")
    page.goto("/#/events?municipality=kauno-m&q=Kaune")
    page.click(".event-card h2 a")
    page.wait_for_selector("a[download]")
    assert page.get_attribute("a[download]", "href").endswith(".ics")
    if page.query_selector("#unregister"):
        page.click("#unregister")
    page.wait_for_selector("#register-form")
    page.click("#register-form button[type=submit]")
    page.wait_for_selector("#unregister")
    page.goto("/#/events/mine")
    page.wait_for_selector(".card-list >> text=Lietuvių kalbos klubas Kaune")
    page.click("#new-feed")
    page.wait_for_selector(".feed-url code")
    assert "/event-feeds/private/" in page.inner_text(".feed-url code")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
