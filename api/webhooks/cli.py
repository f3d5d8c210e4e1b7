"""`langelis webhooks-deliver`: send every webhook delivery that is due, then stop.
`langelis webhooks-reencrypt`: store every subscription's signing secret encrypted with the
current key.

The background jobs send deliveries every few seconds; ``webhooks-deliver`` is for a cron job
where no worker runs, and for operators who want to flush the queue now. ``webhooks-reencrypt``
follows a change of ``LANGELIS_SECRET_KEY`` (the old key in ``LANGELIS_PREVIOUS_SECRET_KEYS``):
afterwards the old key may go."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from api.core.commands import CommandContext


def cmd_deliver(args: argparse.Namespace, ctx: CommandContext) -> int:
    from api.webhooks.delivery import run

    counts = run(
        ctx.session_factory,
        allow_private=ctx.settings.webhooks_allow_private,
        limit=args.batch,
        settings=ctx.settings,
    )
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    return 0


def cmd_reencrypt(args: argparse.Namespace, ctx: CommandContext) -> int:
    """Idempotent: a second run re-encrypts nothing. Exits 1 when a secret no configured key
    decrypts remains (its owner must rotate it)."""
    from api.webhooks.secrets_at_rest import reencrypt_all

    with ctx.session() as session:
        result = reencrypt_all(session, ctx.settings)
    print(
        f"webhook secrets: {result.reencrypted} re-encrypted with the current key, "
        f"{result.current} already were, {len(result.undecryptable)} cannot be decrypted"
    )
    for sub_id in result.undecryptable:
        print(
            f"subscription {sub_id}: the secret cannot be decrypted with the configured keys; "
            "add the old key to LANGELIS_PREVIOUS_SECRET_KEYS or rotate the secret",
            file=sys.stderr,
        )
    return 1 if result.undecryptable else 0


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("webhooks-deliver", help="send the webhook deliveries that are due")
    p.add_argument("--batch", type=int, default=50, help="deliveries claimed at a time")
    p.set_defaults(func=cmd_deliver, needs_context=True)

    p = subparsers.add_parser(
        "webhooks-reencrypt", help="encrypt every webhook signing secret with the current key"
    )
    p.set_defaults(func=cmd_reencrypt, needs_context=True)
