"""Dependencies of the ideas domain: its own settings (rate limits), and who may participate."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Annotated

from fastapi import Depends, Request
from pydantic_settings import BaseSettings, SettingsConfigDict

from api.accounts.deps import oauth2, require_scopes, require_user
from api.core import ratelimit
from api.core.actor import Actor
from api.core.db import SessionDep
from api.core.security import TokenError, decode_token


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


async def ideas_settings(request: Request) -> IdeasSettings:
    """The app's ideas settings (``app.state.ideas_settings`` when set, e.g. by tests), else the env's."""
    found = getattr(request.app.state, "ideas_settings", None)
    return found if isinstance(found, IdeasSettings) else _default_settings()


IdeasSettingsDep = Annotated[IdeasSettings, Depends(ideas_settings)]


async def _participant(actor: Annotated[Actor, Depends(require_scopes("ideas:participate"))]) -> Actor:
    return require_user(actor)


Participant = Annotated[Actor, Depends(_participant)]
Moderator = Annotated[Actor, Depends(require_scopes("ideas:moderate"))]
BudgetManager = Annotated[Actor, Depends(require_scopes("budgets:manage"))]


def rate_limited(kind: str) -> Callable[..., None]:
    """Dependency factory: count one attempt of ``kind`` for the caller, before anything else.

    It runs before the actor is loaded, so the request holds no database connection while the
    counter's own short transaction commits: under a burst of concurrent requests each one needs a
    single connection at a time, and the pool cannot starve. The caller comes from the token's
    subject (verified signature); an unusable token is left for authentication to refuse.
    """

    def dependency(
        request: Request,
        session: SessionDep,
        settings: IdeasSettingsDep,
        token: Annotated[str | None, Depends(oauth2)],
    ) -> None:
        if not token:
            return
        try:
            claims = decode_token(request.app.state.settings, token, expected="access")
        except TokenError:
            return
        ratelimit.hit(
            session,
            f"{kind}:{claims.sub.partition(':')[2]}",
            limit=getattr(settings, f"{kind}_rate_limit"),
            window_seconds=getattr(settings, f"{kind}_rate_window_seconds"),
        )

    return dependency
