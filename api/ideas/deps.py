"""Dependencies of the ideas domain: its own settings (rate limits), and who may participate."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from fastapi import Depends, Request
from pydantic_settings import BaseSettings, SettingsConfigDict

from api.accounts.deps import require_scopes, require_user
from api.core.actor import Actor


class IdeasSettings(BaseSettings):
    """``LANGELIS_IDEAS_*``: limits of participation, per person and window."""

    model_config = SettingsConfigDict(env_prefix="LANGELIS_IDEAS_", env_file=".env", extra="ignore")

    vote_rate_limit: int = 60
    vote_rate_window_seconds: int = 60
    comment_rate_limit: int = 20
    comment_rate_window_seconds: int = 300
    flag_rate_limit: int = 30
    flag_rate_window_seconds: int = 3600
    ballot_rate_limit: int = 30
    ballot_rate_window_seconds: int = 300
    idea_rate_limit: int = 20
    idea_rate_window_seconds: int = 3600


@lru_cache
def _default_settings() -> IdeasSettings:
    return IdeasSettings()


def ideas_settings(request: Request) -> IdeasSettings:
    """The app's ideas settings (``app.state.ideas_settings`` when set, e.g. by tests), else the env's."""
    found = getattr(request.app.state, "ideas_settings", None)
    return found if isinstance(found, IdeasSettings) else _default_settings()


IdeasSettingsDep = Annotated[IdeasSettings, Depends(ideas_settings)]


def _participant(actor: Annotated[Actor, Depends(require_scopes("ideas:participate"))]) -> Actor:
    return require_user(actor)


Participant = Annotated[Actor, Depends(_participant)]
Moderator = Annotated[Actor, Depends(require_scopes("ideas:moderate"))]
BudgetManager = Annotated[Actor, Depends(require_scopes("budgets:manage"))]
