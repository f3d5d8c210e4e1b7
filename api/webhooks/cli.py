"""`langelis webhooks-deliver`: send every webhook delivery that is due, then stop.

The background jobs send them every few seconds; this command is for a cron job where no worker
runs, and for operators who want to flush the queue now."""

from __future__ import annotations

import argparse
from typing import Any

from api.core.commands import CommandContext


def cmd_deliver(args: argparse.Namespace, ctx: CommandContext) -> int:
    from api.webhooks.delivery import run

    counts = run(ctx.session_factory, allow_private=ctx.settings.webhooks_allow_private, limit=args.batch)
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    return 0


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("webhooks-deliver", help="send the webhook deliveries that are due")
    p.add_argument("--batch", type=int, default=50, help="deliveries claimed at a time")
    p.set_defaults(func=cmd_deliver, needs_context=True)
