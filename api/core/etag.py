"""ETags and conditional requests.

* Every successful GET carries an ETag: routes for a single record set a strong, version-based one
  (``entity_etag``); for everything else :class:`ETagMiddleware` hashes the body. ``If-None-Match``
  then answers 304.
* Changes (PATCH, DELETE, state moves) go through :mod:`api.core.conditional` (``IfMatchDep`` and
  ``claim``): 428 without ``If-Match``, 412 when the record moved on since the client read it.
"""

from __future__ import annotations

import hashlib
from typing import Any

from fastapi import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_HASHED_BODY = 8 * 1024 * 1024


def entity_etag(version: int, variant: str = "") -> str:
    """A strong ETag for one record at one version; ``variant`` distinguishes representations."""
    if variant:
        digest = hashlib.sha256(variant.encode()).hexdigest()[:10]
        return f'"v{version}-{digest}"'
    return f'"v{version}"'


def set_etag(response: Response, version: int, variant: str = "") -> str:
    tag = entity_etag(version, variant)
    response.headers["ETag"] = tag
    return tag


def _split(header: str) -> list[str]:
    return [part.strip() for part in header.split(",") if part.strip()]


def _weak_equal(a: str, b: str) -> bool:
    return a.removeprefix("W/") == b.removeprefix("W/")


def none_match(if_none_match: str | None, etag: str) -> bool:
    """True when the client's copy is current (so the answer is 304)."""
    if not if_none_match:
        return False
    tags = _split(if_none_match)
    return "*" in tags or any(_weak_equal(tag, etag) for tag in tags)


def body_etag(body: bytes) -> str:
    return 'W/"' + hashlib.sha256(body).hexdigest()[:32] + '"'


class ETagMiddleware:
    """Adds a weak body-hash ETag to GET answers that have none and answers 304 when it matches.

    Only whole bodies (with Content-Length) are hashed; streamed exports pass through untouched,
    except that an explicit ETag they carry is still honoured for If-None-Match.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        inm = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"if-none-match"), None)
        mode = "undecided"  # then "buffer", "pass" or "drop"
        start: Message = {}
        chunks: list[bytes] = []

        async def wrapped(message: Message) -> None:
            nonlocal mode, start
            if message["type"] == "http.response.start":
                headers = {k.lower(): v for k, v in message.get("headers", [])}
                existing = headers.get(b"etag")
                length = headers.get(b"content-length")
                if message["status"] != 200:
                    mode = "pass"
                elif length is not None and int(length) <= MAX_HASHED_BODY:
                    mode, start = "buffer", message
                    return
                elif existing and none_match(inm, existing.decode("latin-1")):
                    mode = "drop"
                    await _send_304(send, message, existing)
                    return
                else:
                    mode = "pass"
                await send(message)
                return
            if mode == "pass":
                await send(message)
                return
            if mode == "drop":
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            headers_list = list(start.get("headers", []))
            existing = next((v for k, v in headers_list if k.lower() == b"etag"), None)
            tag = existing.decode("latin-1") if existing else body_etag(body)
            if not existing:
                headers_list.append((b"etag", tag.encode("latin-1")))
            if none_match(inm, tag):
                await _send_304(send, {**start, "headers": headers_list}, tag.encode("latin-1"))
                return
            await send({**start, "headers": headers_list})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, wrapped)


_KEEP_ON_304 = {b"etag", b"cache-control", b"vary", b"content-location", b"expires", b"x-request-id"}


async def _send_304(send: Send, start: Message, etag: bytes) -> None:
    kept: list[Any] = [(k, v) for k, v in start.get("headers", []) if k.lower() in _KEEP_ON_304]
    if not any(k.lower() == b"etag" for k, _ in kept):
        kept.append((b"etag", etag))
    await send({"type": "http.response.start", "status": 304, "headers": kept})
    await send({"type": "http.response.body", "body": b""})
