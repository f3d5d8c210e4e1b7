"""Self-registration, e-mail confirmation and the demo outbox."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlmodel import Session, select

from api.accounts.models import EmailConfirmation, User
from api.accounts.schemas import (
    RegisterRequest,
)
from api.core import ratelimit
from api.core.config import Settings
from api.core.db import utcnow
from api.core.errors import ProblemError
from api.core.models import OutboxMessage
from api.core.security import (
    hash_password,
    hash_token,
    new_secret,
)

CONFIRMATION_TTL = timedelta(days=3)

# --- registration --------------------------------------------------------------------------------


def _send(
    session: Session, *, recipient: str, kind: str, subject: str, body: str, payload: dict[str, Any]
) -> None:
    session.add(OutboxMessage(recipient=recipient, kind=kind, subject=subject, body=body, payload=payload))


def register(
    session: Session,
    settings: Settings,
    *,
    data: RegisterRequest,
    client_ip: str,
) -> None:
    ratelimit.hit(
        session,
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
