"""HTTP routes for mentors (the BeFriend model): finding mentors, and a municipality's mentorships.
Linking a case to a mentor is the migrants domain's route (it checks consent), through
``api.experts.logic.start_mentorship``."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from api.core.db import SessionDep
from api.core.errors import problem_responses
from api.core.etag import require_if_match
from api.core.i18n import LocaleDep, search_terms
from api.core.pagination import PageDep, set_link_header
from api.core.types import LanguageCode
from api.experts import common, mentoring
from api.experts.deps import ManagerActor, etag, json_body, no_store
from api.experts.ranking import LEVEL_RANK, Criteria, ExpertLevel, LanguageWish
from api.experts.schemas import MentorHitList, MentorshipEnd, MentorshipList, MentorshipRead

mentors = APIRouter(prefix="/mentors", tags=["mentors"])
mentorships = APIRouter(prefix="/mentorships", tags=["mentors"])

SearchSort = Literal["relevance", "name", "-confirmed_at"]


@mentors.get(
    "",
    response_model=MentorHitList,
    summary="Find mentors: experts and local volunteers who offer to mentor newcomers",
    responses=problem_responses(400, 401, 403, 422),
)
def search_mentors(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ManagerActor,
    locale: LocaleDep,
    page: PageDep,
    municipality: Annotated[
        str | None,
        Query(
            max_length=60, description="Living in or from this municipality (default: yours; `any` for all)"
        ),
    ] = None,
    language: Annotated[LanguageCode | None, Query(description="Speaks this language (ISO 639-1)")] = None,
    min_level: ExpertLevel | None = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the bio or help topics")] = None,
    available: Annotated[bool, Query(description="Only mentors with a free place")] = True,
    sort: SearchSort = "relevance",
) -> Response:
    place = None
    if municipality != "any":
        if municipality:
            place = common.slug_id(session, municipality, field="municipality", loc="query")
        else:
            place = actor.municipality_id
    wishes = []
    if language:
        wishes.append(LanguageWish(language, LEVEL_RANK[min_level or "A1"]))
    criteria = Criteria(
        languages=wishes,
        homes=[place] if place else [],
        residence=place,
        require_homes=False,
        terms=search_terms(q),
    )
    items, next_cursor = mentoring.search(
        session, actor=actor, criteria=criteria, available=available, params=page, sort=sort, locale=locale
    )
    no_store(response)
    set_link_header(request, response, next_cursor)
    return json_body(response, MentorHitList(items=items, next_cursor=next_cursor))


@mentorships.get(
    "",
    response_model=MentorshipList,
    summary="Your municipality's mentorships (mentor ↔ case reference)",
    responses=problem_responses(400, 401, 403),
)
def list_mentorships(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ManagerActor,
    page: PageDep,
    active: bool | None = None,
    mentor_id: uuid.UUID | None = None,
    case_ref: uuid.UUID | None = None,
) -> MentorshipList:
    rows, next_cursor = mentoring.list_rows(
        session, actor=actor, params=page, active=active, mentor_id=mentor_id, case_ref=case_ref
    )
    no_store(response)
    set_link_header(request, response, next_cursor)
    return MentorshipList(items=mentoring.reads(session, rows), next_cursor=next_cursor)


@mentorships.get(
    "/{mentorship_id}",
    response_model=MentorshipRead,
    summary="A mentorship",
    responses=problem_responses(401, 403, 404),
)
def read_mentorship(
    mentorship_id: uuid.UUID, session: SessionDep, actor: ManagerActor, response: Response
) -> MentorshipRead:
    row = mentoring.get(
        session, mentorship_id=mentorship_id, municipality_id=actor.municipality_id, admin=actor.is_admin
    )
    no_store(response)
    return etag(response, row.version, mentoring.reads(session, [row])[0])


@mentorships.post(
    "/{mentorship_id}/end",
    response_model=MentorshipRead,
    summary="End a mentorship",
    responses=problem_responses(401, 403, 404, 409, 412, 428),
)
def end_mentorship(
    mentorship_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    actor: ManagerActor,
    response: Response,
    body: MentorshipEnd | None = None,
) -> MentorshipRead:
    row = mentoring.get(
        session, mentorship_id=mentorship_id, municipality_id=actor.municipality_id, admin=actor.is_admin
    )
    require_if_match(request, row.version)
    mentoring.end(session, actor=actor, row=row, reason=body.reason if body else None)
    no_store(response)
    return etag(response, row.version, mentoring.reads(session, [row])[0])
