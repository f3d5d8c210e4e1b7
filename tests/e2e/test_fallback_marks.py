"""Fallback text is marked: a service written only in Lithuanian, read in Ukrainian, shows its heading
and description with lang="lt" and a note in Ukrainian saying so; the language badges (names of
languages in the reader's language) claim no other language."""

from __future__ import annotations

import uuid

TOKEN_FORM = {
    "grant_type": "password",
    "username": "admin@demo.langelis.lt",
    "password": "Langelis-demo-2026",
}


def test_lithuanian_only_service_in_the_ukrainian_interface(page):
    token = page.request.post("/api/v1/auth/token", form=TOKEN_FORM).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    org = page.request.get("/api/v1/organizations?limit=1", headers=headers).json()["items"][0]
    name = f"Teisinės konsultacijos {uuid.uuid4().hex[:6]}"
    created = page.request.post(
        "/api/v1/services",
        headers=headers,
        data={
            "organization_id": org["id"],
            "name": {"lt": name},
            "description": {"lt": "Konsultuojame dėl leidimų gyventi."},
            "categories": ["legal.migration"],
            "languages": ["lt", "uk"],
            "format": "in_person",
        },
    )
    assert created.status == 201, created.text()
    service_id = created.json()["id"]

    page.evaluate("localStorage.setItem('langelis.lang', 'uk')")
    page.reload()
    page.wait_for_selector("html[data-ready=true][lang=uk]")
    page.goto(f"/#/services/{service_id}")
    heading = page.locator("h1")
    heading.wait_for()
    assert heading.inner_text() == name and heading.get_attribute("lang") == "lt"
    note = page.locator("#text-language-note")
    assert "литовськ" in note.inner_text().lower()
    assert note.get_attribute("lang") in (None, "uk")
    assert page.locator(".service-description [lang=lt]").inner_text() == "Konsultuojame dėl leidimų gyventi."
    badges = page.locator(".language-badges li")
    assert badges.count() == 2
    assert all(badges.nth(i).get_attribute("lang") is None for i in range(badges.count()))
    assert "Українська" in page.locator(".language-badges").inner_text()
    assert page.title().startswith(name)
