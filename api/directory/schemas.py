"""Directory request and response models (HTTP) and the brief other domains use."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ServiceBrief:
    """What another domain (case management, referrals) needs to know of a service."""

    id: uuid.UUID
    organization_id: uuid.UUID
    municipality_id: uuid.UUID
    name: dict[str, str]
    categories: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    status: str = "active"
    organization_name: dict[str, str] = field(default_factory=dict)
