"""Each person's channel per kind: in-app (the default for most kinds), e-mail, daily digest, off."""

from __future__ import annotations

from sqlmodel import Session, select

from api.core.actor import Actor
from api.core.db import dialect_insert, utcnow
from api.core.errors import ProblemError
from api.core.i18n import Locale, resolve
from api.notifications.kinds import KINDS, default_channel
from api.notifications.models import CHANNELS, NotificationPreference
from api.notifications.preferences.schemas import PreferenceList, PreferenceRead

_table = NotificationPreference.__table__  # type: ignore[attr-defined]


def read(session: Session, *, actor: Actor, locale: Locale) -> PreferenceList:
    chosen = dict(
        session.exec(
            select(NotificationPreference.kind, NotificationPreference.channel).where(
                NotificationPreference.user_id == actor.id
            )
        ).all()
    )
    items = [
        PreferenceRead(
            kind=kind,
            label=resolve(labels, locale.lang) or kind,
            channel=chosen.get(kind, default_channel(kind)),
        )
        for kind, labels in KINDS.items()
    ]
    return PreferenceList(channels=list(CHANNELS), items=items)


def update(session: Session, *, actor: Actor, channels: dict[str, str]) -> None:
    unknown = sorted(set(channels) - set(KINDS))
    if unknown:
        raise ProblemError(
            422,
            "Unknown notification kind.",
            slug="validation-error",
            errors=[
                {"loc": ["body", "channels", k], "msg": "unknown kind", "type": "value_error"}
                for k in unknown[:20]
            ],
        )
    now = utcnow()
    for kind, channel in channels.items():
        stmt = dialect_insert(session, _table).values(
            user_id=actor.id, kind=kind, channel=channel, updated_at=now
        )
        session.execute(
            stmt.on_conflict_do_update(
                index_elements=["user_id", "kind"], set_={"channel": channel, "updated_at": now}
            )
        )
