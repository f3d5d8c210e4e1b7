"""`langelis experts-remind`: mail experts whose profile needs its yearly confirmation.

Run it daily (cron, a Kubernetes CronJob…). Each expert gets one reminder per confirmation, a
month before the profile would drop out of search results; the mail goes through the outbox.
"""

from __future__ import annotations

import argparse
from typing import Any


def cmd_remind(args: argparse.Namespace) -> int:
    from api.core.config import get_settings
    from api.core.db import utcnow
    from api.experts.profiles import send_confirmation_reminders
    from api.main import create_app

    settings = get_settings()
    app = create_app(settings)
    with app.state.session_factory() as session:
        sent = send_confirmation_reminders(session, now=utcnow(), base_url=settings.public_base_url)
        if args.dry_run:
            session.rollback()
        else:
            session.commit()
    print(f"{'would send' if args.dry_run else 'queued'} {sent} confirmation reminder(s)")
    return 0


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("experts-remind", help="remind experts to confirm their profile once a year")
    p.add_argument("--dry-run", action="store_true", help="count, but queue nothing")
    p.set_defaults(func=cmd_remind)
