"""HTTP routes for mentors (the BeFriend model): finding mentors, and a municipality's mentorships.
Linking a case to a mentor is the migrants domain's route (it checks consent), through
``api.experts.logic.start_mentorship``."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response

from api.core.db import SessionDep
from api.core.http import NoStore, op, page_response
from api.core.i18n import LocaleDep
from api.core.pagination import PageDep
from api.core.types import LanguageCode
from api.experts.answers import MentorshipAnswer
from api.experts.deps import IfMatchAfterBody, ManagerActor, ReadableMentorship
from api.experts.mentoring import logic as mentoring
from api.experts.mentoring.schemas import MentorHitList, MentorshipEnd, MentorshipList, MentorshipRead
from api.experts.profiles.ranking import ExpertLevel

mentors = APIRouter(prefix="/mentors", tags=["mentors"], dependencies=[NoStore])
mentorships = APIRouter(prefix="/mentorships", tags=["mentors"], dependencies=[NoStore])

SearchSort = Literal["relevance", "name", "-confirmed_at"]


@mentors.get(
    "",
    **op(
        MentorHitList,
        "Find mentors: experts and local volunteers who offer to mentor newcomers",
        (400, 401, 403, 422),
    ),
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
    criteria = mentoring.criteria(
        session, actor=actor, municipality=municipality, language=language, min_level=min_level, q=q
    )
    items, next_cursor = mentoring.search(
        session, actor=actor, criteria=criteria, available=available, params=page, sort=sort, locale=locale
    )
    return page_response(request, response, MentorHitList(items=items, next_cursor=next_cursor))


@mentorships.get(
    "", **op(MentorshipList, "Your municipality's mentorships (mentor ↔ case reference)", (400, 401, 403))
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
) -> Response:
    rows, next_cursor = mentoring.list_rows(
        session, actor=actor, params=page, active=active, mentor_id=mentor_id, case_ref=case_ref
    )
    items = mentoring.reads(session, rows)
    return page_response(request, response, MentorshipList(items=items, next_cursor=next_cursor))


@mentorships.get("/{mentorship_id}", **op(MentorshipRead, "A mentorship", (401, 403, 404)))
def read_mentorship(row: ReadableMentorship, answer: MentorshipAnswer) -> MentorshipRead:
    return answer(row)


@mentorships.post(
    "/{mentorship_id}/end", **op(MentorshipRead, "End a mentorship", (401, 403, 404, 409, 412, 428))
)
def end_mentorship(
    row: ReadableMentorship,
    if_match: IfMatchAfterBody,
    session: SessionDep,
    actor: ManagerActor,
    answer: MentorshipAnswer,
    body: MentorshipEnd | None = None,
) -> MentorshipRead:
    mentoring.end(session, actor=actor, row=row, reason=body.reason if body else None, if_match=if_match())
    return answer(row)
