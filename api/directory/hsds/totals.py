"""HSDS pages without recounting the whole list on every page.

HSDS 3.0 pages by number and every page carries ``total_items``/``total_pages``. Counting 100,000
services on each page was nearly the whole request (~100 ms on PostgreSQL), so a total is counted
once per query and **data version** and reused:

* the data version is ``max(updated_at)`` of services and of organisations (two index look-ups in
  one round trip): every change to a service (create, edit, verify, delete, which is a tombstone)
  and every organisation change (its name is searched) moves it, so a reused total is exact for the
  data it was counted on;
* a total is also recounted after ``RECOUNT_SECONDS`` whatever the version says: two changes that
  commit out of timestamp order could leave the maximum where it was, so a total may lag by one
  such change for at most that long;
* the cache is per process (each worker counts once per version), bounded, and holds counts only.

The page itself: where a page starts is remembered per data version (a page asked again, or the
next page of a client walking them, is a keyset range on ``(sort_name, id)``); otherwise it is cut
by the ids alone (``SELECT id … ORDER BY sort_name, id LIMIT/OFFSET``) and the page's rows are then
read as Core rows.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from api.directory.models import Service
from api.municipalities.models import Organization

RECOUNT_SECONDS = 60.0
MAX_TOTALS = 20_000

SERVICES = Service.__table__  # type: ignore[attr-defined]
ORGANIZATIONS = Organization.__table__  # type: ignore[attr-defined]


class Totals:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._lock = threading.Lock()
        self._counts: dict[Hashable, tuple[Any, float, Any]] = {}

    def get(self, key: Hashable, version: Any) -> Any:
        found = self._counts.get(key)
        if found is None or found[0] != version or self.clock() - found[1] >= RECOUNT_SECONDS:
            return None
        return found[2]

    def put(self, key: Hashable, version: Any, value: Any) -> None:
        with self._lock:
            if len(self._counts) >= MAX_TOTALS:
                self._counts.clear()
            self._counts[key] = (version, self.clock(), value)


totals = Totals()


def data_version(session: Session) -> tuple[Any, ...]:
    row = session.execute(
        sa.select(
            sa.select(sa.func.max(SERVICES.c.updated_at)).scalar_subquery(),
            sa.select(sa.func.max(ORGANIZATIONS.c.updated_at)).scalar_subquery(),
        )
    ).one()
    return tuple(row)


def service_total(session: Session, where: list[sa.ColumnElement[bool]], key: Hashable, version: Any) -> int:
    """How many services ``where`` finds, counted at most once per data version (see above)."""
    found = totals.get(("total", key), version)
    if found is not None:
        return found
    total = int(session.execute(sa.select(sa.func.count()).select_from(SERVICES).where(*where)).scalar_one())
    totals.put(("total", key), version, total)
    return total


_ORDER = (SERVICES.c.sort_name, SERVICES.c.id)


def service_rows(
    session: Session,
    where: list[sa.ColumnElement[bool]],
    *,
    page: int,
    per_page: int,
    key: Hashable,
    version: Any,
) -> list[Any]:
    """One numbered page of services as Core rows (every column), by name.

    Where the page starts is remembered per query, page size and data version: a page asked again
    (or the page after one just served, as a harvesting client walks them) starts with a keyset
    range on ``(sort_name, id)`` instead of skipping ``(page - 1) * per_page`` rows."""
    stmt = sa.select(*SERVICES.c).where(*where)
    start = totals.get(("start", key, per_page, page), version)
    if start is not None:
        (sort_name, row_id), inclusive = start
        bound = sa.tuple_(*_ORDER) >= sa.tuple_(
            sa.literal(sort_name, SERVICES.c.sort_name.type), sa.literal(row_id, SERVICES.c.id.type)
        )
        if not inclusive:
            bound = sa.tuple_(*_ORDER) > sa.tuple_(
                sa.literal(sort_name, SERVICES.c.sort_name.type), sa.literal(row_id, SERVICES.c.id.type)
            )
        found = list(session.execute(stmt.where(bound).order_by(*_ORDER).limit(per_page)).all())
    else:
        ids = (
            sa.select(SERVICES.c.id)
            .where(*where)
            .order_by(*_ORDER)
            .offset((page - 1) * per_page)
            .limit(per_page)
            .subquery()
        )
        paged = sa.select(*SERVICES.c).join(ids, ids.c.id == SERVICES.c.id).order_by(*_ORDER)
        found = list(session.execute(paged).all())
    if found:
        first, last = found[0], found[-1]
        totals.put(("start", key, per_page, page), version, ((first.sort_name, first.id), True))
        totals.put(("start", key, per_page, page + 1), version, ((last.sort_name, last.id), False))
    return found
