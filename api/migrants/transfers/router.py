"""Transfers: ask another municipality to take a person over; the receiving one decides."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import Query

from api.core.db import SessionDep
from api.core.http import creating, op
from api.migrants.deps import ReaderActor, WritablePerson, WriterById
from api.migrants.routes import WRITE_ERRORS, personal
from api.migrants.schemas import TransferCreate, TransferList, TransferRead
from api.migrants.transfers import logic

person_router = personal("/migrants")
router = personal()


@person_router.post(
    "/{person_id}/transfers",
    **creating(TransferRead, "Ask another municipality to take the person over", WRITE_ERRORS),
)
def request_transfer(
    session: SessionDep, actor: WriterById, person: WritablePerson, body: TransferCreate
) -> TransferRead:
    row = logic.request(session, actor=actor, person=person, to_slug=body.to_municipality, reason=body.reason)
    return logic.to_read(session, actor, row)


@router.get("/transfers", **op(TransferList, "Transfers into and out of your municipality", (401, 403, 422)))
def list_transfers(
    session: SessionDep,
    actor: ReaderActor,
    status_: Annotated[Literal["pending", "accepted", "rejected"] | None, Query(alias="status")] = None,
) -> TransferList:
    return TransferList(items=logic.listing(session, actor=actor, status=status_))


@router.post(
    "/transfers/{transfer_id}/{decision}",
    **op(TransferRead, "Accept or reject a transfer into your municipality", WRITE_ERRORS),
)
def decide_transfer(
    transfer_id: uuid.UUID,
    decision: Literal["accept", "reject"],
    session: SessionDep,
    actor: WriterById,
) -> TransferRead:
    row = logic.get(session, actor=actor, transfer_id=transfer_id)
    logic.decide(session, actor=actor, row=row, accept=decision == "accept")
    return logic.to_read(session, actor, row)


routers = [person_router, router]
