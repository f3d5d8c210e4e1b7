"""More that reaches the people and systems that need it: a consent withdrawn (everyone who held
the data), services not checked for long (weekly), intake outcomes for the municipality's systems."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlmodel import col, select

from api.core.db import utcnow
from tests.directory.conftest import make_org, make_service  # noqa: F401 - fixtures
from tests.migrants.conftest import register, service  # noqa: F401 - fixtures


def _titles(client, auth, who, kind):
    items = client.get("/api/v1/notifications", params={"kind": kind}, headers=auth.headers(who)).json()[
        "items"
    ]
    return [n["title"] for n in items]


def test_a_withdrawn_consent_reaches_the_providers_that_held_the_data(client, auth, base, register, service):  # noqa: F811
    person = register()
    r = client.post(
        "/api/v1/referrals",
        json={"person_id": person["id"], "service_id": str(service.id), "need": "language"},
        headers=auth.headers(base.coordinator),
    )
    assert r.status_code == 201, r.text
    w = client.post(
        f"/api/v1/migrants/{person['id']}/consents",
        json={"purpose": "provider_sharing", "action": "withdraw"},
        headers=auth.headers(base.coordinator),
    )
    assert w.status_code == 200, w.text
    told = _titles(client, auth, base.provider, "consent_withdrawn")
    assert told and any(word in told[0] for word in ("sharing with providers", "dalijimasis", "передача"))
    assert "Olena" not in " ".join(told)
    assert _titles(client, auth, base.coordinator, "consent_withdrawn")
    assert not _titles(client, auth, base.provider_kaunas, "consent_withdrawn")


def test_stale_services_are_told_once_a_week(db, client, auth, base, make_service):  # noqa: F811
    from api.directory.notices import stale_services

    make_service(assured_date=date.today() - timedelta(days=400))
    now = utcnow()
    assert stale_services(db, now) >= 1
    assert _titles(client, auth, base.provider, "stale_services")
    assert _titles(client, auth, base.coordinator, "stale_services")
    assert stale_services(db, now) == 0  # the same week: nothing again


def test_an_intake_outcome_reaches_the_municipalitys_systems(db, client, auth, base):
    from api.accounts.models import MachineClient
    from api.webhooks.models import WebhookDelivery, WebhookEvent

    machine = db.get(MachineClient, base.clients["intake_vilnius"].id)
    machine.scopes = [*machine.scopes, "webhooks:manage"]
    db.add(machine)
    db.flush()
    h = auth.headers(base.clients["intake_vilnius"], ["migrants:intake", "webhooks:manage"])
    sub = client.post(
        "/api/v1/webhooks",
        json={"url": "https://gis.vilnius.example/hook", "event_types": ["intake.processed"]},
        headers=h,
    )
    assert sub.status_code == 201, sub.text
    body = {
        "external_ref": "GDV-WH-1",
        "given_name": "Rūta",
        "family_name": "Grįžusi",
        "legal_status": "returnee",
        "citizenships": ["LT"],
        "consents": ["case_management"],
    }
    r = client.post("/api/v1/migrants/intake", json=body, headers=h)
    assert r.status_code in (200, 201), r.text
    events = db.exec(
        select(WebhookEvent)
        .join(WebhookDelivery, col(WebhookDelivery.event_id) == WebhookEvent.id)
        .where(col(WebhookDelivery.subscription_id) == uuid.UUID(sub.json()["id"]))
    ).all()
    assert [e.type for e in events] == ["intake.processed"]
    assert events[0].data["external_ref"] == "GDV-WH-1" and "Rūta" not in str(events[0].data)
    # Kaunas' systems hear nothing of it.
    kaunas = db.exec(
        select(WebhookEvent).where(WebhookEvent.municipality_id == base.municipality_kaunas.id)
    ).all()
    assert not [
        e for e in kaunas if e.type == "intake.processed" and e.data.get("external_ref") == "GDV-WH-1"
    ]
