"""`langelis retention`: anonymise people whose cases all closed longer ago than the retention
period (``--days``, default ``LANGELIS_MIGRANTS_RETENTION_DAYS`` or 5 years). Run it daily."""

from __future__ import annotations

import argparse
import os
from typing import Any

from api.core.commands import CommandContext

DEFAULT_DAYS = 5 * 365


def cmd_retention(args: argparse.Namespace, ctx: CommandContext) -> int:
    from api.migrants.gdpr import retention

    with ctx.session_factory() as session:
        n = retention(session, older_than_days=args.days)
        if args.dry_run:
            session.rollback()
        else:
            session.commit()
    print(
        f"{'would anonymise' if args.dry_run else 'anonymised'} {n} person(s) with cases closed over {args.days} days ago"
    )
    return 0


def register(subparsers: Any) -> None:
    default = int(os.environ.get("LANGELIS_MIGRANTS_RETENTION_DAYS", DEFAULT_DAYS))
    p = subparsers.add_parser(
        "retention", help="anonymise people whose cases closed longer ago than the retention period"
    )
    p.add_argument("--days", type=int, default=default, help=f"retention period in days (default {default})")
    p.add_argument("--dry-run", action="store_true", help="count, but change nothing")
    p.set_defaults(func=cmd_retention, needs_context=True)
