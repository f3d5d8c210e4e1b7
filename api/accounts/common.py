"""What people's accounts and machine clients share: a one-field 422, the organisation an account
is bound to, and the change time."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from api.accounts.models import MachineClient, User
from api.core.db import utcnow
from api.core.errors import ProblemError, unprocessable
from api.municipalities.logic import organization_municipality


def invalid(field: str, detail: str, msg: str, kind: str = "value_error") -> ProblemError:
    """A 422 about one field of the request body."""
    return unprocessable(detail, errors=[{"loc": ["body", field], "msg": msg, "type": kind}])


def unknown_organization() -> ProblemError:
    return invalid("organization_id", "Unknown organisation.", "unknown organisation", "unknown_code")


def organization_home(session: Session, organization_id: uuid.UUID) -> uuid.UUID:
    """The municipality of the organisation an account is bound to; 422 when there is none."""
    municipality_id = organization_municipality(session, organization_id)
    if municipality_id is None:
        raise unknown_organization()
    return municipality_id


def touch(row: User | MachineClient) -> None:
    """The change time; the version moves with ``api.core.conditional.claim``."""
    row.updated_at = utcnow()
