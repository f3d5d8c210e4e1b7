"""Who sees which notifications, and who receives a domain's notices (staff of a tenant)."""

from __future__ import annotations

import uuid

from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.accounts.models import User
from api.core.actor import Actor
from api.notifications.models import Notification


def readable_notifications(actor: Actor) -> SelectOfScalar[Notification]:
    """A person's own notifications only."""
    return select(Notification).where(Notification.user_id == actor.id)


def coordinators(municipality_id: uuid.UUID) -> SelectOfScalar[uuid.UUID]:
    """The active coordinators of a municipality (receivers of its case notices)."""
    return select(User.id).where(
        User.municipality_id == municipality_id, User.role == "coordinator", col(User.is_active).is_(True)
    )


def provider_staff(organization_id: uuid.UUID) -> SelectOfScalar[uuid.UUID]:
    """The active provider staff of an organisation (receivers of its referrals)."""
    return select(User.id).where(
        User.organization_id == organization_id, User.role == "provider", col(User.is_active).is_(True)
    )
