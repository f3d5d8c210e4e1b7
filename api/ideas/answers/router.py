"""HTTP routes of official answers: written privately by the municipality, published when it chooses."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.http import creating, deleting, no_content, op
from api.ideas.answers import logic as answers
from api.ideas.answers.schemas import AnswerCreate, AnswerList, AnswerRead, AnswerUpdate
from api.ideas.deps import (
    ACTION_ERRORS,
    ADD_ERRORS,
    EDIT_ERRORS,
    ListingDep,
    ModeratedAnswer,
    ModeratedIdea,
    Moderator,
    PrivateWhenSignedIn,
    ReadableAnswer,
    ReadableIdea,
    Reply,
    ReplyDep,
)
from api.ideas.models import IdeaAnswer

router = APIRouter(prefix="/ideas", tags=["ideas"])


@router.get(
    "/{idea_id}/answers",
    **op(AnswerList, "Official answers (unpublished ones for moderators only)", (400, 404)),
    dependencies=[PrivateWhenSignedIn],
)
def list_answers(idea: ReadableIdea, listing: ListingDep) -> Response:
    rows, next_cursor = answers.list_answers(
        listing.session, actor=listing.actor, idea=idea, params=listing.page
    )
    items = [answers.to_read(a, listing.locale) for a in rows]
    return listing.answer(AnswerList(items=items, next_cursor=next_cursor))


def _answer(reply: Reply, answer: IdeaAnswer) -> AnswerRead:
    return reply.tagged(answer.version, answers.to_read(answer, reply.locale))


@router.post(
    "/{idea_id}/answers",
    **creating(AnswerRead, "Write an official answer (private until published)", ADD_ERRORS),
)
def create_answer(actor: Moderator, idea: ModeratedIdea, reply: ReplyDep, body: AnswerCreate) -> AnswerRead:
    return _answer(reply, answers.create(reply.session, actor=actor, idea=idea, data=body))


@router.get("/{idea_id}/answers/{answer_id}", **op(AnswerRead, "An official answer", (404,)))
def read_answer(found: ReadableAnswer, reply: ReplyDep) -> AnswerRead:
    return _answer(reply, found.answer)


@router.patch("/{idea_id}/answers/{answer_id}", **op(AnswerRead, "Change an unpublished answer", EDIT_ERRORS))
def update_answer(
    actor: Moderator, found: ModeratedAnswer, if_match: IfMatchDep, reply: ReplyDep, body: AnswerUpdate
) -> AnswerRead:
    answers.update(reply.session, idea=found.idea, answer=found.answer, data=body, if_match=if_match)
    return _answer(reply, found.answer)


@router.delete("/{idea_id}/answers/{answer_id}", **deleting("Delete an unpublished answer", ACTION_ERRORS))
def delete_answer(
    session: SessionDep, actor: Moderator, found: ModeratedAnswer, if_match: IfMatchDep
) -> Response:
    answers.delete(session, answer=found.answer, if_match=if_match)
    return no_content()


@router.post(
    "/{idea_id}/answers/{answer_id}/publish",
    **op(AnswerRead, "Publish an answer: its state applies and followers are notified", ACTION_ERRORS),
)
def publish_answer(
    actor: Moderator, found: ModeratedAnswer, if_match: IfMatchDep, reply: ReplyDep
) -> AnswerRead:
    answers.publish(reply.session, actor=actor, idea=found.idea, answer=found.answer, if_match=if_match)
    return _answer(reply, found.answer)
