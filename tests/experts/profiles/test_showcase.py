"""The role-model showcase: coordinators show notable kraštiečiai from their municipality."""

from __future__ import annotations

from tests.experts.conftest import etag_of

STORY = {
    "story": {"lt": "Iš Šiaulių – į pasaulinę architektūrą.", "en": "From Šiauliai to world architecture."}
}


def test_coordinator_marks_a_notable_expert_from_their_municipality(client, auth, base, make_expert):
    user, star = make_expert("Garsi Architektė", home_municipalities=["vilniaus-m", "siauliu-m"])
    _, from_kaunas = make_expert("Kaunietis", home_municipalities=["kauno-m"])
    h = auth.headers(base.coordinator)
    r = client.put(f"/api/v1/experts/{star.id}/showcase", json=STORY, headers=h)
    assert r.status_code == 201, r.text
    assert (
        r.json()["municipality"] == "vilniaus-m" and r.json()["expert"]["display_name"] == "Garsi Architektė"
    )
    r = client.put(f"/api/v1/experts/{star.id}/showcase", json={**STORY, "position": 3}, headers=h)
    assert r.status_code == 200 and r.json()["position"] == 3
    # Only experts from the coordinator's municipality; others are not found.
    assert client.put(f"/api/v1/experts/{from_kaunas.id}/showcase", json=STORY, headers=h).status_code == 404
    assert (
        client.put(
            f"/api/v1/experts/{star.id}/showcase", json=STORY, headers=auth.headers(base.coordinator_kaunas)
        ).status_code
        == 404
    )
    assert (
        client.put(
            f"/api/v1/experts/{star.id}/showcase", json={**STORY, "municipality": "kauno-m"}, headers=h
        ).status_code
        == 404
    )
    for who in (base.resident, base.expert, base.provider, base.analyst):
        assert (
            client.put(
                f"/api/v1/experts/{star.id}/showcase", json=STORY, headers=auth.headers(who)
            ).status_code
            == 403
        )
    # Admins name the municipality.
    assert (
        client.put(
            f"/api/v1/experts/{star.id}/showcase", json=STORY, headers=auth.headers(base.admin)
        ).status_code
        == 422
    )
    r = client.put(
        f"/api/v1/experts/{star.id}/showcase",
        json={**STORY, "municipality": "siauliu-m"},
        headers=auth.headers(base.admin),
    )
    assert r.status_code == 201

    # Everyone sees the showcase, with the story in their language, and the card says notable.
    shown = client.get(
        "/api/v1/experts/showcase", params={"municipality": "vilniaus-m", "lang": "en"}
    ).json()["items"]
    assert [(s["expert"]["id"], s["story"]) for s in shown] == [
        (str(star.id), "From Šiauliai to world architecture.")
    ]
    assert shown[0]["expert"]["contact"] is None
    everywhere = client.get("/api/v1/experts/showcase", params={"limit": 100}).json()["items"]
    assert {s["municipality"] for s in everywhere if s["expert"]["id"] == str(star.id)} == {
        "vilniaus-m",
        "siauliu-m",
    }
    card = client.get(f"/api/v1/experts/{star.id}").json()
    assert {n["municipality"] for n in card["notable"]} == {"vilniaus-m", "siauliu-m"}

    # Hiding the profile takes it out of the showcase at once.
    eh = auth.headers(user)
    client.patch(
        f"/api/v1/experts/{star.id}",
        json={"visibility": "hidden"},
        headers={**eh, "If-Match": etag_of(client, "/api/v1/experts/me", eh)},
    )
    assert client.get("/api/v1/experts/showcase", params={"municipality": "vilniaus-m"}).json()["items"] == []

    # Removing it: another municipality's coordinator cannot.
    kaunas = auth.headers(base.coordinator_kaunas)
    assert client.delete(f"/api/v1/experts/{star.id}/showcase", headers=kaunas).status_code == 404
    assert client.delete(f"/api/v1/experts/{star.id}/showcase", headers=h).status_code == 204
    assert client.delete(f"/api/v1/experts/{star.id}/showcase", headers=h).status_code == 404
    assert client.get("/api/v1/experts/showcase", params={"municipality": "atlantis"}).status_code == 422
