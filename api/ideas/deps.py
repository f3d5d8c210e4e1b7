"""Dependencies of the ideas domain: its own settings (rate limits), who may participate, and the
loading dependencies (``ReadableIdea``, ``ManagedBudget``…) that find a record through
:mod:`api.ideas.scope` and turn "no row" into 404.

Routes put these after their actor parameter, so that a missing sign-in is still a 401 first."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Path, Request, Response
from pydantic import BaseModel
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlmodel import Session

from api.accounts.deps import (
    ActorDep,
    checked_actor,
    get_signed_in,
    oauth2,
    require_scopes,
    require_user,
    usable_token,
)
from api.core import ratelimit
from api.core.actor import ANONYMOUS, Actor
from api.core.db import SessionDep
from api.core.errors import not_found
from api.core.hot import in_thread_committed
from api.core.http import Reply, ReplyDep, op, page_response
from api.core.pagination import PageDep, PageParams
from api.core.security import TokenError, decode_token
from api.ideas import access, scope
from api.ideas.answers import logic as answers
from api.ideas.budgets import logic as budgets
from api.ideas.budgets import projects
from api.ideas.comments import logic as comments
from api.ideas.listing import Dated
from api.ideas.models import Budget, BudgetProject, Idea, IdeaAnswer, IdeaComment, ModerationCase, OpenCall
from api.ideas.moderation import logic as moderation
from api.ideas.open_calls import logic as open_calls

T = TypeVar("T")

# The problem statuses the domain's routes share: a change of a record under If-Match, an action
# on one under If-Match, and an addition to a record.
EDIT_ERRORS = (401, 403, 404, 409, 412, 422, 428)
ACTION_ERRORS = (401, 403, 404, 409, 412, 428)
ADD_ERRORS = (401, 403, 404, 409, 422)


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


def _counter(
    request: Request, settings: IdeasSettings, token: str | None, kind: str
) -> dict[str, Any] | None:
    """The rate-limit counter of an attempt of ``kind`` by the token's subject (verified signature):
    ``ratelimit.hit``'s key and limits. None for no token, or an unusable one: authentication
    refuses it, and an attempt with no subject is not counted."""
    if not token:
        return None
    try:
        claims = decode_token(request.app.state.settings, token, expected="access")
    except TokenError:
        return None
    return {
        "key": f"{kind}:{claims.sub.partition(':')[2]}",
        "limit": getattr(settings, f"{kind}_rate_limit"),
        "window_seconds": getattr(settings, f"{kind}_rate_window_seconds"),
    }


def _count(request: Request, session: Session, settings: IdeasSettings, token: str | None, kind: str) -> None:
    """Count one attempt of ``kind`` (see :func:`_counter`), committed at once; 429 over the limit."""
    counter = _counter(request, settings, token, kind)
    if counter is not None:
        ratelimit.hit(session, **counter)


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
        _count(request, session, settings, token, kind)

    return dependency


@dataclass(frozen=True)
class Counted:
    """A participant's counted attempt, done in ONE worker thread and one transaction: the rate-limit
    count (still counted when the attempt fails, see ``ratelimit.hit_then``), the token check
    (cached for a few seconds, see ``accounts.tokens.checks``) and the route's work, all in the
    request's session. The same checks in the same order as
    ``rate_limited(kind)`` followed by ``Participant`` (429, then 401 for a missing or refused token,
    403 for a missing scope or a machine client), with one thread hop instead of one per
    dependency."""

    request: Request
    session: Session
    settings: IdeasSettings
    token: str | None
    kind: str

    async def run(self, work: Callable[[Session, Actor], T]) -> T:
        # Committed in the same thread: the counters the work moved are not held locked across a hop.
        return await in_thread_committed(self.session, lambda: self._run(work))

    def _run(self, work: Callable[[Session, Actor], T]) -> T:
        counter = _counter(self.request, self.settings, self.token, self.kind)
        if counter is None:
            return self._attempt(work)
        # The count and the work in one transaction (ratelimit.hit_then): an attempt that fails
        # still counts, as with the count committed on its own first, for one commit fewer.
        return ratelimit.hit_then(self.session, **counter, work=lambda: self._attempt(work))

    def _attempt(self, work: Callable[[Session, Actor], T]) -> T:
        state = self.request.app.state
        actor = ANONYMOUS
        if self.token:
            actor = self.request.state.actor = checked_actor(state, self.session, state.settings, self.token)
        actor = require_user(_participates(get_signed_in(actor)))
        return work(self.session, actor)


_participates = require_scopes("ideas:participate")


async def _usable_token(request: Request, token: Annotated[str | None, Depends(oauth2)]) -> str:
    """No token, or one that does not verify, is 401 here: before the body is validated (422) and
    before a connection is taken. Such an attempt was never counted (it has no subject to count)."""
    usable_token(request, token)
    return token or ""


def counted(kind: str) -> Any:
    """The dependency of a participant's counted attempt of ``kind`` (see :class:`Counted`); in
    OpenAPI the same security as ``Participant``."""

    async def dependency(
        request: Request,
        token: Annotated[str, Depends(_usable_token)],
        session: SessionDep,
        settings: IdeasSettingsDep,
    ) -> Counted:
        return Counted(request, session, settings, token, kind)

    dependency.openapi_security = "required"  # type: ignore[attr-defined]
    dependency.openapi_scopes = ("ideas:participate",)  # type: ignore[attr-defined]
    return Depends(dependency)


def _private_when_signed_in(response: Response, actor: ActorDep) -> None:
    """What a signed-in person sees carries their own flags (voted, following…): never shared."""
    if actor.is_authenticated:
        response.headers["Cache-Control"] = "private, no-store"


PrivateWhenSignedIn = Depends(_private_when_signed_in)


def limited(kind: str, model: Any, summary: str, errors: tuple[int, ...], **extra: Any) -> dict[str, Any]:
    """``op`` for a route whose attempts are counted per person (``rate_limited(kind)``)."""
    return op(model, summary, errors, **extra) | {"dependencies": [Depends(rate_limited(kind))]}


@dataclass(frozen=True)
class Listing(Reply):
    """What every public list route of the domain reads: the core reply's request, response, session
    and language, the caller and the page asked for; ``answer`` sends the page with its ``Link``."""

    actor: Actor
    page: PageParams

    def answer(self, body: BaseModel) -> Response:
        return page_response(self.request, self.response, body)


def _listing(reply: ReplyDep, actor: ActorDep, page: PageDep) -> Listing:
    return Listing(reply.request, reply.response, reply.session, reply.locale, actor, page)


ListingDep = Annotated[Listing, Depends(_listing)]


@dataclass(frozen=True)
class Paging:
    """What a list route without texts reads (so without a language): the request and response, the
    session and the page asked for; ``answer`` sends the page with its ``Link``."""

    request: Request
    response: Response
    session: Session
    page: PageParams

    def answer(self, body: BaseModel) -> Response:
        return page_response(self.request, self.response, body)


def _paging(request: Request, response: Response, session: SessionDep, page: PageDep) -> Paging:
    return Paging(request, response, session, page)


PagingDep = Annotated[Paging, Depends(_paging)]


# --- loading dependencies ---------------------------------------------------------------------------


def _readable_idea(idea_id: uuid.UUID, session: SessionDep, actor: ActorDep) -> Idea:
    return access.readable_idea(session, actor, idea_id)


def _moderated_idea(idea_id: uuid.UUID, session: SessionDep, actor: ActorDep) -> Idea:
    return access.moderated_idea(session, actor, idea_id)


ReadableIdea = Annotated[Idea, Depends(_readable_idea)]
ModeratedIdea = Annotated[Idea, Depends(_moderated_idea)]


@dataclass(frozen=True)
class CommentOn:
    idea: Idea
    comment: IdeaComment


@dataclass(frozen=True)
class AnswerOn:
    idea: Idea
    answer: IdeaAnswer


def _readable_comment(
    idea_id: uuid.UUID, comment_id: uuid.UUID, session: SessionDep, actor: ActorDep
) -> CommentOn:
    idea = access.readable_idea(session, actor, idea_id)
    return CommentOn(idea, comments.get_comment(session, actor=actor, idea=idea, comment_id=comment_id))


def _readable_answer(
    idea_id: uuid.UUID, answer_id: uuid.UUID, session: SessionDep, actor: ActorDep
) -> AnswerOn:
    """Unpublished answers are the idea's moderators' only."""
    idea = access.readable_idea(session, actor, idea_id)
    answer = answers.get(session, idea=idea, answer_id=answer_id)
    if answer.published_at is None and not scope.is_moderator_of(actor, idea.municipality_id):
        raise not_found("answer")
    return AnswerOn(idea, answer)


def _moderated_answer(
    idea_id: uuid.UUID, answer_id: uuid.UUID, session: SessionDep, actor: ActorDep
) -> AnswerOn:
    idea = access.moderated_idea(session, actor, idea_id)
    return AnswerOn(idea, answers.get(session, idea=idea, answer_id=answer_id))


ReadableComment = Annotated[CommentOn, Depends(_readable_comment)]
ReadableAnswer = Annotated[AnswerOn, Depends(_readable_answer)]
ModeratedAnswer = Annotated[AnswerOn, Depends(_moderated_answer)]


def _readable_case(case_id: uuid.UUID, session: SessionDep, actor: ActorDep) -> ModerationCase:
    return moderation.get_case(session, actor=actor, case_id=case_id)


ReadableCase = Annotated[ModerationCase, Depends(_readable_case)]


def _dated(kind: Dated[Any], path_id: str, *, managed: bool = False) -> Any:
    """The loading dependency of a budget or an open call named by the path's ``path_id``: one the
    caller may read, or manage (``managed``); 404 otherwise."""
    load = kind.managed if managed else kind.readable

    def dependency(session: SessionDep, actor: ActorDep, record_id: uuid.UUID = Path(alias=path_id)) -> Any:
        return load(session, actor, record_id)

    return Depends(dependency)


ReadableBudget = Annotated[Budget, _dated(budgets.BUDGETS, "budget_id")]
ManagedBudget = Annotated[Budget, _dated(budgets.BUDGETS, "budget_id", managed=True)]
ReadableCall = Annotated[OpenCall, _dated(open_calls.CALLS, "call_id")]
ManagedCall = Annotated[OpenCall, _dated(open_calls.CALLS, "call_id", managed=True)]


@dataclass(frozen=True)
class ProjectOf:
    budget: Budget
    project: BudgetProject


def _project(*, managed: bool = False) -> Any:
    """The loading dependency of a project of a budget the caller may read, or manage (``managed``)."""
    load = budgets.BUDGETS.managed if managed else budgets.BUDGETS.readable

    def dependency(
        budget_id: uuid.UUID, project_id: uuid.UUID, session: SessionDep, actor: ActorDep
    ) -> ProjectOf:
        budget = load(session, actor, budget_id)
        return ProjectOf(budget, projects.get_project(session, budget=budget, project_id=project_id))

    return Depends(dependency)


ReadableProject = Annotated[ProjectOf, _project()]
ManagedProject = Annotated[ProjectOf, _project(managed=True)]
