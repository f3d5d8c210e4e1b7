"""The denormalised counters of the domain (an idea's followers and comments, a comment's replies,
a budget's ballots) change in the database, never from a loaded value: concurrent requests cannot
lose an update."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Session


def add_to(session: Session, row: Any, counter: str, by: int) -> None:
    """``counter = counter + by`` on the row (a table model with an ``id``), and the loaded value
    forgotten (read again when used)."""
    table = row.__table__
    session.execute(sa.update(table).where(table.c.id == row.id).values({counter: table.c[counter] + by}))
    session.expire(row, [counter])
