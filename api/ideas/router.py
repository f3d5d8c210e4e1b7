"""HTTP routes of ideas: the board, proposing, votes, following, comments, flags, answers, export."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status
from fastapi.responses import StreamingResponse

from api.accounts.deps import ActorDep
from api.core.db import SessionDep
from api.core.errors import problem_responses
from api.core.etag import require_if_match, set_etag
from api.core.i18n import LocaleDep
from api.core.pagination import PageDep, set_link_header
from api.ideas import access, answers, comments, logic, moderation, votes
from api.ideas.categories import CATEGORIES, Category, IdeaState, Residence
from api.ideas.deps import Moderator, Participant, rate_limited
from api.ideas.router_budgets import budgets_router, calls_router
from api.ideas.router_moderation import moderation_router, notifications_router
from api.ideas.schemas import (
    AnswerCreate,
    AnswerList,
    AnswerRead,
    AnswerUpdate,
    CategoryList,
    CategoryRead,
    CommentCreate,
    CommentList,
    CommentRead,
    CommentUpdate,
    FlagCreate,
    FlagRead,
    IdeaCreate,
    IdeaList,
    IdeaRead,
    IdeaSettingsRead,
    IdeaSettingsUpdate,
    IdeaSort,
    IdeaStateChange,
    IdeaStats,
    IdeaUpdate,
    Slug,
    VoteRead,
)

router = APIRouter(prefix="/ideas", tags=["ideas"])

SlugPath = Annotated[str, Path(min_length=2, max_length=60, pattern=r"^[a-z0-9-]+$")]
MunicipalityQ = Annotated[Slug | None, Query(description="Municipality slug, e.g. `vilniaus-m`")]


def _filters(
    municipality: str | None,
    category: list[str] | None,
    state: list[str] | None,
    residence: str | None,
    q: str | None,
    open_call: uuid.UUID | None,
    mine: bool,
    following: bool,
) -> logic.IdeaFilters:
    return logic.IdeaFilters(
        municipality=municipality,
        category=category,
        state=state,
        residence=residence,
        q=q,
        open_call_id=open_call,
        mine=mine,
        following=following,
    )


@router.get("", response_model=IdeaList, summary="The ideas board", responses=problem_responses(400, 422))
def list_ideas(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    page: PageDep,
    municipality: MunicipalityQ = None,
    category: Annotated[list[Category] | None, Query(description="One or more categories")] = None,
    state: Annotated[
        list[IdeaState] | None, Query(description="One or more states (default: all public but withdrawn)")
    ] = None,
    residence: Annotated[Residence | None, Query(description="The author's residence when proposing")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text, ignoring case and diacritics")] = None,
    open_call: Annotated[uuid.UUID | None, Query(description="Entries of an open call")] = None,
    mine: Annotated[bool, Query(description="Only your ideas (drafts included)")] = False,
    following: Annotated[bool, Query(description="Only ideas you follow")] = False,
    sort: Annotated[
        IdeaSort, Query(description="Order; `-answered_at` lists answered ideas only")
    ] = "-published_at",
) -> IdeaList:
    filters = _filters(
        municipality, list(category or []), list(state or []), residence, q, open_call, mine, following
    )
    rows, next_cursor = logic.list_ideas(session, actor=actor, params=page, sort=sort, filters=filters)
    ctx = logic.viewer_context(session, actor, rows)
    set_link_header(request, response, next_cursor)
    if actor.is_authenticated:
        response.headers["Cache-Control"] = "private, no-store"
    return IdeaList(
        items=[logic.to_read(session, i, actor, locale, ctx) for i in rows], next_cursor=next_cursor
    )


@router.get("/categories", response_model=CategoryList, summary="Idea categories")
def list_categories(locale: LocaleDep) -> CategoryList:
    return CategoryList(items=[CategoryRead(code=k, name=locale.text(v)) for k, v in CATEGORIES.items()])


@router.get(
    "/export",
    summary="Open data: public ideas as CSV (display names only, timestamps rounded down to the hour)",
    responses={200: {"content": {"text/csv": {}}, "description": "CSV"}, **problem_responses(422)},
    response_class=Response,
)
def export_ideas(
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    format: Annotated[Literal["csv"], Query(description="Only csv")] = "csv",
    municipality: MunicipalityQ = None,
    category: Annotated[list[Category] | None, Query()] = None,
    state: Annotated[list[IdeaState] | None, Query()] = None,
    residence: Annotated[Residence | None, Query()] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    open_call: Annotated[uuid.UUID | None, Query()] = None,
) -> Response:
    filters = _filters(
        municipality, list(category or []), list(state or []), residence, q, open_call, False, False
    )
    stmt = logic.export_statement(session, actor=actor, filters=filters)
    name = f"ideas-{municipality or 'all'}.csv"
    return StreamingResponse(
        logic.export_csv_chunks(request.app.state.session_factory, stmt, lang=locale.lang),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get(
    "/stats",
    response_model=IdeaStats,
    summary="Participation: ideas, votes and comments by residence",
    responses=problem_responses(422),
)
def idea_stats(session: SessionDep, municipality: MunicipalityQ = None) -> IdeaStats:
    return logic.stats(session, municipality=municipality)


@router.get(
    "/settings/{municipality}",
    response_model=IdeaSettingsRead,
    summary="A municipality's participation settings",
    responses=problem_responses(404),
)
def read_settings(session: SessionDep, municipality: SlugPath) -> IdeaSettingsRead:
    return logic.read_settings(session, municipality)


@router.put(
    "/settings/{municipality}",
    response_model=IdeaSettingsRead,
    summary="Set the yearly vote limit per person (moderators of the municipality)",
    responses=problem_responses(401, 403, 404, 422),
)
def update_settings(
    session: SessionDep, actor: Moderator, municipality: SlugPath, body: IdeaSettingsUpdate
) -> IdeaSettingsRead:
    return logic.update_settings(session, actor=actor, slug=municipality, data=body)


@router.post(
    "",
    response_model=IdeaRead,
    status_code=201,
    summary="Propose an idea",
    responses=problem_responses(401, 403, 409, 422, 429),
    dependencies=[Depends(rate_limited("idea"))],
)
def create_idea(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: Participant,
    locale: LocaleDep,
    body: IdeaCreate,
) -> IdeaRead:
    idea = logic.create_idea(session, actor=actor, data=body)
    response.headers["Location"] = f"{request.url.path}/{idea.id}"
    set_etag(response, idea.version)
    return logic.read_one(session, idea, actor, locale)


@router.get("/{idea_id}", response_model=IdeaRead, summary="An idea", responses=problem_responses(404))
def read_idea(
    idea_id: uuid.UUID, response: Response, session: SessionDep, actor: ActorDep, locale: LocaleDep
) -> IdeaRead:
    idea = access.get_readable_idea(session, actor, idea_id)
    set_etag(
        response,
        idea.version,
        f"{actor.id}:{locale.lang}:{locale.all_translations}:{idea.vote_count}:{idea.comment_count}:{idea.follower_count}",
    )
    if actor.is_authenticated:
        response.headers["Cache-Control"] = "private, no-store"
    return logic.read_one(session, idea, actor, locale)


@router.patch(
    "/{idea_id}",
    response_model=IdeaRead,
    summary="Edit your idea (only before its first vote or answer)",
    responses=problem_responses(401, 403, 404, 409, 412, 422, 428),
)
def update_idea(
    idea_id: uuid.UUID,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: Participant,
    locale: LocaleDep,
    body: IdeaUpdate,
) -> IdeaRead:
    idea = access.get_readable_idea(session, actor, idea_id)
    require_if_match(request, idea.version)
    logic.update_idea(session, actor=actor, idea=idea, data=body)
    set_etag(response, idea.version)
    return logic.read_one(session, idea, actor, locale)


@router.delete(
    "/{idea_id}",
    status_code=204,
    summary="Delete your draft",
    responses=problem_responses(401, 403, 404, 409, 412, 428),
)
def delete_idea(idea_id: uuid.UUID, request: Request, session: SessionDep, actor: Participant) -> Response:
    idea = access.get_readable_idea(session, actor, idea_id)
    require_if_match(request, idea.version)
    logic.delete_draft(session, actor=actor, idea=idea)
    return Response(status_code=204)


@router.post(
    "/{idea_id}/state",
    response_model=IdeaRead,
    summary="Publish your draft or withdraw your idea",
    responses=problem_responses(401, 403, 404, 409, 412, 422, 428),
)
def change_state(
    idea_id: uuid.UUID,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: Participant,
    locale: LocaleDep,
    body: IdeaStateChange,
) -> IdeaRead:
    idea = access.get_readable_idea(session, actor, idea_id)
    require_if_match(request, idea.version)
    logic.change_state(session, actor=actor, idea=idea, state=body.state)
    set_etag(response, idea.version)
    return logic.read_one(session, idea, actor, locale)


# --- votes and following ------------------------------------------------------------------------


@router.get(
    "/{idea_id}/vote",
    response_model=VoteRead,
    summary="Your vote on an idea",
    responses=problem_responses(401, 403, 404),
)
def read_vote(idea_id: uuid.UUID, response: Response, session: SessionDep, actor: Participant) -> VoteRead:
    response.headers["Cache-Control"] = "no-store"
    return votes.my_vote(session, actor=actor, idea_id=idea_id)


@router.put(
    "/{idea_id}/vote",
    response_model=VoteRead,
    summary="Vote for an idea (201 when new, 200 when you had already voted)",
    responses={
        201: {"description": "Vote cast", "model": VoteRead},
        **problem_responses(401, 403, 404, 409, 429),
    },
    dependencies=[Depends(rate_limited("vote"))],
)
def cast_vote(
    idea_id: uuid.UUID,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: Participant,
) -> VoteRead:
    vote, created = votes.cast(session, actor=actor, idea_id=idea_id)
    response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    response.headers["Cache-Control"] = "no-store"
    return vote


@router.delete(
    "/{idea_id}/vote",
    response_model=VoteRead,
    summary="Withdraw your vote",
    responses=problem_responses(401, 403, 404, 429),
    dependencies=[Depends(rate_limited("vote"))],
)
def withdraw_vote(
    idea_id: uuid.UUID,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: Participant,
) -> VoteRead:
    response.headers["Cache-Control"] = "no-store"
    return votes.withdraw(session, actor=actor, idea_id=idea_id)


@router.put(
    "/{idea_id}/follow",
    status_code=204,
    summary="Follow an idea (notifications on changes, answers, comments)",
    responses=problem_responses(401, 403, 404, 409),
)
def follow(idea_id: uuid.UUID, session: SessionDep, actor: Participant) -> Response:
    logic.follow(session, actor=actor, idea=access.get_readable_idea(session, actor, idea_id))
    return Response(status_code=204)


@router.delete(
    "/{idea_id}/follow",
    status_code=204,
    summary="Stop following an idea",
    responses=problem_responses(401, 403, 404),
)
def unfollow(idea_id: uuid.UUID, session: SessionDep, actor: Participant) -> Response:
    logic.unfollow(session, actor=actor, idea=access.get_readable_idea(session, actor, idea_id))
    return Response(status_code=204)


@router.post(
    "/{idea_id}/flags",
    response_model=FlagRead,
    status_code=201,
    summary="Flag an idea for moderation",
    responses=problem_responses(401, 403, 404, 409, 422, 429),
    dependencies=[Depends(rate_limited("flag"))],
)
def flag_idea(
    idea_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    actor: Participant,
    body: FlagCreate,
) -> FlagRead:
    idea = access.get_readable_idea(session, actor, idea_id)
    row = moderation.flag(session, actor=actor, idea=idea, comment=None, data=body)
    return FlagRead(
        target_type=row.target_type, target_id=row.target_id, reason=row.reason, created_at=row.created_at
    )


# --- comments -------------------------------------------------------------------------------------


@router.get(
    "/{idea_id}/comments",
    response_model=CommentList,
    summary="The discussion, in thread order",
    responses=problem_responses(400, 404),
)
def list_comments(
    idea_id: uuid.UUID,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    page: PageDep,
) -> CommentList:
    idea = access.get_readable_idea(session, actor, idea_id)
    rows, next_cursor = comments.list_comments(session, actor=actor, idea=idea, params=page)
    moderator = access.is_moderator_of(actor, idea.municipality_id)
    set_link_header(request, response, next_cursor)
    return CommentList(
        items=[comments.to_read(c, actor, moderator=moderator) for c in rows], next_cursor=next_cursor
    )


@router.post(
    "/{idea_id}/comments",
    response_model=CommentRead,
    status_code=201,
    summary="Comment or reply (3 levels deep at most)",
    responses=problem_responses(401, 403, 404, 409, 422, 429),
    dependencies=[Depends(rate_limited("comment"))],
)
def create_comment(
    idea_id: uuid.UUID,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: Participant,
    body: CommentCreate,
) -> CommentRead:
    idea = access.get_readable_idea(session, actor, idea_id)
    comment = comments.create(session, actor=actor, idea=idea, data=body)
    set_etag(response, comment.version)
    return comments.to_read(comment, actor, moderator=access.is_moderator_of(actor, idea.municipality_id))


@router.get(
    "/{idea_id}/comments/{comment_id}",
    response_model=CommentRead,
    summary="A comment",
    responses=problem_responses(404),
)
def read_comment(
    idea_id: uuid.UUID, comment_id: uuid.UUID, response: Response, session: SessionDep, actor: ActorDep
) -> CommentRead:
    idea = access.get_readable_idea(session, actor, idea_id)
    comment = comments.get_comment(session, actor=actor, idea=idea, comment_id=comment_id)
    set_etag(response, comment.version, str(actor.id))
    return comments.to_read(comment, actor, moderator=access.is_moderator_of(actor, idea.municipality_id))


@router.patch(
    "/{idea_id}/comments/{comment_id}",
    response_model=CommentRead,
    summary="Edit your comment (within 15 minutes)",
    responses=problem_responses(401, 403, 404, 409, 412, 422, 428),
)
def edit_comment(
    idea_id: uuid.UUID,
    comment_id: uuid.UUID,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: Participant,
    body: CommentUpdate,
) -> CommentRead:
    idea = access.get_readable_idea(session, actor, idea_id)
    comment = comments.get_comment(session, actor=actor, idea=idea, comment_id=comment_id)
    require_if_match(request, comment.version)
    comments.edit(session, actor=actor, comment=comment, data=body)
    set_etag(response, comment.version)
    return comments.to_read(comment, actor, moderator=access.is_moderator_of(actor, idea.municipality_id))


@router.delete(
    "/{idea_id}/comments/{comment_id}",
    status_code=204,
    summary="Delete your comment (soft)",
    responses=problem_responses(401, 403, 404, 412, 428),
)
def delete_comment(
    idea_id: uuid.UUID, comment_id: uuid.UUID, request: Request, session: SessionDep, actor: Participant
) -> Response:
    idea = access.get_readable_idea(session, actor, idea_id)
    comment = comments.get_comment(session, actor=actor, idea=idea, comment_id=comment_id)
    require_if_match(request, comment.version)
    comments.delete(session, actor=actor, comment=comment)
    return Response(status_code=204)


@router.post(
    "/{idea_id}/comments/{comment_id}/flags",
    response_model=FlagRead,
    status_code=201,
    summary="Flag a comment for moderation",
    responses=problem_responses(401, 403, 404, 409, 422, 429),
    dependencies=[Depends(rate_limited("flag"))],
)
def flag_comment(
    idea_id: uuid.UUID,
    comment_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    actor: Participant,
    body: FlagCreate,
) -> FlagRead:
    idea = access.get_readable_idea(session, actor, idea_id)
    comment = comments.get_comment(session, actor=actor, idea=idea, comment_id=comment_id)
    row = moderation.flag(
        session,
        actor=actor,
        idea=idea,
        comment=comment,
        data=body,
    )
    return FlagRead(
        target_type=row.target_type, target_id=row.target_id, reason=row.reason, created_at=row.created_at
    )


# --- official answers ---------------------------------------------------------------------------


@router.get(
    "/{idea_id}/answers",
    response_model=AnswerList,
    summary="Official answers (unpublished ones for moderators only)",
    responses=problem_responses(400, 404),
)
def list_answers(
    idea_id: uuid.UUID,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    page: PageDep,
) -> AnswerList:
    idea = access.get_readable_idea(session, actor, idea_id)
    rows, next_cursor = answers.list_answers(session, actor=actor, idea=idea, params=page)
    set_link_header(request, response, next_cursor)
    if actor.is_authenticated:
        response.headers["Cache-Control"] = "private, no-store"
    return AnswerList(items=[answers.to_read(a, locale) for a in rows], next_cursor=next_cursor)


@router.post(
    "/{idea_id}/answers",
    response_model=AnswerRead,
    status_code=201,
    summary="Write an official answer (private until published)",
    responses=problem_responses(401, 403, 404, 409, 422),
)
def create_answer(
    idea_id: uuid.UUID,
    response: Response,
    session: SessionDep,
    actor: Moderator,
    locale: LocaleDep,
    body: AnswerCreate,
) -> AnswerRead:
    idea = access.get_moderated_idea(session, actor, idea_id)
    answer = answers.create(session, actor=actor, idea=idea, data=body)
    set_etag(response, answer.version)
    return answers.to_read(answer, locale)


@router.get(
    "/{idea_id}/answers/{answer_id}",
    response_model=AnswerRead,
    summary="An official answer",
    responses=problem_responses(404),
)
def read_answer(
    idea_id: uuid.UUID,
    answer_id: uuid.UUID,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
) -> AnswerRead:
    idea = access.get_readable_idea(session, actor, idea_id)
    answer = answers.get(session, idea=idea, answer_id=answer_id)
    if answer.published_at is None and not access.is_moderator_of(actor, idea.municipality_id):
        from api.core.errors import not_found

        raise not_found("answer")
    set_etag(response, answer.version)
    return answers.to_read(answer, locale)


@router.patch(
    "/{idea_id}/answers/{answer_id}",
    response_model=AnswerRead,
    summary="Change an unpublished answer",
    responses=problem_responses(401, 403, 404, 409, 412, 422, 428),
)
def update_answer(
    idea_id: uuid.UUID,
    answer_id: uuid.UUID,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: Moderator,
    locale: LocaleDep,
    body: AnswerUpdate,
) -> AnswerRead:
    idea = access.get_moderated_idea(session, actor, idea_id)
    answer = answers.get(session, idea=idea, answer_id=answer_id)
    require_if_match(request, answer.version)
    answers.update(session, idea=idea, answer=answer, data=body)
    set_etag(response, answer.version)
    return answers.to_read(answer, locale)


@router.delete(
    "/{idea_id}/answers/{answer_id}",
    status_code=204,
    summary="Delete an unpublished answer",
    responses=problem_responses(401, 403, 404, 409, 412, 428),
)
def delete_answer(
    idea_id: uuid.UUID, answer_id: uuid.UUID, request: Request, session: SessionDep, actor: Moderator
) -> Response:
    idea = access.get_moderated_idea(session, actor, idea_id)
    answer = answers.get(session, idea=idea, answer_id=answer_id)
    require_if_match(request, answer.version)
    answers.delete(session, answer=answer)
    return Response(status_code=204)


@router.post(
    "/{idea_id}/answers/{answer_id}/publish",
    response_model=AnswerRead,
    summary="Publish an answer: its state applies and followers are notified",
    responses=problem_responses(401, 403, 404, 409, 412, 428),
)
def publish_answer(
    idea_id: uuid.UUID,
    answer_id: uuid.UUID,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: Moderator,
    locale: LocaleDep,
) -> AnswerRead:
    idea = access.get_moderated_idea(session, actor, idea_id)
    answer = answers.get(session, idea=idea, answer_id=answer_id)
    require_if_match(request, answer.version)
    answers.publish(session, actor=actor, idea=idea, answer=answer)
    set_etag(response, answer.version)
    return answers.to_read(answer, locale)


routers = [router, moderation_router, notifications_router, budgets_router, calls_router]
links = {
    "ideas": "/ideas",
    "budgets": "/budgets",
    "open_calls": "/open-calls",
    "notifications": "/notifications",
    "moderation": "/moderation/cases",
}
