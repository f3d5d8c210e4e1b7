"""HTTP routes of notification preferences: your channel for each kind."""

from __future__ import annotations

from fastapi import APIRouter

from api.accounts.deps import UserActor
from api.core.db import SessionDep
from api.core.http import NoStore, op
from api.core.i18n import LocaleDep
from api.notifications.preferences import logic
from api.notifications.preferences.schemas import PreferenceList, PreferenceUpdate

router = APIRouter(prefix="/notifications/preferences", tags=["notifications"], dependencies=[NoStore])


@router.get("", **op(PreferenceList, "Your channel per kind of notification", (401, 403)))
def read_preferences(session: SessionDep, actor: UserActor, locale: LocaleDep) -> PreferenceList:
    return logic.read(session, actor=actor, locale=locale)


@router.put(
    "",
    **op(PreferenceList, "Choose channels: in_app, email, digest (daily at 06:00) or off", (401, 403, 422)),
)
def update_preferences(
    data: PreferenceUpdate, session: SessionDep, actor: UserActor, locale: LocaleDep
) -> PreferenceList:
    logic.update(session, actor=actor, channels=dict(data.channels))
    return logic.read(session, actor=actor, locale=locale)
