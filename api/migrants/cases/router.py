"""Cases: open one for a person (applies the returnee package), read, change, needs, timeline."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response

from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.http import NoStore, op, page_response, with_etag
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
from api.migrants.deps import E_READ, E_WRITE, ReadableCase, ReaderById, WritablePerson, WriterById
from api.migrants.package.logic import open_case_with_package
from api.migrants.schemas import CaseEventRead

person_router = APIRouter(prefix="/migrants", tags=["migrants"], dependencies=[NoStore])
router = APIRouter(prefix="/cases", tags=["migrants"], dependencies=[NoStore])


@person_router.post(
    "/{person_id}/cases",
    **op(CaseRead, "Open a case (one open case per person and municipality)", responses=E_WRITE, status=201),
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


@router.get("/{case_id}", **op(CaseRead, "A case with its needs", responses=E_READ))
def read_case(
    session: SessionDep, actor: ReaderById, case: ReadableCase, locale: LocaleDep, response: Response
) -> CaseRead:
    return with_etag(response, case.version, logic.read(session, actor=actor, case=case, locale=locale))


@router.patch("/{case_id}", **op(CaseRead, "Change the coordinator, close or reopen", responses=E_WRITE))
def update_case(
    session: SessionDep,
    actor: WriterById,
    case: ReadableCase,
    if_match: IfMatchDep,
    body: CaseUpdate,
    locale: LocaleDep,
    response: Response,
) -> CaseRead:
    logic.update(
        session,
        actor=actor,
        case=case,
        if_match=if_match,
        coordinator_id=body.coordinator_id,
        status=body.status,
        close_reason=body.close_reason,
        fields=set(body.model_fields_set),
    )
    return with_etag(response, case.version, logic.to_read(session, case, locale))


@router.post("/{case_id}/needs", **op(NeedRead, "Add a need", responses=E_WRITE, status=201))
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


@router.patch("/{case_id}/needs/{need_id}", **op(NeedRead, "Change a need", responses=E_WRITE))
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


@router.post("/{case_id}/notes", **op(CaseEventRead, "Add a note", responses=E_WRITE, status=201))
def add_note(session: SessionDep, actor: WriterById, case: ReadableCase, body: NoteCreate) -> CaseEventRead:
    return timeline.add_note(session, actor=actor, case=case, text=body.text)


routers = [person_router, router]
