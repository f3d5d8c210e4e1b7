"""Casting a vote runs the rate-limit count, the token check and the vote in one worker thread
(``api.ideas.deps.Counted``). Each case here sends a request to that route and the like request, in a
like world (another fresh person, another fresh idea), to the previous one (sync,
``rate_limited("vote")`` + ``Participant`` + ``SessionDep``, mounted for the test), and expects the
same status, JSON and headers."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import APIRouter, Depends, FastAPI, Response, status

from api.core.db import SessionDep
from api.core.http import NoStore
from api.ideas.deps import IdeasSettings, Participant, rate_limited
from api.ideas.votes import logic as votes
from api.ideas.votes.schemas import VoteRead
from tests.ideas.conftest import V

SLOW = "/slow-votes"
HEADERS = ("content-type", "cache-control", "www-authenticate", "retry-after")


def _previous_router() -> APIRouter:
    router = APIRouter(prefix=SLOW, dependencies=[NoStore])

    @router.put("/{idea_id}/vote", response_model=VoteRead, dependencies=[Depends(rate_limited("vote"))])
    def cast_vote(
        idea_id: uuid.UUID, response: Response, session: SessionDep, actor: Participant
    ) -> VoteRead:
        vote, new = votes.cast(session, actor=actor, idea_id=idea_id)
        response.status_code = status.HTTP_201_CREATED if new else status.HTTP_200_OK
        return vote

    return router


@pytest.fixture
def previous(app: FastAPI) -> Iterator[None]:
    """The previous route, mounted beside the current one for the test only."""
    routes, schema = list(app.router.routes), app.openapi_schema
    app.include_router(_previous_router())
    try:
        yield
    finally:
        app.router.routes[:] = routes
        app.openapi_schema = schema


@pytest.fixture
def world(make_idea, people, auth):
    """Two like worlds: a fresh person and a fresh idea of the resident's each, one for each route."""

    def make(**idea: Any) -> list[tuple[Any, dict[str, str], Any]]:
        return [(make_idea(**idea)["id"], auth.headers(person), person) for person in people(2)]

    return make


def put(client: Any, idea_id: Any, headers: dict[str, str], *, previous: bool) -> Any:
    return client.put(f"{SLOW}/{idea_id}/vote" if previous else f"{V}/ideas/{idea_id}/vote", headers=headers)


def _shape(answer: Any, idea_id: Any) -> tuple[int, Any, list[Any]]:
    """Status, body and headers, with the idea's id and the path (``instance``) made neutral."""
    body = answer.json()
    for key, value in body.items():
        if isinstance(value, str):
            body[key] = value.replace(str(idea_id), "IDEA").replace(SLOW, f"{V}/ideas")
    return answer.status_code, body, [answer.headers.get(name) for name in HEADERS]


def same(client: Any, worlds: list[tuple[Any, dict[str, str], Any]], code: int) -> None:
    """The current route in the first world answers what the previous one answers in the second."""
    (fast_idea, fast_headers, _), (slow_idea, slow_headers, _) = worlds
    fast = _shape(put(client, fast_idea, fast_headers, previous=False), fast_idea)
    slow = _shape(put(client, slow_idea, slow_headers, previous=True), slow_idea)
    assert fast == slow
    assert fast[0] == code, fast


def test_new_and_repeated_vote_answer_alike(client, world, previous):
    worlds = world()
    same(client, worlds, 201)
    same(client, worlds, 200)


def test_refusals_of_the_caller_answer_alike(client, auth, base, make_idea, previous):
    idea = make_idea()["id"]
    for headers, code in [
        ({}, 401),
        ({"Authorization": "Bearer not-a-token"}, 401),
        (auth.headers(base.resident2, scopes=["ideas:read"]), 403),
        (auth.headers(base.clients["ngo_sync"]), 403),
    ]:
        same(client, [(idea, headers, None), (idea, headers, None)], code)


def test_refusals_of_the_idea_answer_alike(client, base, world, db, previous):
    from api.ideas.models import IdeaBlock

    same(client, world(publish=False), 404)
    same(client, [(uuid.uuid4(), h, p) for _, h, p in world()], 404)
    worlds = world()
    for _, _, person in worlds:
        db.add(IdeaBlock(municipality_id=base.municipality.id, user_id=person.id, reason="test"))
    db.flush()
    same(client, worlds, 403)


def test_own_draft_answers_alike(client, auth, make_idea, people, previous):
    worlds = [(make_idea(p, publish=False)["id"], auth.headers(p), p) for p in people(2)]
    same(client, worlds, 409)


def test_yearly_limit_answers_alike(client, base, world, db, previous):
    from api.ideas.models import IdeaSettings

    db.add(IdeaSettings(municipality_id=base.municipality.id, yearly_vote_limit=1))
    db.flush()
    first = world()
    same(client, first, 201)
    same(client, first, 200)
    others = world()
    same(client, [(others[i][0], h, p) for i, (_, h, p) in enumerate(first)], 409)


def test_rate_limit_answers_alike(app, client, world, previous):
    worlds = world()
    app.state.ideas_settings = IdeasSettings(vote_rate_limit=1, vote_rate_window_seconds=3600)
    try:
        same(client, worlds, 201)
        fast = put(client, worlds[0][0], worlds[0][1], previous=False)
        slow = put(client, worlds[1][0], worlds[1][1], previous=True)
    finally:
        del app.state.ideas_settings
    assert fast.status_code == slow.status_code == 429
    assert _shape(fast, worlds[0][0])[1] == _shape(slow, worlds[1][0])[1]
    assert fast.headers["content-type"] == slow.headers["content-type"] == "application/problem+json"
    assert int(fast.headers["Retry-After"]) >= 1 and int(slow.headers["Retry-After"]) >= 1
