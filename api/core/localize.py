"""Problem details in the caller's language: every ``application/problem+json`` answer — from a
route, a dependency, a validator or a middleware — has its ``title``, ``detail`` and field
``errors[].msg`` translated into the language asked for with ``?lang=`` or ``Accept-Language``.

The messages are written in English in the code; ``problem_messages.json`` holds their Lithuanian,
Ukrainian and Russian texts: exact sentences, patterns for messages with values (pydantic's
"String should have at least 10 characters", "The idea was not found."), and the nouns those
patterns name. A message without a translation stays in English (``Content-Language`` says which).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.core.i18n import LANGUAGES, parse_accept_language

_CATALOG = Path(__file__).with_name("problem_messages.json")
_PROBLEM = "application/problem+json"
# Pattern groups that hold a word of the catalog's ``nouns`` (a thing's name, a state).
_WORDS = frozenset({"what", "state", "to"})


@cache
def _catalog() -> tuple[
    dict[str, dict[str, str]], list[tuple[re.Pattern[str], dict[str, str]]], dict[str, Any]
]:
    data = json.loads(_CATALOG.read_text(encoding="utf-8"))
    patterns = [(re.compile(rx), texts) for rx, texts in data["patterns"]]
    return data["exact"], patterns, data["nouns"]


def translate(message: str, lang: str) -> str | None:
    """``message`` in ``lang``, or None when the catalog has no translation of it."""
    exact, patterns, nouns = _catalog()
    found = exact.get(message)
    if found is not None:
        return found.get(lang)
    for pattern, texts in patterns:
        match = pattern.match(message)
        if match and lang in texts:
            values = {
                k: (nouns.get(v, {}).get(lang, v) if k in _WORDS else v) for k, v in match.groupdict().items()
            }
            return texts[lang].format(**values)
    return None


def localize(problem: dict[str, Any], lang: str) -> tuple[dict[str, Any], bool]:
    """The problem with its human texts in ``lang``; whether everything was translated."""
    complete = True
    for key in ("title", "detail"):
        if isinstance(problem.get(key), str):
            text = translate(problem[key], lang)
            complete = complete and text is not None
            problem[key] = text or problem[key]
    for error in problem.get("errors") or []:
        if isinstance(error, dict) and isinstance(error.get("msg"), str):
            text = translate(error["msg"], lang)
            complete = complete and text is not None
            error["msg"] = text or error["msg"]
    return problem, complete


def requested_language(scope: Scope) -> str | None:
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    chosen = (query.get("lang") or [None])[-1]
    if chosen in LANGUAGES:
        return chosen
    return parse_accept_language(Headers(scope=scope).get("accept-language"))


class ProblemLanguageMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        lang = requested_language(scope) if scope["type"] == "http" else None
        if lang is None or lang == "en":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def send_localized(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                if Headers(raw=message["headers"]).get("content-type", "").startswith(_PROBLEM):
                    start = message
                    return
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                body, complete = b"".join(chunks), False
                try:
                    problem, complete = localize(json.loads(body), lang)
                    body = json.dumps(problem, ensure_ascii=False).encode()
                except (ValueError, TypeError):
                    pass
                headers = MutableHeaders(raw=start["headers"])
                headers["content-length"] = str(len(body))
                headers["content-language"] = lang if complete else f"{lang}, en"
                await send(start)
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app(scope, receive, send_localized)
