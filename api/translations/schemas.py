"""Schemas of the translations workspace and report."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from api.core.pagination import Page

Status = Literal["original", "up_to_date", "outdated", "machine", "missing"]


class LanguageStatus(BaseModel):
    status: Status
    source_lang: str | None = Field(None, description="The language it was translated from")
    changed_at: datetime | None = Field(None, description="When its status last changed")


class DiffPart(BaseModel):
    op: Literal["equal", "insert", "delete"]
    text: str


class TranslationItem(BaseModel):
    record_type: str
    record_id: uuid.UUID
    field: str
    lang: str
    status: Status
    source_lang: str
    source_text: str
    text: str | None = Field(None, description="The current text in `lang` (none when missing)")
    changes: list[DiffPart] = Field(
        default_factory=list,
        description="What changed in the source since this translation was made (outdated texts)",
    )
    link: str = Field(description="The record in the web app")
    version: int | None = Field(None, description="The record's version (send it back as If-Match)")


class TranslationQueue(Page[TranslationItem]):
    pass


class RecordTranslations(BaseModel):
    record_type: str
    record_id: uuid.UUID
    version: int | None = None
    texts: dict[str, dict[str, str]]
    translation_status: dict[str, dict[str, LanguageStatus]] = Field(
        description="For each field, the status of each working language"
    )


class TranslationSave(BaseModel):
    text: str = Field(min_length=1, max_length=20000)


class MachineRequest(BaseModel):
    record_type: str = Field(max_length=40)
    record_id: uuid.UUID
    field: str = Field(max_length=40)
    lang: str = Field(min_length=2, max_length=12)


class CoverageCell(BaseModel):
    lang: str
    texts: int
    original: int
    up_to_date: int
    outdated: int
    machine: int
    missing: int
    share_current: float = Field(description="Share of texts that are original or up to date")


class CoverageDomain(BaseModel):
    domain: str
    languages: list[CoverageCell]


class OutdatedText(BaseModel):
    record_type: str
    record_id: uuid.UUID
    field: str
    lang: str
    outdated_since: datetime
    link: str


class CoverageReport(BaseModel):
    municipality: str | None
    domains: list[CoverageDomain]
    oldest_outdated: list[OutdatedText]


class MachineStatus(BaseModel):
    provider: str | None
    monthly_budget: int
    used_this_month: int
