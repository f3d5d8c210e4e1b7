"""Observation rows in bulk: look up the stored ones by key, insert new ones (COPY on PostgreSQL)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from psycopg.types.json import JsonbDumper
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Session

from api.indicators.models import Observation

OBS = Observation.__table__  # type: ignore[attr-defined]
INSERT_COLUMNS = [c.name for c in OBS.columns]


def existing(
    session: Session, keys: list[tuple[uuid.UUID, str, str, str]], *, postgres: bool
) -> dict[tuple[Any, ...], Any]:
    """The stored observations of these keys (indicator, period, place, breakdown key)."""
    c = OBS.c
    columns = [
        c.id, c.indicator_id, c.period, c.place, c.breakdown_key, c.value, c.provisional, c.estimated,
        c.break_in_series, c.suppressed, c.status, c.source, c.people, c.municipality_id,
    ]  # fmt: skip
    if postgres:
        # Four arrays joined with unnest: one plan, whatever the batch size (a tuple IN list of
        # thousands of rows costs seconds to parse and plan on PostgreSQL).
        wanted = (
            sa.select(
                sa.func.unnest(sa.cast(sa.bindparam("i", [k[0] for k in keys]), ARRAY(sa.Uuid))).label("i"),
                sa.func.unnest(sa.cast(sa.bindparam("p", [k[1] for k in keys]), ARRAY(sa.Text))).label("p"),
                sa.func.unnest(sa.cast(sa.bindparam("l", [k[2] for k in keys]), ARRAY(sa.Text))).label("l"),
                sa.func.unnest(sa.cast(sa.bindparam("b", [k[3] for k in keys]), ARRAY(sa.Text))).label("b"),
            )
        ).subquery("wanted")
        stmt = sa.select(*columns).join(
            wanted,
            sa.and_(
                c.indicator_id == wanted.c.i,
                c.period == wanted.c.p,
                c.place == wanted.c.l,
                c.breakdown_key == wanted.c.b,
            ),
        )
    else:
        stmt = sa.select(*columns).where(
            sa.tuple_(c.indicator_id, c.period, c.place, c.breakdown_key).in_(keys)
        )
    return {(r.indicator_id, r.period, r.place, r.breakdown_key): r for r in session.execute(stmt)}


def insert_rows(session: Session, rows: Iterable[dict[str, Any]], *, postgres: bool | None = None) -> None:
    """Bulk insert of observation rows: COPY on PostgreSQL, executemany on SQLite."""
    if postgres is None:
        postgres = session.get_bind().dialect.name == "postgresql"
    if not postgres:
        session.execute(sa.insert(OBS), list(rows))
        return
    driver = session.connection().connection.driver_connection
    columns = ", ".join(INSERT_COLUMNS)
    values = itemgetter(*INSERT_COLUMNS)
    with driver.cursor() as cur:  # type: ignore[union-attr]
        # psycopg formats each row for COPY in its C extension (the one JSON column as jsonb).
        cur.adapters.register_dumper(dict, JsonbDumper)
        with cur.copy(f"COPY indicator_observations ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(values(row))
