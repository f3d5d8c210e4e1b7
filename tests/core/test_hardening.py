"""Issue 10: the demo key refused outside demo mode, sign-in throttling that cannot lock the owner
out, no secrets replayed by the idempotency layer, an exhausted pool answering 503, and the smaller
items (no-store on clients, Allow on 405, CSP connect-src)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core.config import DEMO_SECRET_KEY, Settings

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct-horse-battery"


# --- item 5: the published demo key ---------------------------------------------------------------


def test_demo_key_is_refused_outside_demo_mode() -> None:
    with pytest.raises(ValueError, match="published demo key"):
        Settings(_env_file=None, secret_key=DEMO_SECRET_KEY, demo=False)
    assert Settings(_env_file=None, secret_key=DEMO_SECRET_KEY, demo=True).demo


def test_server_does_not_start_with_the_demo_key(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "LANGELIS_SECRET_KEY": DEMO_SECRET_KEY,
        "LANGELIS_DEMO": "false",
        "LANGELIS_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
    }
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", "serve", "--port", "9"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert b"published demo key" in done.stderr


# --- item 6: throttling counts failures, per (account, address) ---------------------------------


def _login(client: TestClient, email: str, password: str) -> int:
    r = client.post(
        "/api/v1/auth/token", data={"grant_type": "password", "username": email, "password": password}
    )
    return r.status_code


@pytest.fixture
def tight(settings: Any) -> Any:
    original = settings.login_rate_limit
    settings.login_rate_limit = 3
    yield settings
    settings.login_rate_limit = original


def _from(app: Any, address: str) -> TestClient:
    return TestClient(app, client=(address, 40000))


def test_wrong_passwords_from_elsewhere_do_not_lock_the_owner_out(
    app: Any, db: Any, base: Any, tight: Any
) -> None:
    attacker = _from(app, "203.0.113.7")
    statuses = [_login(attacker, base.coordinator.email, "wrong-password") for _ in range(5)]
    assert statuses[:3] == [400, 400, 400] and statuses[3:] == [429, 429]
    # The attacker's address stays locked out of this account, even with the right password…
    assert _login(attacker, base.coordinator.email, PASSWORD) == 429
    # …but the owner, from an address that has not been failing, gets in.
    assert _login(_from(app, "198.51.100.20"), base.coordinator.email, PASSWORD) == 200


def test_successful_sign_ins_never_count(app: Any, db: Any, base: Any, tight: Any) -> None:
    office = _from(app, "192.0.2.10")
    assert [_login(office, base.analyst.email, PASSWORD) for _ in range(12)] == [200] * 12
    assert _login(office, base.expert.email, PASSWORD) == 200


def test_many_failing_addresses_make_the_account_refuse_failing_ones(
    app: Any, db: Any, base: Any, tight: Any
) -> None:
    # 30 failures (10× the tight limit) from 15 addresses, two each: below the per-pair limit.
    for i in range(15):
        bot = _from(app, f"203.0.113.{i + 20}")
        assert [_login(bot, base.resident.email, "guess") for _ in range(2)] == [400, 400]
    # A failing address is now refused for this account; a clean address still gets in.
    assert _login(_from(app, "203.0.113.20"), base.resident.email, PASSWORD) == 429
    assert _login(_from(app, "198.51.100.99"), base.resident.email, PASSWORD) == 200


def test_one_address_failing_across_accounts_is_refused(app: Any, db: Any, base: Any, tight: Any) -> None:
    stuffer = _from(app, "203.0.113.99")
    codes = [_login(stuffer, f"nobody{i}@example.org", "guess") for i in range(31)]
    assert codes[:30] == [400] * 30 and codes[30] == 429
    assert _login(_from(app, "198.51.100.5"), base.provider.email, PASSWORD) == 200


# --- item 8: tokens are never stored or replayed -------------------------------------------------


def test_token_answers_are_never_replayed(client: TestClient, base: Any) -> None:
    form = {"grant_type": "password", "username": base.resident.email, "password": PASSWORD}
    headers = {"Idempotency-Key": "same-key-for-both"}
    first = client.post("/api/v1/auth/token", data=form, headers=headers)
    second = client.post("/api/v1/auth/token", data=form, headers=headers)
    assert first.status_code == second.status_code == 200
    assert "idempotent-replayed" not in second.headers
    assert first.json()["access_token"] != second.json()["access_token"]
    assert first.headers["cache-control"].startswith("no-store")


def test_client_secrets_are_never_replayed(client: TestClient, db: Any, auth: Any, base: Any) -> None:
    from api.core.models import IdempotencyRecord

    headers = {**auth.headers(base.admin), "Idempotency-Key": "client-secret-key"}
    body = {"name": "Partner CRM", "municipality": "vilniaus-m", "scopes": ["migrants:intake"]}
    first = client.post("/api/v1/clients", json=body, headers=headers)
    assert first.status_code == 201, first.text
    assert "x-langelis-no-replay" not in first.headers
    second = client.post("/api/v1/clients", json=body, headers=headers)
    assert "idempotent-replayed" not in second.headers
    from sqlmodel import select

    stored = db.exec(select(IdempotencyRecord).where(IdempotencyRecord.key == "client-secret-key")).all()
    assert all(first.json()["client_secret"].encode() not in (r.response_body or b"") for r in stored)


# --- item 1: an exhausted pool fails fast ---------------------------------------------------------


def test_exhausted_pool_answers_503_with_retry_after(
    settings: Any, test_database: Any, auth: Any, base: Any
) -> None:
    from api.core.db import make_engine
    from api.main import create_app

    engine = make_engine(test_database.url, pool_size=1, max_overflow=0, pool_timeout=0.2, threads=0)
    app = create_app(settings, engine)
    held = [engine.connect() for _ in range(engine.pool.size())]  # the whole pool
    try:
        with TestClient(app) as c:
            r = c.get("/api/v1/me", headers=auth.headers(base.admin))
            assert r.status_code == 503, r.text
            assert r.headers["retry-after"]
            assert r.headers["content-type"].startswith("application/problem+json")
            assert c.get("/healthz").status_code == 200
    finally:
        for conn in held:
            conn.close()
        engine.dispose()


# --- item 9 ----------------------------------------------------------------------------------------


def test_clients_list_is_not_stored(client: TestClient, auth: Any, base: Any) -> None:
    r = client.get("/api/v1/clients", headers=auth.headers(base.admin))
    assert r.status_code == 200
    assert r.headers["cache-control"] == "no-store"


def test_405_lists_every_method_of_the_path(client: TestClient) -> None:
    r = client.delete("/api/v1/services")
    assert r.status_code == 405
    allowed = {m.strip() for m in r.headers["allow"].split(",")}
    assert {"GET", "POST"} <= allowed
    assert r.headers["content-type"].startswith("application/problem+json")


def test_csp_connect_src_is_the_configured_origins(client: TestClient, settings: Any) -> None:
    csp = client.get("/healthz").headers["content-security-policy"]
    assert "connect-src 'self';" in csp and "*" not in csp.split("connect-src")[1].split(";")[0]
    from api.main import create_app

    other = create_app(settings.model_copy(update={"csp_connect_src": ["https://api.example.lt"]}))
    with TestClient(other) as c:
        assert (
            "connect-src 'self' https://api.example.lt;"
            in c.get("/healthz").headers["content-security-policy"]
        )


def test_unknown_query_parameters_are_refused_not_ignored(client: TestClient, auth: Any, base: Any) -> None:
    for path in (
        "/api/v1/services?municipalty=vilniaus-m",
        "/api/v1/ideas?sort_by=votes",
        "/api/v1/municipalities?x=1",
    ):
        r = client.get(path, headers=auth.headers(base.admin))
        assert r.status_code == 400, (path, r.text)
        assert r.json()["type"].endswith("unknown-parameter")
    assert client.get("/api/v1/services?municipality=vilniaus-m&limit=2").status_code == 200
