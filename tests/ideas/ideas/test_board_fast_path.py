"""The ideas board answers exactly what the ORM path answered: ``reference_board`` loads ``Idea``
instances and validates each through ``IdeaRead`` (the OpenAPI model), the board builds plain dicts
from Core rows; the JSON must be the same for every filter, sort, language and caller, page after
page, on both databases."""

from __future__ import annotations

from typing import Any

import pytest

from api.core.actor import ANONYMOUS, Actor
from api.core.i18n import Locale
from api.core.pagination import PageParams
from api.ideas.ideas import board
from api.ideas.ideas.schemas import IdeaList
from tests.directory.conftest import actor_of

V = "/api/v1"


def reference_board(
    session: Any, *, actor: Actor, locale: Locale, params: PageParams, sort: str, filters: board.IdeaFilters
) -> dict[str, Any]:
    rows, next_cursor = board.list_ideas(session, actor=actor, params=params, sort=sort, filters=filters)
    ctx = board.with_statuses(session, board.viewer_context(session, actor, rows), rows, locale)
    items = [board.to_read(session, i, actor, locale, ctx) for i in rows]
    return IdeaList(items=items, next_cursor=next_cursor).model_dump(mode="json")


@pytest.fixture
def ideas(client, auth, base, make_idea, people) -> dict[str, Any]:
    """Ideas in one municipality with votes, a follow, a diaspora author and a draft."""
    made = [
        make_idea(municipality="akmenes-r", title={"lt": "Suoliukai", "en": "Benches", "uk": "Лавки"}),
        make_idea(municipality="akmenes-r", category="environment", title={"lt": "Medžiai"}),
        make_idea(base.diaspora, municipality="akmenes-r", title={"en": "Library hours"}),
        make_idea(municipality="akmenes-r", publish=False, title={"lt": "Juodraštis"}),
        make_idea(municipality="akmenes-r", latitude=56.24, longitude=22.75, place="Parkas"),
    ]
    for voter in people(2):
        assert client.put(f"{V}/ideas/{made[0]['id']}/vote", headers=auth.headers(voter)).status_code == 201
    follow = client.put(f"{V}/ideas/{made[1]['id']}/follow", headers=auth.headers(base.resident))
    assert follow.status_code in (200, 201, 204)
    return {"ideas": made}


CASES: list[tuple[dict[str, Any], board.IdeaFilters]] = [
    ({}, board.IdeaFilters(municipality="akmenes-r")),
    ({"category": "environment"}, board.IdeaFilters(municipality="akmenes-r", category=["environment"])),
    ({"state": "published"}, board.IdeaFilters(municipality="akmenes-r", state=["published"])),
    ({"residence": "diaspora"}, board.IdeaFilters(municipality="akmenes-r", residence="diaspora")),
    ({"q": "suoliuk"}, board.IdeaFilters(municipality="akmenes-r", q="suoliuk")),
    ({"mine": "true"}, board.IdeaFilters(municipality="akmenes-r", mine=True)),
    ({"following": "true"}, board.IdeaFilters(municipality="akmenes-r", following=True)),
]
SORTS = ["-published_at", "published_at", "-vote_count", "vote_count", "-comment_count", "-answered_at"]


def _compare(
    client, db, *, query: dict[str, Any], filters: board.IdeaFilters, actor: Actor, headers: Any
) -> int:
    locale = Locale(lang=query.get("lang", "lt"), all_translations=query.get("translations") == "all")
    sort = query.get("sort", "-published_at")
    cursor, seen = None, 0
    while True:
        params = {"municipality": "akmenes-r", **query, "limit": 2, **({"cursor": cursor} if cursor else {})}
        answer = client.get(f"{V}/ideas", params=params, headers=headers)
        assert answer.status_code == 200, answer.text
        expected = reference_board(
            db, actor=actor, locale=locale, params=PageParams(2, cursor), sort=sort, filters=filters
        )
        assert answer.json() == expected, query
        seen += len(expected["items"])
        cursor = expected["next_cursor"]
        if cursor is None:
            return seen


@pytest.mark.parametrize("who", ["anonymous", "resident"])
def test_every_filter_answers_what_the_orm_path_answered(client, db, auth, base, ideas, who) -> None:
    actor, headers = (
        (ANONYMOUS, None) if who == "anonymous" else (actor_of(base.resident), auth.headers(base.resident))
    )
    seen = 0
    for query, filters in CASES:
        if who == "anonymous" and (filters.mine or filters.following):
            continue
        seen += _compare(client, db, query=query, filters=filters, actor=actor, headers=headers)
    assert seen >= 4


@pytest.mark.parametrize("sort", SORTS)
def test_every_sort_and_language_answers_the_same(client, db, auth, base, ideas, sort) -> None:
    for lang in ({"lang": "en"}, {"lang": "uk", "translations": "all"}):
        query = {"sort": sort, **lang}
        _compare(
            client,
            db,
            query=query,
            filters=board.IdeaFilters(municipality="akmenes-r"),
            actor=ANONYMOUS,
            headers=None,
        )


def test_the_fast_encoder_writes_what_pydantic_writes(client, ideas) -> None:
    answer = client.get(f"{V}/ideas", params={"municipality": "akmenes-r"})
    assert answer.content.decode() == IdeaList.model_validate(answer.json()).model_dump_json()
