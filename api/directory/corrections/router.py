"""HTTP routes of corrections (see ``logic``)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from api.accounts.deps import ActorDep, client_address, require_scopes
from api.core.actor import Actor
from api.core.db import SessionDep
from api.core.http import NoStore, op
from api.core.i18n import LocaleDep
from api.directory.corrections import logic
from api.directory.corrections.schemas import (
    CorrectionCreate,
    CorrectionDecision,
    CorrectionList,
    CorrectionRead,
    CorrectionReceived,
)
from api.directory.deps import ListingDep

router = APIRouter(tags=["directory"])
private = APIRouter(tags=["directory"], dependencies=[NoStore])
Writer = Annotated[Actor, Depends(require_scopes("directory:write"))]


@router.post(
    "/services/{service_id}/corrections",
    **op(
        CorrectionReceived,
        "Tell the service's owner what is wrong in its listing (no account needed)",
        (404, 422, 429),
        status=202,
    ),
)
def suggest(
    service_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    body: CorrectionCreate,
) -> CorrectionReceived:
    row = logic.suggest(
        session, service_id=service_id, data=body, lang=locale.lang, client=client_address(request)
    )
    return CorrectionReceived(id=row.id, status="open")


@private.get(
    "/service-corrections",
    **op(CorrectionList, "Corrections suggested for services I may change", (401, 403, 422)),
)
def queue(
    session: SessionDep,
    actor: Writer,
    locale: LocaleDep,
    paging: ListingDep,
    status: Annotated[Literal["open", "resolved", "dismissed"] | None, Query()] = "open",
    overdue: Annotated[bool | None, Query(description="true: open past the due day")] = None,
    sort: Annotated[
        Literal["-created", "due"], Query(description="-created: newest first; due: soonest due first")
    ] = "-created",
) -> Response:
    items, cursor = logic.queue(session, actor, paging.page, status, locale.lang, overdue=overdue, sort=sort)
    return paging.answer(CorrectionList(items=items, next_cursor=cursor))


@private.post(
    "/service-corrections/{correction_id}/decision",
    **op(
        CorrectionRead,
        "Mark a correction done (the listing was fixed) or dismissed",
        (401, 403, 404, 409, 422),
    ),
)
def decide(
    correction_id: uuid.UUID, session: SessionDep, actor: Writer, locale: LocaleDep, body: CorrectionDecision
) -> CorrectionRead:
    return logic.decide(session, actor, correction_id, body, locale.lang)
