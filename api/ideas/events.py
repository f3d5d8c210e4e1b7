"""What other subjects say to an idea's followers: the idea's link, its state changes, and one way
to tell them anything (``tell_followers``, its titles in ``notices.json``)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlmodel import Session

from api.ideas import partners
from api.ideas.followers import followers
from api.ideas.models import Idea
from api.notifications import logic as notifications

STATE_NAMES = {
    "published": {"lt": "paskelbta", "en": "published", "uk": "опубліковано", "ru": "опубликовано"},
    "under_review": {"lt": "svarstoma", "en": "under review", "uk": "на розгляді", "ru": "на рассмотрении"},
    "accepted": {"lt": "priimta", "en": "accepted", "uk": "прийнято", "ru": "принято"},
    "rejected": {"lt": "atmesta", "en": "rejected", "uk": "відхилено", "ru": "отклонено"},
    "in_progress": {"lt": "įgyvendinama", "en": "in progress", "uk": "виконується", "ru": "выполняется"},
    "implemented": {"lt": "įgyvendinta", "en": "implemented", "uk": "втілено", "ru": "реализовано"},
    "withdrawn": {"lt": "atsiimta", "en": "withdrawn", "uk": "відкликано", "ru": "отозвано"},
}

# The titles of the domain's notifications in each language, by kind; ``{title}`` is the idea's.
TITLES: dict[str, dict[str, str]] = json.loads((Path(__file__).parent / "notices.json").read_text("utf-8"))


def idea_link(idea_id: uuid.UUID) -> str:
    return f"#/ideas/{idea_id}"


def tell_followers(
    session: Session,
    idea: Idea,
    kind: str,
    *,
    data: dict[str, str],
    exclude: Iterable[uuid.UUID | None] = (),
    body: dict[str, str] | None = None,
    **params: Any,
) -> None:
    """Notify the idea's followers (but ``exclude``) of ``kind``: its title with the idea's and
    ``params`` in it, the idea's link, and ``data`` after the idea's id."""
    notifications.notify_many(
        session,
        user_ids=followers(session, idea.id, exclude=exclude),
        kind=kind,
        title_translations=notifications.template(TITLES[kind], idea.title, **params),
        body_translations=body,
        link=idea_link(idea.id),
        data={"idea_id": str(idea.id), **data},
    )


def notify_state_change(session: Session, idea: Idea, *, exclude: uuid.UUID | None = None) -> None:
    tell_followers(
        session,
        idea,
        "idea_state",
        data={"state": idea.state},
        exclude=[exclude],
        state=STATE_NAMES[idea.state],
    )
    partners.state_changed(session, idea)
