"""Cases: open one for a person (applies the returnee package), read, change, needs, timeline."""

from __future__ import annotations

import uuid

from fastapi import Request, Response

from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.http import creating, op, page_response, with_etag
from api.core.i18n import LocaleDep
from api.core.pagination import PageDep
from api.migrants import timeline
from api.migrants.cases import logic
from api.migrants.cases.schemas import (
    CaseCreate,
    CaseEventList,
    CaseRead,
    CaseUpdate,
    NeedCreate,
    NeedRead,
    NeedUpdate,
    NoteCreate,
)
from api.migrants.deps import ReadableCase, ReaderById, WritablePerson, WriterById
from api.migrants.package.logic import open_case_with_package
from api.migrants.routes import READ_ERRORS, WRITE_ERRORS, personal
from api.migrants.schemas import CaseEventRead

person_router = personal("/migrants")
router = personal("/cases")


@person_router.post(
    "/{person_id}/cases",
    **creating(CaseRead, "Open a case (one open case per person and municipality)", WRITE_ERRORS),
)
def open_case(
    session: SessionDep,
    actor: WriterById,
    person: WritablePerson,
    body: CaseCreate,
    locale: LocaleDep,
    response: Response,
) -> CaseRead:
    case = open_case_with_package(
        session, actor=actor, person=person, coordinator_id=body.coordinator_id, needs=body.needs
    )
    return with_etag(response, case.version, logic.to_read(session, case, locale))


@router.get("/{case_id}", **op(CaseRead, "A case with its needs", READ_ERRORS))
def read_case(
    session: SessionDep, actor: ReaderById, case: ReadableCase, locale: LocaleDep, response: Response
) -> CaseRead:
    return with_etag(response, case.version, logic.read(session, actor=actor, case=case, locale=locale))


@router.patch("/{case_id}", **op(CaseRead, "Change the coordinator, close or reopen", WRITE_ERRORS))
def update_case(
    session: SessionDep,
    actor: WriterById,
    case: ReadableCase,
    if_match: IfMatchDep,
    body: CaseUpdate,
    locale: LocaleDep,
    response: Response,
) -> CaseRead:
    logic.update(session, actor=actor, case=case, if_match=if_match, data=body)
    return with_etag(response, case.version, logic.to_read(session, case, locale))


@router.post("/{case_id}/needs", **creating(NeedRead, "Add a need", WRITE_ERRORS))
def add_need(
    session: SessionDep,
    actor: WriterById,
    case: ReadableCase,
    body: NeedCreate,
    locale: LocaleDep,
    response: Response,
) -> NeedRead:
    need = logic.add_need(
        session, actor=actor, case=case, code=body.code, priority=body.priority, note=body.note
    )
    return with_etag(response, need.version, logic.need_read(need, locale))


@router.patch("/{case_id}/needs/{need_id}", **op(NeedRead, "Change a need", WRITE_ERRORS))
def update_need(
    need_id: uuid.UUID,
    session: SessionDep,
    actor: WriterById,
    case: ReadableCase,
    if_match: IfMatchDep,
    body: NeedUpdate,
    locale: LocaleDep,
    response: Response,
) -> NeedRead:
    values = body.model_dump(exclude_unset=True)
    need = logic.update_need(
        session, actor=actor, case=case, need_id=need_id, if_match=if_match, values=values
    )
    return with_etag(response, need.version, logic.need_read(need, locale))


@router.get(
    "/{case_id}/timeline",
    **op(CaseEventList, "The case's notes and events, newest first", (400, 401, 403, 404)),
)
def read_timeline(
    request: Request,
    session: SessionDep,
    actor: ReaderById,
    case: ReadableCase,
    page: PageDep,
    response: Response,
) -> Response:
    items, next_cursor = timeline.timeline(session, actor=actor, case=case, params=page)
    return page_response(request, response, CaseEventList(items=items, next_cursor=next_cursor))


@router.post("/{case_id}/notes", **creating(CaseEventRead, "Add a note", WRITE_ERRORS))
def add_note(session: SessionDep, actor: WriterById, case: ReadableCase, body: NoteCreate) -> CaseEventRead:
    return timeline.add_note(session, actor=actor, case=case, text=body.text)


routers = [person_router, router]
