from __future__ import annotations

import base64
import binascii
import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Query, Request, Response, status
from fastapi.responses import JSONResponse

from api.accounts import logic
from api.accounts.deps import CurrentActor, UserActor, require_scopes
from api.accounts.schemas import (
    AccountRead,
    ClientCreate,
    ClientList,
    ClientRead,
    ClientUpdate,
    ClientWithSecret,
    ConfirmRequest,
    LogoutRequest,
    MeUpdate,
    OutboxItem,
    OutboxList,
    RegisterAccepted,
    RegisterRequest,
    TokenResponse,
    UserCreate,
    UserList,
    UserUpdate,
)
from api.core.actor import Actor
from api.core.config import SettingsDep
from api.core.db import SessionDep
from api.core.errors import ProblemError, not_found, problem_response, problem_responses
from api.core.etag import require_if_match, set_etag
from api.core.pagination import PageDep, set_link_header
from api.municipalities import logic as municipalities

auth = APIRouter(prefix="/auth", tags=["auth"])
me = APIRouter(tags=["auth"])
users = APIRouter(prefix="/users", tags=["users"])
clients = APIRouter(prefix="/clients", tags=["clients"])

NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _basic_credentials(request: Request) -> tuple[str, str] | None:
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("basic "):
        return None
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, sep, secret = decoded.partition(":")
    return (client_id, secret) if sep else None


@auth.post(
    "/token",
    response_model=TokenResponse,
    summary="Get tokens (OAuth 2.0: password, client_credentials, refresh_token)",
    responses=problem_responses(400, 401, 429),
)
def token(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    grant_type: Annotated[Literal["password", "client_credentials", "refresh_token"], Form()],
    username: Annotated[str | None, Form(max_length=320)] = None,
    password: Annotated[str | None, Form(max_length=128)] = None,
    scope: Annotated[str | None, Form(max_length=1000)] = None,
    refresh_token: Annotated[str | None, Form(max_length=4000)] = None,
    client_id: Annotated[str | None, Form(max_length=64)] = None,
    client_secret: Annotated[str | None, Form(max_length=200)] = None,
) -> Response:
    factory = request.app.state.session_factory
    result: TokenResponse | ProblemError
    if grant_type == "password":
        if not username or not password:
            raise logic.oauth_error("invalid_request", "username and password are required.")
        result = logic.password_grant(
            session,
            factory,
            settings,
            username=username,
            password=password,
            scope=scope,
            client_ip=_client_ip(request),
        )
    elif grant_type == "client_credentials":
        basic = _basic_credentials(request)
        cid, secret = basic if basic else (client_id, client_secret)
        if not cid or not secret:
            raise logic.oauth_error("invalid_client", "Client authentication is required.", status=401)
        result = logic.client_credentials_grant(
            session, factory, settings, client_id=cid, client_secret=secret, scope=scope
        )
    else:
        if not refresh_token:
            raise logic.oauth_error("invalid_request", "refresh_token is required.")
        result = logic.refresh_grant(session, settings, refresh_token=refresh_token)
    if isinstance(result, ProblemError):
        return problem_response(
            result.status,
            detail=result.detail,
            title=result.title,
            slug=result.slug,
            instance=request.url.path,
            extra=result.extra,
        )
    return JSONResponse(result.model_dump(exclude_none=True), headers=NO_STORE)


@auth.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Sign out: revoke this access token and the refresh token's family",
    responses=problem_responses(401),
)
def logout(
    session: SessionDep, settings: SettingsDep, actor: CurrentActor, body: LogoutRequest | None = None
) -> Response:
    logic.logout(session, settings, actor=actor, refresh_token=body.refresh_token if body else None)
    return Response(status_code=204)


@auth.post(
    "/register",
    response_model=RegisterAccepted,
    status_code=202,
    summary="Register as a resident or an expert; a confirmation link is mailed",
    responses=problem_responses(422, 429),
)
def register(
    request: Request, session: SessionDep, settings: SettingsDep, body: RegisterRequest
) -> RegisterAccepted:
    logic.register(
        session, request.app.state.session_factory, settings, data=body, client_ip=_client_ip(request)
    )
    return RegisterAccepted(detail="If the address can be registered, a confirmation link was sent to it.")


@auth.post(
    "/confirm",
    response_model=AccountRead,
    summary="Confirm an email address",
    responses=problem_responses(400),
)
def confirm(session: SessionDep, body: ConfirmRequest, response: Response) -> AccountRead:
    user = logic.confirm_email(session, token=body.token)
    response.headers.update(NO_STORE)
    return logic.account_read(session, user)


@auth.get(
    "/demo-outbox",
    response_model=OutboxList,
    summary="Demo mode only: the mail that would have been sent to an address",
    responses=problem_responses(404),
)
def demo_outbox(
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
    email: Annotated[str, Query(min_length=3, max_length=320)],
) -> OutboxList:
    if not settings.demo:
        raise not_found("page")
    response.headers.update(NO_STORE)
    rows = logic.demo_outbox(session, email=email)
    return OutboxList(
        items=[
            OutboxItem(
                recipient=r.recipient, kind=r.kind, subject=r.subject, body=r.body, created_at=r.created_at
            )
            for r in rows
        ]
    )


@me.get("/me", response_model=AccountRead, summary="Your account", responses=problem_responses(401))
def read_me(session: SessionDep, actor: UserActor, response: Response) -> AccountRead:
    user = logic.get_me(session, actor=actor)
    response.headers["Cache-Control"] = "no-store"
    set_etag(response, user.version)
    return logic.account_read(session, user)


@me.patch(
    "/me",
    response_model=AccountRead,
    summary="Change your account",
    responses=problem_responses(401, 412, 422, 428),
)
def update_me(
    request: Request, session: SessionDep, actor: UserActor, body: MeUpdate, response: Response
) -> AccountRead:
    require_if_match(request, logic.get_me(session, actor=actor).version)
    user = logic.update_me(session, actor=actor, data=body)
    response.headers["Cache-Control"] = "no-store"
    set_etag(response, user.version)
    return logic.account_read(session, user)


UserManager = Annotated[Actor, Depends(require_scopes("users:manage"))]
ClientManager = Annotated[Actor, Depends(require_scopes("clients:manage"))]
UserSort = Literal["created_at", "-created_at", "email"]


@users.get(
    "", response_model=UserList, summary="List accounts you manage", responses=problem_responses(401, 403)
)
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
    response.headers["Cache-Control"] = "no-store"
    set_link_header(request, response, next_cursor)
    slugs = municipalities.slug_map(session)
    return UserList(items=[logic.account_read(session, u, slugs) for u in rows], next_cursor=next_cursor)


@users.post(
    "",
    response_model=AccountRead,
    status_code=201,
    summary="Create an account",
    responses=problem_responses(401, 403, 409, 422),
)
def create_user(session: SessionDep, actor: UserManager, body: UserCreate, response: Response) -> AccountRead:
    user = logic.create_user(session, actor=actor, data=body)
    response.headers["Location"] = f"/api/v1/users/{user.id}"
    response.headers["Cache-Control"] = "no-store"
    set_etag(response, user.version)
    return logic.account_read(session, user)


@users.get(
    "/{user_id}",
    response_model=AccountRead,
    summary="Get an account",
    responses=problem_responses(401, 403, 404),
)
def get_user(user_id: uuid.UUID, session: SessionDep, actor: UserManager, response: Response) -> AccountRead:
    user = logic.get_user(session, actor=actor, user_id=user_id)
    response.headers["Cache-Control"] = "no-store"
    set_etag(response, user.version)
    return logic.account_read(session, user)


@users.patch(
    "/{user_id}",
    response_model=AccountRead,
    summary="Change an account",
    responses=problem_responses(401, 403, 404, 409, 412, 422, 428),
)
def update_user(
    user_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    actor: UserManager,
    body: UserUpdate,
    response: Response,
) -> AccountRead:
    user = logic.get_user(session, actor=actor, user_id=user_id)
    require_if_match(request, user.version)
    user = logic.update_user(session, actor=actor, user=user, data=body)
    response.headers["Cache-Control"] = "no-store"
    set_etag(response, user.version)
    return logic.account_read(session, user)


@users.delete(
    "/{user_id}",
    status_code=204,
    summary="Deactivate an account and end its sessions",
    responses=problem_responses(401, 403, 404, 409, 412, 428),
)
def deactivate_user(
    user_id: uuid.UUID, request: Request, session: SessionDep, actor: UserManager
) -> Response:
    user = logic.get_user(session, actor=actor, user_id=user_id)
    require_if_match(request, user.version)
    logic.deactivate_user(session, actor=actor, user=user)
    return Response(status_code=204)


@clients.get(
    "", response_model=ClientList, summary="List machine clients", responses=problem_responses(401, 403)
)
def list_clients(
    request: Request, response: Response, session: SessionDep, actor: ClientManager, page: PageDep
) -> ClientList:
    rows, next_cursor = logic.list_clients(session, params=page)
    set_link_header(request, response, next_cursor)
    return ClientList(items=[logic.client_read(session, c) for c in rows], next_cursor=next_cursor)


@clients.post(
    "",
    response_model=ClientWithSecret,
    status_code=201,
    summary="Create a machine client (the secret is shown once)",
    responses=problem_responses(401, 403, 422),
)
def create_client(
    session: SessionDep, actor: ClientManager, body: ClientCreate, response: Response
) -> ClientRead:
    client, secret = logic.create_client(session, actor=actor, data=body)
    response.headers["Location"] = f"/api/v1/clients/{client.id}"
    response.headers.update(NO_STORE)
    return logic.client_read(session, client, secret)


@clients.get(
    "/{client_id}",
    response_model=ClientRead,
    summary="Get a machine client",
    responses=problem_responses(401, 403, 404),
)
def get_client(
    client_id: uuid.UUID, session: SessionDep, actor: ClientManager, response: Response
) -> ClientRead:
    client = logic.get_client(session, client_id)
    set_etag(response, client.version)
    return logic.client_read(session, client)


@clients.patch(
    "/{client_id}",
    response_model=ClientRead,
    summary="Change a machine client",
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
def update_client(
    client_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    actor: ClientManager,
    body: ClientUpdate,
    response: Response,
) -> ClientRead:
    client = logic.get_client(session, client_id)
    require_if_match(request, client.version)
    client = logic.update_client(session, client=client, data=body)
    set_etag(response, client.version)
    return logic.client_read(session, client)


@clients.post(
    "/{client_id}/secret",
    response_model=ClientWithSecret,
    summary="Issue a new secret (the old one stops working)",
    responses=problem_responses(401, 403, 404),
)
def rotate_secret(
    client_id: uuid.UUID, session: SessionDep, actor: ClientManager, response: Response
) -> ClientRead:
    client = logic.get_client(session, client_id)
    secret = logic.rotate_client_secret(session, client=client)
    response.headers.update(NO_STORE)
    return logic.client_read(session, client, secret)


@clients.delete(
    "/{client_id}",
    status_code=204,
    summary="Disable a machine client",
    responses=problem_responses(401, 403, 404, 412, 428),
)
def disable_client(
    client_id: uuid.UUID, request: Request, session: SessionDep, actor: ClientManager
) -> Response:
    client = logic.get_client(session, client_id)
    require_if_match(request, client.version)
    logic.update_client(session, client=client, data=ClientUpdate(is_active=False))
    return Response(status_code=204)


routers = [auth, me, users, clients]
links = {
    "token": "/auth/token",
    "register": "/auth/register",
    "me": "/me",
    "users": "/users",
    "clients": "/clients",
}
