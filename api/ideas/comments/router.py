"""HTTP routes of the discussion on an idea: comments in thread order, replies, edits, deletion."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response

from api.accounts.deps import ActorDep
from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.errors import problem_responses
from api.core.http import op, page_response, with_etag
from api.core.pagination import PageDep
from api.ideas.comments import logic as comments
from api.ideas.comments.schemas import CommentCreate, CommentList, CommentRead, CommentUpdate
from api.ideas.deps import Participant, ReadableComment, ReadableIdea, rate_limited

router = APIRouter(prefix="/ideas", tags=["ideas"])


@router.get("/{idea_id}/comments", **op(CommentList, "The discussion, in thread order", (400, 404)))
def list_comments(
    idea: ReadableIdea,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    page: PageDep,
) -> Response:
    rows, next_cursor = comments.list_comments(session, actor=actor, idea=idea, params=page)
    items = comments.reads(rows, actor, idea)
    return page_response(request, response, CommentList(items=items, next_cursor=next_cursor))


@router.post(
    "/{idea_id}/comments",
    response_model=CommentRead,
    status_code=201,
    summary="Comment or reply (3 levels deep at most)",
    responses=problem_responses(401, 403, 404, 409, 422, 429),
    dependencies=[Depends(rate_limited("comment"))],
)
def create_comment(
    response: Response, session: SessionDep, actor: Participant, idea: ReadableIdea, body: CommentCreate
) -> CommentRead:
    comment = comments.create(session, actor=actor, idea=idea, data=body)
    return with_etag(response, comment.version, comments.reads([comment], actor, idea)[0])


@router.get("/{idea_id}/comments/{comment_id}", **op(CommentRead, "A comment", (404,)))
def read_comment(found: ReadableComment, response: Response, actor: ActorDep) -> CommentRead:
    return with_etag(response, found.comment.version, comments.reads([found.comment], actor, found.idea)[0])


@router.patch(
    "/{idea_id}/comments/{comment_id}",
    **op(CommentRead, "Edit your comment (within 15 minutes)", (401, 403, 404, 409, 412, 422, 428)),
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
    return with_etag(response, found.comment.version, comments.reads([found.comment], actor, found.idea)[0])


@router.delete(
    "/{idea_id}/comments/{comment_id}",
    **op(None, "Delete your comment (soft)", (401, 403, 404, 412, 428), status=204),
)
def delete_comment(
    session: SessionDep, actor: Participant, found: ReadableComment, if_match: IfMatchDep
) -> Response:
    comments.delete(session, actor=actor, comment=found.comment, if_match=if_match)
    return Response(status_code=204)
