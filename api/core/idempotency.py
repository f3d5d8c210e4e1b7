"""``Idempotency-Key`` for POST (draft-ietf-httpapi-idempotency-key-header).

The first request with a key reserves it; its answer (any status below 500) is stored and replayed
for a retry with the same key and the same body. The same key with another body is 422; a retry
while the first is still running is 409. Keys belong to the caller (the token's subject), live in
the database (shared by every worker) and expire after ``idempotency_ttl_seconds``.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta
from typing import Any

import anyio
import anyio.to_thread
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, select
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.core.config import Settings
from api.core.db import side_session, utcnow, write_gate
from api.core.errors import problem_response
from api.core.middleware import BodyTooLarge, replaying
from api.core.models import IdempotencyRecord
from api.core.security import unverified_subject

log = logging.getLogger("langelis.idempotency")
MAX_STORED_BODY = 1024 * 1024
# Requests larger than this are not buffered for idempotency (bulk uploads stream; their own
# semantics make a re-send harmless, e.g. indicator imports ignore rows already loaded).
MAX_IDEMPOTENT_REQUEST = 2 * 1024 * 1024
PROCESSING_TIMEOUT = timedelta(seconds=60)
_REPLAYED_HEADERS = {b"content-type", b"location", b"etag", b"content-language", b"cache-control"}
# Answers that carry secrets (tokens, client secrets) are never stored or replayed: the sign-in
# endpoints are not idempotent-keyed at all, and a route can refuse storage with this header
# (removed before the answer leaves).
NEVER_KEYED_PREFIXES = ("/api/v1/auth/",)
NO_REPLAY = "x-langelis-no-replay"
_NO_REPLAY = NO_REPLAY.encode()


async def _in_thread(request_scope: Scope, func: Any, *args: Any) -> Any:
    """Database work of the middleware: off the event loop, and behind the SQLite write gate."""
    engine = request_scope["app"].state.engine
    if engine.dialect.name == "sqlite":
        async with write_gate():
            return await anyio.to_thread.run_sync(func, *args)
    return await anyio.to_thread.run_sync(func, *args)


# What a key's reservation can refuse: (status, detail, slug, headers).
_REFUSALS: dict[str, tuple[int, str, str, dict[str, str] | None]] = {
    "mismatch": (
        422,
        "This Idempotency-Key was used with a different request body.",
        "idempotency-key-reused",
        None,
    ),
    "processing": (
        409,
        "A request with this Idempotency-Key is still being processed.",
        "idempotency-in-progress",
        {"Retry-After": "1"},
    ),
}


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or scope["path"].startswith(NEVER_KEYED_PREFIXES)
        ):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        raw_key = headers.get(b"idempotency-key")
        if raw_key is None:
            await self.app(scope, receive, send)
            return
        declared = headers.get(b"content-length")
        if declared is None or not declared.isdigit() or int(declared) > MAX_IDEMPOTENT_REQUEST:
            # Unknown or large bodies stream straight through (documented in the README).
            await self.app(scope, receive, send)
            return
        key = raw_key.decode("latin-1").strip()
        if not (1 <= len(key) <= 255) or not key.isprintable():
            await problem_response(
                400,
                detail="Idempotency-Key must be 1 to 255 printable characters.",
                slug="bad-idempotency-key",
            )(scope, receive, send)
            return

        try:
            body = await _read_body(receive)
        except BodyTooLarge as exc:
            await problem_response(413, detail=str(exc.detail), slug="body-too-large")(scope, receive, send)
            return
        owner = self._owner(headers)
        fingerprint = hashlib.sha256(
            b"\n".join([scope["path"].encode(), scope.get("query_string", b""), body])
        ).hexdigest()
        factory: sessionmaker[Session] = scope["app"].state.session_factory

        try:
            outcome = await _in_thread(
                scope, _reserve, factory, owner, key, fingerprint, self.settings.idempotency_ttl_seconds
            )
        except (sa_exc.OperationalError, sa_exc.InterfaceError):
            await problem_response(
                503,
                detail="The database is unavailable.",
                slug="database-unavailable",
                headers={"Retry-After": "5"},
            )(scope, receive, send)
            return
        if isinstance(outcome, IdempotencyRecord):
            await _replay(outcome, scope, receive, send)
            return
        if outcome in _REFUSALS:
            code, detail, slug, refusal_headers = _REFUSALS[outcome]
            await problem_response(code, detail=detail, slug=slug, headers=refusal_headers)(
                scope, receive, send
            )
            return

        start: Message = {}
        chunks: list[bytes] = []

        # The answer is stored *before* its last byte leaves, so a client that retries as soon as
        # it has the answer gets the replay, not "still being processed".
        mode = "buffer"  # "buffer" until stored, then "pass"; "secret" answers are never kept
        stored = False
        size = 0

        async def capture(message: Message) -> None:
            nonlocal mode, stored, size
            if message["type"] == "http.response.start":
                headers = message.get("headers", [])
                if any(k.lower() == _NO_REPLAY for k, _ in headers):
                    mode = "secret"
                    message = {**message, "headers": [(k, v) for k, v in headers if k.lower() != _NO_REPLAY]}
                    await send(message)
                    return
                start.update(message)
                return
            if message["type"] != "http.response.body" or mode in ("secret", "pass"):
                await send(message)
                return
            chunk = message.get("body", b"")
            chunks.append(chunk)
            size += len(chunk)
            if message.get("more_body") and size <= MAX_STORED_BODY:
                return
            if not message.get("more_body"):
                with anyio.CancelScope(shield=True):
                    await _in_thread(scope, _store, factory, owner, key, start, b"".join(chunks))
                stored = True
            # Too large to keep (the record is dropped at the end), or stored: send what we hold.
            mode = "pass"
            await send(start)
            await send(
                {
                    "type": "http.response.body",
                    "body": b"".join(chunks),
                    "more_body": message.get("more_body", False),
                }
            )

        try:
            await self.app(scope, replaying(body, receive), capture)
        finally:
            if not stored:
                # A secret, an answer too large to keep, or a failure: forget the key.
                with anyio.CancelScope(shield=True):
                    await _in_thread(scope, _store, factory, owner, key, {"status": 599}, b"")

    def _owner(self, headers: dict[bytes, bytes]) -> str:
        auth = headers.get(b"authorization", b"").decode("latin-1")
        if auth.lower().startswith("bearer "):
            subject = unverified_subject(self.settings, auth[7:].strip())
            if subject:
                return f"sub:{subject}"
        return "anonymous"


async def _read_body(receive: Receive) -> bytes:
    parts: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        parts.append(message.get("body", b""))
        if not message.get("more_body"):
            break
    return b"".join(parts)


def _reserve(
    factory: sessionmaker[Session], owner: str, key: str, fingerprint: str, ttl: int
) -> IdempotencyRecord | str:
    now = utcnow()
    with side_session(factory) as session:
        existing = session.exec(
            select(IdempotencyRecord).where(IdempotencyRecord.owner == owner, IdempotencyRecord.key == key)
        ).first()
        if existing is not None and existing.expires_at <= now:
            session.delete(existing)
            session.flush()
            existing = None
        if existing is not None:
            if existing.fingerprint != fingerprint:
                return "mismatch"
            if existing.state == "done":
                session.expunge(existing)
                return existing
            if now - existing.created_at < PROCESSING_TIMEOUT:
                return "processing"
            # The first attempt died mid-way: take the key over.
            existing.created_at = now
            return "reserved"
        try:
            with session.begin_nested():
                session.add(
                    IdempotencyRecord(
                        owner=owner,
                        key=key,
                        fingerprint=fingerprint,
                        expires_at=now + timedelta(seconds=ttl),
                    )
                )
        except sa_exc.IntegrityError:
            return "processing"
    return "reserved"


def _store(factory: sessionmaker[Session], owner: str, key: str, start: Message, body: bytes) -> None:
    status = start.get("status", 500)
    try:
        with side_session(factory) as session:
            where = sa.and_(IdempotencyRecord.owner == owner, IdempotencyRecord.key == key)  # type: ignore[arg-type]
            if status >= 500 or len(body) > MAX_STORED_BODY:
                # A server error is not an answer to remember: let the client retry for real.
                session.execute(sa.delete(IdempotencyRecord).where(where))
                return
            kept = {
                k.decode("latin-1"): v.decode("latin-1")
                for k, v in start.get("headers", [])
                if k.lower() in _REPLAYED_HEADERS
            }
            session.execute(
                sa.update(IdempotencyRecord)
                .where(where)
                .values(state="done", status_code=status, response_headers=kept, response_body=body)
            )
    except sa_exc.SQLAlchemyError:
        log.exception("could not store idempotent response")


async def _replay(record: IdempotencyRecord, scope: Scope, receive: Receive, send: Send) -> None:
    headers: list[tuple[bytes, bytes]] = [
        (k.encode("latin-1"), str(v).encode("latin-1")) for k, v in record.response_headers.items()
    ]
    body = record.response_body or b""
    headers.append((b"content-length", str(len(body)).encode()))
    headers.append((b"idempotent-replayed", b"true"))
    await send({"type": "http.response.start", "status": record.status_code or 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})
