"""What other subjects say to an idea's followers: the idea's link and its state changes."""

from __future__ import annotations

import uuid

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

STATE_CHANGED = {
    "lt": "Idėjos „{title}“ būsena: {state}",
    "en": "The idea “{title}” is now {state}",
    "uk": "Стан ідеї «{title}»: {state}",
    "ru": "Статус идеи «{title}»: {state}",
}


def idea_link(idea_id: uuid.UUID) -> str:
    return f"#/ideas/{idea_id}"


def notify_state_change(session: Session, idea: Idea, *, exclude: uuid.UUID | None = None) -> None:
    notifications.notify_many(
        session,
        user_ids=followers(session, idea.id, exclude=[exclude]),
        kind="idea_state",
        title_translations=notifications.template(STATE_CHANGED, idea.title, state=STATE_NAMES[idea.state]),
        link=idea_link(idea.id),
        data={"idea_id": str(idea.id), "state": idea.state},
    )
    partners.state_changed(session, idea)
