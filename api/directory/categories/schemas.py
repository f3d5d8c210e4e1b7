"""Reference lists: the category tree and the legal statuses."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class CategoryNode(BaseModel):
    code: str
    parent: str | None
    name: Any
    children: list[CategoryNode] = Field(default_factory=list)


class CategoryTree(BaseModel):
    items: list[CategoryNode]


class LegalStatusRead(BaseModel):
    code: str
    name: Any


class LegalStatusList(BaseModel):
    items: list[LegalStatusRead]
