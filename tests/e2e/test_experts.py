"""Experts in the browser: an expert registers and fills the profile; a coordinator finds them,
invites them and reads their answer. Also the public showcase and the requester's board."""

from __future__ import annotations

import re
import uuid

from tests.e2e.conftest import login


def logout(page):
    page.click("#logout-button")
    page.wait_for_selector("#login-link")


def test_expert_registers_fills_profile_and_answers_a_coordinator(page):
    marker = "kvantinefotonika" + uuid.uuid4().hex[:6]
    email = f"ekspertas.{uuid.uuid4().hex[:8]}@test.langelis.lt"
    # Register as an expert; demo mode shows the confirmation link.
    page.goto("/#/register")
    page.fill("input[name=display_name]", "Eglė Fotonikė")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", "labai-slaptas-123")
    page.select_option("select[name=country]", "NO")
    page.check("input[name=role][value=expert]")
    page.click("form button[type=submit]")
    page.click("#demo-confirm-link")
    page.wait_for_selector(".notice")
    login(page, email, "labai-slaptas-123")

    # Fill the profile.
    page.goto("/#/experts/me")
    page.wait_for_selector("form.profile-form")
    page.fill("input[name=headline]", "Fotonikos mokslininkė Osle")
    page.check("#home-municipalities input[value=vilniaus-m]")
    page.fill("#home-municipalities .check-filter", "Šiaul")
    page.check("#home-municipalities input[value=siauliu-m]")
    page.select_option("select[name=country]", "NO")
    page.fill("input[name=city]", "Oslo")
    page.fill("textarea[name='bio.lt']", "Tiriu šviesą ir lazerius Oslo universitete.")
    page.fill("textarea[name='help_topics.en']", f"Science camps for pupils, {marker}")
    page.check("input[name=competences][value=research_academia]")
    page.check("input[name=competences][value=education_teaching]")
    page.click("text=Pridėti kalbą")
    page.locator("select[name=lang_code]").nth(1).select_option("en")
    page.locator("select[name=lang_level]").nth(1).select_option("C1")
    page.fill("input[name=hours_per_month]", "6")
    page.check("input[name=ways][value=workshop]")
    page.fill("input[name=contact_phone]", "+47 22 00 00 00")
    page.check("input[name=contact_consent]")
    page.click("form.profile-form button[type=submit]")
    page.wait_for_selector("#profile-status")
    assert "Eglė Fotonikė" in page.locator("input[name=display_name]").input_value()
    logout(page)

    # A coordinator finds her, opens the card (contact details shown: staff, consent) and invites her.
    login(page, "koordinatore.vilnius@demo.langelis.lt")
    page.goto(f"/#/experts?q={marker}")
    card = page.locator(".expert-card", has_text="Eglė Fotonikė")
    card.wait_for()
    card.locator("details.reasons summary").click()
    assert marker in card.locator("details.reasons").inner_text()
    card.locator("h3 a").click()
    page.wait_for_selector("#invite-form")
    assert "+47 22 00 00 00" in page.locator(".expert-card").inner_text()
    page.fill("#invite-form textarea[name=message]", "Labai lauktume jūsų patarimo!")
    page.click("#invite-form button[type=submit]")
    page.wait_for_selector("#invite-done")
    request_title = page.locator("#invite-done a").get_attribute("href")
    assert request_title and request_title.startswith("#/expert-requests/")
    logout(page)

    # The expert sees the invitation and answers it.
    login(page, email, "labai-slaptas-123")
    page.goto("/#/experts/inbox")
    invitation = page.locator("li.invitation", has_text="Labai lauktume jūsų patarimo!")
    invitation.wait_for()
    invitation.locator("details.answer summary").click()
    invitation.locator("textarea[name=text]").fill("Siūlau mokslo stovyklą moksleiviams vasarą.")
    invitation.locator("input[name=hours_spent]").fill("2")
    invitation.locator("form.answer-form button[type=submit]").click()
    page.wait_for_selector("li.invitation .answer-given")
    logout(page)

    # The coordinator reads the answer on the request.
    login(page, "koordinatore.vilnius@demo.langelis.lt")
    page.goto("/" + request_title)
    answer = page.locator("#invitations li.invitation", has_text="Eglė Fotonikė")
    answer.wait_for()
    assert "Siūlau mokslo stovyklą moksleiviams vasarą." in answer.locator(".answer-text").inner_text()
    assert re.search(r"Atsakyta", answer.inner_text())


def test_coordinator_posts_a_request_and_invites_a_proposed_expert(page):
    login(page, "koordinatorius.kaunas@demo.langelis.lt")
    page.goto("/#/expert-requests")
    page.wait_for_selector("#new-request")
    page.fill("#new-request input[name='title.lt']", "Kauno senamiesčio kiemų atgaivinimas")
    page.fill("#new-request textarea[name='question.lt']", "Kokie sprendimai pasiteisino jūsų mieste?")
    page.check("#new-request input[name=competences][value=urban_planning]")
    page.check("#new-request input[name=ways][value=remote_advice]")
    page.click("#new-request button[type=submit]")
    page.wait_for_selector("button[data-move=open]")
    assert "Juodraštis" in page.locator("main").inner_text()
    # The draft is changed through the edit form (If-Match behind it) and the page shows the change.
    page.click("#edit-request-section summary")
    page.fill("#edit-request input[name='title.lt']", "Kauno senamiesčio kiemų ir skverų atgaivinimas")
    page.click("#edit-request button[type=submit]")
    page.wait_for_selector("h1:has-text('kiemų ir skverų')")
    page.click("button[data-move=open]")
    page.wait_for_selector("button[data-move=in_progress]")
    page.wait_for_selector("#proposals .expert-card button")
    first = page.locator("#proposals .expert-card").first
    first.locator("details.reasons summary").click()
    assert "Kompetencija" in first.locator("details.reasons").inner_text()
    name = first.locator("h3 a").inner_text()
    first.locator("button", has_text="Pakviesti").click()
    page.wait_for_selector(f"#invitations li.invitation:has-text('{name}')")
    # Cancelling asks for confirmation and ends the request.
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[data-move=cancelled]")
    page.wait_for_selector("text=Atšauktas")


def test_public_showcase_and_search(page):
    page.goto("/#/experts")
    page.wait_for_selector(".showcase .expert-card")
    assert page.locator(".showcase blockquote.story").count() > 0
    page.select_option("select[name=country]", "NO")
    page.select_option("select[name=language]", "en")
    page.select_option("select[name=min_level]", "C1")
    page.click("form.expert-filters button[type=submit]")
    page.wait_for_selector("#expert-results .expert-card")
    assert "country=NO" in page.evaluate("location.hash")
    cards = page.locator("#expert-results .expert-card")
    assert cards.count() > 0
    text = cards.first.inner_text()
    assert "Norvegija" in text
    cards.first.locator("details.reasons summary").click()
    assert "Šalis" in cards.first.locator("details.reasons").inner_text()
    # The public never sees contact details.
    assert page.locator("#expert-results .contact").count() == 0


def test_demo_expert_sees_invitations_waiting(page):
    login(page, "ekspertas@demo.langelis.lt")
    page.goto("/#/experts/inbox")
    page.wait_for_selector("li.invitation")
    assert page.locator("li.invitation details.answer").count() == 2
    page.goto("/#/experts/me")
    page.wait_for_selector("#profile-status")
    page.click("#confirm-profile")
    page.wait_for_selector("#status:has-text('13')")


def test_coordinator_adds_a_notable_kraštietis_to_the_showcase(page):
    login(page, "koordinatore.siauliai@demo.langelis.lt")
    page.goto("/#/experts?municipality=siauliu-m&sort=name")
    first = page.locator("#expert-results .expert-card").first
    first.wait_for()
    name = first.locator("h3 a").inner_text()
    first.locator("h3 a").click()
    page.wait_for_selector("#showcase-form")
    story = f"Šiaulių pasididžiavimas {uuid.uuid4().hex[:6]}"
    page.fill("#showcase-form textarea[name='story.lt']", story)
    page.click("#showcase-form button[type=submit]")
    page.wait_for_selector(f"blockquote.story:has-text('{story}')")
    page.wait_for_selector("#showcase-remove")
    assert page.locator("#showcase-remove").count() == 1
    page.goto("/#/experts")
    page.wait_for_selector(".showcase .expert-card")
    page.select_option("#showcase-municipality", "siauliu-m")
    page.wait_for_selector(f".showcase blockquote.story:has-text('{story}')")
    assert name in page.locator(".showcase").inner_text()
    # And out again.
    page.locator(".showcase .expert-card", has_text=story).locator("h3 a").click()
    page.click("#showcase-remove")
    page.wait_for_selector("#showcase-remove", state="detached")
    page.wait_for_selector("#showcase-form")
    assert story not in page.locator("main").inner_text()
