"""Request and response models of votes."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field


class VoteRead(BaseModel):
    idea_id: uuid.UUID
    voted: bool
    vote_count: int
    votes_left_this_year: int | None = Field(
        default=None, description="When the municipality limits votes per person per year"
    )
