"""Demo data loads fast and, with services in the directory, has referrals in every state."""

from __future__ import annotations

from sqlmodel import select

from api.accounts import demo as accounts_demo
from api.accounts.models import User
from api.directory import demo as directory_demo
from api.directory.models import Organization
from api.migrants import demo
from api.migrants.models import Person, Referral, ReturneePackage


def test_demo_seed(db, client, auth, make_service):
    accounts_demo.seed(db)
    directory_demo.seed(db)
    # Whatever the directory's own demo holds, make sure every category the demo asks for exists.
    orgs = db.exec(select(Organization)).all()
    for org in orgs:
        for category in (
            "language",
            "housing",
            "employment",
            "community",
            "health",
            "social",
            "legal",
            "info",
            "family.childcare",
            "digital",
            "community.culture_tickets",
            "community.clubs",
        ):
            make_service(org, categories=[category], languages=["lt", "uk", "ru", "en", "ar"])
    # How long this takes is measured by the benchmarks, never asserted on (wall-clock is noisy).
    lines = demo.seed(db)
    db.flush()
    assert "people" in lines[0]
    people = db.exec(select(Person)).all()
    assert len(people) >= 300
    assert {"SY", "UA", "BY", "IN", "LT"} <= {c for p in people for c in p.citizenships}
    statuses = {r.status for r in db.exec(select(Referral)).all()}
    assert statuses == {"proposed", "sent", "accepted", "declined", "in_progress", "completed", "dropped"}
    assert len(db.exec(select(ReturneePackage)).all()) == 5
    rasa = db.exec(select(User).where(User.email == "koordinatore.vilnius@demo.langelis.lt")).one()
    listed = client.get("/api/v1/migrants", params={"limit": 5}, headers=auth.headers(rasa)).json()["items"]
    assert len(listed) == 5
    provider = db.exec(select(User).where(User.email == "teikejas1@demo.langelis.lt")).one()
    inbox = client.get("/api/v1/referral-inbox", headers=auth.headers(provider)).json()["items"]
    assert inbox and all(i["status"] != "proposed" for i in inbox)
