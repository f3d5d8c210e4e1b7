"""Accounts as read, your own account, and user management by admins and coordinators."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from api.accounts.common import invalid, organization_home, touch, unknown_organization
from api.accounts.models import User
from api.accounts.schemas import (
    AccountRead,
    MeUpdate,
    UserCreate,
    UserUpdate,
)
from api.accounts.scopes import (
    GRANTABLE,
    MUNICIPAL_ROLES,
    OPTIONAL_MUNICIPALITY_ROLES,
    ORGANIZATION_ROLES,
    allowed_scopes,
)
from api.accounts.sessions import revoke_all_sessions
from api.accounts.tokens.checks import TokenChecks, generation
from api.accounts.users.params import UserQuery
from api.core.actor import Actor
from api.core.db import found, utcnow
from api.core.errors import ProblemError, forbidden, not_found
from api.core.http import fast_json
from api.core.i18n import like_escape
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.core.security import (
    hash_password,
    verify_password,
)
from api.municipalities import logic as municipalities
from api.municipalities.models import Municipality

# --- accounts as read ----------------------------------------------------------------------------

# The answer fields that are the account's own columns, copied as they are.
_ACCOUNT_COLUMNS = set(AccountRead.model_fields) & set(User.model_fields)


def account_read(session: Session, user: User, slugs: dict[uuid.UUID, str] | None = None) -> AccountRead:
    if user.municipality_id is None:
        slug = None
    elif slugs is not None:
        slug = slugs.get(user.municipality_id)
    else:
        slug = municipalities.get(session, user.municipality_id).slug
    return AccountRead(
        **user.model_dump(include=_ACCOUNT_COLUMNS),
        municipality=slug,
        email_verified=user.email_verified_at is not None,
        scopes=sorted(allowed_scopes(user.role, user.extra_scopes)),
    )


_USERS, _PLACES = sa.inspect(User).local_table, sa.inspect(Municipality).local_table
# Your account as one Core row: its columns, and its municipality's slug.
_MY_ACCOUNT = (
    sa.select(
        *(
            _USERS.c[name]
            for name in (
                "id",
                "email",
                "role",
                "display_name",
                "organization_id",
                "country",
                "preferred_language",
                "is_active",
                "email_verified_at",
                "extra_scopes",
                "created_at",
                "updated_at",
                "version",
            )
        ),
        _PLACES.c.slug,
    )
    .select_from(_USERS.outerjoin(_PLACES, _PLACES.c.id == _USERS.c.municipality_id))
    .where(_USERS.c.id == sa.bindparam("user_id"))
)


def my_account(session: Session, *, actor: Actor) -> tuple[dict[str, Any], int]:
    """``GET /me`` as a plain dict (field for field what :func:`account_read` gives for the
    account) and the account's version: one Core statement on the session's connection, no ORM
    instance."""
    row = session.connection().execute(_MY_ACCOUNT, {"user_id": actor.id}).first()
    if row is None:
        raise not_found("account")
    return {
        "id": row.id,
        "email": row.email,
        "role": row.role,
        "display_name": row.display_name,
        "municipality": row.slug,
        "organization_id": row.organization_id,
        "country": row.country,
        "preferred_language": row.preferred_language,
        "is_active": row.is_active,
        "email_verified": row.email_verified_at is not None,
        "scopes": sorted(allowed_scopes(row.role, row.extra_scopes)),
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }, row.version


def remembered_account(checks: TokenChecks, token: str) -> tuple[bytes, int] | None:
    """``GET /me`` (body, version) for this token as read within the last few seconds."""
    answer: tuple[bytes, int] | None = checks.recall(("me", token))
    return answer


def read_account(session: Session, *, actor: Actor, checks: TokenChecks, token: str) -> tuple[bytes, int]:
    """``GET /me`` (body, version) from the database, remembered for this token for the next few
    seconds under the rules of :mod:`api.accounts.tokens.checks`."""
    gen, read_at = generation.value, checks.clock()  # before the read: a change meanwhile voids it
    body, version = my_account(session, actor=actor)
    answer = (fast_json(body), version)
    checks.remember(("me", token), answer, gen=gen, read_at=read_at)
    return answer


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
            raise invalid(
                "current_password", "To change your password, give your current password.", "wrong or missing"
            )
        user.password_hash = hash_password(new_password)
        # Every other session of the account ends; the one that changed the password goes on.
        revoke_all_sessions(session, user_id=user.id, keep=actor.session_id)
    for key, value in changes.items():
        setattr(user, key, value)
    touch(user)
    return user


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
    session: Session, *, actor: Actor, params: PageParams, query: UserQuery
) -> tuple[list[User], str | None]:
    stmt = readable_users(actor)
    if query.role:
        stmt = stmt.where(User.role == query.role)
    if query.municipality:
        stmt = stmt.where(User.municipality_id == municipalities.resolve_slug(session, query.municipality).id)
    if query.organization_id:
        stmt = stmt.where(User.organization_id == query.organization_id)
    if query.active is not None:
        stmt = stmt.where(User.is_active == query.active)
    if query.q:
        needle = f"%{like_escape(query.q.strip().lower())}%"
        stmt = stmt.where(
            sa.or_(
                User.email.like(needle, escape="\\"),  # type: ignore[attr-defined]
                sa.func.lower(User.display_name).like(needle, escape="\\"),
            )
        )
    sort, keys = query.sort, USER_SORTS[query.sort]
    rows = list(session.exec(keyset(stmt, keys=keys, params=params, sort_name=sort)).all())
    return finish(
        rows, params=params, sort_name=sort, key_of=lambda u: [getattr(u, k.column.key) for k in keys]
    )


def get_user(session: Session, *, actor: Actor, user_id: uuid.UUID) -> User:
    return found(session, readable_users(actor).where(User.id == user_id), "user")


def _check_extra_scopes(role: str, extra: list[str]) -> list[str]:
    bad = sorted(set(extra) - GRANTABLE.get(role, frozenset()))
    if bad:
        raise invalid(
            "extra_scopes",
            f"Scope(s) {', '.join(bad)} cannot be granted to a {role}.",
            f"not grantable: {bad}",
        )
    return sorted(set(extra))


def _placement(
    session: Session, *, role: str, municipality: str | None, organization_id: uuid.UUID | None
) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """Where a role belongs: coordinators to a municipality, providers to an organisation."""
    municipality_id = municipalities.resolve_slug(session, municipality).id if municipality else None
    if role in ORGANIZATION_ROLES:
        if organization_id is None:
            raise invalid(
                "organization_id",
                "A provider account belongs to an organisation: give organization_id.",
                "required for providers",
                "missing",
            )
        return organization_home(session, organization_id), organization_id
    if organization_id is not None:
        raise invalid(
            "organization_id", "Only provider accounts belong to an organisation.", "only for providers"
        )
    if role in MUNICIPAL_ROLES and municipality_id is None:
        raise invalid(
            "municipality",
            f"A {role} account belongs to a municipality: give its slug.",
            f"required for {role}",
            "missing",
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
        raise unknown_organization()
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
        # A reset by someone else ends every session the account had.
        revoke_all_sessions(session, user_id=user.id)
    if changes.get("display_name"):
        user.display_name = changes["display_name"]
    if "is_active" in changes and changes["is_active"] is not None:
        user.is_active = changes["is_active"]
        if not user.is_active:
            revoke_all_sessions(session, user_id=user.id)
    touch(user)
    return user


def deactivate_user(session: Session, *, actor: Actor, user: User) -> None:
    if actor.id == user.id:
        raise ProblemError(409, "You cannot deactivate your own account.", slug="conflict")
    user.is_active = False
    revoke_all_sessions(session, user_id=user.id)
    touch(user)
