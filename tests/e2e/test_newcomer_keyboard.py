"""The newcomer's path with the keyboard alone, in Ukrainian, on a phone-sized screen: from the home
page to "What do I need?", through the questions (Tab, Space, arrow keys), to her steps, along a
step's service link to the service page and on to the "ask for help" form. No click, no fill: only
the keys a keyboard or switch user presses; focus is never lost to <body> on the way."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import login

# What has focus, in words for a failure message.
ACTIVE_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return 'body';
  const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40);
  return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.name ? '[name=' + el.name + ']' : ''} "${text}"`;
}"""


def tab_to(page: Any, selector: str, *, limit: int = 60, back: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the element matching `selector` has focus."""
    seen = []
    for _ in range(limit):
        if page.evaluate("(sel) => document.activeElement?.matches(sel)", selector):
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
        now = page.evaluate(ACTIVE_JS)
        assert now != "body", f"focus fell to <body> after {seen[-3:]}"
        seen.append(now)
    raise AssertionError(f"{selector} not reached by Tab; went through {seen}")


def settle(page: Any) -> None:
    page.wait_for_function("() => !document.querySelector('#main').hasAttribute('aria-busy')")


def test_newcomer_path_by_keyboard_in_ukrainian(page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.evaluate("() => localStorage.setItem('langelis.lang', 'uk')")
    page.goto("/#/")
    page.reload()
    page.wait_for_selector("html[data-ready=true][lang=uk]")
    settle(page)

    # The skip link first, then the home page's "What do I need?" card.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    tab_to(page, "#main a[href='#/what-do-i-need']")
    page.keyboard.press("Enter")
    page.wait_for_selector("#checklist-form")
    settle(page)
    assert page.evaluate("document.activeElement.tagName") == "H1"

    # The questions: the municipality and status keep their defaults (Vilnius, temporary
    # protection); she has children, A1 Lithuanian, and needs a language course.
    tab_to(page, "#checklist-form select[name=municipality]")
    assert page.evaluate("document.activeElement.value") == "vilniaus-m"
    tab_to(page, "#checklist-form input[name=children]")
    page.keyboard.press("Space")
    assert page.locator("#checklist-form input[name=children]").is_checked()
    tab_to(page, "#checklist-form select[name=lithuanian_level]")
    page.keyboard.press("ArrowDown")  # from "not yet" to A1
    assert page.locator("#checklist-form select[name=lithuanian_level]").input_value() == "A1"
    tab_to(page, "#checklist-form input[name=needs][value=language]")
    page.keyboard.press("Space")
    assert page.locator("#checklist-form input[name=needs][value=language]").is_checked()
    tab_to(page, "#checklist-form button[type=submit]")
    page.keyboard.press("Enter")

    # Her steps: focus is on their heading, read out with the count.
    page.wait_for_selector("li.checklist-step")
    page.wait_for_function("() => document.activeElement.id === 'checklist-title'")
    course = "li.checklist-step[data-key=lithuanian_course]"
    assert "Почніть курси литовської мови" in page.locator(course).inner_text()
    # Along the course step's first service link to the service page.
    link = f"{course} .step-services a"
    service_id = page.locator(link).first.get_attribute("href").removeprefix("#/services/")
    tab_to(page, f"{link}[href='#/services/{service_id}']")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => location.hash === '#/services/{service_id}'")
    page.wait_for_selector("#ask-for-help")
    settle(page)
    assert page.evaluate("document.activeElement.tagName") == "H1"

    # From the service to the "ask for help" form, for this municipality, and into its first field.
    tab_to(page, "#ask-for-help")
    page.keyboard.press("Enter")
    page.wait_for_selector("#help-form")
    settle(page)
    assert page.locator("#help-form select[name=municipality]").input_value() == "vilniaus-m"
    tab_to(page, "#help-form input[name=name]")
    page.keyboard.type("Олена")
    assert page.locator("#help-form input[name=name]").input_value() == "Олена"
    tab_to(page, "#help-form input[name=email]")
    page.keyboard.type("olena@example.org")
    tab_to(page, "#help-form input[name=consent]")
    page.keyboard.press("Space")
    tab_to(page, "#help-form button[type=submit]")
    page.keyboard.press("Enter")
    # While the browser proves its work, focus stays on the button; then the confirmation takes it.
    page.wait_for_selector("#help-sent", timeout=60_000)
    page.wait_for_function("() => document.activeElement.id === 'help-sent'")
    assert page.locator("#help-reference").inner_text().startswith("LG-")

    # The one-stop shop sees it: the Vilnius coordinator finds the request under its reference.
    reference = page.locator("#help-reference").inner_text()
    login(page, "koordinatore.vilnius@demo.langelis.lt")
    page.goto("/#/migrants/contact-requests")
    page.locator(f"li.contact-request[data-reference='{reference}']").wait_for()
