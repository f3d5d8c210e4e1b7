"""What accounts do: sign-in grants, token rotation, registration, and managing users and clients."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, col, select

from api.accounts.models import EmailConfirmation, MachineClient, RefreshToken, RevokedToken, User
from api.accounts.schemas import (
    AccountRead,
    ClientCreate,
    ClientRead,
    ClientUpdate,
    ClientWithSecret,
    MeUpdate,
    RegisterRequest,
    TokenResponse,
    UserCreate,
    UserUpdate,
)
from api.accounts.scopes import (
    CLIENT_SCOPES,
    GRANTABLE,
    MUNICIPAL_ROLES,
    NATIONAL_CLIENT_SCOPES,
    OPTIONAL_MUNICIPALITY_ROLES,
    ORGANIZATION_CLIENT_SCOPES,
    ORGANIZATION_ROLES,
    allowed_scopes,
)
from api.core import ratelimit
from api.core.actor import Actor
from api.core.config import Settings
from api.core.db import utcnow
from api.core.errors import ProblemError, forbidden, not_found, unprocessable
from api.core.i18n import like_escape
from api.core.models import OutboxMessage
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.core.security import (
    TokenError,
    decode_token,
    encode_token,
    hash_password,
    hash_token,
    needs_rehash,
    new_secret,
    verify_password,
)
from api.municipalities import logic as municipalities
from api.municipalities.logic import organization_municipality

CONFIRMATION_TTL = timedelta(days=3)


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
    access, _ = encode_token(settings, subject=f"user:{user.id}", typ="access", scopes=scopes)
    family = family_id or uuid.uuid4().hex
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
    factory: sessionmaker[Session],
    settings: Settings,
    *,
    username: str,
    password: str,
    scope: str | None,
    client_ip: str,
) -> TokenResponse:
    email = username.strip().lower()
    # Two buckets: one account from anywhere, and one address trying many accounts.
    ratelimit.hit(
        factory,
        f"login:acct:{email}",
        limit=settings.login_rate_limit,
        window_seconds=settings.login_rate_window_seconds,
    )
    ratelimit.hit(
        factory,
        f"login:ip:{client_ip}",
        limit=settings.login_rate_limit * 10,
        window_seconds=settings.login_rate_window_seconds,
    )
    user = session.exec(select(User).where(User.email == email)).first()
    if not verify_password(password, user.password_hash if user else None) or user is None:
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
    factory: sessionmaker[Session],
    settings: Settings,
    *,
    client_id: str,
    client_secret: str,
    scope: str | None,
) -> TokenResponse:
    ratelimit.hit(
        factory,
        f"client:{client_id}",
        limit=settings.login_rate_limit * 10,
        window_seconds=settings.login_rate_window_seconds,
    )
    client = session.exec(select(MachineClient).where(MachineClient.client_id == client_id)).first()
    if client is None or not client.is_active or hash_token(client_secret) != client.secret_hash:
        raise oauth_error("invalid_client", "Unknown client or wrong secret.", status=401)
    scopes = _requested_scopes(scope, frozenset(client.scopes))
    client.last_used_at = utcnow()
    access, _ = encode_token(settings, subject=f"client:{client.id}", typ="access", scopes=scopes)
    return TokenResponse(
        access_token=access, expires_in=settings.access_token_ttl_seconds, scope=" ".join(scopes)
    )


def _revoke_family(session: Session, family_id: str) -> None:
    session.execute(
        sa.update(RefreshToken)
        .where(col(RefreshToken.family_id) == family_id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
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
        _revoke_family(session, stored.family_id)
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
            _revoke_family(session, stored.family_id)


# --- registration --------------------------------------------------------------------------------


def _send(
    session: Session, *, recipient: str, kind: str, subject: str, body: str, payload: dict[str, Any]
) -> None:
    session.add(OutboxMessage(recipient=recipient, kind=kind, subject=subject, body=body, payload=payload))


def register(
    session: Session,
    factory: sessionmaker[Session],
    settings: Settings,
    *,
    data: RegisterRequest,
    client_ip: str,
) -> None:
    ratelimit.hit(
        factory,
        f"register:ip:{client_ip}",
        limit=settings.register_rate_limit,
        window_seconds=settings.register_rate_window_seconds,
    )
    existing = session.exec(select(User).where(User.email == data.email)).first()
    if existing is not None:
        # Same answer either way, so registration cannot be used to test who has an account.
        _send(
            session,
            recipient=data.email,
            kind="account_exists",
            subject="Langelis: you already have an account",
            body="Someone (perhaps you) tried to register with this address. Sign in, or ignore this message.",
            payload={},
        )
        return
    user = User(
        email=data.email,
        password_hash=hash_password(data.password),
        role=data.role,
        display_name=data.display_name,
        country=data.country,
        preferred_language=data.preferred_language,
    )
    session.add(user)
    session.flush()
    token = new_secret()
    session.add(
        EmailConfirmation(
            token_hash=hash_token(token), user_id=user.id, expires_at=utcnow() + CONFIRMATION_TTL
        )
    )
    link = f"{settings.public_base_url}/#/confirm?token={token}"
    _send(
        session,
        recipient=data.email,
        kind="confirm_email",
        subject="Langelis: confirm your email address",
        body=f"Welcome to Langelis. Confirm your address within 3 days: {link}",
        payload={"token": token, "link": link},
    )


def confirm_email(session: Session, *, token: str) -> User:
    row = session.get(EmailConfirmation, hash_token(token))
    if row is None or row.used_at is not None or row.expires_at < utcnow():
        raise ProblemError(400, "The confirmation link is invalid or expired.", slug="invalid-token")
    user = session.get(User, row.user_id)
    if user is None:
        raise ProblemError(400, "The confirmation link is invalid or expired.", slug="invalid-token")
    row.used_at = utcnow()
    user.email_verified_at = utcnow()
    return user


def demo_outbox(session: Session, *, email: str) -> list[OutboxMessage]:
    stmt = (
        select(OutboxMessage)
        .where(OutboxMessage.recipient == email.strip().lower())
        .order_by(OutboxMessage.created_at.desc())  # type: ignore[attr-defined]
        .limit(10)
    )
    return list(session.exec(stmt).all())


# --- accounts as read ----------------------------------------------------------------------------


def account_read(session: Session, user: User, slugs: dict[uuid.UUID, str] | None = None) -> AccountRead:
    if user.municipality_id is None:
        slug = None
    elif slugs is not None:
        slug = slugs.get(user.municipality_id)
    else:
        slug = municipalities.get(session, user.municipality_id).slug
    return AccountRead(
        id=user.id,
        email=user.email,
        role=user.role,
        display_name=user.display_name,
        municipality=slug,
        organization_id=user.organization_id,
        country=user.country,
        preferred_language=user.preferred_language,
        is_active=user.is_active,
        email_verified=user.email_verified_at is not None,
        scopes=sorted(allowed_scopes(user.role, user.extra_scopes)),
        created_at=user.created_at,
        updated_at=user.updated_at,
    )


def get_me(session: Session, *, actor: Actor) -> User:
    user = session.get(User, actor.id)
    if user is None:
        raise not_found("account")
    return user


def update_me(session: Session, *, actor: Actor, data: MeUpdate) -> User:
    user = get_me(session, actor=actor)
    changes = data.model_dump(exclude_unset=True)
    new_password = changes.pop("password", None)
    current = changes.pop("current_password", None)
    if new_password is not None:
        if not current or not verify_password(current, user.password_hash):
            raise unprocessable(
                "To change your password, give your current password.",
                errors=[
                    {"loc": ["body", "current_password"], "msg": "wrong or missing", "type": "value_error"}
                ],
            )
        user.password_hash = hash_password(new_password)
    for key, value in changes.items():
        setattr(user, key, value)
    _touch(user)
    return user


def _touch(row: User | MachineClient) -> None:
    row.updated_at = utcnow()
    row.version += 1


# --- user management ------------------------------------------------------------------------------


def readable_users(actor: Actor) -> Any:
    """The users an actor may manage: all for admins, their municipality's providers for coordinators."""
    stmt = select(User)
    if actor.is_admin:
        return stmt
    if actor.role == "coordinator" and actor.municipality_id is not None:
        return stmt.where(User.role == "provider", User.municipality_id == actor.municipality_id)
    return stmt.where(sa.false())


USER_SORTS = {
    "created_at": [SortKey(User.created_at), SortKey(User.id)],
    "-created_at": [SortKey(User.created_at, descending=True), SortKey(User.id, descending=True)],
    "email": [SortKey(User.email), SortKey(User.id)],
}


def list_users(
    session: Session,
    *,
    actor: Actor,
    params: PageParams,
    sort: str,
    role: str | None,
    municipality: str | None,
    organization_id: uuid.UUID | None,
    active: bool | None,
    q: str | None,
) -> tuple[list[User], str | None]:
    stmt = readable_users(actor)
    if role:
        stmt = stmt.where(User.role == role)
    if municipality:
        stmt = stmt.where(User.municipality_id == municipalities.resolve_slug(session, municipality).id)
    if organization_id:
        stmt = stmt.where(User.organization_id == organization_id)
    if active is not None:
        stmt = stmt.where(User.is_active == active)
    if q:
        needle = f"%{like_escape(q.strip().lower())}%"
        stmt = stmt.where(
            sa.or_(
                User.email.like(needle, escape="\\"),  # type: ignore[attr-defined]
                sa.func.lower(User.display_name).like(needle, escape="\\"),
            )
        )
    keys = USER_SORTS[sort]
    rows = list(session.exec(keyset(stmt, keys=keys, params=params, sort_name=sort)).all())
    return finish(
        rows, params=params, sort_name=sort, key_of=lambda u: [getattr(u, k.column.key) for k in keys]
    )


def get_user(session: Session, *, actor: Actor, user_id: uuid.UUID) -> User:
    user = session.exec(readable_users(actor).where(User.id == user_id)).first()
    if user is None:
        raise not_found("user")
    return user


def _check_extra_scopes(role: str, extra: list[str]) -> list[str]:
    bad = sorted(set(extra) - GRANTABLE.get(role, frozenset()))
    if bad:
        raise unprocessable(
            f"Scope(s) {', '.join(bad)} cannot be granted to a {role}.",
            errors=[{"loc": ["body", "extra_scopes"], "msg": f"not grantable: {bad}", "type": "value_error"}],
        )
    return sorted(set(extra))


def _placement(
    session: Session, *, role: str, municipality: str | None, organization_id: uuid.UUID | None
) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """Where a role belongs: coordinators to a municipality, providers to an organisation."""
    municipality_id = municipalities.resolve_slug(session, municipality).id if municipality else None
    if role in ORGANIZATION_ROLES:
        if organization_id is None:
            raise unprocessable(
                "A provider account belongs to an organisation: give organization_id.",
                errors=[
                    {"loc": ["body", "organization_id"], "msg": "required for providers", "type": "missing"}
                ],
            )
        org_municipality = organization_municipality(session, organization_id)
        if org_municipality is None:
            raise unprocessable(
                "Unknown organisation.",
                errors=[
                    {
                        "loc": ["body", "organization_id"],
                        "msg": "unknown organisation",
                        "type": "unknown_code",
                    }
                ],
            )
        return org_municipality, organization_id
    if organization_id is not None:
        raise unprocessable(
            "Only provider accounts belong to an organisation.",
            errors=[{"loc": ["body", "organization_id"], "msg": "only for providers", "type": "value_error"}],
        )
    if role in MUNICIPAL_ROLES and municipality_id is None:
        raise unprocessable(
            f"A {role} account belongs to a municipality: give its slug.",
            errors=[{"loc": ["body", "municipality"], "msg": f"required for {role}", "type": "missing"}],
        )
    if role not in MUNICIPAL_ROLES | OPTIONAL_MUNICIPALITY_ROLES:
        municipality_id = None
    return municipality_id, None


def create_user(session: Session, *, actor: Actor, data: UserCreate) -> User:
    # A coordinator may create provider accounts for its own municipality's organisations only.
    if not actor.is_admin and (data.role != "provider" or data.extra_scopes):
        raise forbidden("Coordinators may create provider accounts only.")
    municipality_id, organization_id = _placement(
        session, role=data.role, municipality=data.municipality, organization_id=data.organization_id
    )
    if not actor.is_admin and municipality_id != actor.municipality_id:
        raise unprocessable(
            "Unknown organisation.",
            errors=[
                {"loc": ["body", "organization_id"], "msg": "unknown organisation", "type": "unknown_code"}
            ],
        )
    if session.exec(select(User).where(User.email == data.email)).first() is not None:
        raise ProblemError(409, "An account with this email already exists.", slug="email-taken")
    user = User(
        email=data.email,
        password_hash=hash_password(data.password),
        role=data.role,
        municipality_id=municipality_id,
        organization_id=organization_id,
        display_name=data.display_name,
        country=data.country,
        preferred_language=data.preferred_language,
        extra_scopes=_check_extra_scopes(data.role, data.extra_scopes),
        email_verified_at=utcnow(),
    )
    session.add(user)
    session.flush()
    return user


def update_user(session: Session, *, actor: Actor, user: User, data: UserUpdate) -> User:
    changes = data.model_dump(exclude_unset=True)
    if not actor.is_admin and set(changes) - {"display_name", "is_active", "password"}:
        raise forbidden("Coordinators may change a provider's name, password and whether it is active.")
    if actor.id == user.id and changes.get("is_active") is False:
        raise ProblemError(409, "You cannot deactivate your own account.", slug="conflict")
    if {"role", "municipality", "organization_id"} & set(changes):
        role = changes.get("role", user.role)
        municipality = changes.get("municipality")
        if municipality is None and "municipality" not in changes and user.municipality_id:
            municipality = municipalities.get(session, user.municipality_id).slug
        org = changes.get("organization_id", user.organization_id if role in ORGANIZATION_ROLES else None)
        user.municipality_id, user.organization_id = _placement(
            session, role=role, municipality=municipality, organization_id=org
        )
        user.role = role
        user.extra_scopes = [s for s in user.extra_scopes if s in GRANTABLE.get(role, frozenset())]
    if "extra_scopes" in changes:
        user.extra_scopes = _check_extra_scopes(user.role, changes["extra_scopes"] or [])
    if changes.get("password"):
        user.password_hash = hash_password(changes["password"])
    if changes.get("display_name"):
        user.display_name = changes["display_name"]
    if "is_active" in changes and changes["is_active"] is not None:
        user.is_active = changes["is_active"]
        if not user.is_active:
            revoke_all_sessions(session, user_id=user.id)
    _touch(user)
    return user


def deactivate_user(session: Session, *, actor: Actor, user: User) -> None:
    if actor.id == user.id:
        raise ProblemError(409, "You cannot deactivate your own account.", slug="conflict")
    user.is_active = False
    revoke_all_sessions(session, user_id=user.id)
    _touch(user)


def revoke_all_sessions(session: Session, *, user_id: uuid.UUID) -> None:
    session.execute(
        sa.update(RefreshToken)
        .where(col(RefreshToken.user_id) == user_id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


# --- machine clients -----------------------------------------------------------------------------


def client_read(session: Session, client: MachineClient, secret: str | None = None) -> ClientRead:
    slug = municipalities.get(session, client.municipality_id).slug if client.municipality_id else None
    data: dict[str, Any] = {
        "id": client.id,
        "client_id": client.client_id,
        "name": client.name,
        "municipality": slug,
        "organization_id": client.organization_id,
        "scopes": client.scopes,
        "is_active": client.is_active,
        "created_at": client.created_at,
        "last_used_at": client.last_used_at,
    }
    if secret is not None:
        return ClientWithSecret(**data, client_secret=secret)
    return ClientRead(**data)


def _check_client_scopes(scopes: list[str], organization_id: uuid.UUID | None) -> list[str]:
    allowed = ORGANIZATION_CLIENT_SCOPES if organization_id else CLIENT_SCOPES
    bad = sorted(set(scopes) - allowed)
    if bad:
        raise unprocessable(
            f"Scope(s) not available to this client: {', '.join(bad)}.",
            errors=[{"loc": ["body", "scopes"], "msg": f"not allowed: {bad}", "type": "value_error"}],
        )
    return sorted(set(scopes))


def list_clients(session: Session, *, params: PageParams) -> tuple[list[MachineClient], str | None]:
    keys = [SortKey(MachineClient.created_at), SortKey(MachineClient.id)]
    rows = list(session.exec(keyset(select(MachineClient), keys=keys, params=params)).all())
    return finish(rows, params=params, key_of=lambda c: [c.created_at, c.id])


def get_client(session: Session, client_id: uuid.UUID) -> MachineClient:
    client = session.get(MachineClient, client_id)
    if client is None:
        raise not_found("client")
    return client


def create_client(session: Session, *, actor: Actor, data: ClientCreate) -> tuple[MachineClient, str]:
    if data.organization_id is not None:
        municipality_id = organization_municipality(session, data.organization_id)
        if municipality_id is None:
            raise unprocessable(
                "Unknown organisation.",
                errors=[
                    {
                        "loc": ["body", "organization_id"],
                        "msg": "unknown organisation",
                        "type": "unknown_code",
                    }
                ],
            )
    elif data.municipality:
        municipality_id = municipalities.resolve_slug(session, data.municipality).id
    elif set(data.scopes) <= NATIONAL_CLIENT_SCOPES:
        # National statistics clients (ministries, the State Data Agency) load and read every place.
        municipality_id = None
    else:
        raise unprocessable(
            "A client is bound to a municipality or an organisation (only indicator clients may be national).",
            errors=[
                {"loc": ["body", "municipality"], "msg": "municipality or organization_id", "type": "missing"}
            ],
        )
    secret = new_secret()
    client = MachineClient(
        client_id="lgc_" + uuid.uuid4().hex[:20],
        secret_hash=hash_token(secret),
        name=data.name,
        municipality_id=municipality_id,
        organization_id=data.organization_id,
        scopes=_check_client_scopes(data.scopes, data.organization_id),
        created_by=actor.id if actor.kind == "user" else None,
    )
    session.add(client)
    session.flush()
    return client, secret


def update_client(session: Session, *, client: MachineClient, data: ClientUpdate) -> MachineClient:
    changes = data.model_dump(exclude_unset=True)
    if changes.get("name"):
        client.name = changes["name"]
    if changes.get("scopes") is not None:
        client.scopes = _check_client_scopes(changes["scopes"], client.organization_id)
    if changes.get("is_active") is not None:
        client.is_active = changes["is_active"]
    _touch(client)
    return client


def rotate_client_secret(session: Session, *, client: MachineClient) -> str:
    secret = new_secret()
    client.secret_hash = hash_token(secret)
    _touch(client)
    return secret
