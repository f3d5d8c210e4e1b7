"""Who is making a request: a person, a machine client, or nobody."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Literal

ActorKind = Literal["user", "client", "anonymous"]


@dataclass(frozen=True)
class Actor:
    kind: ActorKind
    id: uuid.UUID | None = None
    role: str | None = None
    municipality_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)
    display_name: str | None = None
    token_id: str | None = None
    # The refresh family (sign-in session) the access token belongs to; None for machine clients.
    session_id: str | None = None

    @property
    def is_authenticated(self) -> bool:
        return self.kind != "anonymous"

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def has(self, *scopes: str) -> bool:
        return all(s in self.scopes for s in scopes)

    @property
    def audit_id(self) -> str | None:
        return str(self.id) if self.id else None


ANONYMOUS = Actor(kind="anonymous")
