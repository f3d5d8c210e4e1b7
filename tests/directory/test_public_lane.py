"""``RememberedPublicPages`` on its own: anonymous askers of a page being computed wait for that one
computation; a signed-in request and a 4xx never come from memory."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import pytest
import sqlalchemy.exc

from api.directory import answers


class Routes:
    """Stands for the app: counts the requests that reach it; each waits until released."""

    def __init__(self, status: int = 200) -> None:
        self.calls = 0
        self.status = status
        self.release = asyncio.Event()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.calls += 1
        await self.release.wait()
        body = b'{"items":[]}'
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _scope(state: Any, headers: list[tuple[bytes, bytes]] | None = None) -> dict[str, Any]:
    return {
        "type": "http",
        "method": "GET",
        "path": "/api/v1/services",
        "query_string": b"q=kursai",
        "scheme": "http",
        "headers": [(b"host", b"example.org"), *(headers or [])],
        "app": SimpleNamespace(state=state),
    }


async def _ask(lane: Any, state: Any, headers: list[tuple[bytes, bytes]] | None = None) -> list[Any]:
    sent: list[Any] = []

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> Any:
        return {"type": "http.request", "body": b""}

    await lane(_scope(state, headers), receive, send)
    return sent


@pytest.fixture
def state(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(answers, "_read_tag", lambda _state: (7, None))
    return SimpleNamespace(settings=SimpleNamespace(directory_cache_mb=1))


async def _together(routes: Routes, lane: Any, state: Any, n: int, **kw: Any) -> list[list[Any]]:
    tasks = [asyncio.ensure_future(_ask(lane, state, **kw)) for _ in range(n)]
    for _ in range(50):  # every task reaches the routes or the flight (no wall-clock wait)
        await asyncio.sleep(0)
    routes.release.set()
    return await asyncio.gather(*tasks)


def test_askers_of_a_page_being_computed_wait_for_it(state):
    routes = Routes()
    lane = answers.RememberedPublicPages(routes)
    sent = asyncio.run(_together(routes, lane, state, 8))
    assert routes.calls == 1
    assert all(s[0]["status"] == 200 and s[1]["body"] == b'{"items":[]}' for s in sent)
    assert asyncio.run(_ask(lane, state))[1]["body"] == b'{"items":[]}' and routes.calls == 1
    assert lane._flights == {}


def test_a_4xx_and_a_signed_in_request_always_reach_the_routes(state):
    routes = Routes(status=422)
    lane = answers.RememberedPublicPages(routes)
    sent = asyncio.run(_together(routes, lane, state, 4))
    assert all(s[0]["status"] == 422 for s in sent)
    assert routes.calls == 4  # the waiters found nothing kept and asked the routes themselves
    signed = Routes()
    lane = answers.RememberedPublicPages(signed)
    signed.release.set()
    for _ in range(3):
        asyncio.run(_ask(lane, state, [(b"authorization", b"Bearer x")]))
    assert signed.calls == 3


def test_a_database_that_cannot_be_read_is_left_to_the_routes(state, monkeypatch):
    """No connection in time: the routes answer (their handlers make the 503 problem+json)."""

    def unreachable(_state: Any) -> Any:
        raise sqlalchemy.exc.TimeoutError("QueuePool limit reached")

    monkeypatch.setattr(answers, "_read_tag", unreachable)
    routes = Routes(status=503)
    routes.release.set()
    lane = answers.RememberedPublicPages(routes)
    for _ in range(2):
        assert asyncio.run(_ask(lane, state))[0]["status"] == 503
    assert routes.calls == 2
