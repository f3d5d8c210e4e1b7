"""Self-registration, e-mail confirmation, the demo outbox."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.accounts.deps import client_address
from api.accounts.registration import logic
from api.accounts.schemas import (
    AccountRead,
    ConfirmRequest,
    OutboxItem,
    OutboxList,
    RegisterAccepted,
    RegisterRequest,
)
from api.accounts.users.logic import account_read
from api.core.config import SettingsDep
from api.core.db import SessionDep
from api.core.errors import not_found
from api.core.http import NoStore, op

auth = APIRouter(prefix="/auth", tags=["auth"])


@auth.post(
    "/register",
    **op(
        RegisterAccepted,
        "Register as a resident or an expert; a confirmation link is mailed",
        (422, 429),
        status=202,
    ),
)
def register(
    request: Request, session: SessionDep, settings: SettingsDep, body: RegisterRequest
) -> RegisterAccepted:
    logic.register(session, settings, data=body, client_ip=client_address(request))
    return RegisterAccepted(detail="If the address can be registered, a confirmation link was sent to it.")


@auth.post("/confirm", dependencies=[NoStore], **op(AccountRead, "Confirm an email address", (400,)))
def confirm(session: SessionDep, body: ConfirmRequest, response: Response) -> AccountRead:
    user = logic.confirm_email(session, token=body.token)
    return account_read(session, user)


@auth.get(
    "/demo-outbox",
    dependencies=[NoStore],
    **op(OutboxList, "Demo mode only: the mail that would have been sent to an address", (404,)),
)
def demo_outbox(
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
    email: Annotated[str, Query(min_length=3, max_length=320)],
) -> OutboxList:
    if not settings.demo:
        raise not_found("page")
    rows = logic.demo_outbox(session, email=email)
    return OutboxList(items=[OutboxItem.model_validate(r, from_attributes=True) for r in rows])
