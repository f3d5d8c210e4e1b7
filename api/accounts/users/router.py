"""Your own account and the accounts you manage."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from sqlmodel import Session

from api.accounts.deps import MyAccount, UserActor, require_scopes
from api.accounts.models import User
from api.accounts.schemas import (
    AccountRead,
    MeUpdate,
    UserCreate,
    UserList,
    UserUpdate,
)
from api.accounts.users import logic
from api.accounts.users.params import UserQuery
from api.core.actor import Actor
from api.core.conditional import IfMatchDep, claim
from api.core.db import SessionDep
from api.core.etag import set_etag
from api.core.http import NoStore, NoStoreRead, created, creating, deleting, no_content, op
from api.core.pagination import PageDep, set_link_header
from api.municipalities import logic as municipalities

# Account data is personal: never cached. Reading your own account is not audited, so it stays a
# database reader (a change to it is a writer by its method).
me = APIRouter(tags=["auth"], dependencies=[NoStoreRead])
users = APIRouter(prefix="/users", tags=["users"], dependencies=[NoStore])


def _account(response: Response, session: Session, user: User) -> AccountRead:
    """An account as read, with its ETag."""
    set_etag(response, user.version)
    return logic.account_read(session, user)


@me.get("/me", **op(AccountRead, "Your account", (401,)))
async def read_me(response: Response, account: MyAccount) -> Response:
    # The authenticated floor: usually no thread and no database (see accounts.deps.my_account).
    body, version = account
    set_etag(response, version)
    headers = {k: v for k, v in response.headers.items() if k not in ("content-length", "content-type")}
    return Response(body, media_type="application/json", headers=headers)


@me.patch("/me", **op(AccountRead, "Change your account", (401, 412, 422, 428)))
def update_me(
    if_match: IfMatchDep, session: SessionDep, actor: UserActor, body: MeUpdate, response: Response
) -> AccountRead:
    claim(session, logic.get_me(session, actor=actor), if_match)
    return _account(response, session, logic.update_me(session, actor=actor, data=body))


UserManager = Annotated[Actor, Depends(require_scopes("users:manage"))]


@users.get("", **op(UserList, "List accounts you manage", (401, 403)))
def list_users(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: UserManager,
    query: Annotated[UserQuery, Depends()],
    page: PageDep,
) -> UserList:
    rows, next_cursor = logic.list_users(session, actor=actor, params=page, query=query)
    set_link_header(request, response, next_cursor)
    slugs = municipalities.slug_map(session)
    return UserList(items=[logic.account_read(session, u, slugs) for u in rows], next_cursor=next_cursor)


@users.post("", **creating(AccountRead, "Create an account", (401, 403, 409, 422)))
def create_user(session: SessionDep, actor: UserManager, body: UserCreate, response: Response) -> AccountRead:
    user = logic.create_user(session, actor=actor, data=body)
    created(response, f"/api/v1/users/{user.id}")
    return _account(response, session, user)


@users.get("/{user_id}", **op(AccountRead, "Get an account", (401, 403, 404)))
def get_user(user_id: uuid.UUID, session: SessionDep, actor: UserManager, response: Response) -> AccountRead:
    return _account(response, session, logic.get_user(session, actor=actor, user_id=user_id))


@users.patch("/{user_id}", **op(AccountRead, "Change an account", (401, 403, 404, 409, 412, 422, 428)))
def update_user(
    user_id: uuid.UUID,
    if_match: IfMatchDep,
    session: SessionDep,
    actor: UserManager,
    body: UserUpdate,
    response: Response,
) -> AccountRead:
    user = logic.get_user(session, actor=actor, user_id=user_id)
    claim(session, user, if_match)
    return _account(response, session, logic.update_user(session, actor=actor, user=user, data=body))


@users.delete(
    "/{user_id}", **deleting("Deactivate an account and end its sessions", (401, 403, 404, 409, 412, 428))
)
def deactivate_user(
    user_id: uuid.UUID, if_match: IfMatchDep, session: SessionDep, actor: UserManager
) -> Response:
    user = logic.get_user(session, actor=actor, user_id=user_id)
    claim(session, user, if_match)
    logic.deactivate_user(session, actor=actor, user=user)
    return no_content()
