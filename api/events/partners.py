"""What partner systems hear of the calendar (webhooks): the event's id and what kind of change."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from api.events.models import Event
from api.webhooks.emit import emit


def changed(session: Session, event: Event, kind: str, fields: list[str] | None = None) -> None:
    """``kind``: published, updated or cancelled."""
    data: dict[str, Any] = {
        "id": str(event.id),
        "starts_at": event.starts_at.isoformat(),
        "url": f"/api/v1/events/{event.id}",
    }
    if fields is not None:
        data["changed"] = fields
    emit(session, f"event.{kind}", municipality_id=event.municipality_id, data=data)
