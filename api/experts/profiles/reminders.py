"""The yearly confirmation reminders (`langelis experts-remind`): a profile not confirmed for a
year gets one mail, a month before it would drop out of search results."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.accounts.models import User
from api.core.models import OutboxMessage
from api.experts import common
from api.experts.models import ExpertProfile


def send_confirmation_reminders(session: Session, *, now: datetime, base_url: str) -> int:
    """Mail every expert whose profile was last confirmed a year ago and not reminded since.
    Returns how many reminders were queued in the outbox."""
    due = common.months_before(now, common.REMIND_AFTER_MONTHS)
    rows = session.exec(
        select(ExpertProfile, User)
        .join(User, col(User.id) == ExpertProfile.user_id)
        .where(
            col(ExpertProfile.deleted_at).is_(None),
            col(ExpertProfile.confirmed_at) <= due,
            sa.or_(
                col(ExpertProfile.reminded_at).is_(None),
                col(ExpertProfile.reminded_at) < ExpertProfile.confirmed_at,
            ),
            col(User.is_active).is_(True),
        )
    ).all()
    for profile, user in rows:
        drops = common.months_after(profile.confirmed_at, common.FRESH_MONTHS)
        link = f"{base_url.rstrip('/')}/#/experts/me"
        when = (
            f"It left the search results on {drops.date().isoformat()}; confirming brings it back."
            if drops <= now
            else f"Unconfirmed profiles leave the search results: yours on {drops.date().isoformat()}."
        )
        session.add(
            OutboxMessage(
                recipient=user.email,
                kind="expert_confirm_reminder",
                subject="Langelis: is your expert profile still current?",
                body=(
                    f"Hello {profile.display_name}, please check your expert profile and confirm it is still "
                    f"current: {link}. {when}"
                ),
                payload={"expert_id": str(profile.id), "link": link},
            )
        )
        profile.reminded_at = now
    return len(rows)
