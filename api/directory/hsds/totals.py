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

The page itself is cut by the ids alone (``SELECT id … ORDER BY sort_name, id LIMIT/OFFSET``, which
walks the ``(sort_name, id)`` index) and then the page's 50 rows are read as Core rows: a deep page
skips index entries, not whole rows.
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
MAX_TOTALS = 2_000

SERVICES = Service.__table__  # type: ignore[attr-defined]
ORGANIZATIONS = Organization.__table__  # type: ignore[attr-defined]


class Totals:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._lock = threading.Lock()
        self._counts: dict[Hashable, tuple[Any, float, int]] = {}

    def get(self, key: Hashable, version: Any) -> int | None:
        found = self._counts.get(key)
        if found is None or found[0] != version or self.clock() - found[1] >= RECOUNT_SECONDS:
            return None
        return found[2]

    def put(self, key: Hashable, version: Any, total: int) -> None:
        with self._lock:
            if len(self._counts) >= MAX_TOTALS:
                self._counts.clear()
            self._counts[key] = (version, self.clock(), total)


totals = Totals()


def data_version(session: Session) -> tuple[Any, ...]:
    row = session.execute(
        sa.select(
            sa.select(sa.func.max(SERVICES.c.updated_at)).scalar_subquery(),
            sa.select(sa.func.max(ORGANIZATIONS.c.updated_at)).scalar_subquery(),
        )
    ).one()
    return tuple(row)


def service_total(session: Session, where: list[sa.ColumnElement[bool]], key: Hashable) -> int:
    """How many services ``where`` finds, counted at most once per data version (see above)."""
    version = data_version(session)
    found = totals.get(key, version)
    if found is not None:
        return found
    total = int(session.execute(sa.select(sa.func.count()).select_from(SERVICES).where(*where)).scalar_one())
    totals.put(key, version, total)
    return total


def service_rows(
    session: Session, where: list[sa.ColumnElement[bool]], *, page: int, per_page: int
) -> list[Any]:
    """One numbered page of services as Core rows (every column), by name."""
    ids = (
        sa.select(SERVICES.c.id)
        .where(*where)
        .order_by(SERVICES.c.sort_name, SERVICES.c.id)
        .offset((page - 1) * per_page)
        .limit(per_page)
        .subquery()
    )
    stmt = (
        sa.select(*SERVICES.c)
        .join(ids, ids.c.id == SERVICES.c.id)
        .order_by(SERVICES.c.sort_name, SERVICES.c.id)
    )
    return list(session.execute(stmt).all())
