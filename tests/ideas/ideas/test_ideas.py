"""Ideas: proposing, the board (filters, sorts, pages), editing rules, author moves, export, stats."""

from __future__ import annotations

import csv
import io

from tests.ideas.conftest import V, etag


def test_propose_publish_and_read_as_anyone(client, auth, base, make_idea):
    idea = make_idea(
        base.diaspora, title={"en": "Diaspora mentoring day", "lt": "Kraštiečių mentorystės diena"}
    )
    assert idea["state"] == "published"
    assert idea["author"] == {"name": "Base Diaspora", "residence": "diaspora", "is_you": True}
    assert idea["viewer"]["following"] is True and idea["follower_count"] == 1
    r = client.get(f"{V}/ideas/{idea['id']}?lang=en")
    assert r.status_code == 200
    assert r.json()["title"] == "Diaspora mentoring day"
    assert (r.json()["author"]["is_you"] is False and "moderation" not in r.json()) or r.json()[
        "moderation"
    ] is None
    assert r.headers["ETag"]


def test_residence_is_kept_from_creation(client, auth, base, make_idea, db):
    from api.accounts.models import User

    idea = make_idea(base.resident)
    user = db.get(User, base.resident.id)
    user.country = "NO"
    db.flush()
    assert client.get(f"{V}/ideas/{idea['id']}").json()["author"]["residence"] == "resident"


def test_drafts_are_private_until_published(client, auth, base, make_idea):
    draft = make_idea(base.resident, publish=False)
    assert draft["state"] == "draft"
    assert client.get(f"{V}/ideas/{draft['id']}").status_code == 404
    assert client.get(f"{V}/ideas/{draft['id']}", headers=auth.headers(base.coordinator)).status_code == 404
    mine = client.get(f"{V}/ideas?mine=true", headers=auth.headers(base.resident)).json()["items"]
    assert draft["id"] in [i["id"] for i in mine]
    h = auth.headers(base.resident)
    tag = etag(client, f"{V}/ideas/{draft['id']}", h)
    assert (
        client.post(f"{V}/ideas/{draft['id']}/state", json={"state": "published"}, headers=h).status_code
        == 428
    )
    r = client.post(
        f"{V}/ideas/{draft['id']}/state", json={"state": "published"}, headers={**h, "If-Match": tag}
    )
    assert r.status_code == 200 and r.json()["state"] == "published"
    assert client.get(f"{V}/ideas/{draft['id']}").status_code == 200


def test_author_edits_only_before_first_vote(client, auth, base, make_idea):
    idea = make_idea(base.resident)
    h = auth.headers(base.resident)
    tag = etag(client, f"{V}/ideas/{idea['id']}", h)
    r = client.patch(
        f"{V}/ideas/{idea['id']}", json={"title": {"lt": "Nauja"}}, headers={**h, "If-Match": tag}
    )
    assert r.status_code == 200 and r.json()["title"] == "Nauja"
    stale = client.patch(f"{V}/ideas/{idea['id']}", json={"place": "Neris"}, headers={**h, "If-Match": tag})
    assert stale.status_code == 412
    other = auth.headers(base.resident2)
    assert (
        client.patch(
            f"{V}/ideas/{idea['id']}", json={"place": "x"}, headers={**other, "If-Match": "*"}
        ).status_code
        == 403
    )
    assert client.put(f"{V}/ideas/{idea['id']}/vote", headers=other).status_code == 201
    tag = etag(client, f"{V}/ideas/{idea['id']}", h)
    r = client.patch(f"{V}/ideas/{idea['id']}", json={"place": "Neris"}, headers={**h, "If-Match": tag})
    assert r.status_code == 409 and r.json()["type"].endswith("idea-not-editable")


def test_withdraw_at_any_time_but_not_twice(client, auth, base, make_idea):
    idea = make_idea(base.resident)
    h = auth.headers(base.resident)
    tag = etag(client, f"{V}/ideas/{idea['id']}", h)
    r = client.post(
        f"{V}/ideas/{idea['id']}/state", json={"state": "withdrawn"}, headers={**h, "If-Match": tag}
    )
    assert r.status_code == 200 and r.json()["state"] == "withdrawn"
    tag = r.headers["ETag"]
    again = client.post(
        f"{V}/ideas/{idea['id']}/state", json={"state": "withdrawn"}, headers={**h, "If-Match": tag}
    )
    assert again.status_code == 409
    board = client.get(f"{V}/ideas?municipality=vilniaus-m&limit=100").json()["items"]
    assert idea["id"] not in [i["id"] for i in board]
    withdrawn = client.get(f"{V}/ideas?municipality=vilniaus-m&state=withdrawn&limit=100").json()["items"]
    assert idea["id"] in [i["id"] for i in withdrawn]


def test_board_filters_combine(client, auth, base, make_idea):
    a = make_idea(base.resident, category="mobility", title={"lt": "Dviračių takas Šiauliuose"})
    b = make_idea(base.diaspora, category="mobility", title={"lt": "Dviračių stovai"})
    c = make_idea(base.diaspora, category="culture", municipality="kauno-m")

    def ids(query: str) -> set[str]:
        r = client.get(f"{V}/ideas?{query}&limit=100")
        assert r.status_code == 200, r.text
        return {i["id"] for i in r.json()["items"]}

    assert {a["id"], b["id"]} <= ids("municipality=vilniaus-m&category=mobility")
    assert c["id"] not in ids("municipality=vilniaus-m")
    assert ids("municipality=vilniaus-m&category=mobility&residence=diaspora") & {a["id"], b["id"]} == {
        b["id"]
    }
    assert a["id"] in ids("q=siauliuose") and b["id"] not in ids("q=siauliuose")
    assert c["id"] in ids("category=culture&residence=diaspora&municipality=kauno-m")
    assert client.get(f"{V}/ideas?municipality=nowhere").status_code == 422
    assert client.get(f"{V}/ideas?sort=bogus").status_code == 422


def test_sort_by_votes_pages_with_keyset(client, auth, base, make_idea, people):
    voters = people(3)
    made = [make_idea(base.resident, municipality="akmenes-r") for _ in range(5)]
    for i, idea in enumerate(made[:3]):
        for v in voters[: i + 1]:
            assert client.put(f"{V}/ideas/{idea['id']}/vote", headers=auth.headers(v)).status_code == 201
    seen, cursor = [], None
    while True:
        q = f"{V}/ideas?municipality=akmenes-r&sort=-vote_count&limit=2" + (
            f"&cursor={cursor}" if cursor else ""
        )
        r = client.get(q)
        page = r.json()
        seen += [(i["vote_count"], i["id"]) for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
        assert 'rel="next"' in r.headers["Link"]
    assert len(seen) == 5 and len({s[1] for s in seen}) == 5
    assert [s[0] for s in seen] == [3, 2, 1, 0, 0]
    assert seen == sorted(seen, reverse=True)
    bad = client.get(
        f"{V}/ideas?municipality=akmenes-r&sort=-comment_count&cursor={page['next_cursor'] or 'x'}"
    )
    assert bad.status_code == 400


def test_export_csv_rounds_timestamps_and_shows_no_emails(client, auth, base, make_idea):
    make_idea(base.resident, municipality="taurages-r", title={"lt": "=HYPERLINK(bad)"})
    r = client.get(f"{V}/ideas/export?format=csv&municipality=taurages-r")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and rows[0]["author_name"] == "Base Resident"
    assert rows[0]["title"].startswith("'=")
    assert rows[0]["created_at"].endswith(":00:00Z")
    assert "@" not in r.text


def test_export_streams_every_idea_in_batches(client, auth, base, make_idea, monkeypatch):
    from api.ideas.ideas import export as logic

    monkeypatch.setattr(logic, "EXPORT_BATCH", 2)
    made = {make_idea(base.resident, municipality="rokiskio-r")["id"] for _ in range(5)}
    r = client.get(f"{V}/ideas/export?format=csv&municipality=rokiskio-r")
    assert r.status_code == 200
    ids = [row["id"] for row in csv.DictReader(io.StringIO(r.text))]
    assert sorted(ids) == sorted(made)
    assert len(ids) == len(set(ids))
    assert client.get(f"{V}/ideas/export?format=csv&municipality=nowhere").status_code == 422


def test_stats_by_residence(client, auth, base, make_idea):
    make_idea(base.resident, municipality="marijampoles")
    idea = make_idea(base.diaspora, municipality="marijampoles")
    client.put(f"{V}/ideas/{idea['id']}/vote", headers=auth.headers(base.diaspora))
    s = client.get(f"{V}/ideas/stats?municipality=marijampoles").json()
    assert s["ideas_by_residence"] == {"resident": 1, "diaspora": 1}
    assert s["votes_by_residence"] == {"diaspora": 1}


def test_categories_and_validation(client, auth, base):
    cats = client.get(f"{V}/ideas/categories?lang=en").json()["items"]
    assert {"code": "mobility", "name": "Mobility and transport"} in cats
    h = auth.headers(base.resident)
    bad = client.post(
        f"{V}/ideas",
        json={
            "municipality": "vilniaus-m",
            "category": "mobility",
            "title": {"xx": "a"},
            "body": {"lt": "b"},
        },
        headers=h,
    )
    assert bad.status_code == 422
    http = client.post(
        f"{V}/ideas",
        json={
            "municipality": "vilniaus-m",
            "category": "mobility",
            "title": {"lt": "a"},
            "body": {"lt": "b"},
            "image_urls": ["http://x.lt/a.png"],
        },
        headers=h,
    )
    assert http.status_code == 422
    assert client.post(f"{V}/ideas", json={}, headers=auth.headers(base.clients["stats"])).status_code == 403
    assert client.post(f"{V}/ideas", json={}).status_code == 401


def test_follow_and_unfollow(client, auth, base, make_idea):
    idea = make_idea(base.resident)
    h = auth.headers(base.resident2)
    assert client.put(f"{V}/ideas/{idea['id']}/follow", headers=h).status_code == 204
    assert client.put(f"{V}/ideas/{idea['id']}/follow", headers=h).status_code == 204
    assert client.get(f"{V}/ideas/{idea['id']}", headers=h).json()["follower_count"] == 2
    assert client.delete(f"{V}/ideas/{idea['id']}/follow", headers=h).status_code == 204
    got = client.get(f"{V}/ideas/{idea['id']}", headers=h).json()
    assert got["follower_count"] == 1 and got["viewer"]["following"] is False
