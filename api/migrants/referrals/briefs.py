"""Directory look-ups for referrals, through ``api.directory.logic`` only: one service's brief
(name, organisation, status) and the services matching a need.

Service names and organisations change rarely; lists show many referrals to the same few
services. A brief is reused for BRIEF_TTL seconds across requests (a renamed service shows its
new name within that time), which saves one directory query per service per list.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from api.core.errors import unprocessable
from api.directory import logic as directory
from api.directory.logic import match_services

__all__ = ["Briefs", "active_service", "briefs", "match_services", "service_brief"]

BRIEF_TTL = 30.0
_BRIEF_CACHE: dict[uuid.UUID, tuple[float, Any]] = {}
_BRIEF_CACHE_MAX = 5000


def service_brief(session: Session, service_id: uuid.UUID) -> Any | None:
    return directory.service_brief(session, service_id=service_id)


def active_service(session: Session, service_id: uuid.UUID) -> Any:
    brief = service_brief(session, service_id)
    if brief is None or brief.status != "active":
        raise unprocessable(
            "The service does not exist or is not active.",
            errors=[{"loc": ["body", "service_id"], "msg": "no such active service", "type": "value_error"}],
        )
    return brief


@dataclass
class Briefs:
    """Service briefs looked up once per request (and reused for a short while)."""

    session: Session
    cache: dict[uuid.UUID, Any]

    def get(self, service_id: uuid.UUID) -> Any | None:
        if service_id in self.cache:
            return self.cache[service_id]
        now = time.monotonic()
        hit = _BRIEF_CACHE.get(service_id)
        if hit is not None and now - hit[0] < BRIEF_TTL:
            brief = hit[1]
        else:
            brief = service_brief(self.session, service_id)
            if len(_BRIEF_CACHE) >= _BRIEF_CACHE_MAX:
                _BRIEF_CACHE.clear()
            if brief is not None:
                _BRIEF_CACHE[service_id] = (now, brief)
        self.cache[service_id] = brief
        return brief


def briefs(session: Session) -> Briefs:
    return Briefs(session=session, cache={})
