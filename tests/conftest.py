"""Test infrastructure shared by every domain.

* One fresh database per run, built by the migrations (SQLite file by default; PostgreSQL when
  ``LANGELIS_TEST_DATABASE_URL`` is set: a new database is created beside it and dropped after).
* Base data (municipalities from the migration; users of every role in two municipalities, their
  organisations and machine clients) is committed once per run.
* Each test runs in a transaction that is rolled back: the app's sessions join it via savepoints.
* Tokens are real JWTs minted for the base users (``auth.headers(base.coordinator)``).
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

TEST_SECRET = "test-secret-key-for-the-langelis-test-suite-000000"
REQUIRE_PG = os.environ.get("LANGELIS_REQUIRE_PG") == "1"
REQUIRE_BROWSER = os.environ.get("LANGELIS_REQUIRE_BROWSER") == "1"

os.environ.setdefault("LANGELIS_SECRET_KEY", TEST_SECRET)
os.environ.setdefault("LANGELIS_LOG_LEVEL", "WARNING")


def _worker_suffix() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main") + "_" + uuid.uuid4().hex[:8]


@dataclass
class TestDatabase:
    url: str
    dialect: str
    cleanup: Any = None


def free_port() -> int:
    """A port nobody listens on, for a real server started by a test."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def create_database(directory: Path, prefix: str = "langelis_test") -> TestDatabase:
    """A fresh, empty database of the dialect under test: a SQLite file in ``directory`` or a new
    PostgreSQL database (``cleanup`` drops it)."""
    wanted = os.environ.get("LANGELIS_TEST_DATABASE_URL", "sqlite")
    if wanted == "sqlite" or wanted.startswith("sqlite"):
        return TestDatabase(url=f"sqlite:///{directory / 'langelis-test.db'}", dialect="sqlite")
    url = make_url(wanted.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"{prefix}_{_worker_suffix()}"
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        if REQUIRE_PG:
            raise
        pytest.skip(f"PostgreSQL not reachable: {exc}")

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(
                sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()

    return TestDatabase(
        url=url.set(database=name).render_as_string(hide_password=False), dialect="postgresql", cleanup=drop
    )


@pytest.fixture(scope="session")
def test_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestDatabase]:
    db = create_database(tmp_path_factory.mktemp("db"))
    yield db
    if db.cleanup:
        db.cleanup()


@pytest.fixture(scope="session")
def settings(test_database: TestDatabase) -> Any:
    from api.core.config import Settings

    return Settings(
        environment="test",
        demo=False,
        database_url=test_database.url,
        secret_key=TEST_SECRET,
        login_rate_limit=10_000,
        register_rate_limit=10_000,
        log_level="WARNING",
    )


def run_migrations(url: str, target: str = "heads", *, downgrade: bool = False) -> None:
    from api.cli import migrate

    migrate(target, downgrade=downgrade, url=url)


@pytest.fixture(scope="session")
def engine(settings: Any, test_database: TestDatabase) -> Iterator[Engine]:
    from api.core.config import get_settings
    from api.core.db import make_engine

    run_migrations(test_database.url)
    # Code that reads settings outside a request (token decoding) must see the test settings.
    get_settings.cache_clear()
    os.environ["LANGELIS_DATABASE_URL"] = test_database.url
    eng = make_engine(test_database.url)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def app(settings: Any, engine: Engine) -> FastAPI:
    from api.main import create_app

    return create_app(settings, engine)


@dataclass
class BaseData:
    """Committed once per run. Attribute names say role and place: ``coordinator`` is Vilnius,
    ``coordinator_kaunas`` is Kaunas; ``provider`` works for ``org`` (Vilnius)."""

    municipality: Any = None
    municipality_kaunas: Any = None
    org: Any = None
    org_kaunas: Any = None
    users: dict[str, Any] = field(default_factory=dict)
    clients: dict[str, Any] = field(default_factory=dict)
    client_secrets: dict[str, str] = field(default_factory=dict)
    password: str = "correct-horse-battery"

    def __getattr__(self, name: str) -> Any:
        users = self.__dict__.get("users", {})
        if name in users:
            return users[name]
        raise AttributeError(name)


@pytest.fixture(scope="session")
def base(engine: Engine) -> BaseData:
    from api.accounts.models import MachineClient, User
    from api.core.db import utcnow
    from api.core.security import hash_password, hash_token
    from api.directory.models import Organization
    from api.municipalities.logic import get_by_slug

    data = BaseData()
    password_hash = hash_password(data.password)
    with Session(engine) as session:
        vilnius = get_by_slug(session, "vilniaus-m")
        kaunas = get_by_slug(session, "kauno-m")
        org = Organization(
            municipality_id=vilnius.id, name={"lt": "Bazinė NVO", "en": "Base NGO"}, kind="ngo"
        )
        org_kaunas = Organization(
            municipality_id=kaunas.id, name={"lt": "Kauno NVO", "en": "Kaunas NGO"}, kind="ngo"
        )
        session.add_all([org, org_kaunas])
        session.flush()
        specs = {
            "admin": ("admin", None, None, "LT", []),
            "coordinator": ("coordinator", vilnius.id, None, "LT", []),
            "coordinator_special": ("coordinator", vilnius.id, None, "LT", ["migrants:special"]),
            "coordinator_kaunas": ("coordinator", kaunas.id, None, "LT", []),
            "provider": ("provider", vilnius.id, org.id, "LT", []),
            "provider_kaunas": ("provider", kaunas.id, org_kaunas.id, "LT", []),
            "analyst": ("analyst", None, None, "LT", []),
            "analyst_vilnius": ("analyst", vilnius.id, None, "LT", []),
            "expert": ("expert", None, None, "GB", []),
            "expert2": ("expert", None, None, "NO", []),
            "resident": ("resident", None, None, "LT", []),
            "resident2": ("resident", None, None, "LT", []),
            "diaspora": ("resident", None, None, "IE", []),
        }
        for key, (role, municipality_id, org_id, country, extra) in specs.items():
            user = User(
                email=f"{key}@base.langelis.lt",
                password_hash=password_hash,
                role=role,
                municipality_id=municipality_id,
                organization_id=org_id,
                display_name=f"Base {key.replace('_', ' ').title()}",
                country=country,
                extra_scopes=extra,
                email_verified_at=utcnow(),
            )
            session.add(user)
            data.users[key] = user
        client_specs = {
            "intake_vilnius": (vilnius.id, None, ["migrants:intake"]),
            "intake_kaunas": (kaunas.id, None, ["migrants:intake"]),
            "ngo_sync": (vilnius.id, org.id, ["directory:write", "referrals:inbox"]),
            "stats": (None, None, ["indicators:read", "indicators:write"]),
        }
        for key, (municipality_id, org_id, scopes) in client_specs.items():
            secret = f"secret-{key}-" + "s" * 20
            client = MachineClient(
                client_id=f"lgc_test_{key}",
                secret_hash=hash_token(secret),
                name=f"Test client {key}",
                municipality_id=municipality_id or vilnius.id,
                organization_id=org_id,
                scopes=scopes,
            )
            session.add(client)
            data.clients[key] = client
            data.client_secrets[key] = secret
        session.commit()
        for obj in [vilnius, kaunas, org, org_kaunas, *data.users.values(), *data.clients.values()]:
            session.refresh(obj)
            session.expunge(obj)
        data.municipality, data.municipality_kaunas = vilnius, kaunas
        data.org, data.org_kaunas = org, org_kaunas
    return data


class Auth:
    """Mints real access tokens for test accounts."""

    def __init__(self, settings: Any) -> None:
        self.settings = settings

    def token(self, who: Any, scopes: list[str] | None = None) -> str:
        from api.accounts.models import MachineClient
        from api.accounts.scopes import allowed_scopes
        from api.core.security import encode_token

        if isinstance(who, MachineClient):
            subject, granted = f"client:{who.id}", list(who.scopes)
        else:
            subject, granted = f"user:{who.id}", sorted(allowed_scopes(who.role, who.extra_scopes))
        token, _ = encode_token(self.settings, subject=subject, typ="access", scopes=scopes or granted)
        return token

    def headers(self, who: Any, scopes: list[str] | None = None, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(who, scopes)}", **extra}


@pytest.fixture(scope="session")
def auth(settings: Any) -> Auth:
    return Auth(settings)


@pytest.fixture
def db(app: FastAPI, engine: Engine, base: BaseData) -> Iterator[Session]:
    """A session in the test's transaction; the app's sessions join it, and all is rolled back."""
    connection = engine.connect()
    transaction = connection.begin()
    factory = sessionmaker(
        bind=connection,
        class_=Session,
        expire_on_commit=False,
        join_transaction_mode="create_savepoint",
    )
    original = app.state.session_factory, app.state.read_session_factory
    # Reads too (autocommit on PostgreSQL in production: tests/core/test_read_sessions.py).
    app.state.session_factory = app.state.read_session_factory = factory
    session = factory()
    try:
        yield session
    finally:
        session.close()
        app.state.session_factory, app.state.read_session_factory = original
        transaction.rollback()
        connection.close()


@pytest.fixture(scope="session")
def _client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def client(_client: TestClient, db: Session) -> TestClient:
    _client.cookies.clear()
    return _client


@pytest.fixture
def dialect(test_database: TestDatabase) -> str:
    return test_database.dialect


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI (LANGELIS_FAIL_ON_SKIP=1) a skipped test is a failure: nothing may skip silently."""
    if os.environ.get("LANGELIS_FAIL_ON_SKIP") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"LANGELIS_FAIL_ON_SKIP: {len(skipped)} test(s) skipped", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def _rate_limits_in_one_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rate limits compare a sliding-window estimate that changes with time (the previous window's
    count weighs less as the current one goes on), so a test counting attempts would see its count
    depend on the moment it ran. In tests the rate limits' clock stands still, one second into a
    window of every size up to half a day; everything else keeps the real time."""
    import time

    from api.core import ratelimit

    day = 86_400
    pinned = time.time() // day * day + day / 2 + 1
    monkeypatch.setattr(ratelimit, "clock", lambda: pinned)
