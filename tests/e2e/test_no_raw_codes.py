"""No raw code reaches a person: every page of the web app (the app's own route table, plus a detail
page of each kind), as each role, in Ukrainian and Russian, is searched for visible text that is a
code — a reference code (legal status, need, category, competence), a municipality slug, a language
code standing alone, snake_case, or a bare "none"/"native"."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import login

ROLES = {
    "anonymous": None,
    "coordinator": "koordinatore.vilnius@demo.langelis.lt",
    "expert": "ekspertas@demo.langelis.lt",
    "analyst": "analitike@demo.langelis.lt",
    "resident": "gyventoja@demo.langelis.lt",
}
CASES = [(role, "uk") for role in ROLES] + [("anonymous", "ru"), ("coordinator", "ru")]
SNAKE = re.compile(r"(?<![\w./@:-])[a-z]+(?:_[a-z0-9]+)+(?![\w./@-])")
SLUG = re.compile(r"(?<![\w./@-])[a-z]+(?:-[a-z]+)*-(?:m|r)(?![\w./@-])")

ROUTES_JS = """async () => {
  const d = await import('./js/domains/index.js');
  const p = await import('./js/pages/index.js');
  const all = [...d.domains.flatMap((m) => m.routes), ...p.corePages];
  return all.map((r) => r.path).filter((path) => !path.includes(':') && !path.includes('login')
    && !path.includes('register') && !path.includes('confirm'));
}"""
LEAVES_JS = """(codes) => {
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('#main'), NodeFilter.SHOW_ELEMENT);
  for (let el = walker.currentNode; el; el = walker.nextNode()) {
    if (el.children.length || !el.offsetParent || ['SCRIPT', 'CODE', 'PRE', 'INPUT', 'TEXTAREA'].includes(el.tagName)) continue;
    const text = (el.textContent || '').trim();
    if (text) out.push(text);
  }
  return out;
}"""


def _codes(page: Any) -> set[str]:
    found: set[str] = set()
    for path in (
        "/api/v1/services/legal-statuses",
        "/api/v1/competences?limit=100",
        "/api/v1/categories?limit=100",
    ):
        answer = page.request.get(path)
        if answer.ok:
            body = answer.json()
            items = body["items"] if isinstance(body, dict) else body
            found |= {item["code"] for item in items if "code" in item}
    return {c for c in found if len(c) > 3}


def _detail_paths(page: Any) -> list[str]:
    """One detail page of each public kind (an event that repeats, where there is one)."""
    paths = []
    for api, route in (
        ("/api/v1/services?limit=1", "/services/{}"),
        ("/api/v1/ideas?limit=1", "/ideas/{}"),
        ("/api/v1/experts?limit=1", "/experts/people/{}"),
        ("/api/v1/budgets?limit=1", "/budgets/{}"),
        ("/api/v1/open-calls?limit=1", "/open-calls/{}"),
    ):
        answer = page.request.get(api)
        if answer.ok and answer.json()["items"]:
            paths.append(route.format(answer.json()["items"][0]["id"]))
    answer = page.request.get("/api/v1/events?limit=50")
    if answer.ok and answer.json()["items"]:
        events = [i["event"] for i in answer.json()["items"]]
        chosen = next((e for e in events if e.get("rrule")), events[0])
        paths.append(f"/events/{chosen['id']}")
    return paths


def _offences(texts: list[str], codes: set[str]) -> set[str]:
    bad = set()
    for text in texts:
        if text in codes or text in ("none", "native") or re.fullmatch(r"[a-z]{2}", text):
            bad.add(text)
        if "FREQ=" in text or text in ("LT", "EN", "RU"):  # a repeat rule's codes, a language code
            bad.add(text)
        bad |= set(SNAKE.findall(text)) | set(SLUG.findall(text))
    return bad


@pytest.mark.parametrize(("role", "lang"), CASES)
def test_no_page_shows_a_raw_code(page: Any, role: str, lang: str) -> None:
    page.evaluate(f"localStorage.setItem('langelis.lang', '{lang}')")
    page.reload()
    page.wait_for_selector(f"html[data-ready=true][lang={lang}]")
    if ROLES[role]:
        login(page, ROLES[role])
    codes = _codes(page)
    found: dict[str, set[str]] = {}
    for path in page.evaluate(ROUTES_JS) + _detail_paths(page):
        page.goto(f"/#{path}")
        page.wait_for_function("() => !document.querySelector('#main').hasAttribute('aria-busy')")
        bad = _offences(page.evaluate(LEAVES_JS, list(codes)), codes)
        if bad:
            found[path] = bad
    assert not found, f"raw codes shown to a {role} in {lang}: {found}"
