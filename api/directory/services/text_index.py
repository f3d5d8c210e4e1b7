"""Free text in a service's ``search_text``: every word must occur (``LIKE '%word%'``).

One condition, written per database when the statement is compiled:
- PostgreSQL (and any other): ``search_text LIKE '%word%'`` for each word, which the trigram GIN
  index answers (directory_0001).
- SQLite: the words of three letters or more are looked up in the FTS5 trigram table
  ``service_search`` (directory_0008, kept in step by triggers) as quoted phrases: a phrase of
  trigrams standing side by side is exactly the word occurring in the text, so it finds the
  services the plain ``LIKE`` finds without reading every row (``%`` and ``_`` are plain letters
  in a phrase). Shorter words (no trigram to look up) stay plain ``LIKE`` on the row.

``KEYS`` (SQLite): the trigram table's row ids with each service's id and the keys a search sorts
by (``sort_name``, ``deleted_at``; directory_0009), so a search can rank and sort its candidates
without reading ``services`` (see ``search.py``).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.visitors import InternalTraversal
from sqlmodel import col

from api.core.i18n import like_escape
from api.directory.models import Service

_SEARCH = sa.table("service_search", sa.column("rowid"), sa.column("search_text"))
KEYS = sa.table(
    "service_search_rows",
    sa.column("id", sa.Integer),
    sa.column("service_id", sa.Uuid),
    sa.column("sort_name", sa.String),
    sa.column("deleted_at", sa.DateTime),
)


class TextHas(sa.ColumnElement[bool]):
    """Every one of ``terms`` (folded stems) occurs in the service's ``search_text``."""

    inherit_cache = True
    _is_implicitly_boolean = True  # a condition already: no ``= 1`` on databases without booleans
    _traverse_internals = [("terms", InternalTraversal.dp_plain_obj)]
    type = sa.Boolean()

    def __init__(self, terms: list[str] | tuple[str, ...]) -> None:
        self.terms = tuple(terms)


def plain(terms: tuple[str, ...]) -> list[sa.ColumnElement[bool]]:
    """``LIKE '%word%'`` on the row for each of ``terms``."""
    return [col(Service.search_text).like(f"%{like_escape(t)}%", escape="\\") for t in terms]


def indexed(term: str) -> bool:
    """Whether SQLite's trigram table can answer this word: it has a trigram."""
    return len(term) >= 3


def phrases(terms: list[str]) -> str:
    """An FTS5 query: every term as a quoted phrase (a quote inside doubled), all required."""
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)


def hits(terms: list[str]) -> Any:
    """The trigram table's row ids (``KEYS.c.id``) of the texts holding every one of ``terms``
    (each with a trigram: :func:`indexed`). SQLite only."""
    return sa.select(_SEARCH.c.rowid).where(_SEARCH.c.search_text.match(phrases(terms)))


def candidates(session: Any, terms: list[str]) -> Any | None:
    """SQLite, when a word has a trigram: ``SELECT service_id AS page_id`` from :data:`KEYS` of the
    texts holding every such word (shorter ones are left to the caller), so the candidates can be
    ranked and sorted by ``KEYS``' copy of their keys. None on other databases or without such a
    word."""
    found = [t for t in terms if indexed(t)]
    if not found or session.get_bind().dialect.name != "sqlite":
        return None
    return sa.select(KEYS.c.service_id.label("page_id")).where(KEYS.c.id.in_(hits(found)))


@compiles(TextHas)
def _compile_plain(element: TextHas, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(sa.and_(sa.true(), *plain(element.terms)), **kw))


@compiles(TextHas, "sqlite")
def _compile_sqlite(element: TextHas, compiler: Any, **kw: Any) -> str:
    found = [t for t in element.terms if indexed(t)]
    parts = plain(tuple(t for t in element.terms if not indexed(t)))
    if found:
        parts.insert(0, col(Service.id).in_(sa.select(KEYS.c.service_id).where(KEYS.c.id.in_(hits(found)))))
    return str(compiler.process(sa.and_(sa.true(), *parts), **kw))
