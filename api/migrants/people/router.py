"""People: search, register, intake, read, rectify, erase, export, special-category notes."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import Query, Request, Response

from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.errors import problem_responses
from api.core.http import created, creating, deleting, op, page_response, with_etag
from api.core.i18n import LocaleDep
from api.core.pagination import PageDep
from api.migrants import gdpr
from api.migrants.deps import (
    IntakeActor,
    ReadablePerson,
    ReaderActor,
    ReaderById,
    WritablePerson,
    WriterActor,
    WriterById,
    municipality_of,
)
from api.migrants.package.logic import intake as run_intake
from api.migrants.package.logic import register
from api.migrants.people import logic, search, special
from api.migrants.people.schemas import (
    IntakeCreate,
    IntakeResult,
    PersonCreate,
    PersonExport,
    PersonList,
    PersonRead,
    PersonUpdate,
    SpecialNoteCreate,
    SpecialNoteList,
    SpecialNoteRead,
)
from api.migrants.routes import READ_ERRORS, WRITE_ERRORS, personal

router = personal("/migrants")


@router.get("", **op(PersonList, "Search your municipality's people", (400, 401, 403, 422)))
def list_people(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ReaderActor,
    page: PageDep,
    q: Annotated[str | None, Query(max_length=200, description="Name, ignoring case and diacritics")] = None,
    legal_status: Annotated[list[str] | None, Query(alias="status", max_length=11)] = None,
    need: Annotated[str | None, Query(max_length=30, description="Has this open need")] = None,
    coordinator: Annotated[uuid.UUID | None, Query(description="Open case's coordinator")] = None,
    case: Annotated[Literal["open", "closed"] | None, Query(description="Has an open case, or not")] = None,
    sort: Literal["name", "-updated_at"] = "name",
) -> Response:
    items, next_cursor = search.search(
        session,
        actor=actor,
        params=page,
        q=q,
        legal_status=legal_status,
        need=need,
        coordinator_id=coordinator,
        case=case,
        sort=sort,
    )
    return page_response(request, response, PersonList(items=items, next_cursor=next_cursor))


@router.post(
    "",
    **creating(
        PersonRead,
        "Register a person (opens the case; a returnee gets the package proposed)",
        (401, 403, 409, 422),
    ),
)
def create_person(
    session: SessionDep, actor: WriterActor, body: PersonCreate, response: Response
) -> PersonRead:
    person, _ = register(session, actor=actor, municipality_id=municipality_of(actor), data=body)
    created(response, f"/api/v1/migrants/{person.id}")
    return with_etag(response, person.version, logic.to_read(session, person))


@router.post(
    "/intake",
    response_model=IntakeResult,
    summary="Machine intake from a municipal system (idempotent by external_ref and Idempotency-Key)",
    response_description="An existing person (same external_ref) was updated",
    responses={
        201: {"model": IntakeResult, "description": "A new person was registered"},
        **problem_responses(401, 403, 409, 410, 422),
    },
)
def intake(session: SessionDep, actor: IntakeActor, body: IntakeCreate, response: Response) -> IntakeResult:
    result = run_intake(session, actor=actor, data=body)
    response.status_code = 201 if result.created else 200
    response.headers["Location"] = f"/api/v1/migrants/{result.id}"
    return result


@router.get("/{person_id}", **op(PersonRead, "One person", READ_ERRORS))
def read_person(
    session: SessionDep, actor: ReaderById, person: ReadablePerson, response: Response
) -> PersonRead:
    return with_etag(response, person.version, logic.read(session, actor=actor, person=person))


@router.patch("/{person_id}", **op(PersonRead, "Rectify a person's data (audited)", WRITE_ERRORS))
def update_person(
    session: SessionDep,
    actor: WriterById,
    person: WritablePerson,
    if_match: IfMatchDep,
    body: PersonUpdate,
    response: Response,
) -> PersonRead:
    logic.update_person(session, actor=actor, person=person, data=body, if_match=if_match)
    return with_etag(response, person.version, logic.to_read(session, person))


@router.delete(
    "/{person_id}",
    **deleting(
        "Erase a person (GDPR art. 17): anonymise everywhere, keep coarse statistics",
        (401, 403, 404, 409, 412, 428),
    ),
)
def erase_person(
    session: SessionDep, actor: WriterById, person: WritablePerson, if_match: IfMatchDep
) -> Response:
    gdpr.erase(session, actor=actor, person=person, if_match=if_match)
    return Response(status_code=204, headers={"Cache-Control": "no-store"})


@router.get(
    "/{person_id}/export",
    **op(PersonExport, "Everything held on the person and who received it (GDPR art. 15)", READ_ERRORS),
)
def export_person(
    session: SessionDep, actor: ReaderById, person: ReadablePerson, locale: LocaleDep, response: Response
) -> PersonExport:
    response.headers["Content-Disposition"] = f'attachment; filename="person-{person.id}.json"'
    return gdpr.export(session, actor=actor, person=person, locale=locale)


@router.get(
    "/{person_id}/special-notes",
    **op(SpecialNoteList, "Special-category notes (GDPR art. 9); needs migrants:special", READ_ERRORS),
)
def list_special(session: SessionDep, actor: ReaderById, person: ReadablePerson) -> SpecialNoteList:
    return SpecialNoteList(items=special.special_notes(session, actor=actor, person=person))


@router.post(
    "/{person_id}/special-notes",
    **creating(SpecialNoteRead, "Add a special-category note; needs migrants:special", WRITE_ERRORS),
)
def add_special(
    session: SessionDep, actor: ReaderById, person: ReadablePerson, body: SpecialNoteCreate
) -> SpecialNoteRead:
    return special.add_special_note(
        session, actor=actor, person=person, category=body.category, text=body.text
    )


routers = [router]
