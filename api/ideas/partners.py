"""What partner systems hear of ideas (webhooks): public facts only, the idea's id and state."""

from __future__ import annotations

from sqlmodel import Session

from api.ideas.models import Idea
from api.webhooks.emit import emit


def _data(idea: Idea) -> dict[str, str]:
    return {"id": str(idea.id), "state": idea.state, "url": f"/api/v1/ideas/{idea.id}"}


def published(session: Session, idea: Idea) -> None:
    emit(session, "idea.published", municipality_id=idea.municipality_id, data=_data(idea))


def state_changed(session: Session, idea: Idea) -> None:
    emit(session, "idea.status_changed", municipality_id=idea.municipality_id, data=_data(idea))
