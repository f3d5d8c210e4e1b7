"""directory: the languages a service is given in beside those help is available in; evening slots

Existing services: a Lithuanian course (category ``language`` and below) is given in Lithuanian;
other services said only which languages help is available in, so their new list starts empty.
``evening_mask`` is computed from each service's weekly times.

Revision ID: directory_0004
Revises: directory_0002
Create Date: 2026-12-05 11:07:00
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import api.core.db

revision: str = "directory_0004"
down_revision: str | Sequence[str] | None = "directory_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BITS = {day: 1 << (day - 1) for day in range(1, 8)}


def _evening_mask(schedule: list[dict[str, object]]) -> int:
    mask = 0
    for slot in schedule or []:
        day, closes = slot.get("weekday"), slot.get("closes")
        if isinstance(day, int) and day in _BITS and isinstance(closes, str) and closes >= "18:00":
            mask |= _BITS[day]
    return mask


def _loads(value: object) -> list[object]:
    if isinstance(value, str):
        value = json.loads(value)
    return list(value or [])  # type: ignore[call-overload]


def upgrade() -> None:
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("provided_languages", api.core.db.JSONType, nullable=False, server_default="[]")
        )
        batch_op.add_column(
            sa.Column(
                "provided_keys",
                sqlmodel.sql.sqltypes.AutoString(length=200),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(sa.Column("evening_mask", sa.Integer(), nullable=False, server_default="0"))

    bind = op.get_bind()
    services = sa.table(
        "services",
        sa.column("id"),
        sa.column("categories"),
        sa.column("schedule"),
        sa.column("language_keys"),
        sa.column("provided_languages", api.core.db.JSONType),
        sa.column("provided_keys"),
        sa.column("evening_mask"),
    )
    rows = bind.execute(
        sa.select(services.c.id, services.c.categories, services.c.schedule, services.c.language_keys)
    ).all()
    for row in rows:
        categories = [str(c) for c in _loads(row.categories)]
        course = any(c == "language" or c.startswith("language.") for c in categories)
        evenings = _evening_mask(_loads(row.schedule))  # type: ignore[arg-type]
        if not course and not evenings:
            continue
        values: dict[str, object] = {"evening_mask": evenings}
        if course:
            keys = row.language_keys or ""
            values |= {
                "provided_languages": ["lt"],
                "provided_keys": "|lt|",
                "language_keys": keys if "|lt|" in keys else (keys or "|") + "lt|",
            }
        bind.execute(sa.update(services).where(services.c.id == row.id).values(**values))


def downgrade() -> None:
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.drop_column("evening_mask")
        batch_op.drop_column("provided_keys")
        batch_op.drop_column("provided_languages")
