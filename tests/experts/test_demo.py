"""Demo data loads (fast, in bulk) and gives every page something to show."""

from __future__ import annotations

from collections import Counter

from sqlmodel import select

from api.accounts import demo as accounts_demo
from api.accounts.models import User
from api.directory import demo as directory_demo
from api.experts import demo
from api.experts.models import ExpertInvitation, ExpertProfile, ExpertRequest, ExpertShowcase


def test_demo_seed(db, client, auth):
    accounts_demo.seed(db)
    directory_demo.seed(db)
    lines = demo.seed(db)
    db.flush()
    assert any("expert profiles" in line for line in lines)
    profiles = db.exec(select(ExpertProfile)).all()
    assert len(profiles) > demo.N_DEMO_EXPERTS
    countries = Counter(p.country for p in profiles)
    assert {"GB", "IE", "NO", "DE", "FR", "BE", "PL", "LU", "SE", "US", "LT"} <= set(countries)
    assert sum(1 for p in profiles if p.mentor_capacity > 0) >= 20
    assert len({p.visibility for p in profiles}) == 3
    statuses = {r.status for r in db.exec(select(ExpertRequest)).all()}
    assert statuses == {"draft", "open", "in_progress", "answered", "closed", "cancelled"}
    assert len(db.exec(select(ExpertShowcase)).all()) >= 10
    # The generated experts are not mistaken for the foundation's demo accounts.
    assert len(accounts_demo.summary(db)) < 30

    # The demo expert has a profile and invitations waiting.
    jonas = db.exec(select(User).where(User.email == demo.DEMO_EXPERT_EMAIL)).one()
    inbox = client.get("/api/v1/experts/me/invitations", headers=auth.headers(jonas)).json()["items"]
    assert sum(1 for i in inbox if i["status"] == "invited" and i["can_respond"]) == 2
    assert any(i["status"] == "answered" for i in inbox)
    # A coordinator's board has proposals with reasons.
    rasa = db.exec(select(User).where(User.email == "koordinatore.vilnius@demo.langelis.lt")).one()
    board = client.get("/api/v1/expert-requests", headers=auth.headers(rasa)).json()["items"]
    assert len(board) == 5
    proposals = client.get(
        f"/api/v1/expert-requests/{board[0]['id']}/proposals", headers=auth.headers(rasa)
    ).json()
    assert proposals["items"] and proposals["items"][0]["reasons"]
    answered = db.exec(select(ExpertInvitation).where(ExpertInvitation.status == "answered")).all()
    assert answered and all(i.hours_given for i in answered)
    # Public search and the showcase work on it.
    assert client.get("/api/v1/experts", params={"q": "viesuju erdviu"}).json()["items"]
    assert client.get("/api/v1/experts/showcase").json()["items"]
