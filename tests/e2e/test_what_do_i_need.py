"""The newcomer's own way in, on a phone, in Ukrainian, not signed in: answer a few questions, get
her steps with services, go on to ask for help with her needs filled in; a coordinator adds a
local step that she then sees."""

from __future__ import annotations

import uuid

from tests.e2e.conftest import login


def test_she_gets_her_steps_and_can_ask_for_help(page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.evaluate("() => localStorage.setItem('langelis.lang', 'uk')")
    page.goto("/#/what-do-i-need")
    page.reload()
    page.wait_for_selector("#checklist-form")
    page.select_option("#checklist-form select[name=municipality]", "vilniaus-m")
    page.select_option("#checklist-form select[name=legal_status]", "temporary_protection")
    page.check("#checklist-form input[name=children]")
    page.select_option("#checklist-form select[name=lithuanian_level]", "A1")
    page.check("#checklist-form input[name=needs][value=language]")
    page.check("#checklist-form input[name=needs][value=housing]")
    page.click("#checklist-form button[type=submit]")
    page.wait_for_selector("li.checklist-step")
    steps = page.locator("li.checklist-step")
    keys = [steps.nth(i).get_attribute("data-key") for i in range(steps.count())]
    assert keys[0] == "declare_residence" and "school" in keys and "lithuanian_course" in keys
    course = page.locator("li.checklist-step[data-key=lithuanian_course]")
    assert "Почніть курси литовської мови" in course.inner_text()
    assert course.locator(".step-services a").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("#checklist-help")
    page.wait_for_selector("#help-form")
    assert page.locator("#help-form input[name=needs][value=housing]").is_checked()


def test_a_coordinator_adds_a_local_step(page):
    login(page, "koordinatore.vilnius@demo.langelis.lt")
    page.goto("/#/checklist-templates")
    page.wait_for_selector("#add-step-form")
    key = f"city_card_{uuid.uuid4().hex[:5]}"
    page.fill("#add-step-form input[name=key]", key)
    page.fill("#add-step-form textarea[name='title.lt']", "Gaukite Vilniečio kortelę")
    page.fill("#add-step-form textarea[name='title.uk']", "Отримайте картку вільнюсця")
    page.fill("#add-step-form input[name=order]", "15")
    page.click("#add-step-form button[type=submit]")
    page.wait_for_selector(f"li.template-step[data-key={key}]")
    page.goto("/#/what-do-i-need")
    page.wait_for_selector("#checklist-form")
    page.click("#checklist-form button[type=submit]")
    page.wait_for_selector(f"li.checklist-step[data-key={key}]")
    assert "Vilniečio kortelę" in page.locator(f"li.checklist-step[data-key={key}]").inner_text()
    # Take it away again, so other tests see the national list.
    page.goto("/#/checklist-templates")
    page.locator(f"li.template-step[data-key={key}] summary").click()
    page.locator(f"li.template-step[data-key={key}] button.reset-step").click()
    page.wait_for_function(f"() => !document.querySelector('li.template-step[data-key={key}]')")
