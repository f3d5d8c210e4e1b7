"""Signing secrets are stored encrypted: shown in clear once, never in the database, still signing
every delivery; a changed secret key keeps working through the previous keys; a secret no key
decrypts fails its deliveries until rotated; migration webhooks_0003 encrypts the clear ones."""

from __future__ import annotations

import argparse
import base64
import importlib.util
import json
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlmodel import Session

from api.core.commands import CommandContext
from api.core.db import utcnow
from api.webhooks import delivery, secrets_at_rest, signing
from api.webhooks.cli import cmd_reencrypt
from tests.conftest import create_database, run_migrations

pytestmark = pytest.mark.usefixtures("allow_private")

V = "/api/v1/webhooks"
OLD_KEY = "the-secret-key-this-server-had-before-the-change-0000"
UNKNOWN_KEY = "a-secret-key-this-server-has-never-been-configured-with"
MIGRATION = (
    Path(__file__).resolve().parents[2]
    / "migrations"
    / "versions"
    / "20261206_0300_webhooks_0003_encrypted_secrets.py"
)


def _is_current(settings, stored: str) -> bool:
    """Stored encrypted with the current key (False for a clear value, an old key or no key)."""
    try:
        return secrets_at_rest.open_secret(settings, stored).current
    except secrets_at_rest.UndecryptableSecret:
        return False


def _by_id(sql: str) -> sa.TextClause:
    return sa.text(sql).bindparams(sa.bindparam("id", type_=sa.Uuid()))


def _stored(db: Session, sub_id: str) -> str:
    """The secret column as the database holds it (what a dump or a SQL reader sees)."""
    return db.execute(
        _by_id("SELECT secret FROM webhook_subscriptions WHERE id = :id"), {"id": uuid.UUID(sub_id)}
    ).scalar_one()


def _store(db: Session, sub_id: str, value: str) -> None:
    db.execute(
        _by_id("UPDATE webhook_subscriptions SET secret = :secret WHERE id = :id"),
        {"id": uuid.UUID(sub_id), "secret": value},
    )


def _with(settings, **changes):
    return settings.model_copy(update=changes)


def _deliveries(client, auth, base, sub_id: str) -> list[dict]:
    r = client.get(f"{V}/{sub_id}/deliveries", headers=auth.headers(base.coordinator))
    assert r.status_code == 200, r.text
    return r.json()["items"]


def _ping(client, auth, base, sub_id: str) -> None:
    assert client.post(f"{V}/{sub_id}/ping", headers=auth.headers(base.coordinator)).status_code == 202


def _verified(secret: str, got) -> bool:
    ts = int(got.headers["webhook-timestamp"])
    return signing.verify(secret, got.headers["webhook-id"], ts, got.body, got.headers["webhook-signature"])


def test_the_database_never_holds_the_clear_secret(db, client, auth, base, subscribe, settings):
    sub = subscribe()
    clear = sub["secret"]
    assert clear.startswith(signing.PREFIX)
    stored = _stored(db, sub["id"])
    assert stored.startswith(secrets_at_rest.PREFIX) and clear not in stored
    assert clear.removeprefix(signing.PREFIX) not in stored
    assert len(stored) <= 400
    assert secrets_at_rest.reveal(settings, stored) == clear
    # Rotated: a new clear secret for the owner, again only encrypted in the database.
    h = auth.headers(base.coordinator)
    rotated = client.post(f"{V}/{sub['id']}/rotate-secret", headers=h)
    assert rotated.status_code == 200, rotated.text
    new = rotated.json()["secret"]
    assert new.startswith(signing.PREFIX) and new != clear
    after = _stored(db, sub["id"])
    assert after.startswith(secrets_at_rest.PREFIX) and new not in after and after != stored
    assert secrets_at_rest.reveal(settings, after) == new
    # Reads never show it, in clear or encrypted.
    read = client.get(f"{V}/{sub['id']}", headers=h)
    assert "secret" not in read.json() and after not in read.text and new not in read.text


def test_a_delivery_is_signed_with_the_clear_secret(client, auth, base, subscribe, receiver, send):
    sub = subscribe(url=receiver.url)
    _ping(client, auth, base, sub["id"])
    assert send() == {"delivered": 1, "pending": 0, "failed": 0}
    (got,) = receiver.received
    assert json.loads(got.body)["type"] == "ping"
    assert _verified(sub["secret"], got)
    # After a rotation the next delivery is signed with the new secret only.
    new = client.post(f"{V}/{sub['id']}/rotate-secret", headers=auth.headers(base.coordinator)).json()
    _ping(client, auth, base, sub["id"])
    assert send()["delivered"] == 1
    assert _verified(new["secret"], receiver.received[-1])
    assert not _verified(sub["secret"], receiver.received[-1])


def test_the_keys_are_derived_never_the_secret_key_itself(settings):
    # The Fernet key is HKDF-SHA256(secret key, purpose label), not the secret key's bytes.
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"langelis webhook secrets v1")
    expected = base64.urlsafe_b64encode(hkdf.derive(settings.secret_key.encode()))
    assert secrets_at_rest.derive_key(settings.secret_key) == expected
    sealed = secrets_at_rest.seal(settings, "whsec_x")
    assert Fernet(expected).decrypt(sealed.removeprefix(secrets_at_rest.PREFIX)) == b"whsec_x"
    raw = base64.urlsafe_b64encode(settings.secret_key.encode()[:32])
    with pytest.raises(InvalidToken):
        Fernet(raw).decrypt(sealed.removeprefix(secrets_at_rest.PREFIX))
    # Only an RS256 key: derived from the PEM; another PEM cannot decrypt.
    pem_only = _with(settings, secret_key=None, jwt_private_key="-----BEGIN PRIVATE KEY-----\nA\n")
    sealed = secrets_at_rest.seal(pem_only, "whsec_x")
    assert secrets_at_rest.reveal(pem_only, sealed) == "whsec_x"
    with pytest.raises(secrets_at_rest.UndecryptableSecret):
        secrets_at_rest.reveal(settings, sealed)
    with pytest.raises(secrets_at_rest.UndecryptableSecret):
        secrets_at_rest.reveal(_with(pem_only, jwt_private_key="-----BEGIN PRIVATE KEY-----\nB\n"), sealed)
    # An unknown format or a damaged value is not taken for a clear secret, nor does it crash.
    for damaged in ("enc:v9:whatever", "enc:v1:not-a-token", "enc:v1:žž", sealed[:-4], "plain"):
        with pytest.raises(secrets_at_rest.UndecryptableSecret):
            secrets_at_rest.reveal(pem_only, damaged)
    # A clear secret written before encryption is still read.
    assert secrets_at_rest.reveal(settings, "whsec_x") == "whsec_x"


def test_a_previous_key_still_decrypts_and_the_secret_moves_to_the_current_key(
    db, client, auth, base, subscribe, receiver, send, settings
):
    """The secret key changed (the old one in previous_secret_keys): deliveries still sign with the
    partner's secret, and the delivery that reads it stores it under the current key."""
    old = _with(settings, secret_key=OLD_KEY)
    rotated = _with(settings, previous_secret_keys=[OLD_KEY])
    sub = subscribe(url=receiver.url)
    _store(db, sub["id"], secrets_at_rest.seal(old, sub["secret"]))
    under_old = _stored(db, sub["id"])
    with pytest.raises(secrets_at_rest.UndecryptableSecret):
        secrets_at_rest.reveal(settings, under_old)  # without the previous key
    assert secrets_at_rest.reveal(rotated, under_old) == sub["secret"]
    assert not _is_current(rotated, under_old)
    version = client.get(f"{V}/{sub['id']}", headers=auth.headers(base.coordinator)).headers["etag"][:4]
    _ping(client, auth, base, sub["id"])
    assert send(settings=rotated) == {"delivered": 1, "pending": 0, "failed": 0}
    assert _verified(sub["secret"], receiver.received[-1])
    moved = _stored(db, sub["id"])
    assert moved != under_old and _is_current(settings, moved)
    assert secrets_at_rest.reveal(settings, moved) == sub["secret"]  # the old key is no longer needed
    # The same secret: the subscription's version (its ETag's "v1") did not change.
    assert version == '"v1-'
    assert (
        client.get(f"{V}/{sub['id']}", headers=auth.headers(base.coordinator)).headers["etag"][:4] == version
    )


def test_a_change_stores_the_secret_under_the_current_key(
    app, db, client, auth, base, subscribe, settings, monkeypatch
):
    sub = subscribe()
    _store(db, sub["id"], secrets_at_rest.seal(_with(settings, secret_key=OLD_KEY), sub["secret"]))
    h = {**auth.headers(base.coordinator), "If-Match": "*"}
    r = client.patch(f"{V}/{sub['id']}", json={"description": "CRM"}, headers=h)
    # Without the old key the change still succeeds and leaves the secret as it was.
    assert r.status_code == 200, r.text
    assert not _is_current(settings, _stored(db, sub["id"]))
    # With the old key among the previous ones, the change stores it under the current key.
    monkeypatch.setitem(app.state._state, "settings", _with(settings, previous_secret_keys=[OLD_KEY]))
    r = client.patch(f"{V}/{sub['id']}", json={"description": "CRM 2"}, headers=h)
    assert r.status_code == 200, r.text
    stored = _stored(db, sub["id"])
    assert _is_current(settings, stored)
    assert secrets_at_rest.reveal(settings, stored) == sub["secret"]


def test_the_reencrypt_command_moves_every_secret_to_the_current_key(app, db, subscribe, settings, capsys):
    old = _with(settings, secret_key=OLD_KEY)
    rotated = _with(settings, previous_secret_keys=[OLD_KEY])
    under_old, in_clear, current = subscribe(), subscribe(), subscribe()
    _store(db, under_old["id"], secrets_at_rest.seal(old, under_old["secret"]))
    _store(db, in_clear["id"], in_clear["secret"])  # written before encryption
    current_stored = _stored(db, current["id"])

    def reencrypt(with_settings) -> tuple[int, str, str]:
        ctx = CommandContext(settings=with_settings)
        ctx.session_factory = app.state.session_factory  # the test's transaction
        code = cmd_reencrypt(argparse.Namespace(), ctx)
        out, err = capsys.readouterr()
        return code, out, err

    code, out, _ = reencrypt(rotated)
    assert code == 0 and "2 re-encrypted with the current key" in out and "0 cannot be decrypted" in out
    for sub in (under_old, in_clear, current):
        stored = _stored(db, sub["id"])
        assert stored.startswith(secrets_at_rest.PREFIX) and sub["secret"] not in stored
        assert _is_current(settings, stored)
        assert secrets_at_rest.reveal(settings, stored) == sub["secret"]
    assert _stored(db, current["id"]) == current_stored  # already current: not rewritten
    # Idempotent: nothing more to do.
    code, out, _ = reencrypt(rotated)
    assert code == 0 and "0 re-encrypted" in out
    # A secret no configured key decrypts is reported (exit 1) and left alone.
    lost = _with(settings, secret_key=UNKNOWN_KEY)
    _store(db, under_old["id"], secrets_at_rest.seal(lost, under_old["secret"]))
    before = _stored(db, under_old["id"])
    code, out, err = reencrypt(rotated)
    assert code == 1 and "1 cannot be decrypted" in out and under_old["id"] in err
    assert _stored(db, under_old["id"]) == before


def test_an_undecryptable_secret_fails_the_attempt_until_the_secret_is_rotated(
    db, client, auth, base, subscribe, receiver, send, settings
):
    sub = subscribe(url=receiver.url)
    lost = _with(settings, secret_key=UNKNOWN_KEY)
    _store(db, sub["id"], secrets_at_rest.seal(lost, sub["secret"]))
    _ping(client, auth, base, sub["id"])
    # No exception: an ordinary failed attempt, retried on schedule; nothing was sent.
    assert send() == {"delivered": 0, "pending": 1, "failed": 0}
    assert receiver.received == []
    (item,) = _deliveries(client, auth, base, sub["id"])
    assert item["status"] == "pending" and item["attempts"] == 1 and item["last_status_code"] is None
    assert item["last_error"] == secrets_at_rest.UNDECRYPTABLE
    assert "rotate the subscription's secret" in item["last_error"]
    # The owner rotates the secret; the retry goes out signed with the new one.
    h = auth.headers(base.coordinator)
    new = client.post(f"{V}/{sub['id']}/rotate-secret", headers=h)
    assert new.status_code == 200, new.text
    assert send(now=utcnow() + timedelta(seconds=delivery.RETRY_AFTER[0] + 1))["delivered"] == 1
    (got,) = receiver.received
    assert _verified(new.json()["secret"], got)
    (item,) = _deliveries(client, auth, base, sub["id"])
    assert item["status"] == "delivered" and item["attempts"] == 2


# -- migration webhooks_0003 --------------------------------------------------------------------


def _migration():
    spec = importlib.util.spec_from_file_location("webhooks_0003_encrypted_secrets", MIGRATION)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_migration_helpers_encrypt_clear_secrets_and_decrypt_them_back(db, subscribe, settings):
    migration = _migration()
    a, b = subscribe(), subscribe()
    _store(db, a["id"], a["secret"])  # a clear secret from before the migration
    encrypted_b = _stored(db, b["id"])
    bind = db.connection()
    assert migration.encrypt_clear(bind, settings) >= 1
    stored_a = _stored(db, a["id"])
    assert stored_a.startswith(secrets_at_rest.PREFIX) and a["secret"] not in stored_a
    assert secrets_at_rest.reveal(settings, stored_a) == a["secret"]
    assert _stored(db, b["id"]) == encrypted_b  # already encrypted: untouched
    assert migration.encrypt_clear(bind, settings) == 0  # nothing left in clear
    assert migration.decrypt_all(bind, settings) >= 2
    assert (_stored(db, a["id"]), _stored(db, b["id"])) == (a["secret"], b["secret"])
    # A downgrade refuses, writing nothing, when a secret cannot be decrypted.
    _store(db, a["id"], secrets_at_rest.seal(_with(settings, secret_key=UNKNOWN_KEY), a["secret"]))
    lost = _stored(db, a["id"])
    with pytest.raises(RuntimeError, match=a["id"]):
        migration.decrypt_all(bind, settings)
    assert (_stored(db, a["id"]), _stored(db, b["id"])) == (lost, b["secret"])


def test_the_migration_encrypts_stored_secrets_and_the_downgrade_restores_them(tmp_path):
    """On a database of its own at webhooks_0002 with a subscription and a delivery: the upgrade
    widens the column and encrypts the secret in place, the downgrade gives the clear one back."""
    from api.core.config import get_settings
    from api.core.db import make_engine
    from api.webhooks.models import WebhookDelivery, WebhookEvent, WebhookSubscription

    database = create_database(tmp_path, prefix="langelis_wh3")
    env_settings = get_settings()  # what the migration encrypts with
    clear = signing.new_secret()
    try:
        run_migrations(database.url, "webhooks_0002")
        engine = make_engine(database.url)
        with Session(engine) as session:
            sub = WebhookSubscription(url="https://partner.example.org/hook", created_by="test", secret=clear)
            event = WebhookEvent(type="ping", data={})
            session.add_all([sub, event])
            session.flush()
            session.add(WebhookDelivery(subscription_id=sub.id, event_id=event.id))
            session.commit()
            sub_id = sub.id

        def stored() -> str:
            with engine.connect() as conn:
                return conn.execute(
                    _by_id("SELECT secret FROM webhook_subscriptions WHERE id = :id"), {"id": sub_id}
                ).scalar_one()

        def width() -> int:
            columns = {c["name"]: c for c in sa.inspect(engine).get_columns("webhook_subscriptions")}
            return columns["secret"]["type"].length

        def deliveries() -> int:
            with engine.connect() as conn:
                return conn.execute(sa.text("SELECT count(*) FROM webhook_deliveries")).scalar_one()

        assert (stored(), width()) == (clear, 100)
        run_migrations(database.url, "webhooks_0003")
        engine.dispose()
        encrypted = stored()
        assert encrypted.startswith(secrets_at_rest.PREFIX) and clear not in encrypted
        assert secrets_at_rest.reveal(env_settings, encrypted) == clear
        assert width() == 400 and deliveries() == 1
        run_migrations(database.url, "webhooks_0002", downgrade=True)
        engine.dispose()
        assert (stored(), width(), deliveries()) == (clear, 100, 1)
        if database.dialect == "sqlite":
            with engine.connect() as conn:
                assert conn.execute(sa.text("PRAGMA foreign_key_check")).all() == []
        engine.dispose()
    finally:
        if database.cleanup:
            database.cleanup()
