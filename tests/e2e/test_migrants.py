"""One-stop shop in the browser: a coordinator registers a returnee, sees the package's proposed
referrals and refers them to a service; the provider accepts, starts and completes it."""

from __future__ import annotations

import uuid

import httpx

from tests.e2e.conftest import DEMO_PASSWORD, login

PROVIDER = "teikejas1@demo.langelis.lt"  # Lithuanian Red Cross, Vilnius
COORDINATOR = "koordinatore.vilnius@demo.langelis.lt"


def _token(base_url: str, email: str) -> str:
    r = httpx.post(
        f"{base_url}/api/v1/auth/token",
        data={"grant_type": "password", "username": email, "password": DEMO_PASSWORD},
    )
    r.raise_for_status()
    return str(r.json()["access_token"])


def _services(base_url: str, marker: str) -> None:
    """The provider lists services the Vilnius returnee package and the referral will find (in
    Hindi, the person's language, so they rank above the demo directory's services)."""
    headers = {"Authorization": f"Bearer {_token(base_url, PROVIDER)}"}
    for name, categories in [
        (f"Kultūros bilietai {marker}", ["community.culture_tickets"]),
        (f"Karjeros konsultacijos {marker}", ["employment.career"]),
    ]:
        r = httpx.post(
            f"{base_url}/api/v1/services",
            json={"name": {"lt": name}, "categories": categories, "languages": ["hi", "en"]},
            headers=headers,
        )
        assert r.status_code == 201, r.text


def logout(page):
    page.click("#logout-button")
    page.wait_for_selector("#login-link")


def test_returnee_package_referral_and_provider_inbox(page, live_server):
    marker = uuid.uuid4().hex[:6]
    family = f"Grįžusi{marker}"
    _services(live_server, marker)

    # The coordinator registers a returnee who consents to sharing with providers.
    login(page, COORDINATOR)
    page.goto("/#/migrants/new")
    page.wait_for_selector("form#new-person")
    page.fill("input[name=given_name]", "Rūta")
    page.fill("input[name=family_name]", family)
    page.select_option("select[name=legal_status]", "returnee")
    page.fill("input[name=citizenships]", "LT")
    # Hindi: the demo directory has no service in it, so this test's services rank first.
    page.select_option("select[name=preferred_language]", "hi")
    page.fill("input[name=children]", "2016")
    page.check("input[name=needs][value=employment]")
    page.check("input[name=consents][value=provider_sharing]")
    page.click("form#new-person button[type=submit]")

    # The person page shows the package's referrals, proposed without anyone asking.
    page.wait_for_selector("section#referrals")
    proposed = page.locator(
        "#referrals li.referral[data-status=proposed]", has_text=f"Kultūros bilietai {marker}"
    )
    proposed.wait_for()
    # Refer to a matching service for work.
    page.select_option("#refer-form select[name=need]", "employment")
    page.fill("#refer-form textarea[name=message]", "Ieško darbo IT srityje.")
    page.click("#refer-form button[type=submit]")
    suggestion = page.locator("#suggestions li.suggestion", has_text=f"Karjeros konsultacijos {marker}")
    suggestion.locator("button").click()
    sent = page.locator(
        "#referrals li.referral[data-status=sent]", has_text=f"Karjeros konsultacijos {marker}"
    )
    sent.wait_for()
    # The coordinator also sends the package's proposal.
    proposed.locator("button[data-move=sent]").click()
    page.locator(
        "#referrals li.referral[data-status=sent]", has_text=f"Kultūros bilietai {marker}"
    ).wait_for()
    page.locator("#consents li[data-purpose=provider_sharing] .badge.ok").wait_for()
    # Rectification: a corrected phone number.
    page.click("#edit summary")
    page.fill("#edit-person input[name=phone]", "+370 611 22334")
    page.click("#edit-person button[type=submit]")
    page.locator("dl.facts dd", has_text="+370 611 22334").wait_for()
    # The people list finds her without diacritics, among the coordinator's own cases.
    page.goto(f"/#/migrants?q=grizusi{marker}&mine=1")
    page.locator("#people-results li", has_text=family).wait_for()
    logout(page)

    # The provider accepts, starts and completes the referral from its inbox.
    login(page, PROVIDER)
    page.goto("/#/referral-inbox")
    item = page.locator("li.inbox-item", has_text=f"Karjeros konsultacijos {marker}")
    item.wait_for()
    assert "Ieško darbo IT srityje." in item.inner_text()
    assert "returnee" not in item.inner_text().lower()
    for move, status in (
        ("accepted", "accepted"),
        ("in_progress", "in_progress"),
        ("completed", "completed"),
    ):
        page.locator("li.inbox-item", has_text=f"Karjeros konsultacijos {marker}").locator(
            f"button[data-move={move}]"
        ).click()
        page.locator(
            f"li.inbox-item[data-status={status}]", has_text=f"Karjeros konsultacijos {marker}"
        ).wait_for()
    logout(page)

    # The coordinator sees the referral completed on the person page.
    login(page, COORDINATOR)
    page.goto(f"/#/migrants?q=grizusi{marker}")
    page.locator("#people-results li a", has_text=family).click()
    page.locator(
        "#referrals li.referral[data-status=completed]", has_text=f"Karjeros konsultacijos {marker}"
    ).wait_for()

    # At the person's request, the coordinator erases their data: the name is gone from the list.
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#erase-person")
    page.wait_for_selector("#people-results")
    page.goto(f"/#/migrants?q=grizusi{marker}")
    page.locator("#people-results p.empty").wait_for(state="visible")
    assert family not in page.locator("#people-results").inner_text()


def test_coordinator_edits_the_returnee_package(page, live_server):
    login(page, "koordinatorius.kaunas@demo.langelis.lt")
    page.goto("/#/migrants/package")
    page.wait_for_selector("form#package-add")
    before = page.locator("#package-items li.row").count()
    page.select_option("#package-add select[name=need]", "language")
    page.select_option("#package-add select[name=category]", "language")
    page.click("#package-add button[type=submit]")
    page.locator("#package-items li.row").nth(before).wait_for()
    page.click("#package-save button[type=submit]")
    page.wait_for_selector(".status-success")
    headers = {"Authorization": f"Bearer {_token(live_server, 'koordinatorius.kaunas@demo.langelis.lt')}"}
    saved = httpx.get(f"{live_server}/api/v1/returnee-package", headers=headers).json()
    assert len(saved["items"]) == before + 1
    assert saved["items"][-1] == {"need": "language", "category": "language"}
