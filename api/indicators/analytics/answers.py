"""Analytics answers remembered per worker, served while the data they were computed from is unchanged.

An answer is keyed by everything that decides its bytes — the format, the language, the indicators,
periods, places, breakdowns and filters as parsed (relative periods already resolved against
``as_of``) and what the caller may see (published data only; everything; or published data and one
municipality's drafts) — and kept with the data tag (:class:`~api.indicators.models.IndicatorDataTag`)
read *before* it was computed. A request reads the tag (one primary-key read) and takes a remembered
answer only under the same tag. Every write to observations, definitions or municipalities gives the
tag a new random value in the writing transaction (database triggers, migration indicators_0003), so
an answer computed before a write is never served after it is committed, and one computed from data
that was then rolled back is never served at all (its tag does not come back).

Memory is bounded per worker (``LANGELIS_ANALYTICS_CACHE_MB``; the least recently used answer goes
first; 0 turns remembering off); the store and the reading of the tag are :mod:`api.core.remembered`'s.
Only aggregates are kept: cells under the small-cell rule are already suppressed in them, and drafts
only under the key of those allowed to see them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlmodel import Session

from api.core.actor import Actor
from api.core.remembered import Answers, DataTag, Tag, store_of
from api.core.remembered import remembered as remembered_under
from api.indicators.analytics.query import Query
from api.indicators.scope import visibility_key

__all__ = ["Answers", "answers_of", "data_tag", "key_of", "remembered"]

# The version of the data analytics answers are made of, as a transaction sees it.
data_tag = DataTag("indicator_data_tag", "indicator_data_writes")


def key_of(q: Query, actor: Actor, fmt: str, lang: str) -> tuple[Any, ...]:
    return (
        fmt,
        lang,
        tuple(d.code for d in q.indicators),
        tuple(p.code for p in q.periods),
        tuple(p.code for p in q.places),
        tuple(q.dims),
        tuple((name, tuple(values)) for name, values in q.filters.items()),
        q.published_only,
        q.as_of.isoformat(),
        visibility_key(actor, published_only=q.published_only),
    )


def answers_of(state: Any) -> Answers[bytes]:
    """The app's store (on ``app.state``), sized by its settings."""
    return store_of(state, "analytics_answers", state.settings.analytics_cache_mb)


def remembered(
    store: Answers[bytes],
    session: Session,
    q: Query,
    actor: Actor,
    fmt: str,
    lang: str,
    compute: Callable[[], bytes],
    *,
    tag: Tag | None = None,
) -> bytes:
    """The answer's bytes: remembered under the current data tag (``tag``, when the request read
    it already), else computed and remembered."""
    return remembered_under(store, data_tag, session, key_of(q, actor, fmt, lang), compute, tag=tag)
