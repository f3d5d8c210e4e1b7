"""A coordinator links a mentor to a case from the person's page, then reads that person's audit
log on its own screen, where the link is recorded in words."""

from __future__ import annotations

from tests.e2e.conftest import login


def test_coordinator_links_a_mentor_from_the_case_and_sees_it_in_the_audit_log(page):
    login(page, "koordinatore.vilnius@demo.langelis.lt")
    page.goto("/#/migrants")
    page.locator("#main a[href^='#/migrants/people/']").first.click()
    page.wait_for_selector("#mentors")
    consent = page.locator("#consents li[data-purpose=mentoring_contact]")
    if consent.locator("button[data-consent]").inner_text() != "Atšaukti":
        consent.locator("button[data-consent]").click()
        page.wait_for_selector("#consents li[data-purpose=mentoring_contact] .badge.ok")
    before = page.locator("#case-mentors li").count()
    page.wait_for_selector("#link-mentor-form")
    chosen = page.locator("#link-mentor-form select option:checked").inner_text()
    page.click("#link-mentor-form button[type=submit]")
    page.wait_for_selector(f"#case-mentors li:has-text('{chosen}')")
    assert page.locator("#case-mentors li").count() == before + 1
    page.click("#person-audit")
    page.wait_for_selector("li.audit-entry")
    assert page.locator("li.audit-entry", has_text="Susiejo mentorių").count() >= 1
    # Filtering by action keeps the person.
    page.select_option("#audit-filters select[name=action]", "link_mentor")
    page.click("#audit-filters button[type=submit]")
    page.wait_for_function(
        "() => location.hash.includes('action=link_mentor') && location.hash.includes('subject=')"
    )
    page.wait_for_selector("li.audit-entry")
    assert all("Susiejo mentorių" in text for text in page.locator("li.audit-entry").all_inner_texts())
