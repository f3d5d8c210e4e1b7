"""The only door to the service directory. Everything in this domain asks the directory through
these three functions (which call ``api.directory.logic``), so the rest of the code does not
depend on how the directory stores services."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session


def available() -> bool:
    """True when the directory offers services (its contract is installed)."""
    try:
        from api.directory import logic
    except ImportError:  # pragma: no cover - the directory package is always there
        return False
    return hasattr(logic, "service_brief") and hasattr(logic, "match_services")


def service_brief(session: Session, service_id: uuid.UUID) -> Any | None:
    if not available():
        return None
    from api.directory import logic

    return logic.service_brief(session, service_id=service_id)  # type: ignore[attr-defined,unused-ignore]


def match_services(
    session: Session,
    *,
    municipality_id: uuid.UUID,
    categories: list[str],
    language: str | None = None,
    legal_status: str | None = None,
    age: int | None = None,
    limit: int = 10,
) -> list[Any]:
    if not available():
        return []
    from api.directory import logic

    return list(
        logic.match_services(  # type: ignore[attr-defined,unused-ignore]
            session,
            municipality_id=municipality_id,
            categories=categories,
            language=language,
            legal_status=legal_status,
            age=age,
            limit=limit,
        )
    )


def expand_categories(codes: list[str]) -> set[str]:
    if not available():
        return set(codes)
    from api.directory import logic

    return set(logic.expand_categories(codes))  # type: ignore[attr-defined,unused-ignore]
