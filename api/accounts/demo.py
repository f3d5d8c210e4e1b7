"""Demo accounts, one or more per role, all with the demo password (demo mode only)."""

from __future__ import annotations

from typing import NamedTuple

from sqlmodel import Session, col, select

from api.accounts.models import MachineClient, User
from api.core.db import utcnow
from api.core.security import hash_password, hash_token
from api.municipalities.logic import get_by_slug

ADMIN_EMAIL = "admin@demo.langelis.lt"
DEMO_PASSWORD = "Langelis-demo-2026"  # noqa: S105 - demo mode only, printed to the operator


class DemoUser(NamedTuple):
    email: str
    role: str
    name: str
    municipality: str | None
    country: str


DEMO_USERS = [
    (ADMIN_EMAIL, "admin", "Platformos administratorė", None, "LT"),
    ("koordinatore.vilnius@demo.langelis.lt", "coordinator", "Rasa Vilnietė", "vilniaus-m", "LT"),
    ("koordinatorius.kaunas@demo.langelis.lt", "coordinator", "Tomas Kaunietis", "kauno-m", "LT"),
    ("koordinatore.jonava@demo.langelis.lt", "coordinator", "Asta Jonavietė", "jonavos-r", "LT"),
    (
        "koordinatorius.klaipeda@demo.langelis.lt",
        "coordinator",
        "Mindaugas Klaipėdietis",
        "klaipedos-m",
        "LT",
    ),
    ("koordinatore.siauliai@demo.langelis.lt", "coordinator", "Giedrė Šiaulietė", "siauliu-m", "LT"),
    ("analitike@demo.langelis.lt", "analyst", "Ieva Analitikė", None, "LT"),
    ("ekspertas@demo.langelis.lt", "expert", "Jonas Londonietis", None, "GB"),
    ("gyventoja@demo.langelis.lt", "resident", "Olena Kovalenko", None, "LT"),
    ("diaspora@demo.langelis.lt", "resident", "Marius Dublinietis", None, "IE"),
]


def already_seeded(session: Session) -> bool:
    return session.exec(select(User).where(User.email == ADMIN_EMAIL)).first() is not None


def make_user(
    session: Session,
    *,
    email: str,
    role: str,
    name: str,
    municipality: str | None = None,
    organization_id: object = None,
    country: str | None = "LT",
    password_hash: str | None = None,
) -> User:
    user = User(
        email=email,
        password_hash=password_hash or hash_password(DEMO_PASSWORD),
        role=role,
        display_name=name,
        municipality_id=get_by_slug(session, municipality).id if municipality else None,
        organization_id=organization_id,  # type: ignore[arg-type]
        country=country,
        email_verified_at=utcnow(),
        preferred_language="lt",
    )
    session.add(user)
    return user


# A municipal system's machine client (demo mode only; the secret is printed to the operator).
DEMO_CLIENT_ID = "demo-vilnius-intake"
DEMO_CLIENT_SECRET = "Langelis-demo-2026-intake"  # noqa: S105 - demo mode only
DEMO_CLIENT_SCOPES = ["migrants:intake"]


def seed_client(session: Session) -> str:
    session.add(
        MachineClient(
            client_id=DEMO_CLIENT_ID,
            secret_hash=hash_token(DEMO_CLIENT_SECRET),
            name="Vilniaus miesto gyventojų registras (demo)",
            municipality_id=get_by_slug(session, "vilniaus-m").id,
            scopes=DEMO_CLIENT_SCOPES,
        )
    )
    return f"  machine client {DEMO_CLIENT_ID} / {DEMO_CLIENT_SECRET} (vilniaus-m: {' '.join(DEMO_CLIENT_SCOPES)})"


def seed(session: Session) -> list[str]:
    shared_hash = hash_password(DEMO_PASSWORD)
    lines = [f"demo accounts (password for all: {DEMO_PASSWORD}):"]
    for demo in map(DemoUser._make, DEMO_USERS):
        make_user(session, **demo._asdict(), password_hash=shared_hash)
        where = f" ({demo.municipality})" if demo.municipality else ""
        lines.append(f"  {demo.role:<12} {demo.email}{where}")
    lines.append(seed_client(session))
    session.flush()
    return lines


def summary(session: Session) -> list[str]:
    """The demo accounts as they are in the database, for printing at start-up."""
    users = session.exec(
        select(User)
        .where(col(User.email).endswith("@demo.langelis.lt"))
        .order_by(col(User.role), col(User.email))
    ).all()
    lines = [f"demo accounts (password for all: {DEMO_PASSWORD}):"]
    lines += [f"  {u.role:<12} {u.email}" for u in users]
    return lines
