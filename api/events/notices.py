"""Every notification the events domain sends, in four languages, through one import."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.events.models import Event, EventRegistration
from api.notifications.logic import notify, notify_many

T = dict[str, str]
LANGS = ("lt", "en", "uk", "ru")
_TEXTS: dict[str, tuple[str, str, str, str]] = {
    "registered": (
        "Užsiregistravote: {t}",
        "You are registered: {t}",
        "Ви зареєстровані: {t}",
        "Вы зарегистрированы: {t}",
    ),
    "waitlisted": (
        "Esate laukiančiųjų sąraše: {t}",
        "You are on the waitlist: {t}",
        "Ви в листі очікування: {t}",
        "Вы в листе ожидания: {t}",
    ),
    "promoted": (
        "Atsirado vieta, esate užregistruoti: {t}",
        "A place opened, you are registered: {t}",
        "Звільнилося місце, ви зареєстровані: {t}",
        "Освободилось место, вы зарегистрированы: {t}",
    ),
    "changed": (
        "Renginys pasikeitė: {t}",
        "The event changed: {t}",
        "Подію змінено: {t}",
        "Мероприятие изменено: {t}",
    ),
    "cancelled": (
        "Renginys atšauktas: {t}",
        "The event is cancelled: {t}",
        "Подію скасовано: {t}",
        "Мероприятие отменено: {t}",
    ),
    "reminder": ("Rytoj: {t}", "Tomorrow: {t}", "Завтра: {t}", "Завтра: {t}"),
    "message": (
        "Žinutė apie renginį: {t}",
        "A message about the event: {t}",
        "Повідомлення про подію: {t}",
        "Сообщение о мероприятии: {t}",
    ),
}
TEXTS: dict[str, T] = {key: dict(zip(LANGS, texts, strict=True)) for key, texts in _TEXTS.items()}
REGISTERED, WAITLISTED, PROMOTED = TEXTS["registered"], TEXTS["waitlisted"], TEXTS["promoted"]
CHANGED, CANCELLED, REMINDER, MESSAGE = (
    TEXTS["changed"],
    TEXTS["cancelled"],
    TEXTS["reminder"],
    TEXTS["message"],
)


def _titles(template: T, event: Event) -> T:
    fallback = next(iter(event.title.values()), "")
    return {lang: text.format(t=event.title.get(lang) or fallback) for lang, text in template.items()}


def link(event: Event) -> str:
    return f"/events/{event.id}"


def one(session: Session, event: Event, user_id: uuid.UUID, template: T, kind: str) -> None:
    notify(session, user_id=user_id, kind=kind, title_translations=_titles(template, event), link=link(event))


def registrants(
    session: Session, event: Event, states: Iterable[str] = ("confirmed", "waitlisted")
) -> list[uuid.UUID]:
    stmt = select(EventRegistration.user_id).where(
        EventRegistration.event_id == event.id, col(EventRegistration.status).in_(list(states))
    )
    return list(session.exec(stmt).all())


def everyone(session: Session, event: Event, template: T, kind: str, body: T | None = None) -> int:
    users = registrants(session, event)
    if users:
        notify_many(
            session,
            user_ids=users,
            kind=kind,
            title_translations=_titles(template, event),
            link=link(event),
            body_translations=body,
        )
    return len(users)


def send_reminders(session: Session, now: datetime) -> int:
    """Remind confirmed registrants of events starting in the next 24 h (once per registration)."""
    from api.events.recurrence import occurrences

    window = (now, now + timedelta(days=1))
    sent = 0
    events = session.exec(
        select(Event).where(
            Event.status == "scheduled",
            col(Event.starts_at) < window[1],
            sa.or_(col(Event.rrule).is_not(None), col(Event.ends_at) > now),
        )
    ).all()
    for event in events:
        if not any(
            True for _ in occurrences(event.starts_at, event.ends_at, event.timezone, event.rrule, window)
        ):
            continue
        due = session.exec(
            select(EventRegistration).where(
                EventRegistration.event_id == event.id,
                EventRegistration.status == "confirmed",
                sa.or_(
                    col(EventRegistration.reminded_at).is_(None),
                    col(EventRegistration.reminded_at) < now - timedelta(days=1),
                ),
            )
        ).all()
        for reg in due:
            one(session, event, reg.user_id, REMINDER, "event_reminder")
            reg.reminded_at = now
            sent += 1
    session.flush()
    return sent
