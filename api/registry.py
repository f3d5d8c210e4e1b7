"""The domains Langelis is made of. A domain is a package; this finds what each one provides.

A domain package may hold ``models`` (tables), ``router`` (``routers`` mounted under ``/api/v1``,
optional ``root_routers`` mounted at the site root and optional ``middleware``, ASGI classes put
innermost), ``cli`` (``register(subparsers)``) and ``demo``
(``seed(session) -> list[str]``). Adding a domain means adding its package and its name here.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterator
from types import ModuleType

# Order matters for demo data: later domains build on earlier ones.
DOMAINS: tuple[str, ...] = (
    "municipalities",
    "accounts",
    "notifications",
    "directory",
    "migrants",
    "experts",
    "ideas",
    "events",
    "indicators",
    "translations",
    "webhooks",
    "checklists",
)


def _optional(module: str) -> ModuleType | None:
    try:
        spec = importlib.util.find_spec(module)
    except ModuleNotFoundError:
        return None
    return importlib.import_module(module) if spec is not None else None


def modules(kind: str) -> Iterator[tuple[str, ModuleType]]:
    for domain in DOMAINS:
        found = _optional(f"api.{domain}.{kind}")
        if found is not None:
            yield domain, found


def import_models() -> None:
    """Import every table so that SQLModel.metadata knows the whole schema."""
    import api.core.models

    for _ in modules("models"):
        pass
    # Every domain's translatable texts; importing the status keeper registers its session listener.
    import api.core.translation_status  # noqa: F401
    from api.core import translatable

    for _, module in modules("translatable"):
        translatable.register(module.ENTRIES)


def seed(session: object, *, demo: bool) -> list[str]:
    """Load every domain's reference data and, with ``demo``, its demo data (once)."""
    from sqlmodel import Session

    from api.accounts import demo as accounts_demo

    assert isinstance(session, Session)
    import_models()
    lines: list[str] = []
    for domain, module in modules("reference"):
        loaded = module.load(session)
        session.commit()
        if loaded:
            lines.append(f"reference data for {domain}: {loaded}")
    if demo:
        if accounts_demo.already_seeded(session):
            lines.append("demo data already present; nothing loaded")
            return lines + accounts_demo.summary(session)
        for domain, module in modules("demo"):
            out = module.seed(session)
            session.commit()
            lines.extend(out or [f"demo data for {domain} loaded"])
    return lines
