"""Suggesting a correction (anyone, rate-limited) and handling it (the service's owner)."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from api.core import ratelimit
from api.core.actor import ANONYMOUS, Actor
from api.core.audit import record
from api.core.db import utcnow
from api.core.errors import conflict, not_found
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


def suggest(
    session: Session, *, service_id: uuid.UUID, data: CorrectionCreate, lang: str, client: str
) -> ServiceCorrection:
    service = session.exec(scope.readable_services(ANONYMOUS).where(col(Service.id) == service_id)).first()
    if service is None:
        raise not_found("service")
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
    )
    session.add(row)
    session.flush()
    notices.correction_suggested(session, service, str(row.id))
    return row


def queue(
    session: Session, actor: Actor, params: PageParams, status: str | None, lang: str
) -> tuple[list[CorrectionRead], str | None]:
    stmt = scope.handled_corrections(actor)
    if status:
        stmt = stmt.where(col(ServiceCorrection.status) == status)
    rows = session.exec(keyset(stmt, keys=_KEYS, params=params)).all()
    page, cursor = finish(rows, params=params, key_of=lambda r: (r.created_at, r.id))
    services = {
        s.id: s
        for s in session.exec(select(Service).where(col(Service.id).in_([r.service_id for r in page]))).all()
    }
    return [to_read(r, services.get(r.service_id), lang) for r in page], cursor


def to_read(row: ServiceCorrection, service: Service | None, lang: str) -> CorrectionRead:
    return CorrectionRead(
        id=row.id,
        created_at=row.created_at,
        service_id=row.service_id,
        service_name=best_name(service, lang) if service is not None else "",
        kind=row.kind,
        message=row.message,
        lang=row.lang,
        contact=row.contact,
        status=row.status,
        handled_at=row.handled_at,
        note=row.note,
    )


def decide(
    session: Session, actor: Actor, correction_id: uuid.UUID, data: CorrectionDecision, lang: str
) -> CorrectionRead:
    row = session.exec(
        scope.handled_corrections(actor).where(col(ServiceCorrection.id) == correction_id)
    ).first()
    if row is None:
        raise not_found("correction")
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
