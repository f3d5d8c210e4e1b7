"""A coordinator subscribes the municipality's CRM to webhooks in the web app, keeps the secret
shown once, sends a test and pauses the subscription."""

from __future__ import annotations

import uuid

from tests.e2e.conftest import login


def test_coordinator_subscribes_an_endpoint_and_sees_its_deliveries(page):
    login(page, "koordinatore.vilnius@demo.langelis.lt")
    page.goto("/#/webhooks")
    page.wait_for_selector("#webhook-form")
    # A bad address is refused in words beside the field.
    page.fill("#webhook-form input[name=url]", "http://crm.example.org/hook")
    page.check("#webhook-form input[value='referral.status_changed']")
    page.click("#webhook-form button[type=submit]")
    page.wait_for_selector("#webhook-form [data-field=url] .field-error:not([hidden])")
    name = f"CRM {uuid.uuid4().hex[:6]}"
    page.fill("#webhook-form input[name=url]", "https://crm.example.org/langelis")
    page.fill("#webhook-form input[name=description]", name)
    page.click("#webhook-form button[type=submit]")
    secret = page.locator("#webhook-secret")
    secret.wait_for()
    assert secret.input_value().startswith("whsec_")
    page.click("#webhook-created a")
    page.wait_for_selector(f"h1:has-text('{name}')")
    page.click("#webhook-ping")
    page.wait_for_selector("li.delivery[data-status=pending]")
    assert "Bandomasis pranešimas" in page.locator("li.delivery").first.inner_text()
    page.click("#webhook-pause")
    page.wait_for_selector("#webhook-activate")
    # The secret is never shown again.
    assert page.locator("#webhook-secret").count() == 0
