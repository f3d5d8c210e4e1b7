"""Moving a person to another municipality: the receiving coordinator accepts or rejects.

Until accepted the person stays with the sending municipality; the receiving one sees only the
transfer (name and reason) to decide. Accepting closes the old case, moves the person and opens a
case in the new municipality given to the coordinator who accepted.
"""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.conditional import claim
from api.core.db import found, utcnow
from api.core.errors import conflict, not_found, unprocessable
from api.migrants import notices, partners, scope
from api.migrants.audit import TRANSFER, audit, audit_many
from api.migrants.cases.logic import close, default_coordinator, open_new
from api.migrants.models import Person, Referral, Transfer
from api.migrants.people.logic import open_case, refuse_erased
from api.migrants.referrals.logic import update_all
from api.migrants.schemas import TransferRead
from api.migrants.vocab import slugs


def request(session: Session, *, actor: Actor, person: Person, to_slug: str, reason: str | None) -> Transfer:
    by_slug = {slug: mid for mid, slug in slugs(session).items()}
    target = by_slug.get(to_slug)
    if target is None:
        raise unprocessable(
            f"Unknown municipality '{to_slug}'.",
            errors=[
                {"loc": ["body", "to_municipality"], "msg": "unknown municipality", "type": "unknown_code"}
            ],
        )
    if target == person.municipality_id:
        raise conflict("The person already lives in this municipality.", slug="same-municipality")
    refuse_erased(person)
    pending = session.exec(
        select(Transfer).where(Transfer.person_id == person.id, Transfer.status == "pending")
    ).first()
    if pending is not None:
        raise conflict("A transfer of this person is already pending.", slug="transfer-pending")
    row = Transfer(
        person_id=person.id,
        from_municipality_id=person.municipality_id,
        to_municipality_id=target,
        reason=reason,
        requested_by=actor.audit_id,
    )
    session.add(row)
    session.flush()
    _audit(session, actor, "create", row, person.municipality_id)
    notices.transfer_changed(session, row)
    return row


def _audit(session: Session, actor: Actor, action: str, row: Transfer, municipality_id: uuid.UUID) -> None:
    audit(session, actor, action, TRANSFER, row.id, row.person_id, municipality_id)
    partners.transfer_changed(session, row)


def get(session: Session, *, actor: Actor, transfer_id: uuid.UUID) -> Transfer:
    return found(session, scope.visible_transfers(actor).where(Transfer.id == transfer_id), "transfer")


def listing(session: Session, *, actor: Actor, status: str | None) -> list[TransferRead]:
    stmt = scope.visible_transfers(actor)
    if status:
        stmt = stmt.where(Transfer.status == status)
    rows = session.exec(stmt.order_by(col(Transfer.requested_at).desc()).limit(200)).all()
    listed = [(r.id, r.person_id, actor.municipality_id) for r in rows if actor.municipality_id]
    audit_many(session, actor, TRANSFER, listed)
    return [to_read(session, actor, r) for r in rows]


def to_read(session: Session, actor: Actor, row: Transfer) -> TransferRead:
    person = session.get(Person, row.person_id)
    slug_of = slugs(session)
    return TransferRead(
        id=row.id,
        person_id=row.person_id,
        given_name=person.given_name if person else "",
        family_name=person.family_name if person else "",
        from_municipality=slug_of.get(row.from_municipality_id, ""),
        to_municipality=slug_of.get(row.to_municipality_id, ""),
        status=row.status,
        reason=row.reason,
        requested_at=row.requested_at,
        decided_at=row.decided_at,
        direction="incoming" if scope.incoming(row, actor) else "outgoing",
        version=row.version,
    )


def decide(session: Session, *, actor: Actor, row: Transfer, accept: bool) -> Transfer:
    if not scope.incoming(row, actor):
        raise not_found("transfer")
    if row.status != "pending":
        raise conflict("The transfer was already decided.", slug="transfer-decided")
    claim(session, row, None)
    row.status = "accepted" if accept else "rejected"
    row.decided_by = actor.audit_id
    row.decided_at = utcnow()
    session.add(row)
    if accept:
        person = session.get(Person, row.person_id)
        assert person is not None
        old = open_case(session, person)
        if old is not None:
            close(session, actor=actor, case=old, reason="transferred")
        # Proposals nobody sent stay behind in the old municipality, dropped.
        proposed = (col(Referral.person_id) == person.id, col(Referral.status) == "proposed")
        update_all(session, *proposed, status="dropped", reason="transferred", finished_at=utcnow())
        claim(session, person, None)
        person.municipality_id = row.to_municipality_id
        person.case_open = False
        person.coordinator_id = None
        person.updated_at = utcnow()
        session.add(person)
        session.flush()
        open_new(session, actor=actor, person=person, coordinator_id=default_coordinator(actor))
    session.flush()
    _audit(session, actor, "accept" if accept else "reject", row, row.to_municipality_id)
    notices.transfer_changed(session, row)
    return row
