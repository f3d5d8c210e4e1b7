from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[2]


def test_cors_allows_configured_origins_only(settings, engine):
    from api.main import create_app

    app = create_app(settings.model_copy(update={"cors_origins": ["https://langelis.vilnius.lt"]}), engine)
    with TestClient(app) as c:
        ok = c.options(
            "/api/v1/municipalities",
            headers={"Origin": "https://langelis.vilnius.lt", "Access-Control-Request-Method": "GET"},
        )
        assert ok.headers["access-control-allow-origin"] == "https://langelis.vilnius.lt"
        bad = c.options(
            "/api/v1/municipalities",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
        )
        assert "access-control-allow-origin" not in bad.headers
        simple = c.get("/healthz", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in simple.headers


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own CLI with fixed arguments
        [sys.executable, "-m", "api.cli", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cli_migrate_seed_and_create_admin(tmp_path):
    env = {"LANGELIS_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "LANGELIS_SECRET_KEY": "k" * 40}
    assert _cli("migrate", env=env).returncode == 0
    refused = _cli("seed", "--demo", env=env)
    assert refused.returncode == 2 and "demo mode" in refused.stdout
    made = _cli(
        "create-admin", "--email", "Root@Savivaldybe.lt", "--password", "a-very-long-password", env=env
    )
    assert made.returncode == 0, made.stderr
    assert "root@savivaldybe.lt" in made.stdout
    short = _cli("create-admin", "--email", "x@y.lt", "--password", "short", env=env)
    assert short.returncode == 2


def test_cli_refuses_to_start_without_secret(tmp_path):
    env = {
        "LANGELIS_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
        "LANGELIS_SECRET_KEY": "",
        "LANGELIS_DEMO": "false",
    }
    result = _cli("create-admin", "--email", "a@b.lt", "--password", "long-enough-pass", env=env)
    assert result.returncode != 0
    assert "LANGELIS_SECRET_KEY is required" in result.stderr


def test_openapi_check_command():
    result = _cli("openapi", "--check", env={})
    assert result.returncode == 0, result.stderr
