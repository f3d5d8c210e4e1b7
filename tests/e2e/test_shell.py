"""The web app shell: language switching that sticks, signing in and out, role-aware menu."""

from __future__ import annotations

from tests.e2e.conftest import login


def test_language_switch_changes_the_ui_and_survives_reload(page):
    assert page.locator("html").get_attribute("lang") == "lt"
    assert page.locator("#login-link").inner_text() == "Prisijungti"
    page.select_option("#lang-select", "uk")
    page.wait_for_selector("html[lang=uk]")
    assert page.locator("#login-link").inner_text() == "Увійти"
    assert page.locator("h1").inner_text() == "Langelis – одне вікно до вашого міста"
    page.reload()
    page.wait_for_selector("html[data-ready=true]")
    assert page.locator("html").get_attribute("lang") == "uk"
    assert page.locator("#lang-select").input_value() == "uk"
    assert page.locator("#login-link").inner_text() == "Увійти"
    page.select_option("#lang-select", "en")
    page.wait_for_selector("html[lang=en]")
    assert page.locator(".skip-link").inner_text() == "Skip to content"


def test_login_and_logout(page):
    login(page, "admin@demo.langelis.lt")
    assert "Platformos administratorė" in page.locator("#account-area").inner_text()
    menu = page.locator("#menu").inner_text()
    assert "Paskyros" in menu and "Mašininiai klientai" in menu
    page.click("#logout-button")
    page.wait_for_selector("#login-link")
    assert "Paskyros" not in page.locator("#menu").inner_text()
    # The session is gone: a protected page asks to sign in again.
    page.goto("/#/admin/users")
    page.wait_for_selector("input[name=username]")


def test_wrong_password_shows_an_error(page):
    page.goto("/#/login")
    page.fill("input[name=username]", "admin@demo.langelis.lt")
    page.fill("input[name=password]", "not-the-password")
    page.click("form button[type=submit]")
    alert = page.locator(".form-errors")
    alert.wait_for(state="visible")
    assert "wrong" in alert.inner_text().lower() or "neteising" in alert.inner_text().lower()


def test_menu_follows_the_role(page):
    login(page, "gyventoja@demo.langelis.lt")
    assert "Paskyros" not in page.locator("#menu").inner_text()
    page.goto("/#/admin/users")
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == "Prieiga negalima"


def test_keyboard_skip_link_reaches_main(page):
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") in ("", "#/")  # the page stays; focus moves
    assert page.evaluate("document.activeElement.id") == "main"


def test_register_and_confirm_in_demo_mode(page):
    page.goto("/#/register")
    page.fill("input[name=display_name]", "Naujas Kraštietis")
    page.fill("input[name=email]", "naujas.krastietis@test.langelis.lt")
    page.fill("input[name=password]", "labai-slaptas-123")
    page.select_option("select[name=country]", "NO")
    page.click("form button[type=submit]")
    page.click("#demo-confirm-link")
    page.wait_for_selector(".notice")
    login(page, "naujas.krastietis@test.langelis.lt", "labai-slaptas-123")
    assert "Naujas Kraštietis" in page.locator("#account-area").inner_text()


def test_pages_never_print_null_and_show_one_page_at_a_time(page):
    """A coordinator walks through pages of every domain, quickly (each goto interrupts the last
    render): the page never shows a bare "null"/"undefined" and only one page is drawn."""
    import re

    login(page, "koordinatore.vilnius@demo.langelis.lt")
    paths = ["/services", "/migrants", "/experts", "/expert-requests", "/ideas", "/budgets", "/indicators"]
    for path in paths:
        page.goto(f"/#{path}")
    for path in paths:
        page.goto(f"/#{path}")
        page.wait_for_selector("#main:not([aria-busy])")
        page.wait_for_selector("#main h1")
        assert page.locator("#main > .page").count() == 1, path
        text = page.locator("#main").inner_text()
        assert not re.search(r"\b(null|undefined)\b", text), (path, text[:300])
