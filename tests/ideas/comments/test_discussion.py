"""Comments, flags and moderation, blocks, official answers, notifications."""

from __future__ import annotations

import uuid
from datetime import timedelta

from tests.ideas.conftest import V, etag


def _comment(client, auth, who, idea_id, body="Puiki mintis", parent=None):
    r = client.post(
        f"{V}/ideas/{idea_id}/comments", json={"body": body, "parent_id": parent}, headers=auth.headers(who)
    )
    assert r.status_code == 201, r.text
    return r.json()


def test_threads_go_three_levels_deep_in_reading_order(client, auth, base, make_idea):
    idea = make_idea(base.resident)
    a = _comment(client, auth, base.resident2, idea["id"], "A")
    b = _comment(client, auth, base.diaspora, idea["id"], "B")
    a1 = _comment(client, auth, base.resident, idea["id"], "A1", a["id"])
    a11 = _comment(client, auth, base.resident2, idea["id"], "A11", a1["id"])
    assert a11["depth"] == 3 and a11["can_reply"] is False
    too_deep = client.post(
        f"{V}/ideas/{idea['id']}/comments",
        json={"body": "x", "parent_id": a11["id"]},
        headers=auth.headers(base.resident),
    )
    assert too_deep.status_code == 422
    items = client.get(f"{V}/ideas/{idea['id']}/comments").json()["items"]
    assert [c["body"] for c in items] == ["A", "A1", "A11", "B"]
    assert items[0]["reply_count"] == 1
    assert client.get(f"{V}/ideas/{idea['id']}").json()["comment_count"] == 4
    page = client.get(f"{V}/ideas/{idea['id']}/comments?limit=2").json()
    rest = client.get(f"{V}/ideas/{idea['id']}/comments?limit=2&cursor={page['next_cursor']}").json()
    assert [c["body"] for c in page["items"] + rest["items"]] == ["A", "A1", "A11", "B"]
    assert b["author_residence"] == "diaspora"


def test_comment_edit_window_and_soft_delete(client, auth, base, make_idea, db):
    from api.ideas.models import IdeaComment

    idea = make_idea(base.resident)
    c = _comment(client, auth, base.resident2, idea["id"], "Pirma")
    h = auth.headers(base.resident2)
    path = f"{V}/ideas/{idea['id']}/comments/{c['id']}"
    r = client.patch(path, json={"body": "Pataisyta"}, headers={**h, "If-Match": etag(client, path, h)})
    assert r.status_code == 200 and r.json()["body"] == "Pataisyta" and r.json()["edited_at"]
    other = auth.headers(base.resident)
    assert client.patch(path, json={"body": "x"}, headers={**other, "If-Match": "*"}).status_code == 403
    row = db.get(IdeaComment, uuid.UUID(c["id"]))
    row.created_at = row.created_at - timedelta(minutes=16)
    db.flush()
    late = client.patch(path, json={"body": "Vėlai"}, headers={**h, "If-Match": etag(client, path, h)})
    assert late.status_code == 409
    assert client.delete(path, headers={**h, "If-Match": etag(client, path, h)}).status_code == 204
    listed = client.get(f"{V}/ideas/{idea['id']}/comments").json()["items"][0]
    assert listed["deleted"] is True and listed["body"] is None and listed["author_name"] is None
    assert client.get(f"{V}/ideas/{idea['id']}").json()["comment_count"] == 0


def test_three_flags_hide_and_a_moderator_restores(client, auth, base, make_idea, people):
    idea = make_idea(base.resident, municipality="vilniaus-m")
    flaggers = people(3)
    for i, who in enumerate(flaggers):
        r = client.post(f"{V}/ideas/{idea['id']}/flags", json={"reason": "spam"}, headers=auth.headers(who))
        assert r.status_code == 201
        visible = client.get(f"{V}/ideas/{idea['id']}").status_code
        assert visible == (200 if i < 2 else 404)
    again = client.post(
        f"{V}/ideas/{idea['id']}/flags", json={"reason": "spam"}, headers=auth.headers(flaggers[0])
    )
    assert again.status_code in (404, 409)
    own = client.post(
        f"{V}/ideas/{idea['id']}/flags", json={"reason": "spam"}, headers=auth.headers(base.resident)
    )
    assert own.status_code == 409
    assert idea["id"] not in [
        i["id"] for i in client.get(f"{V}/ideas?municipality=vilniaus-m&limit=100").json()["items"]
    ]
    coord = auth.headers(base.coordinator)
    queue = client.get(f"{V}/moderation/cases", headers=coord).json()["items"]
    case = next(c for c in queue if c["target_id"] == idea["id"])
    assert case["status"] == "hidden" and case["open_flags"] == 3 and case["reasons"] == {"spam": 3}
    kaunas = auth.headers(base.coordinator_kaunas)
    assert case["id"] not in [
        c["id"] for c in client.get(f"{V}/moderation/cases", headers=kaunas).json()["items"]
    ]
    assert client.get(f"{V}/moderation/cases/{case['id']}", headers=kaunas).status_code == 404
    assert (
        client.post(
            f"{V}/moderation/cases/{case['id']}/restore", headers={**kaunas, "If-Match": "*"}
        ).status_code
        == 404
    )
    path = f"{V}/moderation/cases/{case['id']}"
    r = client.post(
        f"{path}/restore",
        json={"note": "Ne šlamštas"},
        headers={**coord, "If-Match": etag(client, path, coord)},
    )
    assert r.status_code == 200 and r.json()["status"] == "restored" and r.json()["open_flags"] == 0
    assert client.get(f"{V}/ideas/{idea['id']}").status_code == 200
    r = client.post(f"{path}/remove", headers={**coord, "If-Match": etag(client, path, coord)})
    assert r.status_code == 200 and r.json()["status"] == "removed"
    assert client.get(f"{V}/ideas/{idea['id']}").status_code == 404


def test_flagged_comment_is_hidden_but_keeps_its_place(client, auth, base, make_idea, people):
    idea = make_idea(base.resident)
    c = _comment(client, auth, base.resident2, idea["id"], "Įžeidus tekstas")
    for who in people(3):
        assert (
            client.post(
                f"{V}/ideas/{idea['id']}/comments/{c['id']}/flags",
                json={"reason": "offensive"},
                headers=auth.headers(who),
            ).status_code
            == 201
        )
    public = client.get(f"{V}/ideas/{idea['id']}/comments").json()["items"][0]
    assert public["hidden"] is True and public["body"] is None
    moderator = client.get(f"{V}/ideas/{idea['id']}/comments", headers=auth.headers(base.coordinator)).json()[
        "items"
    ][0]
    assert moderator["body"] == "Įžeidus tekstas" and moderator["moderation"] == "hidden"


def test_blocked_person_content_disappears(client, auth, base, make_idea):
    idea = make_idea(base.expert2, title={"lt": "Blokuojamo idėja"})
    other = make_idea(base.resident)
    c = _comment(client, auth, base.expert2, other["id"], "Blokuojamo komentaras")
    coord = auth.headers(base.coordinator)
    r = client.post(
        f"{V}/moderation/blocks", json={"user_id": str(base.expert2.id), "reason": "Šlamštas"}, headers=coord
    )
    assert r.status_code == 201 and r.json()["municipality"] == "vilniaus-m"
    assert (
        client.post(
            f"{V}/moderation/blocks", json={"user_id": str(base.expert2.id), "reason": "Dar"}, headers=coord
        ).status_code
        == 409
    )
    board = [i["id"] for i in client.get(f"{V}/ideas?municipality=vilniaus-m&limit=100").json()["items"]]
    assert idea["id"] not in board and other["id"] in board
    assert client.get(f"{V}/ideas/{idea['id']}").status_code == 404
    assert c["id"] not in [x["id"] for x in client.get(f"{V}/ideas/{other['id']}/comments").json()["items"]]
    h = auth.headers(base.expert2)
    assert client.put(f"{V}/ideas/{other['id']}/vote", headers=h).status_code == 403
    blocked_post = client.post(
        f"{V}/ideas",
        json={"municipality": "vilniaus-m", "category": "other", "title": {"lt": "a"}, "body": {"lt": "b"}},
        headers=h,
    )
    assert blocked_post.status_code == 403
    kaunas_ok = client.post(
        f"{V}/ideas",
        json={"municipality": "kauno-m", "category": "other", "title": {"lt": "a"}, "body": {"lt": "b"}},
        headers=h,
    )
    assert kaunas_ok.status_code == 201
    kaunas = auth.headers(base.coordinator_kaunas)
    assert (
        client.delete(f"{V}/moderation/blocks/vilniaus-m/{base.expert2.id}", headers=kaunas).status_code
        == 404
    )
    assert (
        client.delete(f"{V}/moderation/blocks/vilniaus-m/{base.expert2.id}", headers=coord).status_code == 204
    )
    assert client.get(f"{V}/ideas/{idea['id']}").status_code == 200


def test_unpublished_answer_is_invisible_until_published(client, auth, base, make_idea):
    idea = make_idea(base.resident)
    client.put(f"{V}/ideas/{idea['id']}/follow", headers=auth.headers(base.diaspora))
    coord = auth.headers(base.coordinator)
    r = client.post(
        f"{V}/ideas/{idea['id']}/answers",
        json={"body": {"lt": "Priimame, įgyvendinsime pavasarį."}, "new_state": "accepted"},
        headers=coord,
    )
    assert r.status_code == 201
    answer = r.json()
    public = client.get(f"{V}/ideas/{idea['id']}").json()
    assert (
        public["state"] == "published" and public["answered_at"] is None and public["pending_state"] is None
    )
    assert client.get(f"{V}/ideas/{idea['id']}/answers").json()["items"] == []
    assert client.get(f"{V}/ideas/{idea['id']}/answers/{answer['id']}").status_code == 404
    assert (
        client.get(f"{V}/ideas/{idea['id']}/answers", headers=auth.headers(base.resident)).json()["items"]
        == []
    )
    assert client.get(f"{V}/ideas/{idea['id']}", headers=coord).json()["pending_state"] == "accepted"
    author_notes = client.get(f"{V}/notifications", headers=auth.headers(base.resident)).json()["items"]
    assert not [n for n in author_notes if n["data"].get("idea_id") == idea["id"]]
    kaunas = auth.headers(base.coordinator_kaunas)
    assert (
        client.post(f"{V}/ideas/{idea['id']}/answers", json={"body": {"lt": "x"}}, headers=kaunas).status_code
        == 404
    )
    path = f"{V}/ideas/{idea['id']}/answers/{answer['id']}"
    assert client.post(f"{path}/publish", headers={**kaunas, "If-Match": "*"}).status_code == 404
    r = client.post(f"{path}/publish", headers={**coord, "If-Match": etag(client, path, coord)})
    assert r.status_code == 200 and r.json()["published_at"]
    public = client.get(f"{V}/ideas/{idea['id']}?lang=en").json()
    assert public["state"] == "accepted" and public["answered_at"]
    assert [a["id"] for a in client.get(f"{V}/ideas/{idea['id']}/answers").json()["items"]] == [answer["id"]]
    notes = client.get(f"{V}/notifications?lang=en", headers=auth.headers(base.diaspora)).json()["items"]
    kinds = {n["kind"] for n in notes if n["data"].get("idea_id") == idea["id"]}
    assert kinds == {"idea_answer", "idea_state"}
    assert any("accepted" in n["title"] for n in notes)
    answered = client.get(f"{V}/ideas?sort=-answered_at&municipality=vilniaus-m").json()["items"]
    assert answered[0]["id"] == idea["id"]
    bad = client.post(
        f"{V}/ideas/{idea['id']}/answers",
        json={"body": {"lt": "x"}, "new_state": "under_review"},
        headers=coord,
    )
    assert bad.status_code == 409


def test_notifications_read_unread(client, auth, base, make_idea):
    idea = make_idea(base.resident)
    parent = _comment(client, auth, base.resident, idea["id"], "Autorės komentaras")
    _comment(client, auth, base.resident2, idea["id"], "Atsakymas", parent["id"])
    h = auth.headers(base.resident)
    assert client.get(f"{V}/notifications/summary", headers=h).json()["unread"] >= 1
    items = client.get(f"{V}/notifications?unread=true&lang=en", headers=h).json()["items"]
    reply = next(n for n in items if n["kind"] == "comment_reply")
    assert "replied" in reply["title"] and reply["link"] == f"#/ideas/{idea['id']}"
    r = client.post(f"{V}/notifications/{reply['id']}/read", headers=h)
    assert r.status_code == 200 and r.json()["read"] is True
    assert reply["id"] not in [
        n["id"] for n in client.get(f"{V}/notifications?unread=true", headers=h).json()["items"]
    ]
    assert (
        client.post(f"{V}/notifications/{reply['id']}/read", headers=auth.headers(base.resident2)).status_code
        == 404
    )
    assert client.post(f"{V}/notifications/{reply['id']}/unread", headers=h).json()["read"] is False
    assert client.post(f"{V}/notifications/read-all", headers=h).json()["updated"] >= 1
    assert client.get(f"{V}/notifications/summary", headers=h).json()["unread"] == 0
    assert client.get(f"{V}/notifications").status_code == 401


def test_notify_is_generic(db, base):
    from api.core.actor import Actor
    from api.notifications.logic import notify, unread_count

    notify(
        db,
        user_id=base.expert.id,
        kind="expert_invitation",
        title_translations={"lt": "Kvietimas", "en": "Invitation"},
        link="#/experts/requests/1",
    )
    db.flush()
    assert unread_count(db, actor=Actor(kind="user", id=base.expert.id)) >= 1
