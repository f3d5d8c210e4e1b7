"""ASGI middleware: request id and access log, body size limit."""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.core.db import begin_request
from api.core.errors import problem_response
from api.core.logging import log_access, reset_request_id, set_request_id

_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestContextMiddleware:
    """Gives every request an id (kept from ``X-Request-ID`` when sane) and logs one line per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"x-request-id"), "")
        request_id = incoming if _REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
        token = set_request_id(request_id)
        # Reads run deferred SQLite transactions unless a route marks itself a writer.
        begin_request(scope["method"])
        started = time.perf_counter()
        status = 500

        async def wrapped(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, wrapped)
        finally:
            # Written by the log thread (api.core.logging): the request pays for a queue put.
            log_access(
                scope["method"], scope["path"], status, round((time.perf_counter() - started) * 1000, 2)
            )
            reset_request_id(token)


def replaying(body: bytes, receive: Receive, *, more: bool = False) -> Receive:
    """A ``receive`` that hands the app the body already read, then the rest of the stream."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": more}
        return await receive()

    return replay


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than {limit} bytes.")


class BodyLimitMiddleware:
    """Refuses bodies over the limit with 413, by Content-Length or while the body streams in."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        for key, value in scope["headers"]:
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0 or declared > limit:
                    detail = (
                        f"The request body is larger than {limit} bytes."
                        if declared > limit
                        else "Invalid Content-Length header."
                    )
                    status = 413 if declared > limit else 400
                    response = problem_response(
                        status, detail=detail, slug="body-too-large" if status == 413 else None
                    )
                    await response(scope, receive, send)
                    return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, limited, send)


MAX_DEPTH = 64
MAX_GUARDED_BODY = 4 * 1024 * 1024
_JSON_TYPES = (b"application/json", b"application/merge-patch+json", b"application/x-ndjson", b"+json")


def hostile_json(body: bytes, *, ndjson: bool) -> str | None:
    """Why a JSON (or NDJSON) body must be refused before any code walks it, or None.

    Nesting deeper than ``MAX_DEPTH`` (a recursive walk would overflow the stack) and strings that
    are not valid Unicode (a lone surrogate such as ``"\\ud800"`` cannot be stored or encoded).
    Malformed JSON is left to the route, which answers 422 with the position.
    """
    docs = body.splitlines() if ndjson else [body]
    for doc in docs:
        if not doc.strip():
            continue
        try:
            value = json.loads(doc)
        except RecursionError:
            return "too-deep"
        except ValueError:
            continue
        stack: list[tuple[Any, int]] = [(value, 1)]
        while stack:
            item, depth = stack.pop()
            if isinstance(item, dict):
                if depth > MAX_DEPTH:
                    return "too-deep"
                for k, v in item.items():
                    if not _valid_text(k):
                        return "invalid-text"
                    stack.append((v, depth + 1))
            elif isinstance(item, list):
                if depth > MAX_DEPTH:
                    return "too-deep"
                stack.extend((v, depth + 1) for v in item)
            elif isinstance(item, str) and not _valid_text(item):
                return "invalid-text"
    return None


def _valid_text(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class BodyGuardMiddleware:
    """Refuses hostile JSON bodies (too deep, not Unicode) with 400 problem+json for every route."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH", "DELETE"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        ctype = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        length = headers.get(b"content-length")
        if not any(ctype.endswith(t) for t in _JSON_TYPES) or (
            length is not None and (not length.isdigit() or int(length) > MAX_GUARDED_BODY)
        ):
            await self.app(scope, receive, send)
            return
        parts: list[bytes] = []
        size = 0
        more = True
        while more:
            try:
                message = await receive()
            except BodyTooLarge as exc:
                await problem_response(413, detail=str(exc.detail), slug="body-too-large")(
                    scope, receive, send
                )
                return
            if message["type"] != "http.request":
                await self.app(scope, receive, send)
                return
            chunk = message.get("body", b"")
            parts.append(chunk)
            size += len(chunk)
            more = bool(message.get("more_body"))
            if size > MAX_GUARDED_BODY:
                break
        body = b"".join(parts)
        verdict = None if more else hostile_json(body, ndjson=b"ndjson" in ctype)
        if verdict is not None:
            detail = (
                f"The body is nested more than {MAX_DEPTH} levels deep."
                if verdict == "too-deep"
                else "The body holds text that is not valid Unicode (for example a lone surrogate)."
            )
            await problem_response(400, detail=detail, slug=verdict)(scope, receive, send)
            return
        await self.app(scope, replaying(body, receive, more=more), send)
