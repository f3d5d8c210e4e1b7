"""The notification centre in the browser: the bell counts what is unread, the centre lists it and
marks it read, preferences are saved per kind, and an admin reads the background jobs page."""

from __future__ import annotations

from tests.e2e.conftest import DEMO_PASSWORD, login

RESIDENT = "gyventoja@demo.langelis.lt"


def _register_for_an_event(page) -> None:
    """Through the API, as the resident would: registering notifies them (event_confirmed or event_waitlisted)."""
    token = page.request.post(
        "/api/v1/auth/token",
        form={"grant_type": "password", "username": RESIDENT, "password": DEMO_PASSWORD},
    ).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    events = page.request.get("/api/v1/events?limit=50", headers=headers).json()["items"]
    for event in events:
        r = page.request.post(f"/api/v1/events/{event['event_id']}/registration", data={}, headers=headers)
        if r.status == 201:
            return
    raise AssertionError("no event took a registration")


def test_bell_centre_mark_read_and_preferences(page):
    _register_for_an_event(page)
    login(page, RESIDENT)
    bell = page.locator("#notification-bell")
    page.wait_for_function("() => Number(document.querySelector('#notification-bell')?.dataset.unread) > 0")
    unread = int(bell.get_attribute("data-unread"))
    assert "neskaitytų" in bell.get_attribute("aria-label")
    bell.click()
    page.wait_for_selector("li.notification.unread")
    assert page.title().startswith("Pranešimai")
    first = page.locator("li.notification.unread").first
    assert any(words in first.inner_text() for words in ("Užsiregistravote", "laukiančiųjų sąraše"))
    first.locator(".mark-button").click()
    page.wait_for_function(
        f"() => Number(document.querySelector('#notification-bell').dataset.unread) === {unread - 1}"
    )
    page.locator("#mark-all-read").click()
    page.wait_for_function("() => document.querySelector('#notification-bell').dataset.unread === '0'")
    assert page.locator("li.notification.unread").count() == 0

    page.goto("/#/notifications/preferences")
    page.select_option("#notification-preferences select[name=event_reminder]", "email")
    page.click("#notification-preferences button[type=submit]")
    page.locator("#status", has_text="išsaugoti").wait_for()
    page.reload()
    page.wait_for_selector("#notification-preferences")
    assert page.locator("select[name=event_reminder]").input_value() == "email"
    assert page.locator("select[name=referral_new] option[value=digest]").inner_text() == "Kasdienė santrauka"

    # Ukrainian, after a reload.
    page.evaluate("() => localStorage.setItem('langelis.lang', 'uk')")
    page.reload()
    page.wait_for_selector("#notification-preferences")
    assert page.locator("h1").inner_text() == "Налаштування сповіщень"


def test_admin_sees_background_jobs(page):
    login(page, "admin@demo.langelis.lt")
    page.locator("#menu a[href='#/admin/jobs']").click()
    page.wait_for_selector("table caption")
    text = page.locator("table").inner_text()
    assert "notifications.digest" in text and "Kasdien 06:00" in text
    assert "events.reminders" in text
    assert "Eilėje" in page.locator("#jobs-queue").inner_text()
