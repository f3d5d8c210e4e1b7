"""HTTP routes of open calls: budget-less rounds where ideas compete for a named prize."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from api.accounts.deps import ActorDep
from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.http import created, op, with_etag
from api.core.i18n import LocaleDep
from api.ideas.deps import BudgetManager, ListingDep, ManagedCall, ReadableCall
from api.ideas.fields import Slug
from api.ideas.open_calls import logic as open_calls
from api.ideas.open_calls.schemas import (
    AwardCreate,
    OpenCallCreate,
    OpenCallList,
    OpenCallRead,
    OpenCallUpdate,
)

router = APIRouter(prefix="/open-calls", tags=["open-calls"])


@router.get("", **op(OpenCallList, "Open calls (logo, city gate, anthem…)", (400, 422)))
def list_calls(
    listing: ListingDep,
    municipality: Annotated[Slug | None, Query()] = None,
    phase: Annotated[Literal["upcoming", "open", "judging", "awarded"] | None, Query()] = None,
) -> Response:
    s, actor, locale = listing.session, listing.actor, listing.locale
    rows, cursor = open_calls.list_calls(
        s, actor=actor, params=listing.page, municipality=municipality, phase_filter=phase
    )
    items = [open_calls.to_read(s, c, actor, locale) for c in rows]
    return listing.answer(OpenCallList(items=items, next_cursor=cursor))


@router.post("", **op(OpenCallRead, "Open a call with a named prize", (401, 403, 422), status=201))
def create_call(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: BudgetManager,
    locale: LocaleDep,
    body: OpenCallCreate,
) -> OpenCallRead:
    call = open_calls.create(session, actor=actor, data=body)
    created(response, f"{request.url.path}/{call.id}")
    return with_etag(response, call.version, open_calls.to_read(session, call, actor, locale))


@router.get("/{call_id}", **op(OpenCallRead, "An open call", (404,)))
def read_call(
    call: ReadableCall, response: Response, session: SessionDep, actor: ActorDep, locale: LocaleDep
) -> OpenCallRead:
    return with_etag(response, call.version, open_calls.to_read(session, call, actor, locale))


@router.patch("/{call_id}", **op(OpenCallRead, "Change an open call", (401, 403, 404, 409, 412, 422, 428)))
def update_call(
    response: Response,
    session: SessionDep,
    actor: BudgetManager,
    call: ManagedCall,
    if_match: IfMatchDep,
    locale: LocaleDep,
    body: OpenCallUpdate,
) -> OpenCallRead:
    open_calls.update(session, call=call, data=body, if_match=if_match)
    return with_etag(response, call.version, open_calls.to_read(session, call, actor, locale))


@router.post(
    "/{call_id}/award",
    **op(
        OpenCallRead,
        "Award the prize to an entry (after submissions close)",
        (401, 403, 404, 409, 412, 422, 428),
    ),
)
def award(
    response: Response,
    session: SessionDep,
    actor: BudgetManager,
    call: ManagedCall,
    if_match: IfMatchDep,
    locale: LocaleDep,
    body: AwardCreate,
) -> OpenCallRead:
    open_calls.award(session, actor=actor, call=call, data=body, if_match=if_match)
    return with_etag(response, call.version, open_calls.to_read(session, call, actor, locale))
