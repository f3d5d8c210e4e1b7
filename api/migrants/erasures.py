"""Remembering erasures without remembering people: an intake retried after a person's erasure must
not bring their data back. What is kept is a keyed hash (HMAC-SHA256 with the app secret) of
(municipality, external reference) — nothing that names the person or can be reversed without the
secret — and, at erasure, stored idempotent replies that held the person's record are dropped."""

from __future__ import annotations

import hashlib
import hmac
import uuid

import sqlalchemy as sa
from sqlmodel import Session

from api.core.config import get_settings
from api.core.errors import ProblemError
from api.core.models import IdempotencyRecord
from api.migrants.models import ErasedRef


def ref_hash(municipality_id: uuid.UUID, external_ref: str) -> str:
    settings = get_settings()
    secret = (settings.secret_key or settings.jwt_private_key or "").encode()
    message = f"{municipality_id}\n{external_ref.strip()}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def remember(session: Session, municipality_id: uuid.UUID, external_ref: str | None) -> None:
    if not external_ref:
        return
    key = ref_hash(municipality_id, external_ref)
    if session.get(ErasedRef, key) is None:
        session.add(ErasedRef(key_hash=key))


def refuse_if_erased(session: Session, municipality_id: uuid.UUID, external_ref: str) -> None:
    if session.get(ErasedRef, ref_hash(municipality_id, external_ref)) is not None:
        raise ProblemError(
            410,
            "The person with this external reference was erased (GDPR art. 17); "
            "their record is not created again.",
            slug="erased",
        )


def drop_replays(session: Session, person_id: uuid.UUID) -> None:
    """Delete stored idempotent replies that hold the person's id (a coordinator's POST, an intake),
    so a retry of the same request is answered anew instead of replaying the erased record."""
    needle = str(person_id).encode()
    column = IdempotencyRecord.response_body
    if session.get_bind().dialect.name == "postgresql":
        found = sa.func.position(sa.literal(needle, sa.LargeBinary).op("IN")(column)) > 0
    else:
        found = sa.func.instr(column, sa.literal(needle, sa.LargeBinary)) > 0
    session.execute(sa.delete(IdempotencyRecord).where(found))
