"""The HSDS tests' catalogue: seven services of one marker at one location in Vilnius."""

from __future__ import annotations

import uuid

import pytest


@pytest.fixture
def catalogue(db, base, make_service):
    from api.directory.models import Location, ServiceAtLocation

    marker = "hs" + uuid.uuid4().hex[:8]
    location = Location(
        organization_id=base.org.id,
        municipality_id=base.municipality.id,
        name={"lt": "Centras"},
        address="Didžioji g. 1",
        city="Vilnius",
        postal_code="01128",
        latitude=54.68,
        longitude=25.28,
        accessibility={"lt": "Įėjimas be laiptų"},
        opening_hours=[{"weekday": 1, "opens": "09:00", "closes": "17:00"}],
    )
    db.add(location)
    db.flush()
    services = []
    for i in range(7):
        svc = make_service(
            name={"lt": f"Paslauga {marker} {i}", "uk": f"Послуга {i}"},
            description={"lt": "Aprašymas", "en": "Description"},
            categories=["legal.migration" if i % 2 else "language.course"],
            level=None if i % 2 else "A1",
            languages=["lt", "uk", "ar"],
            eligible_statuses=["refugee"] if i == 3 else [],
            age_min=16,
            free=i != 4,
            cost_amount=30 if i == 4 else None,
            schedule=[{"weekday": 3, "opens": "18:00", "closes": "20:00"}],
            start_date=None,
            funding_source="AMIF",
            funding_ends_on=None,
            phone="+370 5 211 1111",
            email="info@example.lt",
            url="https://example.lt/paslauga",
            status="temporarily_closed" if i == 5 else "active",
        )
        db.add(ServiceAtLocation(service_id=svc.id, location_id=location.id))
        services.append(svc)
    db.flush()
    return marker, services
