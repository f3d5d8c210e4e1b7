"""Mentor search hits and mentorships."""

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from api.core.http import Page
from api.experts.profiles.schemas import ExpertHit


class MentorHit(ExpertHit):
    mentorships_active: int
    free_places: int


class MentorHitList(Page[MentorHit]):
    pass


class MentorshipRead(BaseModel):
    # The published OpenAPI component name keeps the module this class first lived in (another
    # domain has a schema of the same name, so the name is module-qualified).
    __module__ = "api.experts.schemas"

    id: uuid.UUID
    mentor_id: uuid.UUID
    mentor_name: str | None = Field(description="None once the mentor deleted their profile")
    municipality: str
    case_ref: uuid.UUID = Field(description="Opaque reference to the newcomer's case (migrants domain)")
    started_at: datetime
    ended_at: datetime | None = None
    end_reason: str | None = None


class MentorshipList(Page[MentorshipRead]):
    # The published OpenAPI component name keeps the module this class first lived in (another
    # domain has a schema of the same name, so the name is module-qualified).
    __module__ = "api.experts.schemas"


class MentorshipEnd(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None = None
