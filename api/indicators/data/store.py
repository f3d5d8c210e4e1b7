"""Observation rows in bulk: look up the stored ones by key, insert new ones (COPY on PostgreSQL)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from psycopg.types.json import JsonbDumper
from sqlalchemy.dialects.postgresql import JSON
from sqlmodel import Session

from api.core.errors import conflict
from api.indicators.models import IndicatorDefinition, Observation

OBS = Observation.__table__  # type: ignore[attr-defined]
DEFINITIONS = IndicatorDefinition.__table__  # type: ignore[attr-defined]
INSERT_COLUMNS = [c.name for c in OBS.columns]


def _keys_param(keys: Iterable[tuple[Any, ...]]) -> str:
    """Keys (a UUID first, then text) as one JSON parameter: one plan whatever the batch size (a tuple
    IN list of thousands of rows costs seconds to plan), and one C call to encode (arrays of
    thousands of values are dumped element by element)."""
    ids: dict[uuid.UUID, str] = {}
    return json.dumps([[ids.get(k[0]) or ids.setdefault(k[0], str(k[0])), *k[1:]] for k in keys])


def _wanted(columns: list[Any]) -> tuple[Any, Any]:
    """The JSON parameter's rows as a table, and the condition matching them to ``columns``."""
    wanted = sa.func.json_array_elements(sa.cast(sa.bindparam("keys", type_=sa.Text), JSON)).table_valued(
        "value", name="wanted"
    )

    def part(n: int) -> Any:
        return wanted.c.value.op("->>", return_type=sa.Text)(sa.literal_column(str(n)))

    match = [c == (sa.cast(part(n), sa.Uuid) if n == 0 else part(n)) for n, c in enumerate(columns)]
    return wanted, sa.and_(*match)


def stored_groups(
    session: Session, groups: set[tuple[uuid.UUID, str, str]], *, postgres: bool
) -> set[tuple[uuid.UUID, str, str]]:
    """Of these (indicator, period, place) groups, those with stored observations, this
    transaction's own included: only their rows need looking up one by one (:func:`existing`).

    A file lists each place and period's breakdowns together, so a batch of 10,000 rows is a few
    hundred groups: one index probe each instead of one per row, and none per row at all when the
    data is new."""
    if not groups:
        return set()
    c = OBS.c
    columns = [c.indicator_id, c.period, c.place]
    if postgres:
        wanted, match = _wanted(columns)
        probe = sa.select(sa.literal(1)).where(match).limit(1)
        stmt = sa.select(wanted.c.value).where(probe.exists())
        rows = session.execute(stmt, {"keys": _keys_param(groups)}).scalars()
        return {(uuid.UUID(v[0]), v[1], v[2]) for v in rows}
    stmt = sa.select(*columns).distinct().where(sa.tuple_(*columns).in_(list(groups)))
    return {(r[0], r[1], r[2]) for r in session.execute(stmt)}


def existing(
    session: Session, keys: list[tuple[uuid.UUID, str, str, str]], *, postgres: bool
) -> dict[tuple[Any, ...], Any]:
    """The stored observations of these keys (indicator, period, place, breakdown key)."""
    c = OBS.c
    columns = [
        c.id, c.indicator_id, c.period, c.place, c.breakdown_key, c.value, c.provisional, c.estimated,
        c.break_in_series, c.suppressed, c.status, c.source, c.people, c.municipality_id, c.import_id,
    ]  # fmt: skip
    if not keys:
        return {}
    if postgres:
        wanted, match = _wanted([c.indicator_id, c.period, c.place, c.breakdown_key])
        stmt = sa.select(*columns).join(wanted, match)
        return {
            (r.indicator_id, r.period, r.place, r.breakdown_key): r
            for r in session.execute(stmt, {"keys": _keys_param(keys)})
        }
    stmt = sa.select(*columns).where(sa.tuple_(c.indicator_id, c.period, c.place, c.breakdown_key).in_(keys))
    return {(r.indicator_id, r.period, r.place, r.breakdown_key): r for r in session.execute(stmt)}


def lock_definitions(session: Session, ids: Iterable[uuid.UUID], *, postgres: bool) -> None:
    """Keep these definitions from being changed or deleted until this transaction ends, as
    observations of them are written (what a foreign key's check did for every row, once per
    definition: observations carry no key to their definition, migration indicators_0005).

    PostgreSQL: ``FOR SHARE``, which a definition's version claim (every change and deletion takes
    one) waits for; the deletion then finds the observations and refuses. SQLite: writers already
    run one at a time. A definition deleted before the lock was taken is a 409."""
    wanted = sorted(set(ids), key=str)
    if not wanted:
        return
    stmt = sa.select(DEFINITIONS.c.id).where(DEFINITIONS.c.id.in_(wanted))
    if postgres:
        stmt = stmt.with_for_update(read=True)
    found = set(session.execute(stmt).scalars())
    if len(found) < len(wanted):
        raise conflict(
            "An indicator was deleted while its observations were being written; nothing was written.",
            slug="indicator-deleted",
        )


def insert_rows(session: Session, rows: Iterable[dict[str, Any]], *, postgres: bool | None = None) -> None:
    """Bulk insert of observation rows (their definitions locked first): COPY on PostgreSQL,
    executemany on SQLite."""
    if postgres is None:
        postgres = session.get_bind().dialect.name == "postgresql"
    rows = list(rows)
    lock_definitions(session, {row["indicator_id"] for row in rows}, postgres=postgres)
    if not postgres:
        session.execute(sa.insert(OBS), rows)
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
