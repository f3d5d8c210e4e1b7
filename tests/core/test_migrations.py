"""Migrations build the schema the models describe, on both databases, and come down cleanly."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from api import registry
from api.core.db import in_models
from tests.conftest import run_migrations


def _diff(engine) -> list:
    registry.import_models()
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "render_as_batch": conn.dialect.name == "sqlite",
                "include_name": in_models,
            },
        )
        return compare_metadata(ctx, SQLModel.metadata)


def test_models_and_migrations_agree(engine):
    diff = _diff(engine)
    assert diff == [], f"models and migrations disagree: {diff}"


def test_downgrade_to_base_and_back(tmp_path, test_database):
    from api.core.db import make_engine

    if test_database.dialect == "sqlite":
        url = f"sqlite:///{tmp_path / 'roundtrip.db'}"
        run_migrations(url)
        run_migrations(url, "base", downgrade=True)
        eng = make_engine(url)
        tables = set(sa.inspect(eng).get_table_names()) - {"alembic_version"}
        assert tables == set()
        run_migrations(url)
        with eng.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM municipalities")).scalar() == 60
        eng.dispose()
    else:
        # A second PostgreSQL database for the round trip.
        import uuid

        from sqlalchemy.engine import make_url

        base_url = make_url(test_database.url)
        name = f"langelis_rt_{uuid.uuid4().hex[:8]}"
        admin = sa.create_engine(base_url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        url = base_url.set(database=name).render_as_string(hide_password=False)
        try:
            run_migrations(url)
            run_migrations(url, "base", downgrade=True)
            eng = make_engine(url)
            assert set(sa.inspect(eng).get_table_names()) - {"alembic_version"} == set()
            run_migrations(url)
            assert _diff(eng) == []
            eng.dispose()
        finally:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def test_audit_log_is_append_only_in_the_database(db):
    import uuid

    import pytest

    from api.core.models import AuditEntry

    entry = AuditEntry(actor_kind="user", action="read", record_type="test", record_id=str(uuid.uuid4()))
    db.add(entry)
    db.flush()
    with pytest.raises(sa.exc.DatabaseError), db.begin_nested():
        db.execute(sa.update(AuditEntry).where(AuditEntry.id == entry.id).values(action="changed"))
    with pytest.raises(sa.exc.DatabaseError), db.begin_nested():
        db.execute(sa.delete(AuditEntry).where(AuditEntry.id == entry.id))
