"""Erasure is final: a retried intake (same Idempotency-Key, or a new one with the same external
reference) must not bring the erased person back, and no replay of the first answer is served."""

from __future__ import annotations

import sqlalchemy as sa

from tests.migrants.package.test_package_gdpr import INTAKE


def _people(db) -> int:
    from api.migrants.models import Person

    return db.execute(sa.select(sa.func.count()).select_from(Person)).scalar_one()


def test_a_retried_intake_after_erasure_is_gone_and_creates_nothing(client, auth, base, db):
    from api.migrants.models import ErasedRef

    intake_client = base.clients["intake_vilnius"]
    body = {**INTAKE, "external_ref": "ERASED-INTAKE-1"}
    first = client.post(
        "/api/v1/migrants/intake",
        json=body,
        headers=auth.headers(intake_client, **{"Idempotency-Key": "k-1"}),
    )
    assert first.status_code == 201, first.text
    pid = first.json()["id"]
    h = auth.headers(base.coordinator)
    etag = client.get(f"/api/v1/migrants/{pid}", headers=h).headers["etag"]
    assert client.delete(f"/api/v1/migrants/{pid}", headers={**h, "If-Match": etag}).status_code == 204
    # Only a keyed hash is kept: neither the reference nor the name is stored anywhere in it.
    hashes = db.execute(sa.select(ErasedRef.key_hash)).scalars().all()
    assert hashes and all("ERASED" not in k and len(k) == 64 for k in hashes)
    before = _people(db)

    for key in ("k-1", "k-2"):
        again = client.post(
            "/api/v1/migrants/intake",
            json=body,
            headers=auth.headers(intake_client, **{"Idempotency-Key": key}),
        )
        assert again.status_code == 410, again.text
        assert again.headers["content-type"].startswith("application/problem+json")
        assert again.json()["type"].endswith("/erased")
        assert "idempotent-replayed" not in again.headers or again.json()["status"] == 410
    without_key = client.post("/api/v1/migrants/intake", json=body, headers=auth.headers(intake_client))
    assert without_key.status_code == 410
    assert _people(db) == before

    # Another municipality's reference with the same text is another person: not refused.
    other = client.post(
        "/api/v1/migrants/intake", json=body, headers=auth.headers(base.clients["intake_kaunas"])
    )
    assert other.status_code == 201
