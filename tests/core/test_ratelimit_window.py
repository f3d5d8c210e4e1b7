"""Rate limits use a sliding window: ``previous * (1 - elapsed_fraction) + current`` is compared
with the limit, so a burst straddling a window boundary is refused (a fixed window let up to twice
the limit through), the estimate decays as the window slides, and Retry-After is the wait the
formula gives. Nothing sleeps: the rate limits' clock (``ratelimit.clock``) is pinned to chosen
instants; each test runs on the database under test (SQLite or PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from api.core import pow, ratelimit
from api.core.errors import ProblemError

DAY = 86_400
ORIGIN = 20_000 * DAY  # a day boundary, so a boundary of every window dividing a day
PASSWORD = "correct-horse-battery"


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """Set the rate limits' clock: ``at(t)``."""

    def move(instant: float) -> None:
        monkeypatch.setattr(ratelimit, "clock", lambda: instant)

    return move


@pytest.fixture(autouse=True)
def _no_sweep(monkeypatch: pytest.MonkeyPatch) -> None:
    """The occasional sweep of old rows is a second statement; keep it out of statement counts."""
    monkeypatch.setattr(ratelimit.random, "random", lambda: 1.0)


def _hit(db: Any, key: str, *, limit: int, window: int) -> int | None:
    """None if allowed, else the Retry-After of the 429."""
    try:
        ratelimit.hit(db, key, limit=limit, window_seconds=window)
    except ProblemError as exc:
        assert exc.status == 429 and exc.slug == "rate-limited"
        assert exc.detail == "Too many attempts. Please wait before trying again."
        return int(exc.headers["Retry-After"])
    return None


# --- (1) a burst straddling a boundary ----------------------------------------------------------


def test_a_burst_straddling_a_window_boundary_is_refused(db: Any, at: Any) -> None:
    """5 attempts in the last second of a minute, then one at the start of the next: the previous
    window still weighs fully (estimate 5 * 1 + 1 = 6 > 5). A fixed window allowed it (count 1)."""
    boundary = ORIGIN + 60
    at(boundary - 1)
    assert [_hit(db, "t:burst", limit=5, window=60) for _ in range(5)] == [None] * 5
    at(boundary)
    assert _hit(db, "t:burst", limit=5, window=60) is not None
    at(boundary + 1)
    assert _hit(db, "t:burst", limit=5, window=60) is not None


# --- (2) + (3) decay, the exact boundary, Retry-After ------------------------------------------


@pytest.mark.parametrize(
    ("limit", "window", "burst_at", "refused_at", "expected_wait"),
    [
        # 10 at the last second of window 0; refused at 100: estimate 10 + 1. With that refused one
        # counted, the next passes when 10 * (1 - f) + 1 + 1 <= 10, f >= 0.2: at 120.
        (10, 100, 99, 100, 20),
        # 3 at 59; refused at 67: 3 * 53/60 + 1 = 3.65. Next passes when 3 * (1 - f) + 2 <= 3,
        # f >= 2/3: at 100, 33 seconds after 67.
        (3, 60, 59, 67, 33),
        # 2 in window 0, then refused in the same window (count 3): the wait runs into the next
        # window, where 3 * (1 - f) + 1 <= 2 at f >= 2/3: at 60 + 40 = 100, 41 seconds after 59.
        (2, 60, 59, 59, 41),
    ],
)
def test_the_estimate_decays_and_allows_again_exactly_when_the_formula_says(
    db: Any, at: Any, limit: int, window: int, burst_at: int, refused_at: int, expected_wait: int
) -> None:
    """Two keys with the same history: one probed a second before the computed instant (refused),
    the other at it (allowed); Retry-After equals the computed wait."""
    waits = []
    for key in ("t:decay:early", "t:decay:on-time"):
        at(ORIGIN + burst_at)
        assert [_hit(db, key, limit=limit, window=window) for _ in range(limit)] == [None] * limit
        at(ORIGIN + refused_at)
        waits.append(_hit(db, key, limit=limit, window=window))
    assert waits == [expected_wait, expected_wait]
    at(ORIGIN + refused_at + expected_wait - 1)
    assert _hit(db, "t:decay:early", limit=limit, window=window) is not None
    at(ORIGIN + refused_at + expected_wait)
    assert _hit(db, "t:decay:on-time", limit=limit, window=window) is None


def test_the_estimate_weighs_the_previous_window_by_what_is_left_of_it(db: Any) -> None:
    for _ in range(10):
        ratelimit.add(db, "t:weigh", window_seconds=100)  # window of the pinned clock
    now = ratelimit.clock() + 100  # the same instant of the next window…
    elapsed = now % 100
    counts = ratelimit.estimate(db, "t:weigh", window_seconds=100, now=now)
    assert (counts.previous, counts.current) == (10, 0)
    assert counts.estimate == pytest.approx(10 * (1 - elapsed / 100))
    # …and two windows on, the count has aged out.
    assert ratelimit.estimate(db, "t:weigh", window_seconds=100, now=now + 100).estimate == 0
    # count() stays the exact count of one fixed window.
    assert ratelimit.count(db, "t:weigh", window_seconds=100) == 10
    assert ratelimit.count(db, "t:weigh", window_seconds=100, now=now) == 0


def test_counting_reads_the_previous_window_in_the_same_single_statement(db: Any, at: Any) -> None:
    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "rate_limit_counters" in statement:
            statements.append(statement)

    at(ORIGIN + 59)
    for _ in range(3):
        ratelimit.hit(db, "t:one-statement", limit=5, window_seconds=60)
    at(ORIGIN + 60)
    engine = db.get_bind().engine
    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        ratelimit.hit(db, "t:one-statement", limit=5, window_seconds=60)
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    assert len(statements) == 1 and statements[0].lstrip().upper().startswith("INSERT")
    # …and that statement saw the previous window: 3 there plus 3 now passes 5; the next passes
    # when 3 * (1 - f) + 3 + 1 <= 5, f >= 2/3: 40 seconds on.
    at(ORIGIN + 60)
    assert [_hit(db, "t:one-statement", limit=5, window=60) for _ in range(2)] == [None, 40]


def test_a_key_too_long_for_the_column_keeps_one_row_per_window(db: Any, at: Any) -> None:
    key = "t:long:" + "x" * 400
    at(ORIGIN + 10)
    assert ratelimit.add(db, key, window_seconds=60) == 1
    at(ORIGIN + 70)
    assert ratelimit.add(db, key, window_seconds=60) == 1
    counts = ratelimit.estimate(db, key, window_seconds=60)
    assert (counts.previous, counts.current) == (1, 1)


# --- (4) sign-in throttling is sliding too ------------------------------------------------------


@pytest.fixture
def tight(settings: Any) -> Iterator[Any]:
    original = settings.login_rate_limit
    settings.login_rate_limit = 3
    yield settings
    settings.login_rate_limit = original


def _login(client: TestClient, email: str, password: str) -> Any:
    return client.post(
        "/api/v1/auth/token", data={"grant_type": "password", "username": email, "password": password}
    )


def test_sign_in_failures_straddling_a_boundary_still_add_up(
    app: Any, db: Any, base: Any, tight: Any, at: Any
) -> None:
    """3 failures (the tight limit) in the last second of a 5-minute window, then more just after
    the boundary: the first passes (estimate 3 * 299/300 < 3), the next is refused (a fixed window
    let three more through). Retry-After is the wait until 3 * (1 - f) + 1 < 3: f > 1/3, so the
    attempt is refused at 100 s into the window and let through at 101."""
    window = tight.login_rate_window_seconds
    assert window == 300
    attacker = TestClient(app, client=("203.0.113.60", 40000))
    email = base.expert.email
    boundary = ORIGIN + window
    at(boundary - 1)
    assert [_login(attacker, email, "wrong").status_code for _ in range(3)] == [400] * 3
    assert _login(attacker, email, PASSWORD).status_code == 429
    at(boundary + 1)
    assert _login(attacker, email, "wrong").status_code == 400
    refused = _login(attacker, email, "wrong")
    assert refused.status_code == 429 and refused.headers["content-type"].startswith(
        "application/problem+json"
    )
    assert refused.headers["retry-after"] == "100"
    at(boundary + 100)
    assert _login(attacker, email, PASSWORD).status_code == 429
    at(boundary + 101)
    assert _login(attacker, email, PASSWORD).status_code == 200


# --- (5) proof of work keeps exact one-time use --------------------------------------------------


def test_a_proof_of_work_reused_across_a_window_boundary_is_refused(db: Any, at: Any) -> None:
    secret, purpose = "pow-test-secret", "contact"
    window = pow.TTL_SECONDS * 2
    issued = ORIGIN + window - 100  # near the end of a window: its uses straddle the boundary
    found = pow.challenge(secret, purpose, difficulty=4, now=issued)
    solution = pow.solve(found.challenge, found.difficulty)
    at(issued + 10)
    pow.verify(db, secret, purpose, found.challenge, solution, now=issued + 10)
    at(issued + 500)  # the next window, the challenge not yet expired
    with pytest.raises(ProblemError) as refused:
        pow.verify(db, secret, purpose, found.challenge, solution, now=issued + 500)
    assert (
        refused.value.status == 422
        and refused.value.detail == "The form's check was already used. Send again."
    )
    # A fresh challenge is still good once in the new window (the check is exact, not a rate limit).
    fresh = pow.challenge(secret, purpose, difficulty=4, now=issued + 500)
    pow.verify(db, secret, purpose, fresh.challenge, pow.solve(fresh.challenge, 4), now=issued + 500)
