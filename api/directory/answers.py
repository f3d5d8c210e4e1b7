"""Directory pages remembered per worker while the directory is unchanged (:mod:`api.core.remembered`).

The hot directory pages (``GET /services`` and the HSDS ``/hsds/services`` page) are the same for
everyone who asks the same question: the newcomer's first page in her language, a partner's nightly
HSDS pull. A computed page is kept as its bytes and ETag under a key of everything that decides
them besides the data — the route, the query string as sent, the language (and whether every
translation was asked for), the day (a service's ``stale`` flag follows the date), and what of the
directory the caller may see beyond the public (:func:`sight`: confidential addresses) — with the
directory's data tag read *before* the page was computed. Any write to services, locations, their
links, organisations, municipalities or translation states changes the tag (directory_0010), so the
next request on every worker computes the page again.

Bounded per worker by ``LANGELIS_DIRECTORY_CACHE_MB`` (0 turns it off). Nothing personal is kept:
the directory is public, and a confidential address only under the key of those who may see it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from api.core.actor import Actor
from api.core.etag import body_etag
from api.core.remembered import Answers, DataTag, remembered, store_of
from api.directory.services.logic import stale_before

# The version of the directory's data, as a transaction sees it.
directory_tag = DataTag("directory_data_tag", "directory_data_writes")


@dataclass(frozen=True, slots=True)
class Page:
    """A page as sent: its body, the ETag of that body and, for keyset pages, the next cursor."""

    body: bytes
    etag: str
    next_cursor: str | None = None

    @classmethod
    def of(cls, body: bytes, next_cursor: str | None = None) -> Page:
        return cls(body, body_etag(body), next_cursor)


def _size(page: Page) -> int:
    return len(page.body) + 200


def store(state: Any) -> Answers[Page]:
    """The app's store (on ``app.state``), sized by its settings."""
    return store_of(state, "directory_answers", state.settings.directory_cache_mb, _size)


def sight(actor: Actor) -> tuple[Any, ...]:
    """What of the directory ``actor`` may see beyond the public: the inputs of
    :func:`api.directory.scope.sees_confidential` (the only difference between callers' pages)."""
    if actor.is_admin:
        return ("admin",)
    return (actor.municipality_id if actor.role == "coordinator" else None, actor.organization_id)


def page(
    pages: Answers[Page],
    session: Session,
    *,
    route: str,
    query: bytes,
    lang: str,
    all_translations: bool,
    actor: Actor,
    compute: Callable[[], Page],
) -> Page:
    """The page remembered under the directory's current tag, else ``compute()`` remembered;
    ``query`` is the request's query string as sent."""
    key = (
        route,
        query,
        lang,
        all_translations,
        stale_before().isoformat(),
        sight(actor),
    )
    return remembered(pages, directory_tag, session, key, compute)
