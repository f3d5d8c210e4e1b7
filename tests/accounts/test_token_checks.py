"""The authenticated floor: a checked token is trusted for ``token_check_seconds`` without the
database, and a change made elsewhere (another worker) stops it within that bound. The clock is
injected; nothing sleeps or times anything."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from api.accounts.models import RefreshToken, RevokedToken, User
from api.accounts.scopes import allowed_scopes
from api.accounts.tokens.checks import TokenChecks
from api.core.db import utcnow
from api.core.security import encode_token
from tests.accounts.conftest import BOUND


@pytest.fixture
def person(db, base) -> User:
    user = User(email=f"floor-{uuid.uuid4().hex[:8]}@example.lt", role="resident", display_name="Floor")
    db.add(user)
    db.flush()
    return user


def signed_in(settings: Any, db: Any, user: User) -> tuple[dict[str, str], str]:
    """An access token of a sign-in session (refresh family), as the token endpoint issues it."""
    family = uuid.uuid4().hex
    scopes = sorted(allowed_scopes(user.role, user.extra_scopes))
    token, _claims = encode_token(
        settings, subject=f"user:{user.id}", typ="access", scopes=scopes, extra={"fam": family}
    )
    db.add(
        RefreshToken(
            jti=uuid.uuid4().hex,
            family_id=family,
            user_id=user.id,
            scopes=scopes,
            expires_at=utcnow() + timedelta(days=1),
        )
    )
    db.flush()
    return {"Authorization": f"Bearer {token}"}, family


def elsewhere(db: Any, stmt: Any) -> None:
    """A change as another worker makes it: straight on the connection, unseen by this process's
    sessions (no ORM flush, no ORM statement)."""
    db.connection().execute(stmt)


def _me(client: Any, headers: dict[str, str]) -> int:
    return int(client.get("/api/v1/me", headers=headers).status_code)


CHANGES = {
    "deactivated": lambda user, family: (
        sa.update(User.__table__)  # type: ignore[attr-defined]
        .where(User.__table__.c.id == user.id)  # type: ignore[attr-defined]
        .values(is_active=False)
    ),
    "signed out": lambda user, family: (
        sa.update(RefreshToken.__table__)  # type: ignore[attr-defined]
        .where(RefreshToken.__table__.c.family_id == family)  # type: ignore[attr-defined]
        .values(revoked_at=utcnow())
    ),
    "role changed": lambda user, family: (
        sa.update(User.__table__)  # type: ignore[attr-defined]
        .where(User.__table__.c.id == user.id)  # type: ignore[attr-defined]
        .values(role="expert")
    ),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_change_made_elsewhere_takes_effect_within_the_bound(
    client, db, settings, person, clock, change
) -> None:
    headers, family = signed_in(settings, db, person)
    assert _me(client, headers) == 200
    elsewhere(db, CHANGES[change](person, family))
    clock.now += BOUND - 0.5
    # Still trusted inside the bound: the check did not go to the database.
    answer = client.get("/api/v1/me", headers=headers)
    assert answer.status_code == 200
    clock.now += 0.5
    answer = client.get("/api/v1/me", headers=headers)
    if change == "role changed":
        assert answer.status_code == 200 and answer.json()["role"] == "expert"
    else:
        assert answer.status_code == 401


def test_a_change_made_in_this_process_takes_effect_at_once(client, db, settings, person, clock) -> None:
    headers, _ = signed_in(settings, db, person)
    assert _me(client, headers) == 200
    person.is_active = False
    db.add(person)
    db.flush()  # an ORM change: the generation moves, the cached check is dropped
    assert _me(client, headers) == 401


def test_sign_out_through_the_api_ends_the_token_at_once(client, db, settings, person, clock) -> None:
    headers, _ = signed_in(settings, db, person)
    assert _me(client, headers) == 200
    assert client.post("/api/v1/auth/logout", headers=headers).status_code in (200, 204)
    assert _me(client, headers) == 401


def test_a_revoked_access_token_elsewhere_stops_within_the_bound(client, db, settings, person, clock) -> None:
    headers, _ = signed_in(settings, db, person)
    token = headers["Authorization"].split()[1]
    from api.core.security import decode_token

    jti = decode_token(settings, token, expected="access").jti
    assert _me(client, headers) == 200
    elsewhere(
        db,
        sa.insert(RevokedToken.__table__).values(  # type: ignore[attr-defined]
            jti=jti, expires_at=utcnow() + timedelta(hours=1)
        ),
    )
    clock.now += BOUND
    assert _me(client, headers) == 401


def test_a_cached_check_costs_no_round_trip(client, db, settings, person, clock, engine) -> None:
    headers, _ = signed_in(settings, db, person)
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get("/api/v1/services", params={"limit": 1}, headers=headers).status_code == 200
        first = len(statements)
        statements.clear()
        assert client.get("/api/v1/services", params={"limit": 1}, headers=headers).status_code == 200
        second = len(statements)
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    assert second < first
    checks = [s for s in statements if "refresh_tokens" in s or "revoked_tokens" in s or "FROM users" in s]
    assert checks == []


def test_an_expired_token_is_not_served_from_the_cache(client, db, settings, person, clock) -> None:
    headers, _ = signed_in(settings, db, person)
    assert _me(client, headers) == 200
    checks: TokenChecks = client.app.state.token_checks
    token = headers["Authorization"].split()[1]
    actor, gen, checked_at, _expires = checks._entries[token]
    checks._entries[token] = (actor, gen, checked_at, clock.now)  # its exp is now
    assert checks.get(token) is None
