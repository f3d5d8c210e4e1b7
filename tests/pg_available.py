"""Exit 0 when the PostgreSQL server of the URL given answers (used by `make test`)."""

from __future__ import annotations

import sys

import sqlalchemy as sa


def main(url: str) -> int:
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except Exception:
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
