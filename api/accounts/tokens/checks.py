"""Access tokens checked recently: the authenticated floor without a database round trip.

A signed-in request used to read the revocation list, the sign-in family and the account on every
request. A token that passed those checks is now trusted for ``LANGELIS_TOKEN_CHECK_SECONDS``
(default 5) in the process that checked it; then it is checked against the database again. The
bound, stated plainly: **a sign-out, a revoked session, a deactivated account, a changed role or
password takes effect on every worker within that many seconds**, and at once on the worker that
made the change:

* every flush or commit in this process that touches an account, a machine client, a refresh
  family or the revocation list (ORM objects or bulk ``UPDATE``/``DELETE``) moves a generation
  counter, and an entry checked under an older generation is checked again;
* an entry is stamped with the generation read *before* its database check, so a check that read
  the old state while another request committed a change is never trusted;
* an entry never outlives its token's ``exp``.

Nothing but the decoded, signature-checked token string is the key, so a cached answer is exactly
the answer the database gave for that token a few seconds ago.

What a signed-in read derives from the token's account alone (``GET /me``: the account as answered)
may be remembered beside the checks under the same three rules (:meth:`TokenChecks.remember`),
stamped with the generation and the time read *before* its own database read, and keyed by the
token; it is served only while that token's check is itself still trusted.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.orm import Session as OrmSession

from api.accounts.models import MachineClient, RefreshToken, RevokedToken, User
from api.core.actor import Actor

_WATCHED = (User, MachineClient, RefreshToken, RevokedToken)
_WATCHED_TABLES = frozenset(str(m.__tablename__) for m in _WATCHED)
MAX_ENTRIES = 20_000
# (value, the generation read before it, when it was read, when it expires: a token's own expiry)
_Entry = tuple[Any, int, float, float]


class _Generation:
    """Moves whenever this process changes anything a token check reads."""

    def __init__(self) -> None:
        self.value = 0
        self._lock = threading.Lock()

    def bump(self) -> None:
        with self._lock:
            self.value += 1


generation = _Generation()


def _touches_accounts(session: OrmSession) -> bool:
    return any(isinstance(obj, _WATCHED) for obj in (*session.new, *session.dirty, *session.deleted))


@sa.event.listens_for(OrmSession, "before_flush")
def _on_flush(session: OrmSession, _context: Any, _instances: Any) -> None:
    if _touches_accounts(session):
        session.info["accounts_changed"] = True
        generation.bump()


@sa.event.listens_for(OrmSession, "do_orm_execute")
def _on_execute(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) in _WATCHED_TABLES:
        state.session.info["accounts_changed"] = True
        generation.bump()


@sa.event.listens_for(OrmSession, "after_commit")
def _on_commit(session: OrmSession) -> None:
    if session.info.pop("accounts_changed", False):
        generation.bump()


class TokenChecks:
    """Per process: token → (actor, generation, checked at, expires at)."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.time) -> None:
        self.seconds = seconds
        self.clock = clock
        self._entries: dict[str, _Entry] = {}
        self._answers: dict[Hashable, _Entry] = {}

    def get(self, token: str) -> Actor | None:
        return cast("Actor | None", self._fresh(self._entries, token))

    def put(self, token: str, actor: Actor, *, gen: int, expires_at: float, checked_at: float) -> None:
        self._keep(self._entries, token, (actor, gen, checked_at, expires_at))

    def recall(self, key: Hashable) -> Any | None:
        """An answer remembered under ``key``, while the generation and the bound allow."""
        return self._fresh(self._answers, key)

    def remember(self, key: Hashable, value: Any, *, gen: int, read_at: float) -> None:
        """``value`` as the database gave it at ``read_at``, the generation read before that read."""
        self._keep(self._answers, key, (value, gen, read_at, math.inf))

    def _fresh(self, store: dict[Any, _Entry], key: Hashable) -> Any | None:
        """The value kept under ``key`` while no change voided it (the generation), the bound has
        not passed since it was read, and (a token) it has not expired; else forgotten."""
        if self.seconds <= 0:
            return None
        entry = store.get(key)
        if entry is None:
            return None
        value, gen, at, expires_at = entry
        now = self.clock()
        if gen != generation.value or now - at >= self.seconds or now >= expires_at:
            store.pop(key, None)
            return None
        return value

    def _keep(self, store: dict[Any, _Entry], key: Hashable, entry: _Entry) -> None:
        if self.seconds <= 0:
            return
        if len(store) >= MAX_ENTRIES:
            store.clear()  # a flood of distinct tokens costs checks, never memory
        store[key] = entry
