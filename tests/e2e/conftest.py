"""Browser tests: the real frontend, served by the real API on a fresh demo database, in Chromium.

Debian's Chromium is used (no browser download): set LANGELIS_CHROMIUM to use another binary.
Without it the tests skip, unless LANGELIS_REQUIRE_BROWSER=1 (CI), where a skip is a failure.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REQUIRE_BROWSER, TEST_SECRET, free_port

CHROMIUM = os.environ.get("LANGELIS_CHROMIUM", "/usr/bin/chromium")
DEMO_PASSWORD = "Langelis-demo-2026"


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from api import registry
    from api.core.config import Settings
    from api.main import create_app
    from tests.conftest import run_migrations

    url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'e2e.db'}"
    run_migrations(url)
    settings = Settings(
        _env_file=None,
        database_url=url,
        secret_key=TEST_SECRET,
        demo=True,
        serve_frontend=True,
        log_level="WARNING",
        login_rate_limit=10_000,
        register_rate_limit=10_000,
    )
    app = create_app(settings)
    with app.state.session_factory() as session:
        registry.seed(session, demo=True)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)  # waiting for the server thread to bind, not pacing the test
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        if REQUIRE_BROWSER:
            pytest.fail(f"Chromium not found at {CHROMIUM} and LANGELIS_REQUIRE_BROWSER=1")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server, locale="lt-LT", accept_downloads=True)
    context.set_default_timeout(15_000)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.goto("/")
    pg.wait_for_selector("html[data-ready=true]")
    yield pg
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def api_headers(page: Any, email: str, password: str = DEMO_PASSWORD) -> dict[str, str]:
    """An Authorization header for calling the API beside the browser (setting up a case)."""
    form = {"grant_type": "password", "username": email, "password": password}
    answer = page.request.post("/api/v1/auth/token", form=form)
    assert answer.ok, answer.text()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def login(page: Any, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/#/login")
    page.wait_for_selector("input[name=username]")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_selector("#logout-button")
