"""What partner systems hear of case work (webhooks): ids and states, never personal data.

A referral reaches the receiving organisation's subscriptions only once it is shared (sent) with
it; the municipality's own subscriptions hear of every step. A transfer concerns both ends."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session

from api.migrants.models import Referral, Transfer
from api.webhooks.emit import emit


def referral_changed(session: Session, referral: Referral, previous: str | None) -> None:
    emit(
        session,
        "referral.created" if previous is None else "referral.status_changed",
        municipality_id=referral.municipality_id,
        organization_id=referral.organization_id if referral.shared else None,
        data={
            "id": str(referral.id),
            "status": referral.status,
            **({"previous_status": previous} if previous is not None else {}),
            "service_id": str(referral.service_id),
            "organization_id": str(referral.organization_id),
            "need": referral.need,
            "url": f"/api/v1/referrals/{referral.id}",
            "inbox_url": f"/api/v1/referral-inbox/{referral.id}",
        },
    )


def intake_processed(session: Session, *, municipality_id: uuid.UUID, external_ref: str, result: Any) -> None:
    """The municipality's systems hear of an intake's outcome (their own reference, no names)."""
    emit(
        session,
        "intake.processed",
        municipality_id=municipality_id,
        data={
            "external_ref": external_ref,
            "id": str(result.id),
            "created": result.created,
            "case_id": str(result.case_id) if result.case_id else None,
            "package_referrals": result.package_referrals,
            "url": f"/api/v1/migrants/intake/{external_ref}",
        },
    )


def transfer_changed(session: Session, transfer: Transfer) -> None:
    emit(
        session,
        "transfer.requested" if transfer.status == "pending" else "transfer.decided",
        municipality_id=transfer.to_municipality_id,
        also_municipalities=(transfer.from_municipality_id,),
        data={
            "id": str(transfer.id),
            "status": transfer.status,
        },
    )
