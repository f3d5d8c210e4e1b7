"""Focus never drops to <body> after an in-page change: voting on an idea, referring a person to a
service, moving a referral, changing a need. A keyboard or screen-reader user who pressed the button
stays where she was (or lands on the part of the page that changed), instead of being thrown back
to the top of the document."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.e2e.conftest import DEMO_PASSWORD, login

COORDINATOR = "koordinatore.vilnius@demo.langelis.lt"
RESIDENT = "gyventoja@demo.langelis.lt"
FOCUS_JS = "() => { const el = document.activeElement; return el && el !== document.body ? (el.id || el.tagName + ':' + el.textContent.trim().slice(0, 40)) : null; }"


def _token(base_url: str, email: str) -> str:
    r = httpx.post(
        f"{base_url}/api/v1/auth/token",
        data={"grant_type": "password", "username": email, "password": DEMO_PASSWORD},
    )
    r.raise_for_status()
    return str(r.json()["access_token"])


def _person_with_a_case(base_url: str) -> str:
    headers = {"Authorization": f"Bearer {_token(base_url, COORDINATOR)}"}
    r = httpx.post(
        f"{base_url}/api/v1/migrants",
        json={
            "given_name": "Olena",
            "family_name": f"Fokus{uuid.uuid4().hex[:6]}",
            "legal_status": "temporary_protection",
            "preferred_language": "uk",
            "needs": ["language", "employment"],
            "consents": ["case_management", "provider_sharing"],
        },
        headers=headers,
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def test_focus_stays_after_voting(page: Any) -> None:
    login(page, RESIDENT)
    answer = page.request.get("/api/v1/ideas?municipality=vilniaus-m&state=published&limit=20")
    ideas = [i for i in answer.json()["items"]]
    assert ideas
    page.goto(f"/#/ideas/{ideas[0]['id']}")
    button = page.locator("#vote-button")
    button.wait_for()
    page.wait_for_function("() => !document.querySelector('#main').hasAttribute('aria-busy')")
    before = button.get_attribute("aria-pressed")
    button.focus()
    page.keyboard.press("Enter")
    after = "false" if before == "true" else "true"
    page.wait_for_selector(f"#vote-button[aria-pressed={after}]:not([disabled]):not([aria-disabled=true])")
    assert page.evaluate(FOCUS_JS) == "vote-button"
    page.keyboard.press("Enter")  # and back: the same button, still focused
    page.wait_for_selector(f"#vote-button[aria-pressed={before}]:not([disabled]):not([aria-disabled=true])")
    assert page.evaluate(FOCUS_JS) == "vote-button"


def test_focus_stays_after_referring_and_changing_a_need(page: Any, live_server: str) -> None:
    person = _person_with_a_case(live_server)
    login(page, COORDINATOR)
    page.goto(f"/#/migrants/people/{person}")
    page.wait_for_selector("#refer-form")
    page.wait_for_function("() => !document.querySelector('#main').hasAttribute('aria-busy')")
    page.select_option("#refer-form select[name=need]", "language")
    page.locator("#refer-form button[type=submit]").focus()
    page.keyboard.press("Enter")
    refer = page.locator("#suggestions li.suggestion button").first
    refer.wait_for()
    assert page.evaluate(FOCUS_JS) is not None, "focus dropped after finding services"
    refer.focus()
    page.keyboard.press("Enter")
    page.locator("#referrals li.referral").first.wait_for()
    page.wait_for_function("() => !document.querySelector('#main').hasAttribute('aria-busy')")
    assert page.evaluate(FOCUS_JS) == "referrals-title"
    # A need's status changed from its select: the page is drawn anew, focus is on the same select.
    status = page.locator("#needs li[data-need=language] select[name=status]")
    status.focus()
    status.select_option("in_progress")
    page.wait_for_selector(
        "#needs li[data-need=language] select[name=status] option[value=in_progress][selected]",
        state="attached",
    )
    page.wait_for_function(
        "() => !document.querySelector('#main').hasAttribute('aria-busy') && document.activeElement !== document.body"
    )
    assert page.evaluate(
        "() => document.activeElement.matches('#needs li[data-need=language] select[name=status]')"
    )
