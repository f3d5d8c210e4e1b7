"""'Near me': services with a place within a distance of a point; a confidential place is never
found by distance; bad points are a 422."""

from __future__ import annotations

import uuid

import pytest

from api.directory.models import Location, ServiceAtLocation
from tests.directory.conftest import ids

CATHEDRAL = (54.6858, 25.2877)  # Vilnius, Cathedral Square


def by_distance(client, marker: str, near: str) -> list[dict]:
    """Every item sorted by distance, one per page, following the cursors."""
    seen: list[dict] = []
    cursor = None
    while True:
        params = {"q": marker, "near": near, "sort": "distance", "limit": 1}
        if cursor:
            params["cursor"] = cursor
        r = client.get("/api/v1/services", params=params)
        assert r.status_code == 200, r.text
        seen += r.json()["items"]
        cursor = r.json()["next_cursor"]
        if not cursor:
            return seen


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


def test_sort_by_distance_pages_nearest_first_with_the_distance(client, placed, db, base, marker):
    town_hall = placed(54.6780, 25.2870)  # about 870 m
    close = placed(54.6890, 25.2790)  # about 650 m
    nearest = placed(54.6862, 25.2880)  # about 50 m
    hidden = placed(54.6859, 25.2878, confidential=True)  # closest of all, but secret
    # A service at two places: its distance is to the nearer one.
    second = Location(
        organization_id=base.org.id,
        municipality_id=base.municipality.id,
        name={"lt": "Kita vieta"},
        latitude=54.6870,
        longitude=25.2877,  # about 130 m
    )
    db.add(second)
    db.flush()
    db.add(ServiceAtLocation(service_id=town_hall.id, location_id=second.id))
    db.flush()
    near = f"{CATHEDRAL[0]},{CATHEDRAL[1]},2000"
    seen = [(i["id"], i["distance_m"]) for i in by_distance(client, marker, near)]
    assert [s for s, _ in seen] == [str(nearest.id), str(town_hall.id), str(close.id)]
    distances = [d for _, d in seen]
    assert distances == sorted(distances) and 30 < distances[0] < 70 and 100 < distances[1] < 160
    assert 600 < distances[2] < 700
    assert str(hidden.id) not in {s for s, _ in seen}
    # By name, the same services still say how far they are.
    r = client.get("/api/v1/services", params={"q": marker, "near": near, "sort": "name"})
    assert {i["id"]: i["distance_m"] for i in r.json()["items"]} == dict(seen)
    # Without near there is no distance to sort by or show.
    r = client.get("/api/v1/services", params={"q": marker, "sort": "distance"})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["query", "sort"]
    r = client.get("/api/v1/services", params={"q": marker})
    assert all(i["distance_m"] is None for i in r.json()["items"])


def test_a_service_at_two_equally_near_places_is_listed_once(client, placed, db, base, marker):
    """Two rooms in one building: the same distance twice is still one service on one page."""
    rooms = placed(54.6890, 25.2790)
    other_room = Location(
        organization_id=base.org.id,
        municipality_id=base.municipality.id,
        name={"lt": "Kitas kabinetas"},
        latitude=54.6890,
        longitude=25.2790,
    )
    db.add(other_room)
    db.flush()
    db.add(ServiceAtLocation(service_id=rooms.id, location_id=other_room.id))
    beside = placed(54.6890, 25.2790)
    db.flush()
    near = f"{CATHEDRAL[0]},{CATHEDRAL[1]},2000"
    seen = [i["id"] for i in by_distance(client, marker, near)]
    assert sorted(seen) == sorted([str(rooms.id), str(beside.id)])
