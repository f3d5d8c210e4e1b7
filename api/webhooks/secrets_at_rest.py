"""Webhook signing secrets at rest: encrypted, so a database dump or a read-only SQL leak does not
hand out the keys partners trust.

The server signs every delivery with the subscription's secret, so it must read the secret back:
it is encrypted (Fernet: AES-128-CBC and HMAC-SHA256), not hashed. The stored value is
``enc:v1:`` followed by the Fernet token; a clear ``whsec_…`` value was written before encryption
(migration ``webhooks_0003`` encrypts those in place, an older server still running during an
upgrade may write one): it is still read, and stored encrypted the next time the row is written.

Keys are derived with HKDF-SHA256 under a purpose label from the app's secret material, never the
material itself: ``LANGELIS_SECRET_KEY`` when it is set, else the PEM of
``LANGELIS_JWT_PRIVATE_KEY``. Every entry of ``LANGELIS_PREVIOUS_SECRET_KEYS`` (an earlier secret
key or PEM) derives a key that still decrypts (MultiFernet). A secret found under such a key, or
still in clear, is encrypted again with the current key when its subscription is next written (a
delivery attempt, a change) and by ``langelis webhooks-reencrypt``. A secret no configured key
decrypts fails its delivery attempts with :data:`UNDECRYPTABLE` until its owner rotates it."""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass, field
from functools import lru_cache

import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from api.core.config import Settings
from api.webhooks import signing
from api.webhooks.models import WebhookSubscription

PREFIX = "enc:v1:"
# Any encrypted form, this version or a later one; a value without it is a legacy clear secret.
ENCRYPTED = "enc:"
INFO = b"langelis webhook secrets v1"
UNDECRYPTABLE = (
    "the signing secret cannot be decrypted with the configured keys; rotate the subscription's secret"
)

_table = WebhookSubscription.__table__  # type: ignore[attr-defined]


class UndecryptableSecret(ValueError):
    """No configured key decrypts the stored secret (the secret key changed and the old one is not
    in ``LANGELIS_PREVIOUS_SECRET_KEYS``), or it is in a format this version does not know."""

    def __init__(self) -> None:
        super().__init__(UNDECRYPTABLE)


def derive_key(material: str) -> bytes:
    """The Fernet key of one secret key or PEM (surrounding whitespace ignored)."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=INFO)
    return base64.urlsafe_b64encode(hkdf.derive(material.strip().encode()))


@dataclass(frozen=True)
class Keyring:
    current: Fernet
    # The current key first, then the previous ones: decrypts what any of them encrypted.
    any: MultiFernet


@lru_cache(maxsize=8)
def _keyring(current: str, previous: tuple[str, ...]) -> Keyring:
    fernets = [Fernet(derive_key(m)) for m in (current, *previous)]
    return Keyring(current=fernets[0], any=MultiFernet(fernets))


def keyring(settings: Settings) -> Keyring:
    current = settings.secret_key or settings.jwt_private_key
    if not current or not current.strip():
        raise RuntimeError("no secret material: set LANGELIS_SECRET_KEY or LANGELIS_JWT_PRIVATE_KEY")
    previous = tuple(
        m for m in dict.fromkeys(settings.previous_secret_keys) if m.strip() and m.strip() != current.strip()
    )
    return _keyring(current, previous)


def seal(settings: Settings, clear: str) -> str:
    """The stored form of a clear secret, encrypted with the current key."""
    return PREFIX + keyring(settings).current.encrypt(clear.encode()).decode("ascii")


@dataclass(frozen=True)
class Opened:
    """A stored secret, its clear text, and whether it is stored under the current key."""

    stored: str
    clear: str
    current: bool


def _open(ring: Keyring, stored: str) -> Opened:
    if stored.startswith(signing.PREFIX):
        return Opened(stored, stored, False)  # written before encryption
    if not stored.startswith(PREFIX):
        raise UndecryptableSecret()  # a later format, or not a secret at all
    try:
        token = stored.removeprefix(PREFIX).encode("ascii")
        try:
            return Opened(stored, ring.current.decrypt(token).decode(), True)
        except InvalidToken:
            return Opened(stored, ring.any.decrypt(token).decode(), False)
    except (InvalidToken, ValueError):
        raise UndecryptableSecret() from None


def open_secret(settings: Settings, stored: str) -> Opened:
    """A stored value opened; :class:`UndecryptableSecret` when no key decrypts it."""
    return _open(keyring(settings), stored)


def reveal(settings: Settings, stored: str) -> str:
    """The clear secret of a stored value; :class:`UndecryptableSecret` when no key decrypts it."""
    return open_secret(settings, stored).clear


def reseal(
    session: Session, settings: Settings, sub: WebhookSubscription, opened: Opened | None = None
) -> bool:
    """Store ``sub``'s secret encrypted with the current key when it is in clear or encrypted with
    a previous key; True when it was written. A secret no key decrypts is left as it is.
    ``opened``: the secret as the caller already opened it (no second decryption).

    The write is conditional on the stored value being the one read, so a rotation that happened
    in between wins (a sender holding an old copy of the row never writes the old secret back). It
    changes neither the version (the ETag) nor ``updated_at``: the secret is the same."""
    if opened is None:
        try:
            opened = open_secret(settings, sub.secret)
        except UndecryptableSecret:
            return False
    if opened.current:
        return False
    new = seal(settings, opened.clear)
    written = session.execute(
        sa.update(_table)
        .where(_table.c.id == sub.id, _table.c.secret == opened.stored)
        .values(secret=new)
        .returning(_table.c.id)
    ).first()
    if written is None:
        return False
    set_committed_value(sub, "secret", new)
    return True


@dataclass
class Reencrypted:
    reencrypted: int = 0
    current: int = 0
    undecryptable: list[uuid.UUID] = field(default_factory=list)


def reencrypt_all(session: Session, settings: Settings) -> Reencrypted:
    """Every subscription's secret encrypted with the current key (``langelis webhooks-reencrypt``;
    running it again changes nothing). The caller commits."""
    result = Reencrypted()
    ring = keyring(settings)
    for sub in session.exec(select(WebhookSubscription).order_by(col(WebhookSubscription.id))).all():
        try:
            opened = _open(ring, sub.secret)
        except UndecryptableSecret:
            result.undecryptable.append(sub.id)
            continue
        if reseal(session, settings, sub, opened):
            result.reencrypted += 1
        else:
            # Already current, or rotated meanwhile (a new secret, under the current key).
            result.current += 1
    return result
