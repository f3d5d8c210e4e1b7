"""Sign-in throttling that an attacker cannot turn against the account's owner.

Only *failed* attempts count (an office behind one address can sign in all day). Limits:

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
    keys = _keys(kind, account, address)
    window = settings.login_rate_window_seconds
    tight, loose = settings.login_rate_limit, settings.login_rate_limit * 10
    pair = ratelimit.count(session, keys["pair"], window_seconds=window)
    if pair >= tight:
        raise ratelimit.too_many(window)
    if pair > 0 and ratelimit.count(session, keys["account"], window_seconds=window) >= loose:
        raise ratelimit.too_many(window)
    if ratelimit.count(session, keys["address"], window_seconds=window) >= loose:
        raise ratelimit.too_many(window)


def failed(session: Session, settings: Settings, *, kind: str, account: str, address: str) -> None:
    """Count one failure and commit it (the request is about to fail and roll back)."""
    window = settings.login_rate_window_seconds
    for key in _keys(kind, account, address).values():
        ratelimit.add(session, key, window_seconds=window)
    session.commit()
