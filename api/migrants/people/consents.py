"""What the person consented to, as it stands (the changes and their effects are in ``consent``)."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from api.migrants import vocab
from api.migrants.models import Consent
from api.migrants.people.schemas import ConsentRead


def current_consents(session: Session, person_id: uuid.UUID) -> dict[str, Consent]:
    rows = session.exec(
        select(Consent)
        .where(Consent.person_id == person_id, col(Consent.withdrawn_at).is_(None))
        .order_by(col(Consent.granted_at))
    ).all()
    return {c.purpose: c for c in rows}


def has_consent(session: Session, person_id: uuid.UUID, purpose: str) -> bool:
    return purpose in current_consents(session, person_id)


def consent_reads(session: Session, person_id: uuid.UUID) -> list[ConsentRead]:
    current = current_consents(session, person_id)
    last_withdrawn: dict[str, Consent] = {}
    for row in session.exec(
        select(Consent)
        .where(Consent.person_id == person_id, col(Consent.withdrawn_at).is_not(None))
        .order_by(col(Consent.withdrawn_at))
    ).all():
        last_withdrawn[row.purpose] = row
    out = []
    for purpose in vocab.CONSENT_PURPOSES:
        shown = current.get(purpose) or last_withdrawn.get(purpose)
        out.append(
            ConsentRead(
                purpose=purpose,
                granted=purpose in current,
                granted_at=shown.granted_at if shown else None,
                granted_by=shown.granted_by if shown else None,
                withdrawn_at=shown.withdrawn_at if shown else None,
                withdrawn_by=shown.withdrawn_by if shown else None,
            )
        )
    return out
