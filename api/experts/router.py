"""HTTP routes of the experts domain: profiles, search, showcase, the expert's inbox, mentors.
Requests for expertise are in :mod:`api.experts.request_router`."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response, status
from sqlmodel import Session, select

from api.accounts.deps import ActorDep
from api.core.db import SessionDep, utcnow
from api.core.errors import problem_responses
from api.core.etag import require_if_match
from api.core.i18n import Locale, LocaleDep
from api.core.pagination import PageDep, set_link_header
from api.experts import cards, common, inbox, profiles, showcase
from api.experts.deps import (
    ExpertActor,
    ManagerActor,
    OwnProfile,
    SearchCriteria,
    etag,
    json_body,
    no_store,
)
from api.experts.mentor_router import mentors, mentorships
from api.experts.models import Competence, ExpertInvitation, ExpertProfile
from api.experts.request_router import router as requests_router
from api.experts.request_schemas import AnswerBody, DeclineBody, InboxItem, InboxList, InvitationStatus
from api.experts.schemas import (
    CompetenceList,
    CompetenceRead,
    ExpertCard,
    ExpertHitList,
    ExpertOwn,
    ExpertProfileCreate,
    ExpertProfileUpdate,
    ShowcaseEntry,
    ShowcaseList,
    ShowcaseUpsert,
)
from api.experts.search import search as search_profiles

experts = APIRouter(prefix="/experts", tags=["experts"])
reference = APIRouter(tags=["experts"])

SearchSort = Literal["relevance", "name", "-confirmed_at"]


@reference.get("/competences", response_model=CompetenceList, summary="The competence reference list")
def list_competences(session: SessionDep, locale: LocaleDep) -> CompetenceList:
    rows = session.exec(select(Competence).order_by(Competence.position)).all()  # type: ignore[arg-type]
    return CompetenceList(
        items=[CompetenceRead(code=c.code, area=c.area, name=locale.text(c.name)) for c in rows]
    )


@experts.get(
    "",
    response_model=ExpertHitList,
    summary="Search experts, best match first, with the reason for each",
    responses=problem_responses(400, 401, 422),
)
def search_experts(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    page: PageDep,
    criteria: SearchCriteria,
    sort: SearchSort = "relevance",
) -> Response:
    items, next_cursor = search_profiles(
        session, actor=actor, criteria=criteria, params=page, sort=sort, locale=locale
    )
    no_store(response)
    set_link_header(request, response, next_cursor)
    return json_body(response, ExpertHitList(items=items, next_cursor=next_cursor))


@experts.post(
    "",
    response_model=ExpertOwn,
    status_code=status.HTTP_201_CREATED,
    summary="Create your expert profile",
    responses=problem_responses(401, 403, 409, 422),
)
def create_profile(
    session: SessionDep, actor: ExpertActor, locale: LocaleDep, body: ExpertProfileCreate, response: Response
) -> ExpertOwn:
    profile = profiles.create(session, actor=actor, data=body)
    response.headers["Location"] = f"/api/v1/experts/{profile.id}"
    no_store(response)
    return etag(
        response, profile.version, profiles.own_read(session, actor=actor, profile=profile, locale=locale)
    )


@experts.get(
    "/me", response_model=ExpertOwn, summary="Your expert profile", responses=problem_responses(401, 403, 404)
)
def read_own_profile(
    session: SessionDep, actor: ExpertActor, profile: OwnProfile, locale: LocaleDep, response: Response
) -> ExpertOwn:
    no_store(response)
    return etag(
        response, profile.version, profiles.own_read(session, actor=actor, profile=profile, locale=locale)
    )


@experts.get(
    "/me/invitations",
    response_model=InboxList,
    summary="Your invitations and answers, newest first",
    responses=problem_responses(400, 401, 403, 404),
)
def list_inbox(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ExpertActor,
    profile: OwnProfile,
    locale: LocaleDep,
    page: PageDep,
    status_: Annotated[list[InvitationStatus] | None, Query(alias="status", max_length=5)] = None,
) -> InboxList:
    rows, next_cursor = inbox.list_inbox(session, profile=profile, actor=actor, params=page, status=status_)
    no_store(response)
    set_link_header(request, response, next_cursor)
    return InboxList(items=inbox.items(session, rows, locale), next_cursor=next_cursor)


@experts.get(
    "/me/invitations/{invitation_id}",
    response_model=InboxItem,
    summary="One of your invitations",
    responses=problem_responses(401, 403, 404),
)
def read_invitation(
    invitation_id: uuid.UUID,
    session: SessionDep,
    actor: ExpertActor,
    profile: OwnProfile,
    locale: LocaleDep,
    response: Response,
) -> InboxItem:
    inv = inbox.get(session, profile=profile, actor=actor, invitation_id=invitation_id)
    no_store(response)
    return etag(response, inv.version, inbox.items(session, [inv], locale)[0])


def _respond(session: Session, response: Response, locale: Locale, inv: ExpertInvitation) -> InboxItem:
    session.flush()
    no_store(response)
    return etag(response, inv.version, inbox.items(session, [inv], locale)[0])


_RESPOND_ERRORS = problem_responses(401, 403, 404, 409, 412, 422, 428)


@experts.post(
    "/me/invitations/{invitation_id}/accept",
    response_model=InboxItem,
    summary="Accept an invitation",
    responses=_RESPOND_ERRORS,
)
def accept_invitation(
    invitation_id: uuid.UUID,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ExpertActor,
    profile: OwnProfile,
    locale: LocaleDep,
) -> InboxItem:
    inv = inbox.get(session, profile=profile, actor=actor, invitation_id=invitation_id)
    require_if_match(request, inv.version)
    inbox.accept(session, actor=actor, inv=inv)
    return _respond(session, response, locale, inv)


@experts.post(
    "/me/invitations/{invitation_id}/decline",
    response_model=InboxItem,
    summary="Decline an invitation",
    responses=_RESPOND_ERRORS,
)
def decline_invitation(
    invitation_id: uuid.UUID,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ExpertActor,
    profile: OwnProfile,
    locale: LocaleDep,
    body: DeclineBody | None = None,
) -> InboxItem:
    inv = inbox.get(session, profile=profile, actor=actor, invitation_id=invitation_id)
    require_if_match(request, inv.version)
    inbox.decline(session, actor=actor, inv=inv, reason=body.reason if body else None)
    return _respond(session, response, locale, inv)


@experts.post(
    "/me/invitations/{invitation_id}/answer",
    response_model=InboxItem,
    summary="Answer an invitation with a written opinion or an offer of time",
    responses=_RESPOND_ERRORS,
)
def answer_invitation(
    invitation_id: uuid.UUID,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ExpertActor,
    profile: OwnProfile,
    locale: LocaleDep,
    body: AnswerBody,
) -> InboxItem:
    inv = inbox.get(session, profile=profile, actor=actor, invitation_id=invitation_id)
    require_if_match(request, inv.version)
    inbox.answer(session, actor=actor, profile=profile, inv=inv, body=body)
    return _respond(session, response, locale, inv)


@experts.get(
    "/showcase",
    response_model=ShowcaseList,
    summary="Notable experts (kraštiečiai) each municipality shows as role models",
    responses=problem_responses(400, 401, 422),
)
def list_showcase(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    locale: LocaleDep,
    page: PageDep,
    municipality: Annotated[str | None, Query(max_length=60, description="Municipality slug")] = None,
) -> ShowcaseList:
    items, next_cursor = showcase.list_showcase(
        session, actor=actor, municipality=municipality, params=page, locale=locale
    )
    no_store(response)
    set_link_header(request, response, next_cursor)
    return ShowcaseList(items=items, next_cursor=next_cursor)


@experts.get(
    "/{expert_id}",
    response_model=ExpertCard,
    summary="An expert's card (contact details only for staff, with consent)",
    responses=problem_responses(401, 404),
)
def read_expert(
    expert_id: uuid.UUID, session: SessionDep, actor: ActorDep, locale: LocaleDep, response: Response
) -> ExpertCard:
    now = utcnow()
    profile = profiles.readable(session, actor=actor, expert_id=expert_id, now=now)
    related = cards.load_related(session, [profile.id])
    card = cards.card(session, actor, profile, related, locale, now=now)
    no_store(response)
    return etag(response, profile.version, card)


@experts.patch(
    "/{expert_id}",
    response_model=ExpertOwn,
    summary="Change your expert profile",
    responses=problem_responses(401, 403, 404, 412, 422, 428),
)
def update_profile(
    expert_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    actor: ExpertActor,
    locale: LocaleDep,
    body: ExpertProfileUpdate,
    response: Response,
) -> ExpertOwn:
    profile = profiles.owned(session, actor=actor, expert_id=expert_id)
    require_if_match(request, profile.version)
    profile = profiles.update(session, actor=actor, profile=profile, data=body)
    no_store(response)
    return etag(
        response, profile.version, profiles.own_read(session, actor=actor, profile=profile, locale=locale)
    )


@experts.post(
    "/{expert_id}/confirm",
    response_model=ExpertOwn,
    summary="Confirm your profile is current (keeps it in search for 13 more months)",
    responses=problem_responses(401, 403, 404, 412, 428),
)
def confirm_profile(
    expert_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    actor: ExpertActor,
    locale: LocaleDep,
    response: Response,
) -> ExpertOwn:
    profile = profiles.owned(session, actor=actor, expert_id=expert_id)
    require_if_match(request, profile.version)
    profiles.confirm(session, actor=actor, profile=profile)
    no_store(response)
    return etag(
        response, profile.version, profiles.own_read(session, actor=actor, profile=profile, locale=locale)
    )


@experts.delete(
    "/{expert_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete your expert profile (personal data erased; anonymous hours kept)",
    responses=problem_responses(401, 403, 404, 412, 428),
)
def delete_profile(
    expert_id: uuid.UUID, request: Request, session: SessionDep, actor: ExpertActor
) -> Response:
    profile = profiles.owned(session, actor=actor, expert_id=expert_id)
    require_if_match(request, profile.version)
    profiles.delete(session, actor=actor, profile=profile)
    return Response(status_code=204)


@experts.put(
    "/{expert_id}/showcase",
    response_model=ShowcaseEntry,
    summary="Show an expert from your municipality as a notable kraštietis (or change the story)",
    responses=problem_responses(401, 403, 404, 422),
)
def put_showcase(
    expert_id: uuid.UUID,
    session: SessionDep,
    actor: ManagerActor,
    locale: LocaleDep,
    body: ShowcaseUpsert,
    response: Response,
) -> ShowcaseEntry:
    entry, created = showcase.set_showcase(session, actor=actor, expert_id=expert_id, data=body)
    profile = session.get(ExpertProfile, expert_id)
    assert profile is not None
    related = cards.load_related(session, [expert_id])
    response.status_code = 201 if created else 200
    no_store(response)
    shown = ShowcaseEntry(
        municipality=common.slugs(session).get(entry.municipality_id, ""),
        story=locale.text(entry.story),
        position=entry.position,
        expert=cards.card(session, actor, profile, related, locale, now=utcnow()),
    )
    return etag(response, entry.version, shown)


@experts.delete(
    "/{expert_id}/showcase",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Take an expert out of your municipality's showcase",
    responses=problem_responses(401, 403, 404, 422),
)
def delete_showcase(
    expert_id: uuid.UUID,
    session: SessionDep,
    actor: ManagerActor,
    municipality: Annotated[str | None, Query(max_length=60, description="Admins: the municipality")] = None,
) -> Response:
    showcase.remove_showcase(session, actor=actor, expert_id=expert_id, municipality=municipality)
    return Response(status_code=204)


routers = [reference, experts, requests_router, mentors, mentorships]
links = {
    "experts": "/experts",
    "expert_showcase": "/experts/showcase",
    "competences": "/competences",
    "expert_requests": "/expert-requests",
    "public_expert_requests": "/expert-requests/public",
    "mentors": "/mentors",
    "mentorships": "/mentorships",
}
