from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import BaseModel, Field

MunicipalityKind = Literal["city", "district", "municipality"]


class MunicipalityRead(BaseModel):
    id: uuid.UUID
    slug: str = Field(examples=["vilniaus-m"])
    name: Any = Field(description="Name in the chosen language, or every translation with translations=all")
    county: str = Field(examples=["vilnius"], description="County code")
    county_name: Any
    kind: MunicipalityKind


class MunicipalityList(BaseModel):
    items: list[MunicipalityRead]
    next_cursor: str | None = None
