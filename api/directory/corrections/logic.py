"""Suggesting a correction (anyone, rate-limited) and handling it (the service's owner)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Literal

from sqlmodel import Session, col, select

from api.core import ratelimit
from api.core.actor import ANONYMOUS, Actor
from api.core.audit import record
from api.core.db import found, utcnow
from api.core.errors import conflict
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.directory import notices, scope
from api.directory.corrections.schemas import CorrectionCreate, CorrectionDecision, CorrectionRead
from api.directory.models import Service, ServiceCorrection
from api.directory.services.logic import best_name

# One person (address) may send this many corrections an hour, and this many about one service a day.
PER_HOUR = 10
PER_SERVICE_DAY = 3
_KEYS = (
    SortKey(col(ServiceCorrection.created_at), descending=True),
    SortKey(col(ServiceCorrection.id), descending=True),
)
_DUE_KEYS = (SortKey(col(ServiceCorrection.due_on)), SortKey(col(ServiceCorrection.id)))
# Days the owner has to handle a correction: a service said to be closed, or wrong hours or place,
# sends people to a door that is shut, so those come first.
DUE_DAYS = {"closed": 3, "hours": 5, "address": 5, "contact": 7}
DEFAULT_DUE_DAYS = 14
# What a correction shows as it is stored (the rest: the service's name, whether it is overdue).
_AS_STORED = tuple(field for field in CorrectionRead.model_fields if field in ServiceCorrection.model_fields)


def due_on(kind: str, today: date) -> date:
    return today + timedelta(days=DUE_DAYS.get(kind, DEFAULT_DUE_DAYS))


def suggest(
    session: Session, *, service_id: uuid.UUID, data: CorrectionCreate, lang: str, client: str
) -> ServiceCorrection:
    service = found(
        session, scope.readable_services(ANONYMOUS).where(col(Service.id) == service_id), "service"
    )
    ratelimit.hit(session, f"correction:ip:{client}", limit=PER_HOUR, window_seconds=3600)
    ratelimit.hit(
        session, f"correction:ip:{client}:{service_id}", limit=PER_SERVICE_DAY, window_seconds=86400
    )
    row = ServiceCorrection(
        service_id=service.id,
        municipality_id=service.municipality_id,
        organization_id=service.organization_id,
        kind=data.kind,
        message=data.message.strip(),
        lang=lang,
        contact=(data.contact or "").strip() or None,
        due_on=due_on(data.kind, utcnow().date()),
    )
    session.add(row)
    session.flush()
    notices.correction_suggested(session, service, str(row.id))
    return row


def queue(
    session: Session,
    actor: Actor,
    params: PageParams,
    status: str | None,
    lang: str,
    *,
    overdue: bool | None = None,
    sort: Literal["-created", "due"] = "-created",
) -> tuple[list[CorrectionRead], str | None]:
    """The corrections the actor handles; ``overdue``: open past their due day (or not);
    ``sort=due``: the soonest due first (the "needs attention" list)."""
    stmt = scope.handled_corrections(actor)
    if status:
        stmt = stmt.where(col(ServiceCorrection.status) == status)
    today = utcnow().date()
    if overdue is True:
        stmt = stmt.where(col(ServiceCorrection.status) == "open", col(ServiceCorrection.due_on) < today)
    elif overdue is False:
        stmt = stmt.where(
            (col(ServiceCorrection.status) != "open") | (col(ServiceCorrection.due_on) >= today)
        )
    if sort == "due":
        rows = session.exec(keyset(stmt, keys=_DUE_KEYS, params=params, sort_name="due")).all()
        page, cursor = finish(rows, params=params, key_of=lambda r: (r.due_on, r.id), sort_name="due")
    else:
        rows = session.exec(keyset(stmt, keys=_KEYS, params=params)).all()
        page, cursor = finish(rows, params=params, key_of=lambda r: (r.created_at, r.id))
    services = {
        s.id: s
        for s in session.exec(select(Service).where(col(Service.id).in_([r.service_id for r in page]))).all()
    }
    return [to_read(r, services.get(r.service_id), lang) for r in page], cursor


def to_read(row: ServiceCorrection, service: Service | None, lang: str) -> CorrectionRead:
    return CorrectionRead(
        **{field: getattr(row, field) for field in _AS_STORED},
        service_name=best_name(service, lang) if service is not None else "",
        overdue=row.status == "open" and row.due_on < utcnow().date(),
    )


def decide(
    session: Session, actor: Actor, correction_id: uuid.UUID, data: CorrectionDecision, lang: str
) -> CorrectionRead:
    row = found(
        session,
        scope.handled_corrections(actor).where(col(ServiceCorrection.id) == correction_id),
        "correction",
    )
    if row.status != "open":
        raise conflict("This correction was already handled.", "already-handled")
    row.status, row.note = data.status, data.note
    row.handled_at, row.handled_by = utcnow(), actor.id if actor.kind == "user" else None
    # The sender's contact was for questions while it was open: it is not kept after.
    row.contact = None
    session.add(row)
    session.flush()
    record(
        session,
        actor=actor,
        action=f"correction_{data.status}",
        record_type="service",
        record_id=row.service_id,
        municipality_id=row.municipality_id,
        details={"correction_id": str(row.id)},
    )
    return to_read(row, session.get(Service, row.service_id), lang)
