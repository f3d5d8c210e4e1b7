"""The ``langelis`` command: serve, migrate, seed, create-admin, openapi, and each domain's commands."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from api import registry
from api.core.commands import CommandContext
from api.core.config import PROJECT_ROOT, get_settings


def _alembic_config(url: str | None = None) -> Any:
    from alembic.config import Config

    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    if url:
        cfg.attributes["database_url"] = url
    return cfg


def migrate(target: str = "heads", *, downgrade: bool = False, url: str | None = None) -> None:
    from alembic import command

    settings = get_settings()
    url = url or settings.database_url
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    cfg = _alembic_config(url)
    if downgrade:
        command.downgrade(cfg, target)
    else:
        command.upgrade(cfg, target)


def cmd_migrate(args: argparse.Namespace) -> int:
    migrate(args.revision, downgrade=args.downgrade)
    print(f"database {'downgraded' if args.downgrade else 'upgraded'} to {args.revision}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    settings = get_settings()
    if args.migrate:
        migrate()
    from api.core import jobs

    registry.import_models()
    embedded = jobs.start_embedded(settings)
    try:
        _run_uvicorn(uvicorn, args, settings)
    finally:
        if embedded is not None:
            embedded.stop(graceful=True)
    return 0


def _run_uvicorn(uvicorn: Any, args: argparse.Namespace, settings: Any) -> None:
    uvicorn.run(
        "api.asgi:app",
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=True,
        forwarded_allow_ips=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        log_config=None,
        log_level=settings.log_level.lower(),
        # SIGTERM: stop accepting, let running requests finish for a few seconds, then stop.
        timeout_graceful_shutdown=settings.shutdown_grace_seconds,
    )


def cmd_worker(args: argparse.Namespace) -> int:
    """A job consumer of its own (production: run one or more beside `serve` with EMBEDDED=0)."""
    from api.core import jobs

    settings = get_settings()
    registry.import_models()
    jobs.configure(settings)
    consumer = jobs.consumer(args.workers)
    print(f"langelis worker: {type(jobs.runtime().huey).__name__}, {args.workers} threads", flush=True)
    consumer.run()  # handles SIGTERM (stop) and SIGINT (graceful) itself
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    from api.main import create_app

    settings = get_settings()
    if args.demo and not settings.demo and not args.force:
        print("refusing to load demo data outside demo mode (set LANGELIS_DEMO=true or pass --force)")
        return 2
    app = create_app(settings)
    with app.state.session_factory() as session:
        lines = registry.seed(session, demo=args.demo)
    for line in lines:
        print(line)
    return 0


def cmd_create_admin(args: argparse.Namespace) -> int:
    from api.accounts.models import User
    from api.core.db import utcnow
    from api.core.security import hash_password
    from api.main import create_app

    password = args.password or os.environ.get("LANGELIS_ADMIN_PASSWORD") or getpass.getpass("Password: ")
    if len(password) < 10:
        print("the password must have at least 10 characters", file=sys.stderr)
        return 2
    app = create_app()
    with app.state.session_factory() as session:
        from sqlmodel import select

        email = args.email.strip().lower()
        user = session.exec(select(User).where(User.email == email)).first()
        if user is None:
            user = User(email=email, role="admin", display_name=args.name, email_verified_at=utcnow())
            session.add(user)
        user.role = "admin"
        user.is_active = True
        user.municipality_id = None
        user.organization_id = None
        user.password_hash = hash_password(password)
        session.commit()
    print(f"admin {email} is ready")
    return 0


def cmd_openapi(args: argparse.Namespace) -> int:
    from api.core.openapi import build_openapi, dump
    from api.main import create_app

    os.environ.setdefault("LANGELIS_SECRET_KEY", "openapi-generation-only-" + "x" * 32)
    get_settings.cache_clear()
    text = dump(build_openapi(create_app()))
    target = Path(args.output)
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is out of date: run `langelis openapi` and commit it", file=sys.stderr)
            return 1
        print(f"{target} is up to date")
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="langelis", description="Langelis platform command line")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", help="serve the API (and the frontend when LANGELIS_SERVE_FRONTEND=true)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--migrate", action="store_true", help="apply migrations first")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("worker", help="run background jobs (mail, digests, reminders, periodic checks)")
    p.add_argument("--workers", type=int, default=2, help="worker threads")
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser("migrate", help="apply database migrations (alembic upgrade heads)")
    p.add_argument("revision", nargs="?", default="heads")
    p.add_argument("--downgrade", action="store_true", help="downgrade to the revision instead")
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("seed", help="load reference data; --demo adds realistic demo data")
    p.add_argument("--demo", action="store_true")
    p.add_argument("--force", action="store_true", help="load demo data even outside demo mode")
    p.set_defaults(func=cmd_seed)

    p = sub.add_parser("create-admin", help="create or reset a platform administrator")
    p.add_argument("--email", required=True)
    p.add_argument("--name", default="Administrator")
    p.add_argument("--password", help="else LANGELIS_ADMIN_PASSWORD or a prompt")
    p.set_defaults(func=cmd_create_admin)

    p = sub.add_parser("openapi", help="write openapi/openapi.json from the code")
    p.add_argument("--check", action="store_true", help="exit 1 when the committed file differs")
    p.add_argument("--output", default=str(PROJECT_ROOT / "openapi" / "openapi.json"))
    p.set_defaults(func=cmd_openapi)

    for _domain, module in registry.modules("cli"):
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[..., int] = args.func
    if getattr(args, "needs_context", False):
        ctx = CommandContext()
        try:
            return func(args, ctx)
        finally:
            ctx.close()
    return func(args)


if __name__ == "__main__":
    raise SystemExit(main())
