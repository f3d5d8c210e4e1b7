"""Bodies of the unmet-needs API."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field, model_validator

from api.core.pagination import Page
from api.directory.vocab import Strict


class UnmetNeedCreate(Strict):
    municipality: str | None = Field(default=None, max_length=60, description="Where she looked (a code)")
    language: str = Field(pattern=r"^[a-z]{2}$", description="The interface language (ISO 639-1)")
    query: str | None = Field(default=None, max_length=200, description="What she typed")
    filters: dict[str, str | list[str]] = Field(
        default_factory=dict, max_length=20, description="The search's other query parameters"
    )
    message: str | None = Field(default=None, max_length=1000, description="What she was looking for")

    @model_validator(mode="after")
    def _something_said(self) -> UnmetNeedCreate:
        if not (self.query or "").strip() and not (self.message or "").strip():
            raise ValueError("say what you were looking for (query or message)")
        for key, value in self.filters.items():
            values = value if isinstance(value, list) else [value]
            if len(key) > 40 or len(values) > 10 or any(len(v) > 100 for v in values):
                raise ValueError("filters: at most 20 keys of 40 characters, 10 values of 100 each")
        return self


class UnmetNeedReceived(BaseModel):
    id: uuid.UUID
    created_at: datetime


class UnmetNeedRead(BaseModel):
    id: uuid.UUID
    created_at: datetime
    municipality: str | None
    language: str
    query: str
    filters: dict[str, str | list[str]]
    message: str


class UnmetNeedList(Page[UnmetNeedRead]):
    pass


class UnmetTerm(BaseModel):
    term: str
    count: int


class UnmetNeedGroup(BaseModel):
    municipality: str | None
    language: str
    count: int
    terms: list[UnmetTerm] = Field(description="The most frequent words searched for (word stems), top 10")


class UnmetNeedReport(BaseModel):
    total: int
    groups: list[UnmetNeedGroup]
