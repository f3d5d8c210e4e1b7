"""Sign-in throttling that an attacker cannot turn against the account's owner.

Only *failed* attempts count (an office behind one address can sign in all day). Each limit is
compared with the sliding-window estimate of failures (``ratelimit``: the previous window's count
weighted by the part of it still inside the last ``login_rate_window_seconds``, plus the current
window's), so failures straddling a window boundary still add up. Limits:

* per (account, address), tight: ``login_rate_limit`` failures in the window lock that address
  out of that account;
* per account, loose (10×): once passed, an address that has itself failed for the account is
  refused — a correct password from an address that has not been failing still gets in, so ten
  wrong passwords from anywhere do not lock the owner out;
* per address, loose (10×): an address failing across many accounts (credential stuffing).

Counters live in the request's own session (no second connection); a failure commits its count
before the 401 is raised.
"""

from __future__ import annotations

from sqlmodel import Session

from api.core import ratelimit
from api.core.config import Settings


def _keys(kind: str, account: str, address: str) -> dict[str, str]:
    return {
        "pair": f"{kind}:fail:pair:{account}|{address}",
        "account": f"{kind}:fail:acct:{account}",
        "address": f"{kind}:fail:ip:{address}",
    }


def check(session: Session, settings: Settings, *, kind: str, account: str, address: str) -> None:
    """Refuse (429) before trying when a sliding-window estimate of failures reaches its limit.

    Retry-After is honest: the wait until every refusing limit would let the attempt through."""
    keys = _keys(kind, account, address)
    window = settings.login_rate_window_seconds
    tight, loose = settings.login_rate_limit, settings.login_rate_limit * 10
    pair, acct, addr = ratelimit.estimates(
        session, [keys["pair"], keys["account"], keys["address"]], window_seconds=window
    )
    waits = []
    if pair.reaches(tight):
        waits.append(pair.retry_after(tight, strict=True))
    if pair.over(0) and acct.reaches(loose):
        # Lifted once the account falls below its limit or this address's own failures age out.
        waits.append(min(acct.retry_after(loose, strict=True), pair.retry_after(0)))
    if addr.reaches(loose):
        waits.append(addr.retry_after(loose, strict=True))
    if waits:
        raise ratelimit.too_many(max(waits))


def failed(session: Session, settings: Settings, *, kind: str, account: str, address: str) -> None:
    """Count one failure and commit it (the request is about to fail and roll back)."""
    window = settings.login_rate_window_seconds
    for key in _keys(kind, account, address).values():
        ratelimit.add(session, key, window_seconds=window)
    session.commit()
