"""`langelis retention`: anonymise people whose cases all closed longer ago than the retention
period (``--days``, default ``LANGELIS_RETENTION_CLOSED_CASE_DAYS``, 5 years). Run it daily."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from sqlmodel import Session

from api.core.commands import CommandContext


def _counted(args: argparse.Namespace, ctx: CommandContext, work: Callable[[Session], int]) -> int:
    """Run ``work`` in one transaction and return its count; ``--dry-run`` rolls it back."""
    with ctx.session() as session:  # commits at the end, unless rolled back here
        count = work(session)
        if args.dry_run:
            session.rollback()
    return count


def cmd_retention(args: argparse.Namespace, ctx: CommandContext) -> int:
    from api.migrants.gdpr import retention

    days = args.days if args.days is not None else ctx.settings.retention_closed_case_days
    n = _counted(args, ctx, lambda session: retention(session, older_than_days=days))
    print(
        f"{'would anonymise' if args.dry_run else 'anonymised'} {n} person(s) with cases closed over {days} days ago"
    )
    return 0


def cmd_contact_purge(args: argparse.Namespace, ctx: CommandContext) -> int:
    from api.migrants.contact.logic import purge

    removed = _counted(args, ctx, lambda session: purge(session, days=args.days))
    print(f"{'would remove' if args.dry_run else 'removed'} {removed} handled contact request(s)")
    return 0


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "retention", help="anonymise people whose cases closed longer ago than the retention period"
    )
    p.add_argument(
        "--days",
        type=int,
        default=None,
        help="retention period in days (default LANGELIS_RETENTION_CLOSED_CASE_DAYS, 1825)",
    )
    p.add_argument("--dry-run", action="store_true", help="count, but change nothing")
    p.set_defaults(func=cmd_retention, needs_context=True)
    p = subparsers.add_parser(
        "contact-requests-purge", help="delete contact requests handled (converted or closed) long ago"
    )
    p.add_argument("--days", type=int, default=90, help="handled more than this many days ago (default 90)")
    p.add_argument("--dry-run", action="store_true", help="count, but delete nothing")
    p.set_defaults(func=cmd_contact_purge, needs_context=True)
