"""Alembic environment: the database URL comes from Langelis settings (or the caller's connection)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import context
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString

from api import registry
from api.core.config import get_settings
from api.core.db import UTCDateTime, in_models, make_engine

registry.import_models()
target_metadata = SQLModel.metadata
config = context.config


def _render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Render our column types by their real import path in generated migrations."""
    if type_ != "type":
        return False
    if isinstance(obj, UTCDateTime):
        autogen_context.imports.add("import api.core.db")
        return "api.core.db.UTCDateTime()"
    if isinstance(obj, sa.JSON):
        autogen_context.imports.add("import api.core.db")
        return "api.core.db.JSONType"
    if isinstance(obj, AutoString):
        return f"sqlmodel.sql.sqltypes.AutoString(length={obj.length})" if obj.length else "sa.Text()"
    return False


def _configure(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        render_item=_render_item,
        include_name=in_models,
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.attributes.get("database_url") or get_settings().database_url
    engine = make_engine(url)
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline (SQL script) migrations are not supported; run them against a database.")
run_migrations_online()
