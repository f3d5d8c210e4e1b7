"""`GET /audit`: the audit log, read-only (admins: all; coordinators: their municipality)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Query, Request, Response

from api.core.db import SessionDep
from api.core.http import op, page_response
from api.core.pagination import PageDep
from api.core.types import IsoDateTime
from api.migrants.audit_log.logic import AuditFilter, search
from api.migrants.deps import AuditActor
from api.migrants.routes import personal
from api.migrants.schemas import AuditList

router = personal()


@router.get(
    "/audit",
    **op(
        AuditList,
        "The audit log (admins: all; coordinators: their municipality). Read-only.",
        (400, 401, 403, 422),
    ),
)
def read_audit(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: AuditActor,
    page: PageDep,
    record_type: Annotated[
        str | None, Query(max_length=40, description="e.g. migrant_person, referral")
    ] = None,
    record_id: Annotated[str | None, Query(max_length=64)] = None,
    subject: Annotated[uuid.UUID | None, Query(description="The person the entries are about")] = None,
    actor_id: Annotated[
        str | None, Query(alias="actor", max_length=64, description="Who acted (user id)")
    ] = None,
    action: Annotated[str | None, Query(max_length=40, description="e.g. read, update, erase")] = None,
    purpose: Annotated[str | None, Query(max_length=40, description="e.g. case_management")] = None,
    since: Annotated[IsoDateTime | None, Query(alias="from", description="Entries at or after")] = None,
    until: Annotated[IsoDateTime | None, Query(alias="to", description="Entries before")] = None,
) -> Response:
    where = AuditFilter(
        record_type=record_type,
        record_id=record_id,
        subject_id=subject,
        actor_id=actor_id,
        action=action,
        purpose=purpose,
        since=since,
        until=until,
    )
    items, next_cursor = search(session, actor=actor, params=page, where=where)
    return page_response(request, response, AuditList(items=items, next_cursor=next_cursor))


routers = [router]
