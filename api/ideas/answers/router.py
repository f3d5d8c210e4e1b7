"""HTTP routes of official answers: written privately by the municipality, published when it chooses."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.errors import problem_responses
from api.core.http import op, with_etag
from api.core.i18n import LocaleDep
from api.ideas.answers import logic as answers
from api.ideas.answers.schemas import AnswerCreate, AnswerList, AnswerRead, AnswerUpdate
from api.ideas.deps import (
    ListingDep,
    ModeratedAnswer,
    ModeratedIdea,
    Moderator,
    PrivateWhenSignedIn,
    ReadableAnswer,
    ReadableIdea,
)

router = APIRouter(prefix="/ideas", tags=["ideas"])


@router.get(
    "/{idea_id}/answers",
    response_model=AnswerList,
    summary="Official answers (unpublished ones for moderators only)",
    responses=problem_responses(400, 404),
    dependencies=[PrivateWhenSignedIn],
)
def list_answers(idea: ReadableIdea, listing: ListingDep) -> Response:
    rows, next_cursor = answers.list_answers(
        listing.session, actor=listing.actor, idea=idea, params=listing.page
    )
    items = [answers.to_read(a, listing.locale) for a in rows]
    return listing.answer(AnswerList(items=items, next_cursor=next_cursor))


@router.post(
    "/{idea_id}/answers",
    **op(
        AnswerRead,
        "Write an official answer (private until published)",
        (401, 403, 404, 409, 422),
        status=201,
    ),
)
def create_answer(
    response: Response,
    session: SessionDep,
    actor: Moderator,
    idea: ModeratedIdea,
    locale: LocaleDep,
    body: AnswerCreate,
) -> AnswerRead:
    answer = answers.create(session, actor=actor, idea=idea, data=body)
    return with_etag(response, answer.version, answers.to_read(answer, locale))


@router.get("/{idea_id}/answers/{answer_id}", **op(AnswerRead, "An official answer", (404,)))
def read_answer(found: ReadableAnswer, response: Response, locale: LocaleDep) -> AnswerRead:
    return with_etag(response, found.answer.version, answers.to_read(found.answer, locale))


@router.patch(
    "/{idea_id}/answers/{answer_id}",
    **op(AnswerRead, "Change an unpublished answer", (401, 403, 404, 409, 412, 422, 428)),
)
def update_answer(
    response: Response,
    session: SessionDep,
    actor: Moderator,
    found: ModeratedAnswer,
    if_match: IfMatchDep,
    locale: LocaleDep,
    body: AnswerUpdate,
) -> AnswerRead:
    answers.update(session, idea=found.idea, answer=found.answer, data=body, if_match=if_match)
    return with_etag(response, found.answer.version, answers.to_read(found.answer, locale))


@router.delete(
    "/{idea_id}/answers/{answer_id}",
    **op(None, "Delete an unpublished answer", (401, 403, 404, 409, 412, 428), status=204),
)
def delete_answer(
    session: SessionDep, actor: Moderator, found: ModeratedAnswer, if_match: IfMatchDep
) -> Response:
    answers.delete(session, answer=found.answer, if_match=if_match)
    return Response(status_code=204)


@router.post(
    "/{idea_id}/answers/{answer_id}/publish",
    **op(
        AnswerRead,
        "Publish an answer: its state applies and followers are notified",
        (401, 403, 404, 409, 412, 428),
    ),
)
def publish_answer(
    response: Response,
    session: SessionDep,
    actor: Moderator,
    found: ModeratedAnswer,
    if_match: IfMatchDep,
    locale: LocaleDep,
) -> AnswerRead:
    answers.publish(session, actor=actor, idea=found.idea, answer=found.answer, if_match=if_match)
    return with_etag(response, found.answer.version, answers.to_read(found.answer, locale))
