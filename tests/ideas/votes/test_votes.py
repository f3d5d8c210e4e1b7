"""Votes: one per person and idea, exact under concurrency, closed states, yearly limit, rate limit."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.core.db import utcnow
from tests.ideas.conftest import V, etag


def test_vote_is_idempotent_and_withdrawable(client, auth, base, make_idea):
    idea = make_idea(base.resident)
    h = auth.headers(base.resident2)
    first = client.put(f"{V}/ideas/{idea['id']}/vote", headers=h)
    assert first.status_code == 201 and first.json()["vote_count"] == 1
    again = client.put(f"{V}/ideas/{idea['id']}/vote", headers=h)
    assert again.status_code == 200 and again.json() == {**first.json(), "voted": True}
    assert client.get(f"{V}/ideas/{idea['id']}", headers=h).json()["viewer"]["voted"] is True
    gone = client.delete(f"{V}/ideas/{idea['id']}/vote", headers=h)
    assert gone.status_code == 200 and gone.json()["vote_count"] == 0 and gone.json()["voted"] is False
    assert client.delete(f"{V}/ideas/{idea['id']}/vote", headers=h).json()["vote_count"] == 0


@pytest.mark.parametrize("state", ["withdrawn", "rejected"])
def test_no_votes_on_closed_ideas(client, auth, base, make_idea, db, state):
    from api.ideas.models import Idea

    idea = make_idea(base.resident)
    row = db.get(Idea, uuid.UUID(idea["id"]))
    row.state = state
    db.flush()
    r = client.put(f"{V}/ideas/{idea['id']}/vote", headers=auth.headers(base.resident2))
    assert r.status_code == 409 and r.json()["type"].endswith("voting-closed")


def test_no_votes_on_drafts(client, auth, base, make_idea):
    draft = make_idea(base.resident, publish=False)
    assert client.put(f"{V}/ideas/{draft['id']}/vote", headers=auth.headers(base.resident)).status_code == 409
    assert (
        client.put(f"{V}/ideas/{draft['id']}/vote", headers=auth.headers(base.resident2)).status_code == 404
    )


def test_yearly_vote_limit_per_municipality(client, auth, base, make_idea):
    coord = auth.headers(base.coordinator)
    assert (
        client.put(f"{V}/ideas/settings/vilniaus-m", json={"yearly_vote_limit": 2}, headers=coord).status_code
        == 200
    )
    assert (
        client.put(f"{V}/ideas/settings/kauno-m", json={"yearly_vote_limit": 2}, headers=coord).status_code
        == 404
    )
    ideas = [make_idea(base.resident) for _ in range(3)]
    kaunas = make_idea(base.resident, municipality="kauno-m")
    h = auth.headers(base.resident2)
    r1 = client.put(f"{V}/ideas/{ideas[0]['id']}/vote", headers=h)
    assert r1.json()["votes_left_this_year"] == 1
    assert client.put(f"{V}/ideas/{ideas[1]['id']}/vote", headers=h).json()["votes_left_this_year"] == 0
    over = client.put(f"{V}/ideas/{ideas[2]['id']}/vote", headers=h)
    assert over.status_code == 409 and over.json()["type"].endswith("vote-limit-reached")
    assert client.put(f"{V}/ideas/{ideas[1]['id']}/vote", headers=h).status_code == 200
    assert client.put(f"{V}/ideas/{kaunas['id']}/vote", headers=h).status_code == 201
    client.delete(f"{V}/ideas/{ideas[0]['id']}/vote", headers=h)
    assert client.put(f"{V}/ideas/{ideas[2]['id']}/vote", headers=h).status_code == 201


def test_voting_is_rate_limited(app, client, auth, base, make_idea):
    from api.ideas.deps import IdeasSettings

    idea = make_idea(base.resident)
    app.state.ideas_settings = IdeasSettings(vote_rate_limit=3, vote_rate_window_seconds=3600)
    try:
        h = auth.headers(base.expert2)
        codes = [client.put(f"{V}/ideas/{idea['id']}/vote", headers=h).status_code for _ in range(4)]
    finally:
        del app.state.ideas_settings
    assert codes[:3] == [201, 200, 200] and codes[3] == 429
    r = client.put(f"{V}/ideas/{idea['id']}/vote", headers=h)
    assert r.status_code in (200, 429)


def test_failed_attempts_count_toward_the_limit(app, client, auth, make_idea, people):
    """The count and the vote share one transaction: an attempt that fails after being counted (an
    unknown idea, a draft of someone else's, a comment refused) is still counted once, like one that
    succeeds, and a refused attempt is counted too."""
    from api.core import ratelimit
    from api.ideas.deps import IdeasSettings

    (person,) = people(1)
    h = auth.headers(person)
    idea = make_idea()
    draft = make_idea(publish=False)
    app.state.ideas_settings = IdeasSettings(vote_rate_limit=4, vote_rate_window_seconds=3600)
    try:
        codes = [
            client.put(f"{V}/ideas/{uuid.uuid4()}/vote", headers=h).status_code,
            client.put(f"{V}/ideas/{draft['id']}/vote", headers=h).status_code,
            client.put(f"{V}/ideas/{idea['id']}/vote", headers=h).status_code,
            client.put(f"{V}/ideas/{uuid.uuid4()}/vote", headers=h).status_code,
            client.put(f"{V}/ideas/{idea['id']}/vote", headers=h).status_code,
            client.put(f"{V}/ideas/{idea['id']}/vote", headers=h).status_code,
        ]
        from api.core.db import side_session

        with side_session(app.state.session_factory) as session:
            counted = ratelimit.count(session, f"vote:{person.id}", window_seconds=3600)
    finally:
        del app.state.ideas_settings
    assert codes == [404, 404, 201, 404, 429, 429]
    assert counted == 6  # every attempt, the refused ones included, exactly once
    assert client.get(f"{V}/ideas/{idea['id']}", headers=h).json()["vote_count"] == 1


def test_rate_limit_answer_has_retry_after(app, client, auth, base, make_idea):
    from api.ideas.deps import IdeasSettings

    idea = make_idea(base.resident)
    app.state.ideas_settings = IdeasSettings(vote_rate_limit=1, vote_rate_window_seconds=3600)
    try:
        h = auth.headers(base.analyst)
        client.put(f"{V}/ideas/{idea['id']}/vote", headers=h)
        r = client.put(f"{V}/ideas/{idea['id']}/vote", headers=h)
    finally:
        del app.state.ideas_settings
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
    assert r.headers["content-type"] == "application/problem+json"


def test_fifty_concurrent_votes_by_one_person_count_once(app, engine, auth, base):
    """Real commits and real threads: 50 simultaneous attempts, exactly one vote."""
    from api.accounts.models import User
    from api.core.models import RateLimitCounter
    from api.ideas.models import Idea, IdeaFollow, IdeaVote

    tag = uuid.uuid4().hex[:10]
    with Session(engine) as s:
        voter = User(
            email=f"concurrent-{tag}@test.lt",
            role="resident",
            display_name="Concurrent voter",
            country="LT",
            email_verified_at=utcnow(),
        )
        s.add(voter)
        s.flush()
        idea = Idea(
            municipality_id=base.municipality.id,
            category="other",
            title={"lt": f"Lenktynės {tag}"},
            body={"lt": "Vienas balsas"},
            author_id=base.resident.id,
            author_name="Base Resident",
            author_residence="resident",
            state="published",
            published_at=utcnow(),
        )
        s.add(idea)
        s.commit()
        voter_id, idea_id = voter.id, idea.id
    voter_obj = User(id=voter_id, role="resident", extra_scopes=[])
    headers = auth.headers(voter_obj)

    def attempt(_: int) -> int:
        with TestClient(app, raise_server_exceptions=False) as c:
            return c.put(f"{V}/ideas/{idea_id}/vote", headers=headers).status_code

    try:
        with ThreadPoolExecutor(max_workers=50) as pool:
            codes = list(pool.map(attempt, range(50)))
        with Session(engine) as s:
            rows = s.execute(
                sa.select(sa.func.count()).select_from(IdeaVote).where(IdeaVote.idea_id == idea_id)
            ).scalar_one()
            counter = s.get(Idea, idea_id).vote_count
        assert codes.count(201) == 1, codes
        assert set(codes) <= {200, 201}, codes
        assert rows == 1 and counter == 1
    finally:
        with Session(engine) as s:
            s.execute(sa.delete(IdeaVote).where(IdeaVote.idea_id == idea_id))
            s.execute(sa.delete(IdeaFollow).where(IdeaFollow.idea_id == idea_id))
            s.execute(sa.delete(Idea).where(Idea.id == idea_id))
            s.execute(sa.delete(RateLimitCounter).where(RateLimitCounter.bucket.like(f"vote:{voter_id}%")))
            s.execute(sa.delete(User).where(User.id == voter_id))
            s.commit()


def test_another_municipality_moderator_cannot_change_settings(client, auth, base):
    r = client.put(
        f"{V}/ideas/settings/vilniaus-m",
        json={"yearly_vote_limit": 5},
        headers=auth.headers(base.coordinator_kaunas),
    )
    assert r.status_code == 404
    assert (
        client.put(
            f"{V}/ideas/settings/vilniaus-m",
            json={"yearly_vote_limit": 5},
            headers=auth.headers(base.resident),
        ).status_code
        == 403
    )
    assert client.get(f"{V}/ideas/settings/vilniaus-m").json() == {
        "municipality": "vilniaus-m",
        "yearly_vote_limit": None,
    }


def test_etag_changes_when_votes_change(client, auth, base, make_idea):
    idea = make_idea(base.resident)
    before = etag(client, f"{V}/ideas/{idea['id']}", {})
    client.put(f"{V}/ideas/{idea['id']}/vote", headers=auth.headers(base.resident2))
    assert etag(client, f"{V}/ideas/{idea['id']}", {}) != before


def test_withdrawing_is_counted_and_checked_like_casting(app, client, auth, base, make_idea):
    """DELETE goes through the same one-thread attempt as PUT: 401 without a token, 404 for an idea
    that is not there, and withdrawals count against the same hourly limit as votes (429)."""
    from api.ideas.deps import IdeasSettings

    idea = make_idea(base.resident)
    url = f"{V}/ideas/{idea['id']}/vote"
    assert client.delete(url).status_code == 401
    h = auth.headers(base.resident2)
    app.state.ideas_settings = IdeasSettings(vote_rate_limit=3, vote_rate_window_seconds=3600)
    try:
        codes = [
            client.put(url, headers=h).status_code,
            client.delete(url, headers=h).status_code,
            client.delete(url, headers=h).status_code,
            client.delete(url, headers=h).status_code,
        ]
        refused = client.delete(url, headers=h)
    finally:
        del app.state.ideas_settings
    assert codes[:3] == [201, 200, 200] and codes[3] == 429
    assert refused.status_code == 429 and refused.headers["content-type"] == "application/problem+json"
    assert client.get(f"{V}/ideas/{idea['id']}", headers=h).json()["vote_count"] == 0
    assert (
        client.delete(f"{V}/ideas/{uuid.uuid4()}/vote", headers=auth.headers(base.expert)).status_code == 404
    )


def test_your_vote_reads_as_casting_and_withdrawing_answered(client, auth, base, make_idea):
    """GET …/vote: what the last PUT or DELETE answered, with and without a yearly limit; 401
    without a token, 404 for a draft of someone else and for an idea that is not there."""
    idea = make_idea(base.resident)
    url = f"{V}/ideas/{idea['id']}/vote"
    h = auth.headers(base.resident2)
    assert client.get(url).status_code == 401
    mine = client.get(url, headers=h)
    assert mine.status_code == 200 and mine.headers["cache-control"] == "no-store"
    assert mine.json() == {
        "idea_id": idea["id"],
        "voted": False,
        "vote_count": 0,
        "votes_left_this_year": None,
    }
    cast = client.put(url, headers=h).json()
    assert client.get(url, headers=h).json() == cast == {**mine.json(), "voted": True, "vote_count": 1}
    # Another person sees the count, not this person's vote.
    assert client.get(url, headers=auth.headers(base.expert)).json() == {**mine.json(), "vote_count": 1}

    coord = auth.headers(base.coordinator)
    limit = {"yearly_vote_limit": 3}
    assert client.put(f"{V}/ideas/settings/vilniaus-m", json=limit, headers=coord).status_code == 200
    assert client.get(url, headers=h).json() == {**cast, "votes_left_this_year": 2}
    other = make_idea(base.resident)
    client.put(f"{V}/ideas/{other['id']}/vote", headers=h)
    assert client.get(url, headers=h).json()["votes_left_this_year"] == 1
    before = etag(client, f"{V}/ideas/{idea['id']}", {})
    withdrawn = client.delete(url, headers=h).json()
    assert etag(client, f"{V}/ideas/{idea['id']}", {}) != before  # the count moved
    assert (
        client.get(url, headers=h).json()
        == withdrawn
        == {**cast, "voted": False, "vote_count": 0, "votes_left_this_year": 2}
    )

    draft = make_idea(base.resident, publish=False)
    assert client.get(f"{V}/ideas/{draft['id']}/vote", headers=h).status_code == 404
    assert client.get(f"{V}/ideas/{draft['id']}/vote", headers=auth.headers(base.resident)).status_code == 200
    assert client.get(f"{V}/ideas/{uuid.uuid4()}/vote", headers=h).status_code == 404
