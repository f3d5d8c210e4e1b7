"""Notices of the directory: a service whose funding ends within 30 days (once per end date)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.directory.models import Service
from api.directory.services.logic import stale_before
from api.notifications.logic import notify_staff, once

WITHIN = timedelta(days=30)
# The notices' titles in each language, by kind; ``{name}`` is the service's name in that language.
_TITLES: dict[str, dict[str, str]] = json.loads((Path(__file__).parent / "notices.json").read_text("utf-8"))


def _titles(
    kind: str, name: dict[str, str] | None = None, fallback: str = "", **values: Any
) -> dict[str, str]:
    """The title of a notice of ``kind`` in each language (with the service's ``name`` in it)."""
    return {
        lang: text.format(**values, **({"name": name.get(lang) or fallback} if name is not None else {}))
        for lang, text in _TITLES[kind].items()
    }


def funding_ending(session: Session, now: datetime) -> int:
    """Tell the provider's staff and the municipality's coordinators, once per service and end date."""
    today = now.date()
    services = session.exec(
        select(Service).where(
            col(Service.funding_ends_on).is_not(None),
            col(Service.funding_ends_on) >= today,
            col(Service.funding_ends_on) <= today + WITHIN,
            col(Service.deleted_at).is_(None),
            Service.status != "defunct",
        )
    ).all()
    told = 0
    for service in services:
        ends = service.funding_ends_on
        if ends is None or not once(session, f"funding_ending:{service.id}:{ends.isoformat()}"):
            continue
        fallback = next(iter(service.name.values()), "")
        title = _titles("funding_ending", service.name, fallback, date=ends.isoformat())
        notify_staff(
            session,
            organization_id=service.organization_id,
            municipality_id=service.municipality_id,
            kind="funding_ending",
            title_translations=title,
            link=f"/services/{service.id}",
            data={"service_id": str(service.id), "funding_ends_on": ends.isoformat()},
        )
        told += 1
    return told


def correction_suggested(session: Session, service: Service, correction_id: str) -> None:
    """The service's provider staff and the municipality's coordinators learn of a correction."""
    fallback = service.name.get("lt") or next(iter(service.name.values()), "")
    notify_staff(
        session,
        organization_id=service.organization_id,
        municipality_id=service.municipality_id,
        kind="service_correction",
        title_translations=_titles("service_correction", service.name, fallback),
        link="/services/corrections",
        data={"service_id": str(service.id), "correction_id": correction_id},
    )


def stale_services(session: Session, now: datetime) -> int:
    """Weekly: each organisation's staff and each municipality's coordinators learn how many of
    their services have not been checked for 180 days (once per organisation and week)."""
    week = now.date().isocalendar()
    rows = session.exec(
        select(Service.organization_id, Service.municipality_id).where(
            col(Service.deleted_at).is_(None),
            Service.status == "active",
            sa.or_(col(Service.assured_date).is_(None), col(Service.assured_date) < stale_before(now.date())),
        )
    ).all()
    by_org: dict[Any, int] = {}
    by_muni: dict[Any, int] = {}
    for organization_id, municipality_id in rows:
        by_org[organization_id] = by_org.get(organization_id, 0) + 1
        by_muni[municipality_id] = by_muni.get(municipality_id, 0) + 1
    told = 0
    for key, counts, link in (("org", by_org, "/services/mine"), ("muni", by_muni, "/services/watch")):
        for owner, n in counts.items():
            if not once(session, f"stale:{key}:{owner}:{week.year}-{week.week}"):
                continue
            notify_staff(
                session,
                organization_id=owner if key == "org" else None,
                municipality_id=owner if key == "muni" else None,
                kind="stale_services",
                title_translations=_titles("stale_services", n=n),
                link=link,
                data={"count": n},
            )
            told += 1
    return told
