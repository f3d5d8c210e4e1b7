"""Requests for expertise: states and invalid moves, proposals with score and reason, invitations,
accepting, declining and answering, who may answer, hours, tenancy."""

from __future__ import annotations

from sqlmodel import select

from api.core.db import utcnow
from api.notifications.models import Notification
from tests.experts.conftest import etag_of
from tests.notifications.conftest import job_runtime  # noqa: F401 - fixture

NEW = {
    "title": {"lt": "Kaip pagyvinti senamiestį?", "en": "How to bring the old town to life?"},
    "question": {"lt": "Ką keistumėte pirmiausia?"},
    "context": {"en": "The municipality plans a renovation in 2027."},
    "competences": ["urban_planning", "architecture"],
    "languages": [{"language": "en", "min_level": "B2"}],
    "ways": ["remote_advice"],
    "hours_needed": 4,
    "visibility": "invitation_only",
}


def move(client, h, url, to, **extra):
    tag = etag_of(client, url, h)
    return client.post(f"{url}/status", json={"status": to, **extra}, headers={**h, "If-Match": tag})


def test_a_request_walks_through_its_states(client, auth, base, make_expert, db):
    h = auth.headers(base.coordinator)
    r = client.post("/api/v1/expert-requests", json=NEW, headers=h)
    assert r.status_code == 201, r.text
    req = r.json()
    url = f"/api/v1/expert-requests/{req['id']}"
    assert req["status"] == "draft" and req["municipality"] == "vilniaus-m"
    assert req["allowed_transitions"] == ["open", "cancelled"]
    assert req["competences"][0] == {"code": "urban_planning", "name": "Miestų planavimas"}

    user, expert = make_expert("Atsakanti Ekspertė", competences=["architecture"])
    # Invitations wait until the request is open.
    r = client.post(f"{url}/invitations", json={"expert_id": str(expert.id)}, headers=h)
    assert r.status_code == 409
    # Invalid moves are 409 and say what is possible.
    r = move(client, h, url, "closed", outcome="x")
    assert r.status_code == 409 and r.json()["allowed"] == ["open", "cancelled"]
    assert move(client, h, url, "answered").status_code == 409
    # Moves need If-Match.
    assert client.post(f"{url}/status", json={"status": "open"}, headers=h).status_code == 428
    r = move(client, h, url, "open")
    assert r.status_code == 200 and r.json()["status"] == "open" and r.json()["opened_at"]

    r = client.post(
        f"{url}/invitations", json={"expert_id": str(expert.id), "message": "Labai lauktume!"}, headers=h
    )
    assert r.status_code == 201, r.text
    inv = r.json()
    assert inv["status"] == "invited" and inv["score"] == sum(x["points"] for x in inv["reasons"])
    assert client.post(f"{url}/invitations", json={"expert_id": str(expert.id)}, headers=h).status_code == 409
    # The expert is notified, by e-mail unless they chose otherwise (experts rarely sign in).
    told = db.exec(select(Notification).where(Notification.user_id == user.id)).all()
    assert [(n.kind, n.delivery, n.link) for n in told] == [("expert_invitation", "email", "/experts/inbox")]
    assert "Kaip pagyvinti senamiestį?" in told[0].title["lt"]

    # The expert sees it in the inbox, accepts (request → in_progress) and answers (→ answered).
    eh = auth.headers(user)
    inbox = client.get("/api/v1/experts/me/invitations", headers=eh).json()["items"]
    assert [i["id"] for i in inbox] == [inv["id"]] and inbox[0]["can_respond"] is True
    assert (
        inbox[0]["request"]["title"] == "Kaip pagyvinti senamiestį?"
        and inbox[0]["message"] == "Labai lauktume!"
    )
    inv_url = f"/api/v1/experts/me/invitations/{inv['id']}"
    assert client.post(f"{inv_url}/accept", headers=eh).status_code == 428
    r = client.post(f"{inv_url}/accept", headers={**eh, "If-Match": etag_of(client, inv_url, eh)})
    assert r.status_code == 200 and r.json()["status"] == "accepted"
    assert client.get(url, headers=h).json()["status"] == "in_progress"
    r = client.post(f"{inv_url}/accept", headers={**eh, "If-Match": etag_of(client, inv_url, eh)})
    assert r.status_code == 409
    answer = {"kind": "opinion", "text": "Pirmiausia – pėsčiųjų gatvės ir medžiai.", "hours_spent": 3}
    r = client.post(
        f"{inv_url}/answer", json=answer, headers={**eh, "If-Match": etag_of(client, inv_url, eh)}
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "answered" and r.json()["hours_given"] == 3
    got = client.get(url, headers=h).json()
    assert got["status"] == "answered" and got["hours_given"] == 3
    assert got["invitations"]["answered"] == 1
    told = db.exec(select(Notification).where(Notification.user_id == base.coordinator.id)).all()
    assert [(n.kind, n.delivery, n.link) for n in told] == [
        ("expert_answer", "email", f"/expert-requests/{got['id']}")
    ]
    assert (
        told[0].title["en"] == "Atsakanti Ekspertė answered your request “How to bring the old town to life?”"
    )

    # The requester reads the answer and records the hours actually given.
    answers = client.get(f"{url}/invitations", headers=h).json()["items"]
    assert (
        answers[0]["answer_text"] == answer["text"]
        and answers[0]["expert"]["display_name"] == "Atsakanti Ekspertė"
    )
    inv_admin = f"{url}/invitations/{inv['id']}"
    r = client.patch(
        inv_admin, json={"hours_given": 4.5}, headers={**h, "If-Match": etag_of(client, inv_admin, h)}
    )
    assert r.status_code == 200 and r.json()["hours_given"] == 4.5
    assert (
        client.patch(inv_admin, json={"hours_given": 0.3}, headers={**h, "If-Match": "*"}).status_code == 422
    )

    # Closing needs an outcome; closed is final.
    r = move(client, h, url, "closed")
    assert r.status_code == 422
    r = move(client, h, url, "closed", outcome="Pasiūlymai įtraukti į renovacijos planą.")
    assert r.status_code == 200 and r.json()["status"] == "closed" and r.json()["closed_at"]
    assert r.json()["allowed_transitions"] == []
    for to in ("open", "cancelled", "in_progress"):
        assert move(client, h, url, to).status_code == 409
    tag = etag_of(client, url, h)
    assert client.patch(url, json={"hours_needed": 9}, headers={**h, "If-Match": tag}).status_code == 409
    # After closing, the expert can no longer act.
    r = client.post(f"{inv_url}/decline", headers={**eh, "If-Match": etag_of(client, inv_url, eh)})
    assert r.status_code == 409


def test_cancel_from_any_live_state(client, auth, base, make_request):
    h = auth.headers(base.coordinator)
    for status in ("draft", "open", "in_progress", "answered"):
        req = make_request(status=status)
        url = f"/api/v1/expert-requests/{req.id}"
        r = move(client, h, url, "cancelled")
        assert r.status_code == 200, (status, r.text)
        assert move(client, h, url, "open").status_code == 409


def test_only_invited_experts_answer_invitation_only_requests(client, auth, base, make_expert, make_request):
    req = make_request(visibility="invitation_only")
    invited_user, invited = make_expert("Pakviesta")
    outsider_user, _ = make_expert("Nepakviestas")
    h = auth.headers(base.coordinator)
    inv = client.post(
        f"/api/v1/expert-requests/{req.id}/invitations", json={"expert_id": str(invited.id)}, headers=h
    ).json()
    answer = {"kind": "opinion", "text": "Mano nuomonė"}
    # Not public: the outsider cannot even see it, nor answer it.
    assert client.get(f"/api/v1/expert-requests/public/{req.id}").status_code == 404
    r = client.post(
        f"/api/v1/expert-requests/public/{req.id}/answers", json=answer, headers=auth.headers(outsider_user)
    )
    assert r.status_code == 404
    # Nor someone else's invitation.
    r = client.post(
        f"/api/v1/experts/me/invitations/{inv['id']}/answer",
        json=answer,
        headers={**auth.headers(outsider_user), "If-Match": "*"},
    )
    assert r.status_code == 404
    assert (
        client.get(
            f"/api/v1/experts/me/invitations/{inv['id']}", headers=auth.headers(outsider_user)
        ).status_code
        == 404
    )
    # The invited expert answers straight away (answering accepts).
    ih = auth.headers(invited_user)
    r = client.post(
        f"/api/v1/experts/me/invitations/{inv['id']}/answer", json=answer, headers={**ih, "If-Match": "*"}
    )
    assert r.status_code == 200 and r.json()["status"] == "answered"


def test_any_expert_answers_a_public_request(client, auth, base, make_expert, make_request):
    req = make_request(visibility="public", competences=["music"])
    draft = make_request(visibility="public", status="draft")
    user, expert = make_expert("Savanorė")
    listed = client.get("/api/v1/expert-requests/public", params={"limit": 100}).json()["items"]
    assert str(req.id) in {r["id"] for r in listed} and str(draft.id) not in {r["id"] for r in listed}
    by_competence = client.get(
        "/api/v1/expert-requests/public", params={"competence": "music", "limit": 100}
    ).json()
    assert [r["id"] for r in by_competence["items"]] == [str(req.id)]
    assert client.get(f"/api/v1/expert-requests/public/{draft.id}").status_code == 404
    h = auth.headers(user)
    answer = {"kind": "time_offer", "text": "Galiu vesti dirbtuves vasarą.", "hours_offered": 8}
    r = client.post(f"/api/v1/expert-requests/public/{req.id}/answers", json=answer, headers=h)
    assert r.status_code == 201, r.text
    assert r.json()["origin"] == "volunteered" and r.json()["hours_offered"] == 8
    assert (
        client.post(f"/api/v1/expert-requests/public/{req.id}/answers", json=answer, headers=h).status_code
        == 409
    )
    invs = client.get(
        f"/api/v1/expert-requests/{req.id}/invitations", headers=auth.headers(base.coordinator)
    ).json()
    assert invs["items"][0]["expert_id"] == str(expert.id) and invs["items"][0]["origin"] == "volunteered"
    # Residents and staff do not answer as experts.
    assert (
        client.post(
            f"/api/v1/expert-requests/public/{req.id}/answers",
            json=answer,
            headers=auth.headers(base.resident),
        ).status_code
        == 403
    )
    # A request that is no longer live takes no answers.
    closed = make_request(visibility="public", status="closed")
    late, _ = make_expert("Vėluojantis")
    r = client.post(
        f"/api/v1/expert-requests/public/{closed.id}/answers", json=answer, headers=auth.headers(late)
    )
    assert r.status_code == 409


def test_decline_and_withdraw(client, auth, base, make_expert, make_request):
    req = make_request()
    h = auth.headers(base.coordinator)
    u1, e1 = make_expert("Atsisakanti")
    u2, e2 = make_expert("Atšaukta")
    url = f"/api/v1/expert-requests/{req.id}"
    i1 = client.post(f"{url}/invitations", json={"expert_id": str(e1.id)}, headers=h).json()
    i2 = client.post(f"{url}/invitations", json={"expert_id": str(e2.id)}, headers=h).json()
    r = client.post(
        f"/api/v1/experts/me/invitations/{i1['id']}/decline",
        json={"reason": "Neturiu laiko šį mėnesį."},
        headers={**auth.headers(u1), "If-Match": "*"},
    )
    assert r.status_code == 200 and r.json()["status"] == "declined"
    assert client.get(url, headers=h).json()["status"] == "open"  # declining does not move it
    w = f"{url}/invitations/{i2['id']}/withdraw"
    assert client.post(w, headers=h).status_code == 428
    r = client.post(w, headers={**h, "If-Match": etag_of(client, f"{url}/invitations/{i2['id']}", h)})
    assert r.status_code == 200 and r.json()["status"] == "withdrawn"
    assert client.post(w, headers={**h, "If-Match": "*"}).status_code == 409
    r = client.post(
        f"/api/v1/experts/me/invitations/{i2['id']}/accept", headers={**auth.headers(u2), "If-Match": "*"}
    )
    assert r.status_code == 409
    # Hours only on answered invitations.
    r = client.patch(f"{url}/invitations/{i1['id']}", json={"hours_given": 1}, headers={**h, "If-Match": "*"})
    assert r.status_code == 409


def test_proposals_rank_matching_experts_with_reasons(client, auth, base, make_expert, make_request):
    req = make_request(
        competences=["heritage_history", "tourism"],
        languages=[{"language": "en", "min_level": "B2"}],
        ways=["workshop"],
    )
    _, best = make_expert(
        "Geriausia",
        competences=["heritage_history", "tourism"],
        languages=[{"language": "en", "level": "C1"}],
        ways=["workshop"],
        home_municipalities=["vilniaus-m"],
    )
    _, good = make_expert(
        "Gera",
        competences=["heritage_history"],
        languages=[{"language": "en", "level": "B2"}],
        home_municipalities=["kauno-m"],
    )
    _, weak = make_expert("Silpnesnė", competences=["tourism"], languages=[{"language": "de", "level": "C2"}])
    _, none = make_expert("Netinka", competences=["software"])
    _, hidden = make_expert("Paslėpta", competences=["heritage_history", "tourism"], visibility="hidden")
    h = auth.headers(base.coordinator)
    url = f"/api/v1/expert-requests/{req.id}/proposals"
    items = client.get(url, params={"limit": 100}, headers=h).json()["items"]
    order = [i["expert"]["id"] for i in items]
    assert order[:3] == [str(best.id), str(good.id), str(weak.id)]
    assert str(none.id) not in order and str(hidden.id) not in order
    top = items[0]
    assert top["score"] == sum(r["points"] for r in top["reasons"])
    factors = {r["factor"] for r in top["reasons"]}
    assert {"competence", "language", "way", "home"} <= factors
    # Invited experts are no longer proposed.
    client.post(f"/api/v1/expert-requests/{req.id}/invitations", json={"expert_id": str(best.id)}, headers=h)
    order = [i["expert"]["id"] for i in client.get(url, params={"limit": 100}, headers=h).json()["items"]]
    assert str(best.id) not in order
    # Hidden or unknown experts cannot be invited.
    r = client.post(
        f"/api/v1/expert-requests/{req.id}/invitations", json={"expert_id": str(hidden.id)}, headers=h
    )
    assert r.status_code == 422


def test_tenancy_other_municipality_and_organisation_get_404(client, auth, base, make_request, make_expert):
    req = make_request()
    org_req = make_request(owner=base.provider)
    _user, expert = make_expert("Ekspertas")
    inv = client.post(
        f"/api/v1/expert-requests/{req.id}/invitations",
        json={"expert_id": str(expert.id)},
        headers=auth.headers(base.coordinator),
    ).json()
    for who, target in [
        (base.coordinator_kaunas, req),
        (base.provider, req),
        (base.provider_kaunas, org_req),
        (base.coordinator, org_req),  # the organisation's request belongs to the organisation
        (base.coordinator_kaunas, org_req),
    ]:
        h = {**auth.headers(who), "If-Match": "*"}
        url = f"/api/v1/expert-requests/{target.id}"
        assert client.get(url, headers=h).status_code == 404
        assert client.patch(url, json={"hours_needed": 2}, headers=h).status_code == 404
        assert client.post(f"{url}/status", json={"status": "cancelled"}, headers=h).status_code == 404
        assert client.get(f"{url}/proposals", headers=h).status_code == 404
        assert client.get(f"{url}/invitations", headers=h).status_code == 404
        assert (
            client.post(f"{url}/invitations", json={"expert_id": str(expert.id)}, headers=h).status_code
            == 404
        )
    h = {**auth.headers(base.coordinator_kaunas), "If-Match": "*"}
    assert (
        client.get(f"/api/v1/expert-requests/{req.id}/invitations/{inv['id']}", headers=h).status_code == 404
    )
    withdraw = f"/api/v1/expert-requests/{req.id}/invitations/{inv['id']}/withdraw"
    assert client.post(withdraw, headers=h).status_code == 404
    assert (
        client.patch(
            f"/api/v1/expert-requests/{req.id}/invitations/{inv['id']}", json={"hours_given": 1}, headers=h
        ).status_code
        == 404
    )
    # Lists hold only one's own.
    kaunas = client.get("/api/v1/expert-requests", headers=auth.headers(base.coordinator_kaunas)).json()[
        "items"
    ]
    assert str(req.id) not in {r["id"] for r in kaunas}
    provider = client.get("/api/v1/expert-requests", headers=auth.headers(base.provider)).json()["items"]
    assert {r["id"] for r in provider} == {str(org_req.id)}
    assert provider[0]["organization_id"] == str(base.org.id)
    # The admin sees everything.
    assert (
        client.get(f"/api/v1/expert-requests/{req.id}", headers=auth.headers(base.admin)).status_code == 200
    )


def test_request_validation_and_list_filters(client, auth, base, make_request):
    h = auth.headers(base.coordinator)
    for change in (
        {"competences": ["juggling"]},
        {"deadline": "2001-01-01"},
        {"languages": [{"language": "en", "min_level": "Z9"}]},
        {"title": {}},
        {"visibility": "secret"},
    ):
        assert client.post("/api/v1/expert-requests", json={**NEW, **change}, headers=h).status_code == 422, (
            change
        )
    # Admins post for a named municipality.
    assert (
        client.post("/api/v1/expert-requests", json=NEW, headers=auth.headers(base.admin)).status_code == 422
    )
    r = client.post(
        "/api/v1/expert-requests?municipality=kauno-m", json=NEW, headers=auth.headers(base.admin)
    )
    assert r.status_code == 201 and r.json()["municipality"] == "kauno-m"
    draft = make_request(status="draft", title={"lt": "Žaliųjų stogų programa"})
    opened = make_request(status="open", visibility="public")

    def mine(**p):
        return {
            r["id"]
            for r in client.get("/api/v1/expert-requests", params={"limit": 100, **p}, headers=h).json()[
                "items"
            ]
        }

    assert str(draft.id) in mine(status="draft") and str(opened.id) not in mine(status="draft")
    assert mine(status=["draft", "open"]) >= {str(draft.id), str(opened.id)}
    assert str(opened.id) in mine(visibility="public") and str(draft.id) not in mine(visibility="public")
    assert mine(q="zaliuju stogu") == {str(draft.id)}


def test_contributors_are_listed_for_thanks(client, auth, base, make_expert, make_request, db):
    from api.core.db import utcnow
    from api.experts.models import ExpertInvitation

    req = make_request()
    org_req = make_request(owner=base.provider)
    _, a = make_expert("Daug Padėjusi")
    _, b = make_expert("Mažiau Padėjęs")
    for request, expert, hours in ((req, a, 5), (org_req, a, 2), (req, b, 1.5)):
        db.add(
            ExpertInvitation(
                request_id=request.id,
                expert_id=expert.id,
                municipality_id=request.municipality_id,
                status="answered",
                hours_given=hours,
                answered_at=utcnow(),
            )
        )
    db.flush()
    r = client.get("/api/v1/expert-requests/contributors", headers=auth.headers(base.coordinator))
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert [(i["display_name"], i["hours"], i["answers"]) for i in items] == [
        ("Daug Padėjusi", 7.0, 2),
        ("Mažiau Padėjęs", 1.5, 1),
    ]
    provider = client.get("/api/v1/expert-requests/contributors", headers=auth.headers(base.provider)).json()
    assert [(i["display_name"], i["hours"]) for i in provider["items"]] == [("Daug Padėjusi", 2.0)]
    assert (
        client.get(
            "/api/v1/expert-requests/contributors", headers=auth.headers(base.coordinator_kaunas)
        ).json()["items"]
        == []
    )
    r = client.get(
        "/api/v1/expert-requests/contributors",
        params={"from": "2030-01-02", "to": "2030-01-01"},
        headers=auth.headers(base.coordinator),
    )
    assert r.status_code == 422


def test_an_invitation_is_mailed_in_the_experts_language_unless_turned_off(
    client,
    auth,
    base,
    make_expert,
    db,
    job_runtime,  # noqa: F811
):
    from api.core.models import OutboxMessage
    from api.notifications import mail

    h = auth.headers(base.coordinator)
    req = client.post("/api/v1/expert-requests", json=NEW, headers=h).json()
    url = f"/api/v1/expert-requests/{req['id']}"
    assert move(client, h, url, "open").status_code == 200
    uk_user, uk_expert = make_expert("Олена Експертка", competences=["architecture"])
    uk_user.preferred_language = "uk"
    quiet_user, quiet_expert = make_expert("Tyli Ekspertė", competences=["architecture"])
    db.flush()
    # The default channel for invitations is e-mail, and the preferences say so.
    prefs = client.get("/api/v1/notifications/preferences", headers=auth.headers(quiet_user)).json()
    assert {p["kind"]: p["channel"] for p in prefs["items"]}["expert_invitation"] == "email"
    r = client.put(
        "/api/v1/notifications/preferences",
        json={"channels": {"expert_invitation": "off"}},
        headers=auth.headers(quiet_user),
    )
    assert r.status_code in (200, 204), r.text
    for expert in (uk_expert, quiet_expert):
        r = client.post(f"{url}/invitations", json={"expert_id": str(expert.id)}, headers=h)
        assert r.status_code == 201, r.text
    assert mail.compose(db, utcnow()) >= 1
    to_uk = db.exec(select(OutboxMessage).where(OutboxMessage.recipient == uk_user.email)).all()
    assert len(to_uk) == 1 and to_uk[0].subject.startswith("Місто просить вашої експертизи")
    assert "/#/experts/inbox" in to_uk[0].body
    assert not db.exec(select(OutboxMessage).where(OutboxMessage.recipient == quiet_user.email)).all()
