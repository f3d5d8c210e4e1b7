"""OAuth 2.0 token endpoint and sign-out."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request, Response, status
from fastapi.responses import JSONResponse

from api.accounts.deps import CurrentActor, client_address
from api.accounts.schemas import (
    LogoutRequest,
    TokenResponse,
)
from api.accounts.tokens import logic
from api.core.config import SettingsDep
from api.core.db import SessionDep
from api.core.errors import ProblemError, problem_response
from api.core.http import op

auth = APIRouter(prefix="/auth", tags=["auth"])

NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


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
    **op(
        TokenResponse, "Get tokens (OAuth 2.0: password, client_credentials, refresh_token)", (400, 401, 429)
    ),
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
    result: TokenResponse | ProblemError
    if grant_type == "password":
        if not username or not password:
            raise logic.oauth_error("invalid_request", "username and password are required.")
        result = logic.password_grant(
            session,
            settings,
            username=username,
            password=password,
            scope=scope,
            client_ip=client_address(request),
        )
    elif grant_type == "client_credentials":
        basic = _basic_credentials(request)
        cid, secret = basic if basic else (client_id, client_secret)
        if not cid or not secret:
            raise logic.oauth_error("invalid_client", "Client authentication is required.", status=401)
        result = logic.client_credentials_grant(
            session,
            settings,
            client_id=cid,
            client_secret=secret,
            scope=scope,
            client_ip=client_address(request),
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
    **op(
        None,
        "Sign out: revoke this access token and the refresh token's family",
        (401,),
        status=status.HTTP_204_NO_CONTENT,
    ),
)
def logout(
    session: SessionDep, settings: SettingsDep, actor: CurrentActor, body: LogoutRequest | None = None
) -> Response:
    logic.logout(session, settings, actor=actor, refresh_token=body.refresh_token if body else None)
    return Response(status_code=204)
