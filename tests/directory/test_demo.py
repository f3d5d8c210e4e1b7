"""Demo data: ten municipalities, ~40 organisations, ~300 services in every category and several
languages, stale and losing-funding ones, confidential shelters, provider logins."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from sqlmodel import select

from api.accounts import demo as accounts_demo
from api.accounts.models import User
from api.directory import demo
from api.directory.categories.reference import categories
from api.directory.models import Location, Service
from api.municipalities.models import Organization


def test_demo_seed(db, client, auth) -> None:
    accounts_demo.seed(db)
    lines = demo.seed(db)
    db.flush()
    assert any("services" in line for line in lines)
    services = db.exec(select(Service)).all()
    orgs = {o.id: o for o in db.exec(select(Organization)).all()}
    demo_services = [s for s in services if s.organization_id in orgs]
    assert len(demo_services) >= 300
    used = {c for s in demo_services for c in s.categories}
    leaves = {c.code for c in categories().values()} - {c.parent for c in categories().values() if c.parent}
    assert leaves <= used | {c.parent for c in categories().values() if c.parent}
    languages = Counter(lang for s in demo_services for lang in s.languages)
    assert {"lt", "en", "uk", "ru", "ar"} <= set(languages)
    today = date.today()
    assert (
        sum(1 for s in demo_services if s.assured_date and s.assured_date < today - timedelta(days=180)) >= 15
    )
    assert (
        sum(1 for s in demo_services if s.funding_ends_on and s.funding_ends_on < today + timedelta(days=60))
        >= 15
    )
    assert db.exec(select(Location).where(Location.confidential.is_(True))).first() is not None  # type: ignore[attr-defined]
    municipalities = {
        client.get(f"/api/v1/services/{s.id}").json()["municipality"] for s in demo_services[:60]
    }
    assert len(municipalities) >= 8
    # The provider logins work on their organisation's services.
    provider = db.exec(select(User).where(User.email == "teikejas3@demo.langelis.lt")).one()
    own = client.get("/api/v1/services", params={"organization": str(provider.organization_id)}).json()[
        "items"
    ]
    assert own
    etag = client.get(f"/api/v1/services/{own[0]['id']}").headers["ETag"]
    changed = client.patch(
        f"/api/v1/services/{own[0]['id']}",
        json={"capacity": 42},
        headers={**auth.headers(provider), "If-Match": etag},
    )
    assert changed.status_code == 200, changed.text
    # Search in Ukrainian and in Arabic-speaking Jonava.
    assert client.get("/api/v1/services", params={"q": "литовської", "municipality": "jonavos-r"}).json()[
        "items"
    ]
    assert client.get("/api/v1/services", params={"language": "ar", "municipality": "jonavos-r"}).json()[
        "items"
    ]
