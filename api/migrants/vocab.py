"""Reference lists the domain checks against: needs (api/reference/needs.csv), legal statuses
(api/reference/legal-statuses.csv). Read once per process; only a release changes them."""

from __future__ import annotations

import csv
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlmodel import Session, select

from api.core.errors import unprocessable
from api.core.i18n import reference_names

REFERENCE = Path(__file__).resolve().parent.parent / "reference"

CONSENT_PURPOSES: tuple[str, ...] = ("case_management", "provider_sharing", "mentoring_contact", "statistics")
NEED_STATUSES: tuple[str, ...] = ("open", "in_progress", "met", "not_met")
PRIORITIES: tuple[str, ...] = ("high", "normal", "low")
REFERRAL_STATUSES: tuple[str, ...] = (
    "proposed",
    "sent",
    "accepted",
    "declined",
    "in_progress",
    "completed",
    "dropped",
)
RETURNEE = "returnee"


@dataclass(frozen=True)
class NeedDef:
    code: str
    name: dict[str, str]
    categories: tuple[str, ...]


@lru_cache
def needs() -> dict[str, NeedDef]:
    with (REFERENCE / "needs.csv").open(encoding="utf-8") as fh:
        return {
            row["code"]: NeedDef(
                code=row["code"],
                name=reference_names(row),
                categories=tuple(c for c in row["typical_categories"].split(";") if c),
            )
            for row in csv.DictReader(fh)
        }


@lru_cache
def legal_statuses() -> dict[str, dict[str, str]]:
    with (REFERENCE / "legal-statuses.csv").open(encoding="utf-8") as fh:
        return {row["code"]: reference_names(row) for row in csv.DictReader(fh)}


def check_need(code: str, *, loc: list[str | int] | None = None) -> str:
    if code not in needs():
        raise unprocessable(
            f"Unknown need '{code}'.",
            errors=[
                {"loc": loc or ["body", "need"], "msg": f"unknown need '{code}'", "type": "unknown_code"}
            ],
        )
    return code


def check_legal_status(code: str, *, loc: list[str | int] | None = None) -> str:
    if code not in legal_statuses():
        raise unprocessable(
            f"Unknown legal status '{code}'.",
            errors=[
                {
                    "loc": loc or ["body", "legal_status"],
                    "msg": f"unknown legal status '{code}'",
                    "type": "unknown_code",
                }
            ],
        )
    return code


def need_for_category(category: str) -> str:
    """The need a service category serves (its own or its parent's), else ``community``."""
    for need in needs().values():
        for cat in need.categories:
            if category == cat or category.startswith(cat + ".") or cat.startswith(category + "."):
                return need.code
    return "community"


@lru_cache
def categories() -> frozenset[str]:
    with (REFERENCE / "service-categories.csv").open(encoding="utf-8") as fh:
        return frozenset(row["code"] for row in csv.DictReader(fh))


_slugs: dict[str, dict[uuid.UUID, str]] = {}


def slugs(session: Session) -> dict[uuid.UUID, str]:
    """Municipality id → slug (ids are UUID v5 of the slug, the same in every database)."""
    from api.municipalities.models import Municipality

    if "all" not in _slugs:
        _slugs["all"] = {m.id: m.slug for m in session.exec(select(Municipality)).all()}
    return _slugs["all"]
