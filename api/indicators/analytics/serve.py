"""One analytics answer: the data tag read once, and what depends only on the data read under it.

A request reads the data tag first (:mod:`.answers`). Under that tag it then takes, without a round
trip when this worker has them already:

- the definitions the caller may read (by visibility), which parsing the request checks against;
- which series have their cells kept ready (:mod:`.cells`), to read those instead of computing;
- the remembered answer itself, when the same question was asked under the same tag.

Each is read from the database when missing and kept until the tag changes (any write to
observations, definitions or municipalities), so nothing kept is ever older than the data the
request sees. A series asked that is not among the kept built ones is looked up again: a build under
the same tag may have finished since.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlmodel import Session

from api.core.actor import Actor
from api.core.i18n import Locale
from api.core.remembered import Tag, UnderTag, kept_on
from api.indicators.analytics import answers, logic, output
from api.indicators.analytics import cells as kept
from api.indicators.analytics.query import Query
from api.indicators.definitions.logic import definitions_by_code
from api.indicators.models import IndicatorDefinition
from api.indicators.scope import sees_restricted

_STATE_NAME = "analytics_under_tag"


def under_tag_of(state: Any) -> UnderTag:
    """The app's values kept under the data tag (on ``app.state``), created on first use."""
    return kept_on(state, _STATE_NAME, UnderTag)


def definitions(memo: UnderTag, session: Session, actor: Actor, tag: Tag) -> dict[str, IndicatorDefinition]:
    """The definitions the caller may read, by code, as of ``tag``."""

    def load() -> dict[str, IndicatorDefinition]:
        found = definitions_by_code(session, actor=actor)
        for d in found.values():
            session.expunge(d)  # kept across requests: no session's commit may expire them
        return found

    return memo.get(tag, ("definitions", sees_restricted(actor)), load)


def ready(memo: UnderTag, session: Session, q: Query, actor: Actor, tag: Tag) -> set[kept.Series]:
    """The asked series whose ready cells serve this caller, as of ``tag``."""
    series = kept.asked(q)
    if not series:
        return set()
    found = memo.get(tag, "built", lambda: kept.built(session, tag))
    if not series <= found.keys():
        found = memo.get(tag, "built", lambda: kept.built(session, tag), fresh=True)
    return kept.usable(q, actor, series, found)


def answer(
    state: Any,
    session: Session,
    *,
    actor: Actor,
    locale: Locale,
    fmt: str,
    ask: Callable[[dict[str, IndicatorDefinition]], Query],
) -> bytes:
    """The answer's bytes in ``fmt``. ``ask`` parses the request against the readable definitions."""
    memo = under_tag_of(state)
    tag = answers.data_tag(session)  # before any data: nothing kept under it is older
    q = ask(definitions(memo, session, actor, tag))

    def compute() -> bytes:
        results = logic.evaluate(session, actor=actor, q=q, ready=ready(memo, session, q, actor, tag))
        return output.render(q, locale, logic.table(q, results), fmt)

    return answers.remembered(
        answers.answers_of(state), session, q, actor, fmt, locale.lang, compute, tag=tag
    )
