"""`langelis experts-remind`: mail experts whose profile needs its yearly confirmation.

Run it daily (cron, a Kubernetes CronJob…). Each expert gets one reminder per confirmation, a
month before the profile would drop out of search results; the mail goes through the outbox.
"""

from __future__ import annotations

import argparse
from typing import Any

from api.core.commands import CommandContext


def cmd_remind(args: argparse.Namespace, ctx: CommandContext) -> int:
    from api.core.db import utcnow
    from api.experts.profiles.reminders import send_confirmation_reminders

    with ctx.session_factory() as session:
        sent = send_confirmation_reminders(session, now=utcnow(), base_url=ctx.settings.public_base_url)
        if args.dry_run:
            session.rollback()
        else:
            session.commit()
    print(f"{'would send' if args.dry_run else 'queued'} {sent} confirmation reminder(s)")
    return 0


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("experts-remind", help="remind experts to confirm their profile once a year")
    p.add_argument("--dry-run", action="store_true", help="count, but queue nothing")
    p.set_defaults(func=cmd_remind, needs_context=True)
