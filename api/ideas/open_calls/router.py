"""HTTP routes of open calls: budget-less rounds where ideas compete for a named prize."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.accounts.deps import ActorDep
from api.core.actor import Actor
from api.core.conditional import IfMatchDep
from api.core.http import creating, op
from api.ideas.deps import EDIT_ERRORS, BudgetManager, ListingDep, ManagedCall, ReadableCall, Reply, ReplyDep
from api.ideas.fields import Slug
from api.ideas.models import OpenCall
from api.ideas.open_calls import logic as open_calls
from api.ideas.open_calls.schemas import (
    AwardCreate,
    OpenCallCreate,
    OpenCallList,
    OpenCallRead,
    OpenCallUpdate,
)

router = APIRouter(prefix="/open-calls", tags=["open-calls"])


def _call(reply: Reply, call: OpenCall, actor: Actor) -> OpenCallRead:
    return reply.tagged(call.version, open_calls.to_read(reply.session, call, actor, reply.locale))


@router.get("", **op(OpenCallList, "Open calls (logo, city gate, anthem…)", (400, 422)))
def list_calls(
    listing: ListingDep,
    municipality: Annotated[Slug | None, Query()] = None,
    phase: Annotated[Literal["upcoming", "open", "judging", "awarded"] | None, Query()] = None,
) -> Response:
    s, actor, locale = listing.session, listing.actor, listing.locale
    rows, cursor = open_calls.CALLS.page(
        s, actor=actor, params=listing.page, municipality=municipality, phase=phase
    )
    items = [open_calls.to_read(s, c, actor, locale) for c in rows]
    return listing.answer(OpenCallList(items=items, next_cursor=cursor))


@router.post("", **creating(OpenCallRead, "Open a call with a named prize", (401, 403, 422)))
def create_call(actor: BudgetManager, reply: ReplyDep, body: OpenCallCreate) -> OpenCallRead:
    call = open_calls.CALLS.open(reply.session, actor=actor, data=body)
    return reply.created(call.id, call.version, open_calls.to_read(reply.session, call, actor, reply.locale))


@router.get("/{call_id}", **op(OpenCallRead, "An open call", (404,)))
def read_call(call: ReadableCall, actor: ActorDep, reply: ReplyDep) -> OpenCallRead:
    return _call(reply, call, actor)


@router.patch("/{call_id}", **op(OpenCallRead, "Change an open call", EDIT_ERRORS))
def update_call(
    actor: BudgetManager, call: ManagedCall, if_match: IfMatchDep, reply: ReplyDep, body: OpenCallUpdate
) -> OpenCallRead:
    open_calls.update(reply.session, call=call, data=body, if_match=if_match)
    return _call(reply, call, actor)


@router.post(
    "/{call_id}/award",
    **op(OpenCallRead, "Award the prize to an entry (after submissions close)", EDIT_ERRORS),
)
def award(
    actor: BudgetManager, call: ManagedCall, if_match: IfMatchDep, reply: ReplyDep, body: AwardCreate
) -> OpenCallRead:
    open_calls.award(reply.session, actor=actor, call=call, data=body, if_match=if_match)
    return _call(reply, call, actor)
