"""``GET /me`` on the authenticated floor: the account read as one Core row and encoded without the
model (byte for byte what the Pydantic answer was), then served from memory, with no database
statement, while the token's check is trusted; a change still reaches it within the bound. The
clock is injected; nothing sleeps or times anything."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa

from api.accounts.models import User
from api.accounts.schemas import AccountRead
from api.accounts.tokens.checks import TokenChecks
from api.accounts.users import logic
from api.core.actor import Actor
from api.core.errors import ProblemError
from api.core.http import fast_json
from tests.accounts.conftest import BOUND


@pytest.fixture
def statements(engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)


def _person(db: Any, base: Any, **fields: Any) -> User:
    values: dict[str, Any] = {
        "email": f"me-{uuid.uuid4().hex[:8]}@example.lt",
        "role": "resident",
        "display_name": "Žemaitė Ąžuolaitė – Жанна «ru»",
        **fields,
    }
    user = User(**values)
    db.add(user)
    db.flush()
    return user


def _pydantic(db: Any, user: User) -> bytes:
    """The answer as the model path gives it (``account_read``, dumped by Pydantic)."""
    db.refresh(user)
    return logic.account_read(db, user).model_dump_json().encode()


CASES = {
    "resident, no municipality": {},
    "coordinator with municipality and extra scopes": {
        "role": "coordinator",
        "extra_scopes": ["migrants:special"],
        "country": "LT",
        "preferred_language": "uk",
    },
    "provider of an organisation, verified, whole-second times": {
        "role": "provider",
        "email_verified_at": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        "created_at": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        "updated_at": datetime(2026, 1, 2, 3, 4, 5, 600, tzinfo=UTC),
        "country": "IE",
    },
    "inactive account read directly": {"is_active": False, "role": "expert", "country": "GB"},
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_core_row_answer_is_the_pydantic_answer_byte_for_byte(db, base, case) -> None:
    fields = dict(CASES[case])
    if fields.get("role") in ("coordinator", "provider"):
        fields["municipality_id"] = base.municipality.id
    if fields.get("role") == "provider":
        fields["organization_id"] = base.org.id
    user = _person(db, base, **fields)
    body, version = logic.my_account(db, actor=Actor(kind="user", id=user.id))
    assert fast_json(body) == _pydantic(db, user)
    assert AccountRead.model_validate_json(fast_json(body)).model_dump() == body
    assert version == user.version


def test_a_missing_account_is_a_404(db) -> None:
    with pytest.raises(ProblemError) as caught:
        logic.my_account(db, actor=Actor(kind="user", id=uuid.uuid4()))
    assert caught.value.status == 404


def test_get_me_answers_what_the_model_path_answers(client, db, base, auth, clock) -> None:
    user = _person(db, base, role="coordinator", municipality_id=base.municipality.id, country="LT")
    headers = auth.headers(user)
    first = client.get("/api/v1/me", headers=headers)  # checked and read from the database
    again = client.get("/api/v1/me", headers=headers)  # from memory
    for answer in (first, again):
        assert answer.status_code == 200
        assert answer.content == _pydantic(db, user)
        assert answer.headers["etag"] == f'"v{user.version}"'
        assert answer.headers["cache-control"] == "no-store"
        assert answer.headers["content-type"] == "application/json"
    # The model path of the same account (PATCH answers through Pydantic): the same bytes and ETag.
    patched = client.patch("/api/v1/me", json={}, headers={**headers, "If-Match": first.headers["etag"]})
    assert patched.status_code == 200
    after = client.get("/api/v1/me", headers=headers)
    assert after.content == patched.content
    assert after.headers["etag"] == patched.headers["etag"] != first.headers["etag"]
    assert (
        client.get("/api/v1/me", headers={**headers, "If-None-Match": after.headers["etag"]}).status_code
        == 304
    )


def test_a_remembered_answer_costs_no_statement(client, db, base, auth, clock, statements) -> None:
    headers = auth.headers(_person(db, base))
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    assert statements  # the first: checked and read
    statements.clear()
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    assert statements == []
    clock.now += BOUND  # the bound passed: checked and read again
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    assert any("FROM users" in s for s in statements)


def test_a_change_in_this_process_is_answered_at_once(client, db, base, auth, clock) -> None:
    user = _person(db, base)
    headers = auth.headers(user)
    etag = client.get("/api/v1/me", headers=headers).headers["etag"]
    answer = client.patch(
        "/api/v1/me", json={"display_name": "Naujas vardas"}, headers={**headers, "If-Match": etag}
    )
    assert answer.status_code == 200
    assert client.get("/api/v1/me", headers=headers).json()["display_name"] == "Naujas vardas"
    user.preferred_language = "ru"
    db.add(user)
    db.flush()  # an ORM change anywhere in the process: the remembered answer is dropped
    assert client.get("/api/v1/me", headers=headers).json()["preferred_language"] == "ru"


def test_a_change_elsewhere_is_answered_within_the_bound(client, db, base, auth, clock) -> None:
    user = _person(db, base)
    headers = auth.headers(user)
    assert client.get("/api/v1/me", headers=headers).json()["display_name"] == user.display_name
    users = User.__table__  # type: ignore[attr-defined]
    # As another worker changes it: straight on the connection, unseen by this process's sessions.
    db.connection().execute(sa.update(users).where(users.c.id == user.id).values(display_name="Kitur"))
    clock.now += BOUND - 0.5
    assert client.get("/api/v1/me", headers=headers).json()["display_name"] == user.display_name
    clock.now += 0.5
    assert client.get("/api/v1/me", headers=headers).json()["display_name"] == "Kitur"


def test_deactivation_elsewhere_stops_the_remembered_answer_within_the_bound(
    client, db, base, auth, clock
) -> None:
    user = _person(db, base)
    headers = auth.headers(user)
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    users = User.__table__  # type: ignore[attr-defined]
    db.connection().execute(sa.update(users).where(users.c.id == user.id).values(is_active=False))
    clock.now += BOUND
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_refusals_are_the_same_on_both_paths(client, db, base, auth, clock) -> None:
    machine = auth.headers(base.clients["stats"])
    for _ in range(2):  # first checked in a thread, then from the token cache
        answer = client.get("/api/v1/me", headers=machine)
        assert answer.status_code == 403
        assert answer.headers["content-type"].startswith("application/problem+json")
    assert client.get("/api/v1/me").status_code == 401
    bad = client.get("/api/v1/me", headers={"Authorization": "Bearer not-a-token"})
    assert bad.status_code == 401
    assert "invalid_token" in bad.headers["www-authenticate"]


def test_without_a_bound_every_request_reads_the_database(client, db, base, auth, app, statements) -> None:
    saved = getattr(app.state, "token_checks", None)
    app.state.token_checks = TokenChecks(0)
    try:
        headers = auth.headers(_person(db, base))
        for _ in range(2):
            statements.clear()
            assert client.get("/api/v1/me", headers=headers).status_code == 200
            assert any("FROM users" in s for s in statements)
    finally:
        app.state.token_checks = saved
