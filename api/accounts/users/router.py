"""Your own account and the accounts you manage."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from api.accounts.deps import UserActor, require_scopes
from api.accounts.schemas import (
    AccountRead,
    MeUpdate,
    UserCreate,
    UserList,
    UserUpdate,
)
from api.accounts.users import logic
from api.core.actor import Actor
from api.core.conditional import IfMatchDep, claim
from api.core.db import SessionDep
from api.core.etag import set_etag
from api.core.http import NoStore, NoStoreRead, op
from api.core.pagination import PageDep, set_link_header
from api.municipalities import logic as municipalities

# Account data is personal: never cached. Reading your own account is not audited, so it stays a
# database reader (a change to it is a writer by its method).
me = APIRouter(tags=["auth"], dependencies=[NoStoreRead])
users = APIRouter(prefix="/users", tags=["users"], dependencies=[NoStore])


@me.get("/me", **op(AccountRead, "Your account", (401,)))
def read_me(session: SessionDep, actor: UserActor, response: Response) -> AccountRead:
    user = logic.get_me(session, actor=actor)
    set_etag(response, user.version)
    return logic.account_read(session, user)


@me.patch("/me", **op(AccountRead, "Change your account", (401, 412, 422, 428)))
def update_me(
    if_match: IfMatchDep, session: SessionDep, actor: UserActor, body: MeUpdate, response: Response
) -> AccountRead:
    claim(session, logic.get_me(session, actor=actor), if_match)
    user = logic.update_me(session, actor=actor, data=body)
    set_etag(response, user.version)
    return logic.account_read(session, user)


UserManager = Annotated[Actor, Depends(require_scopes("users:manage"))]
UserSort = Literal["created_at", "-created_at", "email"]


@users.get("", **op(UserList, "List accounts you manage", (401, 403)))
def list_users(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: UserManager,
    page: PageDep,
    sort: UserSort = "created_at",
    role: Annotated[
        Literal["admin", "coordinator", "provider", "analyst", "expert", "resident"] | None, Query()
    ] = None,
    municipality: Annotated[str | None, Query(max_length=60)] = None,
    organization_id: uuid.UUID | None = None,
    active: bool | None = None,
    q: Annotated[str | None, Query(max_length=100, description="Email or name contains")] = None,
) -> UserList:
    rows, next_cursor = logic.list_users(
        session,
        actor=actor,
        params=page,
        sort=sort,
        role=role,
        municipality=municipality,
        organization_id=organization_id,
        active=active,
        q=q,
    )
    set_link_header(request, response, next_cursor)
    slugs = municipalities.slug_map(session)
    return UserList(items=[logic.account_read(session, u, slugs) for u in rows], next_cursor=next_cursor)


@users.post("", **op(AccountRead, "Create an account", (401, 403, 409, 422), status=201))
def create_user(session: SessionDep, actor: UserManager, body: UserCreate, response: Response) -> AccountRead:
    user = logic.create_user(session, actor=actor, data=body)
    response.headers["Location"] = f"/api/v1/users/{user.id}"
    set_etag(response, user.version)
    return logic.account_read(session, user)


@users.get("/{user_id}", **op(AccountRead, "Get an account", (401, 403, 404)))
def get_user(user_id: uuid.UUID, session: SessionDep, actor: UserManager, response: Response) -> AccountRead:
    user = logic.get_user(session, actor=actor, user_id=user_id)
    set_etag(response, user.version)
    return logic.account_read(session, user)


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
    user = logic.update_user(session, actor=actor, user=user, data=body)
    set_etag(response, user.version)
    return logic.account_read(session, user)


@users.delete(
    "/{user_id}",
    **op(None, "Deactivate an account and end its sessions", (401, 403, 404, 409, 412, 428), status=204),
)
def deactivate_user(
    user_id: uuid.UUID, if_match: IfMatchDep, session: SessionDep, actor: UserManager
) -> Response:
    user = logic.get_user(session, actor=actor, user_id=user_id)
    claim(session, user, if_match)
    logic.deactivate_user(session, actor=actor, user=user)
    return Response(status_code=204)
