"""A real server for concurrency tests: ``langelis serve`` in a subprocess on a free port, on a
fresh database of the dialect under test (SQLite file or a new PostgreSQL database), with the demo
data. The in-process test client runs one request at a time and would hide locks, pools and queues.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import TEST_SECRET, create_database, free_port

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "Langelis-demo-2026"
COORDINATOR = "koordinatore.vilnius@demo.langelis.lt"
ADMIN = "admin@demo.langelis.lt"
RESIDENT = "gyventoja@demo.langelis.lt"


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.live)


def _fresh_database(tmp: Path) -> tuple[str, Callable[[], None]]:
    db = create_database(tmp, prefix="langelis_live")
    return db.url, db.cleanup or (lambda: None)


@dataclass
class LiveServer:
    url: str
    process: subprocess.Popen[bytes]
    env: dict[str, str]

    def token(self, email: str, password: str = DEMO_PASSWORD) -> str:
        r = httpx.post(
            f"{self.url}/api/v1/auth/token",
            data={"grant_type": "password", "username": email, "password": password},
            timeout=30,
        )
        assert r.status_code == 200, r.text
        return str(r.json()["access_token"])

    def headers(self, email: str, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(email)}", **extra}


def start_server(env: dict[str, str], *args: str) -> tuple[subprocess.Popen[bytes], str]:
    """``langelis serve`` on a free port (``args``: more options, e.g. ``--workers 2``)."""
    port = free_port()
    # The server's log goes to a file (a pipe nobody reads would fill and stall the server).
    log = Path(tempfile.mkdtemp(prefix="langelis-live-")) / "server.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--host", "127.0.0.1", "--port", str(port), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    proc.log_path = log  # type: ignore[attr-defined]
    url = f"http://127.0.0.1:{port}"
    with httpx.Client(timeout=1) as client:
        for _ in range(600):  # polling for the port to open, not pacing a test
            if proc.poll() is not None:
                raise RuntimeError(
                    f"server exited: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}"
                )
            try:
                if client.get(f"{url}/healthz").status_code == 200:
                    return proc, url
            except httpx.TransportError:
                threading.Event().wait(0.05)
    proc.kill()
    raise RuntimeError("the server did not start")


@pytest.fixture(scope="session")
def live_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    from api import registry
    from api.core.db import make_engine, make_session_factory
    from tests.conftest import run_migrations

    url, drop = _fresh_database(tmp_path_factory.mktemp("live"))
    run_migrations(url)
    engine = make_engine(url)
    with make_session_factory(engine)() as session:
        registry.seed(session, demo=True)
        session.commit()
    engine.dispose()
    env = {
        **os.environ,
        "LANGELIS_DATABASE_URL": url,
        "LANGELIS_SECRET_KEY": TEST_SECRET,
        "LANGELIS_DEMO": "true",
        "LANGELIS_LOG_LEVEL": "WARNING",
        "LANGELIS_LOG_JSON": "false",
        "LANGELIS_LOGIN_RATE_LIMIT": "100000",
        "LANGELIS_IDEAS_VOTE_RATE_LIMIT": "100000",
    }
    yield env
    drop()


@pytest.fixture(scope="session")
def live(live_env: dict[str, str]) -> Iterator[LiveServer]:
    proc, url = start_server(live_env)
    yield LiveServer(url=url, process=proc, env=live_env)
    stop_server(proc)


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM, and a kill if it has not stopped within 30 s."""
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


def together(n: int, call: Callable[[int, httpx.Client], httpx.Response]) -> list[httpx.Response | Exception]:
    """Run ``call`` n times in n threads that all start at the same moment (a barrier)."""
    barrier = threading.Barrier(n)

    def run(i: int) -> httpx.Response | Exception:
        with httpx.Client(timeout=60) as client:
            barrier.wait()
            try:
                return call(i, client)
            except httpx.HTTPError as exc:
                return exc

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(run, range(n)))
