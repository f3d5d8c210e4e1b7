"""HTTP routes of notification preferences: your channel for each kind."""

from __future__ import annotations

from fastapi import APIRouter

from api.accounts.deps import UserActor
from api.core.db import SessionDep
from api.core.errors import problem_responses
from api.core.http import NoStore
from api.core.i18n import LocaleDep
from api.notifications.preferences import logic
from api.notifications.preferences.schemas import PreferenceList, PreferenceUpdate

router = APIRouter(prefix="/notifications/preferences", tags=["notifications"], dependencies=[NoStore])


@router.get(
    "",
    response_model=PreferenceList,
    summary="Your channel per kind of notification",
    responses=problem_responses(401, 403),
)
def read_preferences(session: SessionDep, actor: UserActor, locale: LocaleDep) -> PreferenceList:
    return logic.read(session, actor=actor, locale=locale)


@router.put(
    "",
    response_model=PreferenceList,
    summary="Choose channels: in_app, email, digest (daily at 06:00) or off",
    responses=problem_responses(401, 403, 422),
)
def update_preferences(
    data: PreferenceUpdate, session: SessionDep, actor: UserActor, locale: LocaleDep
) -> PreferenceList:
    logic.update(session, actor=actor, channels=dict(data.channels))
    return logic.read(session, actor=actor, locale=locale)
