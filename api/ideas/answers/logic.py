"""Official answers: written privately by the municipality, published when it chooses.

An unpublished answer is visible to the idea's moderators only and changes nothing the public sees.
Publishing it applies its state (checked again against the idea's state at that moment), stamps
the idea as answered and notifies its followers.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session, col, select

from api.core import audit
from api.core.actor import Actor
from api.core.conditional import IfMatch, claim
from api.core.db import utcnow
from api.core.errors import conflict, not_found
from api.core.i18n import Locale
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.ideas import scope
from api.ideas.answers.schemas import AnswerCreate, AnswerRead, AnswerUpdate
from api.ideas.categories import MUNICIPAL_MOVES
from api.ideas.events import notify_state_change, tell_followers
from api.ideas.fields import as_stored
from api.ideas.models import Idea, IdeaAnswer


def to_read(answer: IdeaAnswer, locale: Locale) -> AnswerRead:
    return AnswerRead(
        **as_stored(answer, ("id", "idea_id", "new_state", "created_at", "updated_at", "published_at")),
        body=locale.text(answer.body),
    )


def list_answers(
    session: Session, *, actor: Actor, idea: Idea, params: PageParams
) -> tuple[list[IdeaAnswer], str | None]:
    stmt: Any = select(IdeaAnswer).where(IdeaAnswer.idea_id == idea.id)
    if not scope.is_moderator_of(actor, idea.municipality_id):
        stmt = stmt.where(col(IdeaAnswer.published_at).is_not(None))
    keys = [SortKey(IdeaAnswer.created_at), SortKey(IdeaAnswer.id)]
    rows = list(session.exec(keyset(stmt, keys=keys, params=params)).all())
    return finish(rows, params=params, key_of=lambda a: [a.created_at, a.id])


def _check_move(idea: Idea, new_state: str | None) -> None:
    if idea.state in ("draft", "withdrawn"):
        raise conflict(f"An idea that is {idea.state} cannot be answered.", slug="invalid-state")
    if new_state is not None and new_state not in MUNICIPAL_MOVES.get(idea.state, frozenset()):
        raise conflict(
            f"An idea that is {idea.state} cannot move to {new_state}.",
            slug="invalid-transition",
            allowed=sorted(MUNICIPAL_MOVES.get(idea.state, frozenset())),
        )


def create(session: Session, *, actor: Actor, idea: Idea, data: AnswerCreate) -> IdeaAnswer:
    _check_move(idea, data.new_state)
    pending = session.exec(
        select(IdeaAnswer).where(IdeaAnswer.idea_id == idea.id, col(IdeaAnswer.published_at).is_(None))
    ).first()
    if pending is not None:
        raise conflict("There is already an unpublished answer; edit or publish it.", slug="answer-pending")
    answer = IdeaAnswer(idea_id=idea.id, body=data.body, new_state=data.new_state, author_id=actor.id)
    session.add(answer)
    session.flush()
    return answer


def get(session: Session, *, idea: Idea, answer_id: uuid.UUID) -> IdeaAnswer:
    answer = session.get(IdeaAnswer, answer_id)
    if answer is None or answer.idea_id != idea.id:
        raise not_found("answer")
    return answer


def _claim_unpublished(session: Session, answer: IdeaAnswer, if_match: IfMatch, refusal: str) -> None:
    """Only an unpublished answer changes; a published one is the municipality's word on record."""
    claim(session, answer, if_match)
    if answer.published_at is not None:
        raise conflict(refusal, slug="answer-published")


def update(
    session: Session, *, idea: Idea, answer: IdeaAnswer, data: AnswerUpdate, if_match: IfMatch
) -> IdeaAnswer:
    _claim_unpublished(session, answer, if_match, "A published answer cannot be changed; write a new one.")
    changes = data.model_dump(exclude_unset=True)
    if "new_state" in changes:
        _check_move(idea, changes["new_state"])
        answer.new_state = changes["new_state"]
    if changes.get("body"):
        answer.body = changes["body"]
    answer.updated_at = utcnow()
    return answer


def delete(session: Session, *, answer: IdeaAnswer, if_match: IfMatch) -> None:
    _claim_unpublished(session, answer, if_match, "A published answer cannot be deleted.")
    session.delete(answer)


def publish(
    session: Session, *, actor: Actor, idea: Idea, answer: IdeaAnswer, if_match: IfMatch
) -> IdeaAnswer:
    _claim_unpublished(session, answer, if_match, "The answer is already published.")
    _check_move(idea, answer.new_state)
    now = utcnow()
    answer.published_at, answer.published_by = now, actor.id
    claim(session, idea, None)
    idea.answered_at = now
    idea.updated_at = now
    tell_followers(session, idea, "idea_answer", data={"answer_id": str(answer.id)}, body=answer.body)
    if answer.new_state and answer.new_state != idea.state:
        idea.state = answer.new_state
        notify_state_change(session, idea)
    audit.record_of(
        session,
        idea,
        actor=actor,
        action="publish_answer",
        record_type="idea",
        details={"answer_id": str(answer.id), "state": idea.state},
    )
    return answer
