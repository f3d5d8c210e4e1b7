"""Directory demo data: organisations and their provider staff."""

from __future__ import annotations

from sqlmodel import Session

from api.accounts.demo import make_user
from api.directory.models import Organization
from api.municipalities.logic import get_by_slug

DEMO_ORGANIZATIONS = [
    ("vilniaus-m", "ngo", {"lt": "Lietuvos Raudonasis Kryžius", "en": "Lithuanian Red Cross"}),
    ("kauno-m", "ngo", {"lt": "Kauno įvairių kultūrų centras", "en": "Kaunas Multicultural Centre"}),
    (
        "jonavos-r",
        "social_service",
        {"lt": "Jonavos socialinių paslaugų centras", "en": "Jonava Social Services Centre"},
    ),
]


def seed(session: Session) -> list[str]:
    lines = []
    for index, (slug, kind, name) in enumerate(DEMO_ORGANIZATIONS):
        org = Organization(municipality_id=get_by_slug(session, slug).id, kind=kind, name=name)
        session.add(org)
        session.flush()
        email = f"teikejas{index + 1}@demo.langelis.lt"
        make_user(
            session,
            email=email,
            role="provider",
            name=f"{name['lt']} darbuotojas",
            municipality=slug,
            organization_id=org.id,
        )
        lines.append(f"  provider     {email} ({name['en']})")
    return lines
