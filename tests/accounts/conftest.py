"""Fixtures shared by the accounts tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from api.accounts.tokens.checks import TokenChecks

# How long a checked token (and /me's answer beside it) is trusted in these tests, in seconds.
BOUND = 5.0


class Clock:
    """A clock the test moves by hand (no sleeps)."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(app) -> Iterator[Clock]:
    """The app's token checks on a clock the test moves."""
    clock = Clock()
    saved = getattr(app.state, "token_checks", None)
    app.state.token_checks = TokenChecks(BOUND, clock=clock)
    try:
        yield clock
    finally:
        app.state.token_checks = saved
