"""Intake read-back for a municipality's machine client (``migrants:intake``): the status of the
people its intake made, by ``external_ref``, the list to sync from, and a conditional change."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query, Request, Response

from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.http import op, page_response, with_etag
from api.core.pagination import PageDep
from api.core.types import IsoDateTime
from api.migrants.deps import IntakeActor, IntakeById, IntakePerson, WritableIntakePerson
from api.migrants.intake import logic
from api.migrants.intake.schemas import IntakeStatus, IntakeStatusList, IntakeUpdate
from api.migrants.routes import READ_ERRORS, WRITE_ERRORS, personal

router = personal("/migrants/intake")
# A reference may hold slashes ("VLN/2026/17"): the rest of the path is the reference.
REF = "/{external_ref:path}"


@router.get(
    "",
    **op(
        IntakeStatusList,
        "Your intake's people and their case and referral status, in external_ref order",
        (400, 401, 403, 422),
    ),
)
def list_intake_status(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: IntakeActor,
    page: PageDep,
    modified_after: Annotated[
        IsoDateTime | None,
        Query(description="Only people whose record, case or referrals changed after this instant"),
    ] = None,
    case_status: Annotated[
        Literal["open", "closed"] | None, Query(description="Has an open case / only closed ones")
    ] = None,
) -> Response:
    items, next_cursor = logic.statuses(
        session, actor=actor, params=page, modified_after=modified_after, case_status=case_status
    )
    return page_response(request, response, IntakeStatusList(items=items, next_cursor=next_cursor))


@router.get(
    REF,
    **op(
        IntakeStatus,
        "The status of a person your intake made: case and referrals, no names (audited)",
        READ_ERRORS,
    ),
)
def read_intake_status(
    session: SessionDep, actor: IntakeById, person: IntakePerson, response: Response
) -> IntakeStatus:
    return with_etag(response, person.version, logic.read(session, actor=actor, person=person))


@router.patch(
    REF,
    **op(
        IntakeStatus,
        "Change the non-identifying intake fields of a person your intake made (If-Match)",
        WRITE_ERRORS,
    ),
)
def update_intake(
    session: SessionDep,
    actor: IntakeById,
    person: WritableIntakePerson,
    if_match: IfMatchDep,
    body: IntakeUpdate,
    response: Response,
) -> IntakeStatus:
    status = logic.update(session, actor=actor, person=person, data=body, if_match=if_match)
    return with_etag(response, person.version, status)


routers = [router]
