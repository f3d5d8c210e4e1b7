"""Helpers for the translation tests: a service created through the API, a fake machine-translation
provider (LibreTranslate- and DeepL-compatible) started by the test itself."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from api.core.config import app_settings

SERVICE = {
    "name": {"lt": "Lietuvių kalbos kursai", "uk": "Курси литовської мови"},
    "description": {"lt": "Kursai suaugusiems vakarais", "en": "Evening courses for adults"},
    "categories": ["language.course"],
    "languages": ["lt", "uk"],
    "level": "A1",
    "format": "hybrid",
}


@pytest.fixture
def service(client, auth, base) -> dict[str, Any]:
    answer = client.post(
        "/api/v1/services",
        json={**SERVICE, "organization_id": str(base.org.id)},
        headers=auth.headers(base.provider),
    )
    assert answer.status_code == 201, answer.text
    return {**answer.json(), "etag": answer.headers["ETag"]}


class FakeProvider:
    """Answers like LibreTranslate (/translate) and DeepL (/v2/translate): '[<target>] <text>'."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.fail = False
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.calls.append(
                    {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
                )
                if outer.fail:
                    self.send_response(500)
                    self.end_headers()
                    return
                if self.path == "/translate":
                    answer = {"translatedText": f"[{body['target']}] {body['q']}"}
                else:
                    answer = {"translations": [{"text": f"[{body['target_lang']}] {body['text'][0]}"}]}
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def provider(app, settings) -> Iterator[Any]:
    """Machine translation switched on against a fake provider; ``use(kind, budget)`` reconfigures."""
    fake = FakeProvider()

    def use(kind: str = "libretranslate", budget: int = 10_000) -> None:
        configured = settings.model_copy(
            update={
                "translation_provider": kind,
                "translation_url": fake.url,
                "translation_api_key": "test-key",
                "translation_monthly_characters": budget,
            }
        )
        app.dependency_overrides[app_settings] = lambda: configured

    use()
    fake.use = use  # type: ignore[attr-defined]
    try:
        yield fake
    finally:
        app.dependency_overrides.pop(app_settings, None)
        fake.close()
