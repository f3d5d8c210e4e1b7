"""HTTP routes of the discussion on an idea: comments in thread order, replies, edits, deletion."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Response
from sqlmodel import Session

from api.accounts.deps import ActorDep
from api.core.actor import Actor
from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.http import deleting, no_content, op, with_etag
from api.ideas import access
from api.ideas.comments import logic as comments
from api.ideas.comments.schemas import CommentCreate, CommentList, CommentRead, CommentUpdate
from api.ideas.deps import (
    EDIT_ERRORS,
    Counted,
    PagingDep,
    Participant,
    ReadableComment,
    ReadableIdea,
    counted,
)
from api.ideas.models import Idea, IdeaComment

router = APIRouter(prefix="/ideas", tags=["ideas"])


def _comment(response: Response, idea: Idea, comment: IdeaComment, actor: Actor) -> CommentRead:
    return with_etag(response, comment.version, comments.reads([comment], actor, idea)[0])


@router.get("/{idea_id}/comments", **op(CommentList, "The discussion, in thread order", (400, 404)))
def list_comments(idea: ReadableIdea, actor: ActorDep, paging: PagingDep) -> Response:
    rows, next_cursor = comments.list_comments(paging.session, actor=actor, idea=idea, params=paging.page)
    return paging.answer(CommentList(items=comments.reads(rows, actor, idea), next_cursor=next_cursor))


@router.post(
    "/{idea_id}/comments",
    **op(CommentRead, "Comment or reply (3 levels deep at most)", (401, 403, 404, 409, 422, 429), status=201),
)
async def create_comment(
    idea_id: uuid.UUID,
    response: Response,
    attempt: Annotated[Counted, counted("comment")],
    body: CommentCreate,
) -> CommentRead:
    def work(session: Session, actor: Actor) -> CommentRead:
        idea = access.readable_idea(session, actor, idea_id)
        return _comment(response, idea, comments.create(session, actor=actor, idea=idea, data=body), actor)

    # The count, the token check, the idea and the comment in one worker thread (see Counted).
    return await attempt.run(work)


@router.get("/{idea_id}/comments/{comment_id}", **op(CommentRead, "A comment", (404,)))
def read_comment(found: ReadableComment, response: Response, actor: ActorDep) -> CommentRead:
    return _comment(response, found.idea, found.comment, actor)


@router.patch(
    "/{idea_id}/comments/{comment_id}",
    **op(CommentRead, "Edit your comment (within 15 minutes)", EDIT_ERRORS),
)
def edit_comment(
    response: Response,
    session: SessionDep,
    actor: Participant,
    found: ReadableComment,
    if_match: IfMatchDep,
    body: CommentUpdate,
) -> CommentRead:
    comments.edit(session, actor=actor, comment=found.comment, data=body, if_match=if_match)
    return _comment(response, found.idea, found.comment, actor)


@router.delete("/{idea_id}/comments/{comment_id}", **deleting("Delete your comment (soft)"))
def delete_comment(
    session: SessionDep, actor: Participant, found: ReadableComment, if_match: IfMatchDep
) -> Response:
    comments.delete(session, actor=actor, comment=found.comment, if_match=if_match)
    return no_content()
