"""A partner's endpoint for the webhooks tests: a real HTTP server on a free port that records
what it receives and answers with the statuses it is told to."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.conftest import free_port
from tests.directory.conftest import make_org, make_service  # noqa: F401 - fixtures
from tests.migrants.conftest import register, service  # noqa: F401 - fixtures


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    url: str
    received: list[Received] = field(default_factory=list)
    # Statuses to answer, in order; then 204.
    answers: list[int] = field(default_factory=list)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    port = free_port()
    state = Receiver(url=f"http://127.0.0.1:{port}/hook")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            state.received.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(state.answers.pop(0) if state.answers else 204)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def allow_private(settings, monkeypatch) -> None:
    """The test endpoints live on 127.0.0.1 over plain HTTP (LANGELIS_WEBHOOKS_ALLOW_PRIVATE)."""
    monkeypatch.setattr(settings, "webhooks_allow_private", True)


@pytest.fixture
def subscribe(client, auth, base):
    def make(
        who: Any = None,
        types: list[str] | None = None,
        url: str = "https://partner.example.org/hook",
        **extra: Any,
    ) -> dict:
        body = {"url": url, "event_types": types or ["service.created"], **extra}
        r = client.post("/api/v1/webhooks", json=body, headers=auth.headers(who or base.coordinator))
        assert r.status_code == 201, r.text
        return r.json()

    return make


@pytest.fixture
def send(app):
    """Send what is due, as the background job does, through the test's transaction (with the
    app's settings: its keys decrypt the signing secrets)."""
    from api.webhooks.delivery import run

    def go(**kwargs: Any) -> dict[str, int]:
        kwargs.setdefault("settings", app.state.settings)
        return run(app.state.session_factory, allow_private=True, **kwargs)

    return go
