"""Settings, read from the environment (prefix ``LANGELIS_``) and an optional ``.env`` file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from fastapi import Depends, Request
from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Only ever used when demo mode is on; the server refuses to start with it otherwise.
DEMO_SECRET_KEY = "langelis-demo-secret-key-not-for-production-use-0000"  # noqa: S105


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LANGELIS_", env_file=".env", extra="ignore")

    environment: Literal["production", "development", "test"] = "production"
    demo: bool = False
    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'langelis.db'}"
    # PostgreSQL pool; SQLite gets one connection per worker thread. A request waits at most
    # ``database_pool_timeout`` seconds for a connection, then answers 503 with Retry-After.
    database_pool_size: int = 20
    database_max_overflow: int = 20
    database_pool_timeout: float = 5.0
    # PostgreSQL: ``SELECT 1`` before every checkout (off: a dropped connection fails one request).
    database_pre_ping: bool = False
    # Threads that run blocking route code (each holds at most one connection).
    worker_threads: int = 40
    # Seconds a stopping server (SIGTERM) lets running requests finish.
    shutdown_grace_seconds: int = 8
    database_echo: bool = False

    secret_key: str | None = Field(default=None, repr=False)
    # RS256 instead of HS256 when a PEM private key is given (and its public key for verification).
    jwt_private_key: str | None = Field(default=None, repr=False)
    jwt_public_key: str | None = None
    # Earlier secret keys (or PEMs): webhook secrets encrypted with a key derived from one of them
    # still decrypt, and are encrypted again with the current one (`langelis webhooks-reencrypt`).
    previous_secret_keys: list[str] = Field(default=[], repr=False)
    jwt_issuer: str = "https://langelis.lt"
    jwt_audience: str = "langelis-api"
    access_token_ttl_seconds: int = 900
    # A checked access token is trusted this long without the database; revocation, sign-out,
    # deactivation and password changes take effect within it on every worker (0: check each time).
    token_check_seconds: float = 5.0
    refresh_token_ttl_seconds: int = 30 * 24 * 3600

    public_base_url: str = "http://127.0.0.1:8000"
    cors_origins: list[str] = []
    # Origins the web app may call besides its own (CSP connect-src), e.g. a separate API host.
    csp_connect_src: list[str] = []
    serve_frontend: bool = False
    frontend_dir: Path = PROJECT_ROOT / "frontend"

    max_body_bytes: int = 1_048_576
    # Analytics answers each worker remembers until the data under them changes (0: none).
    analytics_cache_mb: int = 64
    # Public directory pages each worker remembers until the directory changes (0: none).
    directory_cache_mb: int = 32
    # Per-path overrides for large uploads (e.g. indicator imports), path prefix -> bytes.
    large_body_paths: dict[str, int] = {"/api/v1/indicators/data": 512 * 1024 * 1024}

    login_rate_limit: int = 10
    login_rate_window_seconds: int = 300
    register_rate_limit: int = 5
    register_rate_window_seconds: int = 3600
    idempotency_ttl_seconds: int = 24 * 3600

    log_level: str = "INFO"
    log_json: bool = True

    retention_closed_case_days: int = 5 * 365

    # Webhooks may call plain-HTTP, loopback and private-network addresses (local testing only:
    # outside it a partner endpoint must be public HTTPS, so the server is no SSRF relay).
    webhooks_allow_private: bool = False

    # Machine translation, off unless a provider is set: a LibreTranslate- or DeepL-compatible API.
    translation_provider: Literal["none", "libretranslate", "deepl"] = "none"
    translation_url: str = ""
    translation_api_key: str = ""
    # Characters each municipality (and the national texts) may send per calendar month.
    translation_monthly_characters: int = 500_000

    # Background jobs (api.core.jobs): "" = a SQLite file beside the database (or var/),
    # redis://host:6379/0 = Redis; the consumer runs inside `langelis serve` unless embedded=False.
    jobs_url: str = ""
    jobs_embedded: bool = True
    jobs_workers: int = 2
    # Mail: smtp://user:pass@host:port (?starttls=true); empty = demo outbox only (nothing sent).
    smtp_url: str = Field(default="", repr=False)
    mail_from: str = "Langelis <no-reply@langelis.lt>"

    @model_validator(mode="after")
    def _secret_required_outside_demo(self) -> Settings:
        if not self.secret_key and not self.jwt_private_key:
            if not self.demo:
                raise ValueError(
                    "LANGELIS_SECRET_KEY is required outside demo mode "
                    "(set LANGELIS_DEMO=true only for a local demonstration)"
                )
            self.secret_key = DEMO_SECRET_KEY
        if self.secret_key and len(self.secret_key) < 32 and not self.demo:
            raise ValueError("LANGELIS_SECRET_KEY must be at least 32 characters long")
        if self.secret_key == DEMO_SECRET_KEY and not self.demo:
            # The demo key is published in this repository: anyone could mint admin tokens.
            raise ValueError(
                "LANGELIS_SECRET_KEY is the published demo key; set a secret of your own "
                "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(48))'`)"
            )
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()


def app_settings(request: Request) -> Settings:
    """The settings of the app serving the request (tests run apps with their own settings)."""
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(app_settings)]
