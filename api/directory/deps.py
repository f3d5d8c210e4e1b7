"""Directory dependencies: the caller without a worker thread on public reads, the loading
dependencies (``ReadableService``, ``WritableService``…) that go through :mod:`api.directory.scope`
and turn "no row" into 404, and what list routes answer with (``ListingDep``: a page with its
``Link``; one record is answered through the core ``ReplyDep``).

A loading dependency of a route with a caller takes ``ActorDep`` itself, so the caller is known
(and, on SQLite, the request's transaction kind decided) before the row is read."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar, cast

from fastapi import Depends, Query, Request, Response
from pydantic import BaseModel
from sqlmodel import Session, col
from sqlmodel.sql.expression import SelectOfScalar

from api.accounts.deps import ActorDep, actor_in_own_session, cached_actor, oauth2
from api.core.actor import ANONYMOUS, Actor
from api.core.conditional import IfMatch
from api.core.db import SessionDep, found
from api.core.errors import ProblemError, not_found
from api.core.hot import in_thread, read_in_thread
from api.core.http import page_response
from api.core.i18n import LangCode, Locale, get_locale
from api.core.pagination import PageDep, PageParams
from api.directory import answers, scope
from api.directory.models import Location, Service
from api.municipalities.models import Organization

R = TypeVar("R")
M = TypeVar("M", bound=BaseModel)


async def async_actor(request: Request, token: Annotated[str | None, Depends(oauth2)]) -> Actor:
    """The caller without a worker thread for the anonymous public, who make most reads; a token
    is checked in a short session of its own (the hot routes open no request session)."""
    if not token:
        return ANONYMOUS
    cached = cached_actor(request, token)
    return cached if cached is not None else await in_thread(actor_in_own_session, request, token)


AsyncActorDep = Annotated[Actor, Depends(async_actor)]


async def remembered_page(
    request: Request,
    *,
    route: str,
    locale: Locale,
    actor: Actor,
    compute: Callable[[Session], answers.Page],
) -> answers.Page:
    """A directory page computed in one worker thread, or remembered while the directory is
    unchanged (:func:`api.directory.answers.page`, keyed by the request's query string); only
    computed when the public lane before routing keeps it (``answers.KEPT_BEFORE_ROUTING``)."""
    if request.scope.get(answers.KEPT_BEFORE_ROUTING):
        return await read_in_thread(request, compute)
    return await read_in_thread(
        request,
        lambda session: answers.page(
            answers.store(request.app.state),
            session,
            query=request.scope["query_string"],
            route=route,
            lang=locale.lang,
            all_translations=locale.all_translations,
            actor=actor,
            compute=lambda: compute(session),
        ),
    )


def optional_if_match(request: Request) -> IfMatch | None:
    """``If-Match`` where it may be left out (verifying): checked when sent."""
    header = request.headers.get("if-match")
    return IfMatch.parse(header) if header else None


OptionalIfMatchDep = Annotated[IfMatch | None, Depends(optional_if_match)]
# What a conditional change of a directory record may answer besides its record.
CHANGE_ERRORS = (401, 403, 404, 412, 422, 428)


def _one(session: Session, stmt: SelectOfScalar[R], row_id: uuid.UUID, id_col: Any, what: str) -> R:
    return cast(R, found(session, stmt.where(col(id_col) == row_id), what))


def _written(
    session: Session, actor: Actor, stmt: SelectOfScalar[R], row_id: uuid.UUID, id_col: Any, what: str
) -> R:
    """A row the caller may change (``stmt`` is the caller's writable scope), or 401/403/404."""
    scope.require_writer(actor)
    return _one(session, stmt, row_id, id_col, what)


def readable_service(service_id: uuid.UUID, actor: ActorDep, session: SessionDep) -> Service:
    return _one(session, scope.readable_services(actor), service_id, Service.id, "service")


def writable_service(service_id: uuid.UUID, session: SessionDep, actor: ActorDep) -> Service:
    return _written(session, actor, scope.writable_services(actor), service_id, Service.id, "service")


def verifiable_service(service_id: uuid.UUID, session: SessionDep, actor: ActorDep) -> Service:
    if not actor.is_authenticated:
        raise ProblemError(401, "Sign in to do this.", slug="unauthorized")
    service = readable_service(service_id, actor, session)
    if not scope.can_verify(
        actor, municipality_id=service.municipality_id, organization_id=service.organization_id
    ):
        raise not_found("service")
    return service


def readable_organization(organization_id: uuid.UUID, session: SessionDep) -> Organization:
    """Public, without a caller (the route takes no token)."""
    return _one(
        session, scope.readable_organizations(ANONYMOUS), organization_id, Organization.id, "organization"
    )


def writable_organization(organization_id: uuid.UUID, session: SessionDep, actor: ActorDep) -> Organization:
    stmt = scope.writable_organizations(actor)
    return _written(session, actor, stmt, organization_id, Organization.id, "organization")


def managed_organization(organization_id: uuid.UUID, session: SessionDep, actor: ActorDep) -> Organization:
    """An organisation the caller may delete: writable, and the caller a coordinator or admin."""
    org = writable_organization(organization_id, session, actor)
    scope.require_manager(actor)
    return org


def readable_location(location_id: uuid.UUID, actor: ActorDep, session: SessionDep) -> Location:
    return _one(session, scope.readable_locations(actor), location_id, Location.id, "location")


def writable_location(location_id: uuid.UUID, session: SessionDep, actor: ActorDep) -> Location:
    return _written(session, actor, scope.writable_locations(actor), location_id, Location.id, "location")


ReadableService = Annotated[Service, Depends(readable_service)]
WritableService = Annotated[Service, Depends(writable_service)]
VerifiableService = Annotated[Service, Depends(verifiable_service)]
ReadableOrganization = Annotated[Organization, Depends(readable_organization)]
WritableOrganization = Annotated[Organization, Depends(writable_organization)]
ManagedOrganization = Annotated[Organization, Depends(managed_organization)]
ReadableLocation = Annotated[Location, Depends(readable_location)]
WritableLocation = Annotated[Location, Depends(writable_location)]


@dataclass(frozen=True)
class Listing:
    """What a list route reads besides its filters: the page asked for, and the request and
    response to answer it with (``Link`` to the next page)."""

    request: Request
    response: Response
    page: PageParams

    def answer(self, body: BaseModel) -> Response:
        return page_response(self.request, self.response, body)


def _listing(request: Request, response: Response, page: PageDep) -> Listing:
    return Listing(request, response, page)


ListingDep = Annotated[Listing, Depends(_listing)]


# --- the HSDS feed: pure parsing, so async (no thread hop) ---------------------------------------


async def hsds_locale(
    request: Request,
    response: Response,
    lang: Annotated[LangCode | None, Query(description="Response language (else Accept-Language)")] = None,
) -> Locale:
    """HSDS objects carry one language, so there is no ``translations=all`` here."""
    return get_locale(request, response, lang, None)


hsds_locale.openapi_accept_language = True  # type: ignore[attr-defined]

HsdsLocaleDep = Annotated[Locale, Depends(hsds_locale)]
