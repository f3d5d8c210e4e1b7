"""Browser: propose an idea, vote and comment; cast a knapsack ballot and see the results after
counting (the coordinator closes voting, counts and publishes)."""

from __future__ import annotations

from tests.e2e.conftest import login


def test_propose_vote_and_comment(page):
    login(page, "gyventoja@demo.langelis.lt")
    page.goto("/#/ideas")
    page.wait_for_selector("#propose-link")
    page.click("#propose-link")
    page.wait_for_selector("#propose-form")
    page.select_option("#propose-form select[name=municipality]", "vilniaus-m")
    page.select_option("#propose-form select[name=category]", "mobility")
    page.fill("#propose-form input[name=title]", "Dviračių stovai prie bibliotekos")
    page.fill("#propose-form textarea[name=body]", "Prie centrinės bibliotekos nėra kur palikti dviračio.")
    page.click("#propose-submit")
    page.wait_for_selector("#vote-button")
    assert "Dviračių stovai prie bibliotekos" in page.inner_text("h1")
    assert page.inner_text("#vote-count") == "0 balsų"
    page.click("#vote-button")
    page.wait_for_selector("#vote-count:has-text('1 balsas')")
    assert page.get_attribute("#vote-button", "aria-pressed") == "true"
    page.fill("#comment-body", "Labai reikia, pritariu!")
    page.click("#comment-submit")
    page.wait_for_selector("#comment-list >> text=Labai reikia, pritariu!")
    page.goto("/#/ideas?municipality=vilniaus-m&q=bibliotekos")
    page.wait_for_selector("#idea-results >> text=Dviračių stovai prie bibliotekos")


def test_knapsack_ballot_then_results_after_counting(page):
    login(page, "diaspora@demo.langelis.lt")
    page.goto("/#/budgets?municipality=vilniaus-m")
    page.click("text=Vilniaus dalyvaujamasis biudžetas 2027")
    page.wait_for_selector("#ballot-form")
    budget_url = page.url
    for box in page.query_selector_all("#ballot-form input[type=checkbox]"):
        box.uncheck()
    page.check("#project-2")  # 45 000
    page.check("#project-4")  # 25 000
    page.wait_for_selector("#ballot-total:has-text('70')")
    page.check("#project-5")  # 90 000 → 160 000
    page.check("#project-1")  # 80 000 → 240 000, over 200 000
    page.wait_for_selector("#ballot-total.over")
    assert page.is_disabled("#ballot-submit")
    page.uncheck("#project-1")
    page.wait_for_selector("#ballot-total:not(.over)")
    page.click("#ballot-submit")
    page.wait_for_selector(".ballot-saved")

    page.click("#logout-button")
    page.wait_for_selector("#login-link")
    login(page, "koordinatore.vilnius@demo.langelis.lt")
    page.goto(budget_url)
    page.wait_for_selector("#close-voting")
    page.click("#close-voting")
    page.wait_for_selector("#count-button")
    page.click("#count-button")
    page.wait_for_selector("#finish-button")
    page.click("#finish-button")
    # "Preliminarūs rezultatai" (shown after counting) also contains "rezultatai": wait for the exact
    # published heading, or the test signs out while the publishing request is still in flight.
    page.wait_for_selector("#results-h:text-is('Rezultatai')")

    page.click("#logout-button")
    page.wait_for_selector("#login-link")
    login(page, "diaspora@demo.langelis.lt")
    page.goto(budget_url)
    page.wait_for_selector("#results")
    assert "Finansuojamas" in page.inner_text("#results")


def test_coordinator_creates_a_budget_and_enters_an_idea_found_by_words(page):
    login(page, "koordinatore.vilnius@demo.langelis.lt")
    page.goto("/#/budgets/new")
    page.wait_for_selector("form input[name=title]")
    page.fill("form input[name=title]", "Naujamiesčio biudžetas")
    page.fill("form input[name=total_amount]", "50000")
    page.click("form button[type=submit]")
    page.wait_for_selector("#enter-idea select[name=idea_id] option[value]", state="attached")
    assert page.locator("#enter-idea").count() == 1
    first = page.locator("#enter-idea select[name=idea_id] option").first
    title = first.inner_text().rsplit(" (", 1)[0]
    # Searching by a word of the title (without diacritics) keeps the idea among the choices.
    word = max(title.split(), key=len)
    plain = word.translate(str.maketrans("ąčęėįšųūžĄČĘĖĮŠŲŪŽ", "aceeisuuzACEEISUUZ"))
    page.fill("#enter-idea-q", plain)
    page.wait_for_function(
        "t => [...document.querySelectorAll('#enter-idea option')].some(o => o.textContent.startsWith(t))",
        arg=title,
    )
    page.select_option("#enter-idea select[name=idea_id]", label=first.inner_text())
    page.click("#enter-idea button[type=submit]")
    page.wait_for_selector(f".review-form strong:has-text('1. {title}')")


def test_participation_shows_residents_and_the_diaspora(page):
    page.goto("/#/ideas/participation")
    page.wait_for_selector("#participation-totals")
    page.select_option("#participation-municipality", "vilniaus-m")
    page.wait_for_function("() => location.hash.includes('municipality=vilniaus-m')")
    page.wait_for_selector("table caption")
    rows = page.locator("table").first.inner_text()
    assert "Kraštietis" in rows and "Gyvena Lietuvoje" in rows
    assert int(page.locator("#participation-totals dd").first.inner_text()) > 0
