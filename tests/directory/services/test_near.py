"""'Near me': services with a place within a distance of a point; a confidential place is never
found by distance; bad points are a 422."""

from __future__ import annotations

import uuid

import pytest

from api.directory.models import Location, ServiceAtLocation
from tests.directory.conftest import ids

CATHEDRAL = (54.6858, 25.2877)  # Vilnius, Cathedral Square


@pytest.fixture
def placed(db, base, make_service, marker):
    def make(lat: float, lng: float, *, confidential: bool = False):
        location = Location(
            organization_id=base.org.id,
            municipality_id=base.municipality.id,
            name={"lt": "Vieta"},
            address="Gatvė 1",
            city="Vilnius",
            latitude=lat,
            longitude=lng,
            confidential=confidential,
        )
        db.add(location)
        db.flush()
        service = make_service(description={"lt": marker})
        db.add(ServiceAtLocation(service_id=service.id, location_id=location.id))
        db.flush()
        return service

    return make


def test_near_finds_what_is_within_reach(client, placed, make_service, marker):
    close = placed(54.6890, 25.2790)  # about 650 m away
    town_hall = placed(54.6780, 25.2870)  # about 870 m
    far = placed(54.8970, 23.8860)  # Kaunas
    hidden = placed(54.6860, 25.2880, confidential=True)  # next door, but its address is secret
    online = make_service(description={"lt": marker}, format="online")

    def found(meters: int) -> set[str]:
        near = f"{CATHEDRAL[0]},{CATHEDRAL[1]},{meters}"
        r = client.get("/api/v1/services", params={"q": marker, "near": near, "limit": 50})
        assert r.status_code == 200, r.text
        return {uuid.UUID(i).hex for i in ids(r)}

    assert found(700) == {close.id.hex}
    assert found(1000) == {close.id.hex, town_hall.id.hex}
    assert far.id.hex not in found(50_000) and hidden.id.hex not in found(50_000)
    assert online.id.hex not in found(1000)
    # Without near, all of them.
    everything = {
        uuid.UUID(i).hex for i in ids(client.get("/api/v1/services", params={"q": marker, "limit": 50}))
    }
    assert {close.id.hex, far.id.hex, hidden.id.hex, online.id.hex} <= everything


@pytest.mark.parametrize(
    "near", ["54.68,25.28", "a,b,c", "95,25,1000", "54.68,25.28,0", "54.68,25.28,200000", "nan,1,1"]
)
def test_a_bad_point_is_a_422(client, near):
    r = client.get("/api/v1/services", params={"near": near})
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["errors"][0]["loc"] == ["query", "near"]
