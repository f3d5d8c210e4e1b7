"""Proof of work instead of a third-party CAPTCHA: before an anonymous form is accepted, the
browser spends a second or so of computing; a script sending thousands pays for each one.

``challenge()`` gives a signed, expiring nonce with a difficulty; the client finds a ``solution``
such that SHA-256 of ``"{challenge}:{solution}"`` starts with ``difficulty`` zero bits. ``verify``
checks the signature, the expiry, the work and that the challenge was not used before (single use,
counted in the rate-limit table, so every worker and replica agrees)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

from sqlmodel import Session

from api.core import ratelimit
from api.core.errors import ProblemError

DIFFICULTY = 16  # bits: about 65,000 hashes, under a second in a phone's browser
TTL_SECONDS = 600


@dataclass(frozen=True)
class Challenge:
    challenge: str
    difficulty: int
    expires_at: int


def _sign(secret: str, payload: str) -> str:
    mac = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def challenge(
    secret: str, purpose: str, *, difficulty: int = DIFFICULTY, now: float | None = None
) -> Challenge:
    expires = int((now or time.time()) + TTL_SECONDS)
    body = {"n": secrets.token_urlsafe(12), "e": expires, "d": difficulty, "p": purpose}
    payload = base64.urlsafe_b64encode(json.dumps(body, separators=(",", ":")).encode()).decode().rstrip("=")
    return Challenge(f"{payload}.{_sign(secret, payload)}", difficulty, expires)


def leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + 8 - byte.bit_length()
    return bits


def solve(challenge_text: str, difficulty: int) -> str:
    """What the browser does (and the tests): count up until the hash has enough zero bits."""
    counter = 0
    while True:
        digest = hashlib.sha256(f"{challenge_text}:{counter}".encode()).digest()
        if leading_zero_bits(digest) >= difficulty:
            return str(counter)
        counter += 1


def _refused(detail: str) -> ProblemError:
    return ProblemError(
        422,
        detail,
        slug="proof-of-work",
        errors=[{"loc": ["body", "proof"], "msg": detail, "type": "value_error"}],
    )


def verify(
    session: Session,
    secret: str,
    purpose: str,
    challenge_text: str,
    solution: str,
    *,
    now: float | None = None,
) -> None:
    payload, _, signature = challenge_text.partition(".")
    if not signature or not hmac.compare_digest(signature, _sign(secret, payload)):
        raise _refused("The form's check is not valid. Reload the page and send again.")
    try:
        body = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except ValueError as exc:
        raise _refused("The form's check is not valid. Reload the page and send again.") from exc
    if body.get("p") != purpose:
        raise _refused("The form's check is not valid. Reload the page and send again.")
    if int(body.get("e", 0)) < (now or time.time()):
        raise _refused("The form's check has expired. Send again.")
    digest = hashlib.sha256(f"{challenge_text}:{solution}".encode()).digest()
    if len(solution) > 20 or leading_zero_bits(digest) < int(body.get("d", DIFFICULTY)):
        raise _refused("The form's check is not solved. Send again.")
    # A challenge lives TTL_SECONDS, so its uses fall in this window or the one before.
    key, window = f"pow:{body['n']}", TTL_SECONDS * 2
    earlier = ratelimit.count(session, key, window_seconds=window, now=ratelimit.clock() - window)
    if ratelimit.add(session, key, window_seconds=window) > 1 or earlier:
        raise _refused("The form's check was already used. Send again.")
