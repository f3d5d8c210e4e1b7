"""An event's texts in the Ukrainian interface: the Lithuanian-only description is marked lang="lt"
with a note, the repeat rule is said in words (never FREQ=…), languages by name; and an organiser
who edits the Ukrainian title in the web app keeps the Lithuanian and Arabic texts, and can add a
text in a language beyond the interface's (Farsi)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.e2e.conftest import api_headers, login


def test_event_texts_are_marked_and_an_edit_keeps_every_language(page):
    headers = api_headers(page, "koordinatore.vilnius@demo.langelis.lt")
    start = (datetime.now(UTC) + timedelta(days=10)).replace(hour=15, minute=0, second=0, microsecond=0)
    title_lt = f"Kalbos klubas {uuid.uuid4().hex[:6]}"
    created = page.request.post(
        "/api/v1/events",
        headers=headers,
        data={
            "municipality": "vilniaus-m",
            "title": {"lt": title_lt, "uk": "Мовний клуб", "ar": "نادي اللغة"},
            "description": {"lt": "Kalbamės lietuviškai kiekvieną ketvirtadienį."},
            "kind": "gathering",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=2)).isoformat(),
            "rrule": "FREQ=WEEKLY;BYDAY=TH;COUNT=10",
            "languages": ["lt", "uk"],
        },
    )
    assert created.status == 201, created.text()
    event_id = created.json()["id"]

    login(page, "koordinatore.vilnius@demo.langelis.lt")
    page.evaluate("localStorage.setItem('langelis.lang', 'uk')")
    page.reload()
    page.wait_for_selector("html[data-ready=true][lang=uk]")
    page.goto(f"/#/events/{event_id}")
    heading = page.locator("h1")
    heading.wait_for()
    assert heading.inner_text() == "Мовний клуб" and heading.get_attribute("lang") == "uk"
    assert "литовськ" in page.locator("#text-language-note").inner_text().lower()
    description = page.locator(".event-description [lang=lt]")
    assert description.inner_text() == "Kalbamės lietuviškai kiekvieną ketvirtadienį."
    details = page.locator(".event-details").inner_text()
    assert "FREQ" not in details and "Щотижня" in details and "четвер" in details.lower()
    assert "Українська" in details or "українська" in details.lower()
    # Times as the clock shows them in Vilnius, whatever the reader's own zone (the browser's is UTC).
    local = start.astimezone(ZoneInfo("Europe/Vilnius")).strftime("%H:%M")
    assert local in details and "Europe/Vilnius" not in details

    page.goto(f"/#/events/{event_id}/edit")
    page.wait_for_selector("#event-form input[name='title.uk']")
    assert page.locator("#event-form select[name=repeat_freq]").input_value() == "weekly"
    assert page.locator("#event-form input[name=repeat_days][value=TH]").is_checked()
    page.fill("#event-form input[name='title.uk']", "Розмовний клуб")
    # The Arabic title is there to edit (folded), and the description gains a Farsi text.
    assert page.locator("#event-form input[name='title.ar']").get_attribute("dir") == "auto"
    description = page.locator("#event-form fieldset[data-field=description]")
    description.locator("summary").click()
    description.locator(".add-language select").select_option("fa")
    description.locator(".add-language button").click()
    page.fill("#event-form textarea[name='description.fa']", "باشگاه زبان")
    page.click("#event-form button[type=submit]")
    page.wait_for_selector("h1:text-is('Розмовний клуб')")
    saved = page.request.get(f"/api/v1/events/{event_id}?translations=all").json()
    # The repeat picker showed the rule in words and wrote the same rule back.
    assert saved["rrule"] == "FREQ=WEEKLY;BYDAY=TH;COUNT=10"
    assert saved["title"] == {"lt": title_lt, "uk": "Розмовний клуб", "ar": "نادي اللغة"}
    assert saved["description"] == {
        "lt": "Kalbamės lietuviškai kiekvieną ketvirtadienį.",
        "fa": "باشگاه زبان",
    }
