"""Who is calling: the bearer token becomes an :class:`Actor` for every domain to authorise with."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlmodel import Session

from api.accounts.models import MachineClient, RevokedToken, User
from api.accounts.scopes import SCOPES, allowed_scopes
from api.accounts.sessions import family_revoked
from api.accounts.tokens.checks import TokenChecks, generation
from api.accounts.users import logic as users
from api.core.actor import ANONYMOUS, Actor, ActorKind
from api.core.config import Settings, SettingsDep
from api.core.db import SessionDep
from api.core.errors import ProblemError
from api.core.hot import in_thread, read_session
from api.core.security import TokenClaims, TokenError, decode_token

oauth2 = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", scopes=SCOPES, auto_error=False)


def client_address(request: Request) -> str:
    """The caller's address as the server sees it (uvicorn applies trusted X-Forwarded-For)."""
    return request.client.host if request.client else "unknown"


def unauthorized(detail: str = "Sign in to do this.", error: str | None = None) -> ProblemError:
    challenge = 'Bearer realm="langelis"'
    if error:
        challenge += f', error="{error}"'
    return ProblemError(401, detail, slug="unauthorized", headers={"WWW-Authenticate": challenge})


def token_checks(state: Any, settings: Settings) -> TokenChecks:
    """The app's recently checked tokens (see :mod:`api.accounts.tokens.checks`)."""
    checks: TokenChecks | None = getattr(state, "token_checks", None)
    if checks is None:
        checks = state.token_checks = TokenChecks(settings.token_check_seconds)
    return checks


def cached_actor(request: Request, token: str) -> Actor | None:
    """The caller from a token checked within the last few seconds: no database, no thread."""
    actor = token_checks(request.app.state, request.app.state.settings).get(token)
    if actor is not None:
        request.state.actor = actor
    return actor


def checked_actor(state: Any, session: Session, settings: Settings, token: str) -> Actor:
    """The caller, from the cache or from the database (then remembered for a few seconds)."""
    checks = token_checks(state, settings)
    actor = checks.get(token)
    if actor is not None:
        return actor
    gen, checked_at = generation.value, checks.clock()
    actor, expires_at = _actor_and_expiry(session, settings, token)
    checks.put(token, actor, gen=gen, expires_at=expires_at, checked_at=checked_at)
    return actor


def actor_from_token(session: Session, settings: Settings, token: str) -> Actor:
    """The caller as the database says now (no cache)."""
    return _actor_and_expiry(session, settings, token)[0]


def _actor_and_expiry(session: Session, settings: Settings, token: str) -> tuple[Actor, float]:
    try:
        claims = decode_token(settings, token, expected="access")
    except TokenError as exc:
        raise unauthorized("The access token is invalid or expired.", "invalid_token") from exc
    if session.get(RevokedToken, claims.jti) is not None:
        raise unauthorized("The access token was revoked.", "invalid_token")
    family = claims.extra.get("fam")
    if family is not None and family_revoked(session, str(family)):
        # The session ended (sign-out, a reused refresh token, a password change, deactivation):
        # its access tokens end with it, not when they expire.
        raise unauthorized("The session has ended; sign in again.", "invalid_token")
    kind, _, raw_id = claims.sub.partition(":")
    try:
        subject_id = uuid.UUID(raw_id)
    except ValueError as exc:
        raise unauthorized("The access token is invalid.", "invalid_token") from exc
    if kind == "user":
        user = session.get(User, subject_id)
        if user is None or not user.is_active:
            raise unauthorized("The account is not active.", "invalid_token")
        actor = _actor(
            "user",
            user,
            claims,
            role=user.role,
            name=user.display_name,
            held=allowed_scopes(user.role, user.extra_scopes),
            session_id=str(family) if family is not None else None,
        )
    elif kind == "client":
        client = session.get(MachineClient, subject_id)
        if client is None or not client.is_active:
            raise unauthorized("The client is not active.", "invalid_token")
        actor = _actor(
            "client", client, claims, role="client", name=client.name, held=frozenset(client.scopes)
        )
    else:
        raise unauthorized("The access token is invalid.", "invalid_token")
    return actor, claims.exp.timestamp()


def _actor(
    kind: ActorKind,
    holder: User | MachineClient,
    claims: TokenClaims,
    *,
    role: str,
    name: str,
    held: frozenset[str],
    session_id: str | None = None,
) -> Actor:
    """The caller: the scopes the token carries, narrowed to those the account holds now."""
    return Actor(
        kind=kind,
        id=holder.id,
        role=role,
        municipality_id=holder.municipality_id,
        organization_id=holder.organization_id,
        scopes=frozenset(claims.scopes) & held,
        display_name=name,
        token_id=claims.jti,
        session_id=session_id,
    )


def get_actor(
    request: Request,
    settings: SettingsDep,
    session: SessionDep,
    token: Annotated[str | None, Depends(oauth2)],
) -> Actor:
    """The caller, or the anonymous actor when no token is sent. A bad token is always 401.

    The account is read in the request's own session: a request never holds two connections.
    """
    if not token:
        return ANONYMOUS
    actor = checked_actor(request.app.state, session, settings, token)
    request.state.actor = actor
    return actor


def actor_in_own_session(request: Request, token: str) -> Actor:
    """For routes that open no request session (the hot public reads): the token is checked in a
    short session of its own, closed before the route opens its one."""
    with request.app.state.session_factory() as session:
        actor = checked_actor(request.app.state, session, request.app.state.settings, token)
    request.state.actor = actor
    return actor


# Markers read by api.core.contract to declare each operation's security in OpenAPI.
get_actor.openapi_security = "optional"  # type: ignore[attr-defined]
actor_in_own_session.openapi_security = "optional"  # type: ignore[attr-defined]

ActorDep = Annotated[Actor, Depends(get_actor)]


def get_signed_in(actor: ActorDep) -> Actor:
    if not actor.is_authenticated:
        raise unauthorized()
    return actor


get_signed_in.openapi_security = "required"  # type: ignore[attr-defined]
CurrentActor = Annotated[Actor, Depends(get_signed_in)]


def require_scopes(*scopes: str) -> Callable[[Actor], Actor]:
    """Dependency factory: the caller must be signed in and hold every scope named."""

    def dependency(actor: CurrentActor) -> Actor:
        missing = [s for s in scopes if s not in actor.scopes]
        if missing:
            raise ProblemError(
                403,
                f"This needs the scope(s): {', '.join(missing)}.",
                slug="insufficient-scope",
                headers={
                    "WWW-Authenticate": f'Bearer error="insufficient_scope", scope="{" ".join(scopes)}"'
                },
            )
        return actor

    dependency.openapi_scopes = scopes  # type: ignore[attr-defined]
    return dependency


def _person(actor: Actor) -> Actor:
    if actor.kind != "user":
        raise ProblemError(403, "This is for people signed in, not machine clients.", slug="forbidden")
    return actor


def require_user(actor: CurrentActor) -> Actor:
    return _person(actor)


UserActor = Annotated[Actor, Depends(require_user)]


async def my_account(request: Request, token: Annotated[str | None, Depends(oauth2)]) -> tuple[bytes, int]:
    """``GET /me``: the caller's own account (JSON body, version), with ``UserActor``'s answers (401
    without a token or with a bad one, 403 for a machine client).

    The authenticated floor: a token checked and an account read within the last few seconds cost
    no thread and no database (the bound of :mod:`api.accounts.tokens.checks`); otherwise one worker
    thread checks the token and reads the account in one short session."""
    actor = usable_token(request, token)
    token = token or ""  # a missing token was refused just above
    if actor is not None:
        _person(actor)
        answer = users.remembered_account(token_checks(request.app.state, request.app.state.settings), token)
        if answer is not None:
            return answer
    return await in_thread(_my_account_in_own_session, request, token)


def _my_account_in_own_session(request: Request, token: str) -> tuple[bytes, int]:
    state = request.app.state
    with read_session(request.app.state) as session:
        actor = _person(checked_actor(state, session, state.settings, token))
        request.state.actor = actor
        checks = token_checks(state, state.settings)
        return users.read_account(session, actor=actor, checks=checks, token=token)


my_account.openapi_security = "required"  # type: ignore[attr-defined]
MyAccount = Annotated[tuple[bytes, int], Depends(my_account)]


class SignedIn:
    """A person's request whose token passed, in the event loop, what needs no database: present,
    its signature and expiry (or checked within the last few seconds, then also 403 for a machine
    client). So a request without a usable token is 401 before its body is validated (422), as
    with ``UserActor``, with no worker thread. :meth:`person` finishes the check in the thread the
    route's work runs in (revocation and account state from the database unless recently checked),
    so a change is one thread hop, not one per dependency.
    """

    __slots__ = ("_actor", "request", "token")

    def __init__(self, request: Request, token: str, actor: Actor | None) -> None:
        self.request, self.token, self._actor = request, token, actor

    def person(self, session: Session) -> Actor:
        """The signed-in person (401 when the token was revoked or the account is not active; 403
        for a machine client); call it in the worker thread, with the route's session."""
        actor = self._actor
        if actor is None:
            state = self.request.app.state
            actor = checked_actor(state, session, state.settings, self.token)
        self.request.state.actor = actor
        return _person(actor)


def usable_token(request: Request, token: str | None) -> Actor | None:
    """401 for a missing token or one that does not verify (signature, expiry), checked without the
    database; the caller when the token was checked within the last few seconds, else None."""
    if not token:
        raise unauthorized()
    actor = cached_actor(request, token)
    if actor is None:
        try:
            decode_token(request.app.state.settings, token, expected="access")
        except TokenError as exc:
            raise unauthorized("The access token is invalid or expired.", "invalid_token") from exc
    return actor


async def signed_in(request: Request, token: Annotated[str | None, Depends(oauth2)]) -> SignedIn:
    actor = usable_token(request, token)
    if actor is not None:
        _person(actor)
    return SignedIn(request, token or "", actor)


signed_in.openapi_security = "required"  # type: ignore[attr-defined]
SignedInPerson = Annotated[SignedIn, Depends(signed_in)]
