"""The kinds of notification a person may choose a channel for, named in four languages
(``kinds.json``: kind → {lt, en, uk, ru})."""

from __future__ import annotations

import json
from pathlib import Path

KINDS: dict[str, dict[str, str]] = json.loads(
    Path(__file__).with_name("kinds.json").read_text(encoding="utf-8")
)
# A kind's channel for someone who chose nothing. Diaspora experts rarely sign in: an invitation
# (and the answer the asker waits for) goes by e-mail unless the person says otherwise.
_DEFAULT_CHANNEL = {"expert_invitation": "email", "expert_answer": "email"}


def default_channel(kind: str) -> str:
    return _DEFAULT_CHANNEL.get(kind, "in_app")
