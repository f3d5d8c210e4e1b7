"""webhooks: signing secrets encrypted at rest

The secret column grows from 100 to 400 characters ("enc:v1:" + a Fernet token is about 150) and
every clear secret is encrypted in place with the key derived from the settings of the
environment (``LANGELIS_SECRET_KEY``, else ``LANGELIS_JWT_PRIVATE_KEY``: run it with the app's
own). The downgrade decrypts them back (with the current or a previous key) and narrows the
column; it stops, changing nothing, when a secret no configured key decrypts.

SQLite rebuilds the table to change a column's type, and cannot drop the old one while delivery
rows point at it with foreign keys enforced (the pragma cannot be switched off inside the
migration's transaction): the rows are set aside, the empty table is rebuilt and the rows go back,
with the foreign keys checked at commit (``defer_foreign_keys``).

Revision ID: webhooks_0003
Revises: webhooks_0002
Create Date: 2026-12-06 03:00:00
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
import sqlmodel
from alembic import op

from api.core.config import get_settings
from api.webhooks import secrets_at_rest

revision: str = "webhooks_0003"
down_revision: str | Sequence[str] | None = "webhooks_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_subscriptions = sa.table("webhook_subscriptions", sa.column("id", sa.Uuid()), sa.column("secret"))


def encrypt_clear(bind: sa.Connection, settings: Any) -> int:
    """Encrypt every secret still in clear with the current key; how many."""
    rows = bind.execute(sa.select(_subscriptions.c.id, _subscriptions.c.secret)).all()
    done = 0
    for row in rows:
        if row.secret.startswith(secrets_at_rest.ENCRYPTED):
            continue
        sealed = secrets_at_rest.seal(settings, row.secret)
        bind.execute(sa.update(_subscriptions).where(_subscriptions.c.id == row.id).values(secret=sealed))
        done += 1
    return done


def decrypt_all(bind: sa.Connection, settings: Any) -> int:
    """Every encrypted secret back in clear; how many. Raises before writing anything when one
    cannot be decrypted."""
    rows = bind.execute(sa.select(_subscriptions.c.id, _subscriptions.c.secret)).all()
    clear: dict[Any, str] = {}
    failed = []
    for row in rows:
        if not row.secret.startswith(secrets_at_rest.ENCRYPTED):
            continue
        try:
            clear[row.id] = secrets_at_rest.reveal(settings, row.secret)
        except secrets_at_rest.UndecryptableSecret:
            failed.append(str(row.id))
    if failed:
        raise RuntimeError(
            "cannot downgrade webhooks_0003: the signing secrets of subscriptions "
            f"{', '.join(failed)} cannot be decrypted with the configured keys "
            "(set LANGELIS_PREVIOUS_SECRET_KEYS, or rotate or delete those subscriptions)"
        )
    for sub_id, secret in clear.items():
        bind.execute(sa.update(_subscriptions).where(_subscriptions.c.id == sub_id).values(secret=secret))
    return len(clear)


def _secret_length(old: int, new: int) -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        # The rebuild drops the old table: with foreign keys enforced, not while deliveries point
        # at its rows. Empty it first (the deliveries' references are checked at commit, when the
        # rows are back), rebuild, put the rows back.
        deferred = bind.exec_driver_sql("PRAGMA defer_foreign_keys").scalar()
        bind.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
        bind.exec_driver_sql("DROP TABLE IF EXISTS _webhooks_0003_subscriptions")
        bind.exec_driver_sql(
            "CREATE TEMP TABLE _webhooks_0003_subscriptions AS SELECT * FROM webhook_subscriptions"
        )
        bind.exec_driver_sql("DELETE FROM webhook_subscriptions")
    with op.batch_alter_table("webhook_subscriptions", schema=None) as batch_op:
        batch_op.alter_column(
            "secret",
            existing_type=sqlmodel.sql.sqltypes.AutoString(length=old),
            type_=sqlmodel.sql.sqltypes.AutoString(length=new),
            existing_nullable=False,
        )
    if sqlite:
        names = [c["name"] for c in sa.inspect(bind).get_columns("webhook_subscriptions")]
        target = sa.table("webhook_subscriptions", *(sa.column(n) for n in names))
        stash = sa.table("_webhooks_0003_subscriptions", *(sa.column(n) for n in names))
        bind.execute(sa.insert(target).from_select(names, sa.select(*stash.c)))
        bind.exec_driver_sql("DROP TABLE _webhooks_0003_subscriptions")
        # Nothing is left pending: the later migrations of the run check their keys at once again.
        bind.exec_driver_sql(f"PRAGMA defer_foreign_keys={'ON' if deferred else 'OFF'}")


def upgrade() -> None:
    _secret_length(100, 400)
    bind = op.get_bind()
    if bind.execute(sa.select(sa.func.count()).select_from(_subscriptions)).scalar_one():
        encrypt_clear(bind, get_settings())


def downgrade() -> None:
    bind = op.get_bind()
    if bind.execute(sa.select(sa.func.count()).select_from(_subscriptions)).scalar_one():
        decrypt_all(bind, get_settings())
    _secret_length(400, 100)
