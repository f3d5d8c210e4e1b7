"""What the directory does. The foundation needs only to know where an organisation belongs."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from api.directory.models import Organization


def organization_municipality(session: Session, organization_id: uuid.UUID) -> uuid.UUID | None:
    """The municipality of a live organisation, or None when there is no such organisation."""
    org = session.get(Organization, organization_id)
    if org is None or org.deleted_at is not None:
        return None
    return org.municipality_id
