"""Demo data: hundreds of ideas for the seeds' cities from residents and the diaspora, in several
languages, with comments, votes and answers; a finished participatory budget (Kaunas) with results,
one open for voting (Vilnius, dates around now), and open calls. Bulk inserts keep it fast."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from api.accounts.demo import DEMO_PASSWORD
from api.accounts.models import User
from api.core.db import utcnow
from api.core.i18n import search_blob
from api.core.security import hash_password
from api.ideas.categories import residence_of
from api.ideas.demo.budgets import budgets_demo, open_calls_demo
from api.ideas.demo.texts import ANSWER_TEXT, CITIES, COMMENTS, DIASPORA_COUNTRIES, FIRST, IDEAS, LAST
from api.ideas.models import (
    IDEA_STATES,
    Idea,
    IdeaAnswer,
    IdeaComment,
    IdeaFollow,
    IdeaVote,
)
from api.municipalities.logic import get_by_slug


def _user_rows(shared_hash: str, rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    now = utcnow()
    for i in range(160):
        diaspora = i % 3 == 0
        country = rng.choice(DIASPORA_COUNTRIES) if diaspora else "LT"
        rows.append(
            {
                "id": uuid.uuid4(),
                "email": f"dalyvis{i + 1:03d}@demo.langelis.lt",
                "password_hash": shared_hash,
                "role": "resident",
                "display_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                "country": country,
                "preferred_language": "lt",
                "extra_scopes": [],
                "is_active": True,
                "email_verified_at": now,
                "created_at": now,
                "updated_at": now,
                "version": 1,
            }
        )
    return rows


def seed(session: Session) -> list[str]:
    rng = random.Random(2026)
    now = utcnow()
    shared_hash = hash_password(DEMO_PASSWORD)
    users = _user_rows(shared_hash, rng)
    session.execute(sa.insert(User.__table__), users)  # type: ignore[attr-defined]
    demo_resident = session.exec(select(User).where(User.email == "gyventoja@demo.langelis.lt")).one()
    demo_diaspora = session.exec(select(User).where(User.email == "diaspora@demo.langelis.lt")).one()
    people = [(u["id"], u["display_name"], u["country"]) for u in users]
    people += [(demo_resident.id, demo_resident.display_name, demo_resident.country)]
    people += [(demo_diaspora.id, demo_diaspora.display_name, demo_diaspora.country)]

    idea_rows: list[dict[str, Any]] = []
    for slug, city, count in CITIES:
        municipality = get_by_slug(session, slug)
        for n in range(count):
            category, lang, title, body = IDEAS[(n * 7 + len(slug)) % len(IDEAS)]
            author = people[rng.randrange(len(people) - 2)]
            if n == 0 and slug == "vilniaus-m":
                author = people[-2]
            if n == 1 and slug in ("vilniaus-m", "kauno-m"):
                author = people[-1]
            created = now - timedelta(days=rng.randint(1, 300), hours=rng.randint(0, 23))
            state = rng.choices(
                [name for name in IDEA_STATES if name != "draft"],
                weights=[55, 12, 10, 6, 6, 6, 5],
            )[0]
            t = {lang: title.format(city=city)}
            b = {lang: body.format(city=city)}
            idea_rows.append(
                {
                    "id": uuid.uuid4(),
                    "municipality_id": municipality.id,
                    "category": category,
                    "title": t,
                    "body": b,
                    "place": city if rng.random() < 0.4 else None,
                    "latitude": None,
                    "longitude": None,
                    "image_urls": [],
                    "author_id": author[0],
                    "author_name": author[1],
                    "author_country": author[2],
                    "author_residence": residence_of(author[2]),
                    "author_blocked": False,
                    "state": state,
                    "moderation": "visible",
                    "open_call_id": None,
                    "vote_count": 0,
                    "comment_count": 0,
                    "follower_count": 1,
                    "search": search_blob(t, b, author[1]),
                    "created_at": created,
                    "updated_at": created,
                    "listed_at": created,
                    "published_at": created,
                    "answered_at": None,
                    "version": 1,
                }
            )
    # Votes: popularity varies; each person votes for a handful of ideas.
    vote_rows: list[dict[str, Any]] = []
    seen: set[tuple[uuid.UUID, uuid.UUID]] = set()
    votable = [i for i in idea_rows if i["state"] not in ("withdrawn", "rejected")]
    weights = [rng.paretovariate(1.5) for _ in votable]
    for person in people[:-2]:
        for idea in rng.choices(votable, weights=weights, k=rng.randint(3, 25)):
            key = (idea["id"], person[0])
            if key in seen:
                continue
            seen.add(key)
            idea["vote_count"] += 1
            vote_rows.append(
                {
                    "idea_id": idea["id"],
                    "user_id": person[0],
                    "municipality_id": idea["municipality_id"],
                    "voter_residence": residence_of(person[2]),
                    "created_at": idea["created_at"] + timedelta(hours=rng.randint(1, 500)),
                }
            )
    comment_rows: list[dict[str, Any]] = []
    for idea in rng.sample(votable, k=min(220, len(votable))):
        parents: list[dict[str, Any]] = []
        for k in range(rng.randint(1, 4)):
            person = people[rng.randrange(len(people) - 2)]
            cid = uuid.uuid4()
            at = idea["created_at"] + timedelta(hours=3 + k * 5)
            path_key = f"{int(at.timestamp() * 1_000_000):017d}{cid.hex[:8]}"
            parent = parents[-1] if parents and rng.random() < 0.35 and parents[-1]["depth"] < 3 else None
            row = {
                "id": cid,
                "idea_id": idea["id"],
                "municipality_id": idea["municipality_id"],
                "parent_id": parent["id"] if parent else None,
                "depth": parent["depth"] + 1 if parent else 1,
                "path": f"{parent['path']}.{path_key}" if parent else path_key,
                "author_id": person[0],
                "author_name": person[1],
                "author_residence": residence_of(person[2]),
                "author_blocked": False,
                "body": rng.choice(COMMENTS)[1],
                "moderation": "visible",
                "reply_count": 0,
                "created_at": at,
                "edited_at": None,
                "deleted_at": None,
                "version": 1,
            }
            if parent:
                parent["reply_count"] += 1
            parents.append(row)
            comment_rows.append(row)
            idea["comment_count"] += 1
    answer_rows = []
    for idea in idea_rows:
        if idea["state"] in ANSWER_TEXT:
            at = idea["created_at"] + timedelta(days=rng.randint(5, 40))
            at = min(at, now - timedelta(hours=1))
            idea["answered_at"] = at
            answer_rows.append(
                {
                    "id": uuid.uuid4(),
                    "idea_id": idea["id"],
                    "body": ANSWER_TEXT[idea["state"]],
                    "new_state": idea["state"],
                    "author_id": None,
                    "created_at": at,
                    "updated_at": at,
                    "published_at": at,
                    "published_by": None,
                    "version": 1,
                }
            )
    session.execute(sa.insert(Idea.__table__), idea_rows)  # type: ignore[attr-defined]
    session.execute(
        sa.insert(IdeaFollow.__table__),  # type: ignore[attr-defined]
        [{"idea_id": i["id"], "user_id": i["author_id"], "created_at": i["created_at"]} for i in idea_rows],
    )
    session.execute(sa.insert(IdeaVote.__table__), vote_rows)  # type: ignore[attr-defined]
    session.execute(sa.insert(IdeaComment.__table__), comment_rows)  # type: ignore[attr-defined]
    session.execute(sa.insert(IdeaAnswer.__table__), answer_rows)  # type: ignore[attr-defined]
    session.flush()
    lines = [
        f"ideas: {len(idea_rows)} ideas in {len(CITIES)} municipalities, {len(vote_rows)} votes, "
        f"{len(comment_rows)} comments, {len(users)} participants (dalyvis001…160@demo.langelis.lt)"
    ]
    lines += budgets_demo(session, rng, idea_rows, people)
    lines += open_calls_demo(session, rng, people)
    return lines
