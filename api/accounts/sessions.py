"""Sign-in sessions: a refresh-token family and every access token issued in it.

A family ends on sign-out, on a reused refresh token (it may have been stolen), on a password
change (every other session of the account), on an admin's password reset or deactivation (every
session). Access tokens carry their family (``fam``) and are refused once it has ended, so nothing
keeps working until it expires.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlmodel import Session, col

from api.accounts.models import RefreshToken
from api.core.db import utcnow


def family_revoked(session: Session, family_id: str) -> bool:
    row = session.execute(
        sa.select(RefreshToken.jti)  # type: ignore[call-overload]
        .where(col(RefreshToken.family_id) == family_id, col(RefreshToken.revoked_at).is_not(None))
        .limit(1)
    ).first()
    return row is not None


def revoke_family(session: Session, family_id: str) -> None:
    session.execute(
        sa.update(RefreshToken)
        .where(col(RefreshToken.family_id) == family_id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


def revoke_all_sessions(session: Session, *, user_id: uuid.UUID, keep: str | None = None) -> None:
    """End every session of the account, except ``keep`` (the one that changed the password)."""
    stmt = sa.update(RefreshToken).where(
        col(RefreshToken.user_id) == user_id, col(RefreshToken.revoked_at).is_(None)
    )
    if keep is not None:
        stmt = stmt.where(col(RefreshToken.family_id) != keep)
    session.execute(stmt.values(revoked_at=utcnow()))
