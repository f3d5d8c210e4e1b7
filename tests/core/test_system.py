from __future__ import annotations

import sqlalchemy as sa
from fastapi.testclient import TestClient


def test_healthz(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_readyz(client):
    assert client.get("/readyz").json() == {"status": "ready"}


def test_api_index_links(client):
    body = client.get("/api/v1").json()
    assert body["version"]
    assert body["links"]["municipalities"].endswith("/api/v1/municipalities")
    assert body["links"]["token"].endswith("/api/v1/auth/token")


def _app_with_dead_database(settings):
    from api.core.db import make_engine
    from api.main import create_app

    dead = settings.model_copy(update={"database_url": "postgresql://nobody@127.0.0.1:1/none"})
    return create_app(dead, make_engine(dead.database_url))


def test_database_down_is_503_with_retry_after(settings):
    with TestClient(_app_with_dead_database(settings), raise_server_exceptions=False) as c:
        r = c.get("/readyz")
        assert r.status_code == 503
        assert r.headers["retry-after"]
        r = c.get("/api/v1/municipalities/vilniaus-m")
        assert r.status_code == 503
        assert r.headers["retry-after"] == "5"
        assert r.headers["content-type"].startswith("application/problem+json")
        assert c.get("/healthz").status_code == 200


def test_secret_required_outside_demo():
    import pytest
    from pydantic import ValidationError

    from api.core.config import Settings

    with pytest.raises(ValidationError, match="LANGELIS_SECRET_KEY is required"):
        Settings(_env_file=None, secret_key=None, demo=False)
    with pytest.raises(ValidationError, match="at least 32"):
        Settings(_env_file=None, secret_key="short", demo=False)
    demo = Settings(_env_file=None, secret_key=None, demo=True)
    assert demo.secret_key


def test_constraint_naming_convention(engine):
    inspector = sa.inspect(engine)
    fks = inspector.get_foreign_keys("users")
    assert {fk["name"] for fk in fks} >= {"fk_users_municipality_id_municipalities"}
