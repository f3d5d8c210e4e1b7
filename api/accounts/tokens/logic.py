"""OAuth2 grants: password, client credentials, refresh rotation, sign-out."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlmodel import Session, select

from api.accounts import throttle
from api.accounts.models import MachineClient, RefreshToken, RevokedToken, User
from api.accounts.schemas import (
    TokenResponse,
)
from api.accounts.scopes import (
    allowed_scopes,
)
from api.accounts.sessions import revoke_family
from api.core.actor import Actor
from api.core.config import Settings
from api.core.db import utcnow
from api.core.errors import ProblemError
from api.core.security import (
    TokenError,
    decode_token,
    encode_token,
    hash_password,
    hash_token,
    needs_rehash,
    verify_password,
)

# --- OAuth2 grants -------------------------------------------------------------------------------


def oauth_error(error: str, description: str, status: int = 400) -> ProblemError:
    """RFC 6749 §5.2 error members inside an RFC 9457 problem."""
    headers = {"WWW-Authenticate": 'Basic realm="langelis"'} if error == "invalid_client" else None
    return ProblemError(
        status,
        description,
        slug=error.replace("_", "-"),
        title="Token request refused",
        headers=headers,
        error=error,
        error_description=description,
    )


def _requested_scopes(requested: str | None, allowed: frozenset[str]) -> list[str]:
    if not requested:
        return sorted(allowed)
    asked = set(requested.split())
    unknown = asked - allowed
    if unknown:
        raise oauth_error("invalid_scope", f"Scope(s) not available to you: {' '.join(sorted(unknown))}.")
    return sorted(asked)


def issue_user_tokens(
    session: Session, settings: Settings, user: User, scopes: list[str], family_id: str | None = None
) -> TokenResponse:
    family = family_id or uuid.uuid4().hex
    access, _ = encode_token(
        settings, subject=f"user:{user.id}", typ="access", scopes=scopes, extra={"fam": family}
    )
    refresh, claims = encode_token(
        settings, subject=f"user:{user.id}", typ="refresh", scopes=scopes, extra={"fam": family}
    )
    session.add(
        RefreshToken(
            jti=claims.jti, family_id=family, user_id=user.id, scopes=list(scopes), expires_at=claims.exp
        )
    )
    return TokenResponse(
        access_token=access,
        expires_in=settings.access_token_ttl_seconds,
        refresh_token=refresh,
        scope=" ".join(scopes),
    )


def password_grant(
    session: Session,
    settings: Settings,
    *,
    username: str,
    password: str,
    scope: str | None,
    client_ip: str,
) -> TokenResponse:
    email = username.strip().lower()
    throttle.check(session, settings, kind="login", account=email, address=client_ip)
    user = session.exec(select(User).where(User.email == email)).first()
    if not verify_password(password, user.password_hash if user else None) or user is None:
        throttle.failed(session, settings, kind="login", account=email, address=client_ip)
        raise oauth_error("invalid_grant", "The email or password is wrong.")
    if not user.is_active:
        raise oauth_error("invalid_grant", "The account is not active.")
    if user.email_verified_at is None:
        raise oauth_error("invalid_grant", "Confirm your email address first; we sent you a link.")
    if user.password_hash and needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    scopes = _requested_scopes(scope, allowed_scopes(user.role, user.extra_scopes))
    return issue_user_tokens(session, settings, user, scopes)


def client_credentials_grant(
    session: Session,
    settings: Settings,
    *,
    client_id: str,
    client_secret: str,
    scope: str | None,
    client_ip: str = "unknown",
) -> TokenResponse:
    throttle.check(session, settings, kind="client", account=client_id[:100], address=client_ip)
    client = session.exec(select(MachineClient).where(MachineClient.client_id == client_id)).first()
    if client is None or not client.is_active or hash_token(client_secret) != client.secret_hash:
        throttle.failed(session, settings, kind="client", account=client_id[:100], address=client_ip)
        raise oauth_error("invalid_client", "Unknown client or wrong secret.", status=401)
    scopes = _requested_scopes(scope, frozenset(client.scopes))
    client.last_used_at = utcnow()
    access, _ = encode_token(settings, subject=f"client:{client.id}", typ="access", scopes=scopes)
    return TokenResponse(
        access_token=access, expires_in=settings.access_token_ttl_seconds, scope=" ".join(scopes)
    )


def refresh_grant(
    session: Session, settings: Settings, *, refresh_token: str
) -> TokenResponse | ProblemError:
    """Rotate a refresh token. A refused reuse is *returned*, not raised: the family's revocation
    must commit with the request, which an exception would roll back."""
    try:
        claims = decode_token(settings, refresh_token, expected="refresh")
    except TokenError as exc:
        raise oauth_error("invalid_grant", "The refresh token is invalid or expired.") from exc
    stored = session.get(RefreshToken, claims.jti)
    if stored is None:
        raise oauth_error("invalid_grant", "The refresh token is not known.")
    if stored.used_at is not None or stored.revoked_at is not None:
        # Reuse means the token may have been stolen: end the whole session family.
        revoke_family(session, stored.family_id)
        return oauth_error("invalid_grant", "The refresh token was already used; sign in again.")
    user = session.get(User, stored.user_id)
    if user is None or not user.is_active:
        raise oauth_error("invalid_grant", "The account is not active.")
    stored.used_at = utcnow()
    scopes = sorted(set(stored.scopes) & allowed_scopes(user.role, user.extra_scopes))
    return issue_user_tokens(session, settings, user, scopes, family_id=stored.family_id)


def logout(session: Session, settings: Settings, *, actor: Actor, refresh_token: str | None) -> None:
    if actor.token_id:
        exists = session.get(RevokedToken, actor.token_id)
        if exists is None:
            session.add(
                RevokedToken(
                    jti=actor.token_id,
                    expires_at=utcnow() + timedelta(seconds=settings.access_token_ttl_seconds),
                )
            )
    if refresh_token:
        try:
            claims = decode_token(settings, refresh_token, expected="refresh")
        except TokenError:
            return
        stored = session.get(RefreshToken, claims.jti)
        if stored is not None and actor.id == stored.user_id:
            revoke_family(session, stored.family_id)
