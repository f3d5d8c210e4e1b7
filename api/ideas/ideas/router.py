"""HTTP routes of ideas: the board, categories, export, statistics, settings, proposing, editing,
state moves and following. Fixed paths (``/categories``, ``/export``…) come before ``/{idea_id}``."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse

from api.accounts.deps import ActorDep
from api.core.actor import Actor
from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.errors import problem_responses
from api.core.http import deleting, no_content, op, rows_page_response
from api.core.i18n import LocaleDep
from api.ideas.categories import CATEGORIES, Category, IdeaState, Residence
from api.ideas.deps import (
    ACTION_ERRORS,
    EDIT_ERRORS,
    ListingDep,
    Moderator,
    Participant,
    PrivateWhenSignedIn,
    ReadableIdea,
    Reply,
    ReplyDep,
    limited,
)
from api.ideas.fields import Slug, SlugPath
from api.ideas.ideas import board, export, logic
from api.ideas.ideas.schemas import (
    CategoryList,
    CategoryRead,
    IdeaCreate,
    IdeaList,
    IdeaRead,
    IdeaSettingsRead,
    IdeaSettingsUpdate,
    IdeaSort,
    IdeaStateChange,
    IdeaStats,
    IdeaUpdate,
)
from api.ideas.models import Idea

router = APIRouter(prefix="/ideas", tags=["ideas"])

MunicipalityQ = Annotated[Slug | None, Query(description="Municipality slug, e.g. `vilniaus-m`")]


@router.get("", **op(IdeaList, "The ideas board", (400, 422)), dependencies=[PrivateWhenSignedIn])
def list_ideas(
    listing: ListingDep,
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
) -> Response:
    filters = board.IdeaFilters(municipality, category, state, residence, q, open_call, mine, following)

    items, next_cursor = board.board_page(
        listing.session,
        actor=listing.actor,
        locale=listing.locale,
        params=listing.page,
        sort=sort,
        filters=filters,
    )
    return rows_page_response(listing.request, listing.response, items, next_cursor)


@router.get("/categories", **op(CategoryList, "Idea categories"))
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
    filters = board.IdeaFilters(municipality, category, state, residence, q, open_call)
    stmt = export.export_statement(session, actor=actor, filters=filters)
    return StreamingResponse(
        export.export_csv_chunks(request.app.state.session_factory, stmt, lang=locale.lang),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="ideas-{municipality or "all"}.csv"'},
    )


@router.get("/stats", **op(IdeaStats, "Participation: ideas, votes and comments by residence", (422,)))
def idea_stats(session: SessionDep, municipality: MunicipalityQ = None) -> IdeaStats:
    return logic.stats(session, municipality=municipality)


@router.get(
    "/settings/{municipality}", **op(IdeaSettingsRead, "A municipality's participation settings", (404,))
)
def read_settings(session: SessionDep, municipality: SlugPath) -> IdeaSettingsRead:
    return logic.read_settings(session, municipality)


@router.put(
    "/settings/{municipality}",
    **op(
        IdeaSettingsRead,
        "Set the yearly vote limit per person (moderators of the municipality)",
        (401, 403, 404, 422),
    ),
)
def update_settings(
    session: SessionDep, actor: Moderator, municipality: SlugPath, body: IdeaSettingsUpdate
) -> IdeaSettingsRead:
    return logic.update_settings(session, actor=actor, slug=municipality, data=body)


def _idea(reply: Reply, idea: Idea, actor: Actor) -> IdeaRead:
    return reply.tagged(idea.version, board.read_one(reply.session, idea, actor, reply.locale))


@router.post("", **limited("idea", IdeaRead, "Propose an idea", (401, 403, 409, 422, 429), status=201))
def create_idea(actor: Participant, reply: ReplyDep, body: IdeaCreate) -> IdeaRead:
    idea = logic.create_idea(reply.session, actor=actor, data=body)
    return reply.created(idea.id, idea.version, board.read_one(reply.session, idea, actor, reply.locale))


@router.get("/{idea_id}", **op(IdeaRead, "An idea", (404,)), dependencies=[PrivateWhenSignedIn])
def read_idea(idea: ReadableIdea, actor: ActorDep, reply: ReplyDep) -> IdeaRead:
    return _idea(reply, idea, actor)


@router.patch(
    "/{idea_id}", **op(IdeaRead, "Edit your idea (only before its first vote or answer)", EDIT_ERRORS)
)
def update_idea(
    actor: Participant, idea: ReadableIdea, if_match: IfMatchDep, reply: ReplyDep, body: IdeaUpdate
) -> IdeaRead:
    logic.update_idea(reply.session, actor=actor, idea=idea, data=body, if_match=if_match)
    return _idea(reply, idea, actor)


@router.delete("/{idea_id}", **deleting("Delete your draft", ACTION_ERRORS))
def delete_idea(
    session: SessionDep, actor: Participant, idea: ReadableIdea, if_match: IfMatchDep
) -> Response:
    logic.delete_draft(session, actor=actor, idea=idea, if_match=if_match)
    return no_content()


@router.post("/{idea_id}/state", **op(IdeaRead, "Publish your draft or withdraw your idea", EDIT_ERRORS))
def change_state(
    actor: Participant, idea: ReadableIdea, if_match: IfMatchDep, reply: ReplyDep, body: IdeaStateChange
) -> IdeaRead:
    logic.change_state(reply.session, actor=actor, idea=idea, state=body.state, if_match=if_match)
    return _idea(reply, idea, actor)


@router.put(
    "/{idea_id}/follow",
    **op(
        None, "Follow an idea (notifications on changes, answers, comments)", (401, 403, 404, 409), status=204
    ),
)
def follow(session: SessionDep, actor: Participant, idea: ReadableIdea) -> Response:
    logic.follow(session, actor=actor, idea=idea)
    return no_content()


@router.delete("/{idea_id}/follow", **deleting("Stop following an idea", (401, 403, 404)))
def unfollow(session: SessionDep, actor: Participant, idea: ReadableIdea) -> Response:
    logic.unfollow(session, actor=actor, idea=idea)
    return no_content()
