"""The server's workers freeze their start-up heap (api.asgi): full garbage collections then skip
the ~370,000 long-lived objects instead of walking them every few requests."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import TEST_SECRET

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import gc
    from fastapi.testclient import TestClient
    import api.asgi as entry

    assert entry.freeze_startup_heap in entry.app.router.on_startup
    before = gc.get_freeze_count()
    with TestClient(entry.app) as client:
        assert client.get("/healthz").status_code == 200
        after = gc.get_freeze_count()
        garbage = [[]]
        garbage[0].append(garbage)  # a cycle made after start-up is still collected
        del garbage
        print(before, after, gc.collect())
    """
)


def test_a_server_worker_freezes_what_it_holds_after_start_up(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "LANGELIS_DATABASE_URL": f"sqlite:///{tmp_path / 'freeze.db'}",
        "LANGELIS_SECRET_KEY": TEST_SECRET,
    }
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    before, after, collected = (int(x) for x in out.stdout.split())
    assert before == 0
    assert after > 100_000  # the routes, models and tables of every domain
    assert collected >= 1
