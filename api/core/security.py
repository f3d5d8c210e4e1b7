"""All JWT and password-hash code lives here, so either library can be swapped in one place."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from jose import jwt
from jose.exceptions import JOSEError

from api.core.config import Settings

TokenType = Literal["access", "refresh"]
REQUIRED_CLAIMS = ("exp", "iat", "iss", "aud", "sub", "jti", "typ")

# OWASP minimum for Argon2id: m=19 MiB, t=2, p=1.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, hash_len=32, salt_len=16)
# Verified when the account does not exist, so a login takes as long either way.
_DUMMY_HASH = _hasher.hash("langelis-dummy-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def new_secret(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def hash_token(token: str) -> str:
    """For one-time tokens and client secrets with high entropy: SHA-256 is enough and fast."""
    return hashlib.sha256(token.encode()).hexdigest()


def constant_time_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


class TokenError(Exception):
    pass


@dataclass(frozen=True)
class TokenClaims:
    sub: str
    typ: TokenType
    jti: str
    exp: datetime
    iat: datetime
    scopes: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


def _keys(settings: Settings) -> tuple[str, str, str]:
    """(signing key, verification key, algorithm)."""
    if settings.jwt_private_key:
        if not settings.jwt_public_key:
            raise RuntimeError("LANGELIS_JWT_PUBLIC_KEY is required with LANGELIS_JWT_PRIVATE_KEY")
        return settings.jwt_private_key, settings.jwt_public_key, "RS256"
    assert settings.secret_key
    return settings.secret_key, settings.secret_key, "HS256"


def encode_token(
    settings: Settings,
    *,
    subject: str,
    typ: TokenType,
    scopes: list[str] | tuple[str, ...] = (),
    ttl_seconds: int | None = None,
    jti: str | None = None,
    extra: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> tuple[str, TokenClaims]:
    issued = (now or datetime.now(UTC)).replace(microsecond=0)
    ttl = ttl_seconds or (
        settings.access_token_ttl_seconds if typ == "access" else settings.refresh_token_ttl_seconds
    )
    expires = issued + timedelta(seconds=ttl)
    token_id = jti or uuid.uuid4().hex
    claims: dict[str, Any] = {
        **(extra or {}),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": subject,
        "iat": int(issued.timestamp()),
        "nbf": int(issued.timestamp()),
        "exp": int(expires.timestamp()),
        "jti": token_id,
        "typ": typ,
        "scope": " ".join(scopes),
    }
    key, _, algorithm = _keys(settings)
    token = jwt.encode(claims, key, algorithm=algorithm)
    return token, TokenClaims(
        sub=subject, typ=typ, jti=token_id, exp=expires, iat=issued, scopes=tuple(scopes), extra=extra or {}
    )


def decode_token(settings: Settings, token: str, *, expected: TokenType) -> TokenClaims:
    """Verify signature, algorithm, issuer, audience, expiry and type; raise TokenError otherwise."""
    _, key, algorithm = _keys(settings)
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") != algorithm:
            raise TokenError("unexpected algorithm")
        claims = jwt.decode(
            token,
            key,
            algorithms=[algorithm],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={
                "require_exp": True,
                "require_iat": True,
                "require_iss": True,
                "require_aud": True,
                "require_sub": True,
                "require_jti": True,
                "verify_exp": True,
                "verify_iat": True,
                "verify_nbf": True,
                "leeway": 0,
            },
        )
    except (JOSEError, ValueError, TypeError, KeyError) as exc:
        raise TokenError(str(exc)) from exc
    missing = [c for c in REQUIRED_CLAIMS if c not in claims]
    if missing:
        raise TokenError(f"missing claims {missing}")
    if claims["typ"] != expected:
        raise TokenError(f"a {claims['typ']} token cannot be used as a {expected} token")
    scope = claims.get("scope") or ""
    if not isinstance(scope, str):
        raise TokenError("bad scope claim")
    known = {*REQUIRED_CLAIMS, "scope", "nbf"}
    return TokenClaims(
        sub=str(claims["sub"]),
        typ=claims["typ"],
        jti=str(claims["jti"]),
        exp=datetime.fromtimestamp(int(claims["exp"]), UTC),
        iat=datetime.fromtimestamp(int(claims["iat"]), UTC),
        scopes=tuple(s for s in scope.split(" ") if s),
        extra={k: v for k, v in claims.items() if k not in known},
    )


def unverified_subject(settings: Settings, token: str) -> str | None:
    """The subject of a valid access token, or None; for keying idempotency records."""
    try:
        return decode_token(settings, token, expected="access").sub
    except TokenError:
        return None
