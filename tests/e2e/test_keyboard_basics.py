"""Keyboard paths that hold: the skip link moves focus to the content and keeps the page; the
language switcher does not switch while arrow keys move through it; a failed sign-in puts focus on the
error summary, marks the fields invalid and keeps their hints."""

from __future__ import annotations


def test_skip_link_focuses_the_content_and_keeps_the_page(page):
    page.goto("/#/services")
    page.reload()  # a first load: Tab starts at the top of the page
    page.wait_for_selector("html[data-ready=true]")
    heading = page.locator("h1").inner_text()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.evaluate("location.hash") == "#/services"
    assert page.locator("h1").inner_text() == heading
    # an address ending in #main (a bookmarked skip) is the same page, never "not found"
    page.goto("/#main")
    page.wait_for_selector("html[data-ready=true]")
    assert page.evaluate("document.activeElement.id") == "main"
    assert "nerasta" not in page.locator("#main").inner_text().lower()


def test_language_switcher_waits_for_enter(page):
    select = page.locator("#lang-select")
    select.focus()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.documentElement.lang") == "lt"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.documentElement.lang") == "lt"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.documentElement.lang !== 'lt'")
    chosen = page.evaluate("document.documentElement.lang")
    assert chosen in ("en", "uk", "ru")
    page.evaluate("localStorage.setItem('langelis.lang', 'lt')")


def test_failed_sign_in_focuses_the_error_summary(page):
    page.goto("/#/login")
    page.wait_for_selector("input[name=username]")
    page.fill("input[name=username]", "nobody@example.lt")
    page.fill("input[name=password]", "wrong-password-123")
    page.locator("form button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".form-errors:not([hidden])")
    assert page.evaluate("document.activeElement.classList.contains('form-errors')")
    assert page.evaluate("document.activeElement !== document.body")


def test_public_requests_print_no_null_and_pages_have_their_own_titles(page):
    page.goto("/#/experts/open-requests")
    page.wait_for_selector(".request-card h2, .empty")
    text = page.locator("#main").inner_text()
    assert "null" not in text and "undefined" not in text
    titles = set()
    for path in ("/services", "/ideas", "/experts", "/no-such-page"):
        page.goto(f"/#{path}")
        page.wait_for_function("() => !document.querySelector('#main').hasAttribute('aria-busy')")
        titles.add(page.title())
    assert len(titles) == 4
    assert any(title.startswith("Puslapis nerastas") for title in titles)


def test_sign_in_by_keyboard_alone(page):
    """From the header's sign-in link to a signed-in page with Tab, typing and Enter only; focus goes
    to the new page's heading, never to <body>."""
    page.goto("/#/ideas")
    page.reload()
    page.wait_for_selector("html[data-ready=true]")
    page.wait_for_function("() => !document.querySelector('#main').hasAttribute('aria-busy')")
    for _ in range(30):
        if page.evaluate("document.activeElement.id") == "login-link":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "login-link"
    page.keyboard.press("Enter")
    page.wait_for_selector("input[name=username]")
    page.wait_for_function("() => !document.querySelector('#main').hasAttribute('aria-busy')")
    for _ in range(10):
        if page.evaluate("document.activeElement.name") == "username":
            break
        page.keyboard.press("Tab")
    page.keyboard.type("gyventoja@demo.langelis.lt")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "password"
    page.keyboard.type("Langelis-demo-2026")
    page.keyboard.press("Enter")
    page.wait_for_selector("#logout-button")
    page.wait_for_function("() => !document.querySelector('#main').hasAttribute('aria-busy')")
    assert page.evaluate("document.activeElement !== document.body")
    assert page.evaluate("document.activeElement.tagName") == "H1"
