"""Who follows an idea (they are notified of its changes, answers and comments)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlmodel import Session, select

from api.ideas.models import IdeaFollow


def followers(
    session: Session, idea_id: uuid.UUID, *, exclude: Iterable[uuid.UUID | None] = ()
) -> list[uuid.UUID]:
    skip = {u for u in exclude if u is not None}
    ids = session.exec(select(IdeaFollow.user_id).where(IdeaFollow.idea_id == idea_id)).all()
    return [u for u in ids if u not in skip]
