"""The account list's query parameters: its sort and filters, read by the route as one dependency
and handed to the logic as one value."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Query

UserSort = Literal["created_at", "-created_at", "email"]


@dataclass(frozen=True)
class UserQuery:
    sort: UserSort = "created_at"
    role: Annotated[
        Literal["admin", "coordinator", "provider", "analyst", "expert", "resident"] | None, Query()
    ] = None
    municipality: Annotated[str | None, Query(max_length=60)] = None
    organization_id: uuid.UUID | None = None
    active: bool | None = None
    q: Annotated[str | None, Query(max_length=100, description="Email or name contains")] = None
