"""Demo data: several hundred diaspora experts from the seeds' cities, a showcase of notable
kraštiečiai, mentors, and requests for expertise in every state with invitations and answers.

Everything is generated from a fixed random seed and inserted in bulk (one password hash for all),
so it loads in about a second. The generator (:mod:`api.experts.demo.people`) also makes the
benchmark's 100,000 experts.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

import api.experts.demo.stories as stories
from api.accounts.demo import DEMO_PASSWORD
from api.accounts.models import User
from api.core.db import utcnow
from api.core.i18n import search_blob
from api.core.security import hash_password
from api.experts.common import months_before
from api.experts.demo.people import generate, insert
from api.experts.models import (
    Competence,
    ExpertCompetence,
    ExpertHome,
    ExpertInvitation,
    ExpertLanguage,
    ExpertProfile,
    ExpertRequest,
    ExpertShowcase,
)
from api.experts.profiles.ranking import LEVEL_RANK, WAY_BITS, ways_to_mask
from api.experts.requests.logic import criteria_for
from api.municipalities.models import Municipality

DEMO_EXPERT_EMAIL = "ekspertas@demo.langelis.lt"
N_DEMO_EXPERTS = 360


def _invitation(
    req: ExpertRequest, expert_id: uuid.UUID, *, at: datetime | None = None, **fields: Any
) -> ExpertInvitation:
    """An invitation of the expert to the request (in its municipality), made ``at`` (default: now)."""
    stamps: dict[str, Any] = {"created_at": at, "updated_at": at} if at is not None else {}
    return ExpertInvitation(
        request_id=req.id, expert_id=expert_id, municipality_id=req.municipality_id, **stamps, **fields
    )


# --- the seed ---------------------------------------------------------------------------------------


def _demo_expert(session: Session, user: User, slugs: dict[str, uuid.UUID], now: datetime) -> ExpertProfile:
    """The foundation's demo expert, Jonas Londonietis: a profile worth looking at."""
    headline = "Programinės įrangos architektas, Londonas"
    help_topics = {
        "lt": "Savivaldybės e. paslaugos, atvirieji duomenys, jaunimo programavimo dirbtuvės",
        "en": "Municipal e-services, open data, coding workshops for young people",
    }
    bio = {
        "lt": "Užaugau Šiauliuose, studijavau Vilniuje, jau 12 metų kuriu viešojo sektoriaus sistemas Londone.",
        "en": "Grew up in Šiauliai, studied in Vilnius, and have built public-sector software in London for 12 years.",
    }
    tags = ["open data", "jaunimas"]
    profile = ExpertProfile(
        user_id=user.id,
        display_name=user.display_name,
        headline=headline,
        country="GB",
        city="London",
        bio=bio,
        help_topics=help_topics,
        tags=tags,
        hours_per_month=8,
        ways=ways_to_mask(["remote_advice", "workshop", "media"]),
        visibility="public",
        contact_email=user.email,
        contact_consent=True,
        contact_consent_at=now - timedelta(days=90),
        search_text=search_blob(headline, help_topics, tags, bio),
        search_topics=search_blob(headline, help_topics, tags),
        confirmed_at=now - timedelta(days=90),
        created_at=now - timedelta(days=400),
    )
    session.add(profile)
    session.flush()
    session.add_all(
        [ExpertHome(expert_id=profile.id, municipality_id=slugs[s]) for s in ("vilniaus-m", "siauliu-m")]
    )
    session.add_all(
        [
            ExpertCompetence(expert_id=profile.id, competence_code=c)
            for c in ("software", "digital_services", "data_analytics")
        ]
    )
    session.add_all(
        [
            ExpertLanguage(expert_id=profile.id, language=lang, level=level, level_rank=LEVEL_RANK[level])
            for lang, level in (("lt", "native"), ("en", "C2"), ("ru", "B1"))
        ]
    )
    return profile


INVITATIONS_BY_STATUS: dict[str, tuple[str, ...]] = {
    "draft": (),
    "open": ("invited", "invited", "invited", "declined"),
    "in_progress": ("accepted", "accepted", "invited", "declined"),
    "answered": ("answered", "answered", "accepted", "declined"),
    "closed": ("answered", "answered", "answered", "declined"),
    "cancelled": ("withdrawn", "withdrawn"),
}


def seed(session: Session) -> list[str]:
    rng = random.Random(20261123)
    now = utcnow()
    slugs = {m.slug: m.id for m in session.exec(select(Municipality)).all()}
    if session.exec(select(Competence.code)).first() is None:
        return ["experts: no competence reference list (run the migrations); no demo data"]
    rows = generate(rng, N_DEMO_EXPERTS, slugs=slugs, password_hash=hash_password(DEMO_PASSWORD), now=now)
    insert(session, rows)
    users = {
        u.email: u
        for u in session.exec(select(User).where(col(User.email).endswith("@demo.langelis.lt"))).all()
    }
    demo_user = users.get(DEMO_EXPERT_EMAIL)
    demo_profile = _demo_expert(session, demo_user, slugs, now) if demo_user else None
    session.flush()

    # Everything the matching needs, in memory (a few hundred rows).
    profiles = {p.id: p for p in session.exec(select(ExpertProfile)).all()}
    comps: dict[uuid.UUID, list[str]] = {}
    for c in session.exec(select(ExpertCompetence)).all():
        comps.setdefault(c.expert_id, []).append(c.competence_code)
    langs: dict[uuid.UUID, dict[str, int]] = {}
    for lang in session.exec(select(ExpertLanguage)).all():
        langs.setdefault(lang.expert_id, {})[lang.language] = lang.level_rank
    homes: dict[uuid.UUID, list[uuid.UUID]] = {}
    for h in session.exec(select(ExpertHome)).all():
        homes.setdefault(h.expert_id, []).append(h.municipality_id)
    fresh = months_before(now, 13)
    invitable = [
        p
        for p in profiles.values()
        if p.visibility in ("public", "staff") and p.confirmed_at >= fresh and p.deleted_at is None
    ]

    # The showcase: a notable kraštietis per story, from that municipality and public.
    shown = 0
    for slug, story_lt, story_en in stories.STORIES:
        candidates = [
            p
            for p in invitable
            if p.visibility == "public"
            and slugs[slug] in homes.get(p.id, [])
            and p.id != (demo_profile.id if demo_profile else None)
        ]
        taken = {e.expert_id for e in session.exec(select(ExpertShowcase)).all()}
        candidates = [p for p in candidates if p.id not in taken]
        if not candidates:
            continue
        chosen = rng.choice(candidates)
        coordinator = next(
            (u for u in users.values() if u.role == "coordinator" and u.municipality_id == slugs[slug]), None
        )
        session.add(
            ExpertShowcase(
                expert_id=chosen.id,
                municipality_id=slugs[slug],
                story={"lt": story_lt, "en": story_en},
                position=shown,
                marked_by=coordinator.id if coordinator else None,
            )
        )
        session.flush()
        shown += 1

    # Requests in every state, with invitations and answers.
    made = 0
    answers = 0
    requests: list[ExpertRequest] = []
    for spec in stories.REQUESTS:
        (email, status, visibility, competences, languages, ways, hours, t_lt, t_en, q_lt, q_en, outcome) = (
            spec
        )
        owner = users.get(email)
        if owner is None or owner.municipality_id is None:
            continue
        created = now - timedelta(days=rng.randint(10, 120))
        req = ExpertRequest(
            municipality_id=owner.municipality_id,
            organization_id=owner.organization_id if owner.role == "provider" else None,
            created_by=owner.id,
            title={"lt": t_lt, "en": t_en},
            question={"lt": q_lt, "en": q_en},
            context={},
            competences=list(competences),
            languages=[{"language": lang, "min_level": lvl} for lang, lvl in languages],
            ways=list(ways),
            hours_needed=hours,
            deadline=(now + timedelta(days=rng.randint(14, 90))).date()
            if status in ("draft", "open", "in_progress")
            else None,
            visibility=visibility,
            status=status,
            outcome=outcome,
            search_text=search_blob({"lt": t_lt, "en": t_en}, {"lt": q_lt, "en": q_en}),
            opened_at=created + timedelta(days=1) if status != "draft" else None,
            closed_at=now - timedelta(days=rng.randint(1, 9)) if status in ("closed", "cancelled") else None,
            created_at=created,
            updated_at=created,
        )
        session.add(req)
        session.flush()
        requests.append(req)
        made += 1
        criteria = criteria_for(req)
        scored = []
        for p in invitable:
            if p.id == (demo_profile.id if demo_profile else None):
                continue
            if not set(competences) & set(comps.get(p.id, [])):
                continue
            score, reasons = criteria.explain(
                p,
                competences=comps.get(p.id, []),
                languages=langs.get(p.id, {}),
                homes=homes.get(p.id, []),
                home_slugs={v: k for k, v in slugs.items()},
            )
            scored.append((score, p, reasons))
        scored.sort(key=lambda s: (-s[0], s[1].display_name))
        for (score, p, reasons), inv_status in zip(scored, INVITATIONS_BY_STATUS[status], strict=False):
            invited_at = created + timedelta(days=2, hours=rng.randint(0, 48))
            inv = _invitation(
                req, p.id, status=inv_status, invited_by=owner.id, score=score, reasons=reasons, at=invited_at
            )
            if inv_status in ("accepted", "declined", "answered"):
                inv.responded_at = invited_at + timedelta(days=rng.randint(1, 4))
            if inv_status == "declined":
                inv.decline_reason = rng.choice(
                    ("Šiuo metu neturiu laiko.", "Ne mano sritis, atsiprašau.", None)
                )
            if inv_status == "answered":
                kind = "opinion" if rng.random() < 0.7 else "time_offer"
                inv.answer_kind = kind
                inv.answer_text = rng.choice(
                    stories.ANSWERS_LT if kind == "opinion" else stories.TIME_OFFERS_LT
                )
                inv.hours_offered = float(rng.choice((4, 6, 8))) if kind == "time_offer" else None
                inv.hours_given = float(rng.choice((1, 1.5, 2, 3, 4, 6)))
                inv.answered_at = (inv.responded_at or invited_at) + timedelta(days=rng.randint(1, 6))
                answers += 1
            session.add(inv)
        session.flush()

    # The demo expert's inbox: invitations waiting, and an answer given before.
    if demo_profile is not None:
        by_title = {r.title["en"]: r for r in requests}
        waiting = [
            "How to make residence declaration simpler for newcomers?",
            "Coding workshops for young people in Šiauliai",
        ]
        for title in waiting:
            wanted = by_title.get(title)
            if wanted is None:
                continue
            score, reasons = criteria_for(wanted).explain(
                demo_profile,
                competences=["software", "digital_services", "data_analytics"],
                languages={"lt": 7, "en": 6, "ru": 3},
                homes=[slugs["vilniaus-m"], slugs["siauliu-m"]],
                home_slugs={v: k for k, v in slugs.items()},
            )
            message = "Labai vertintume jūsų patirtį – ačiū, kad esate su savo miestu!"
            session.add(
                _invitation(
                    wanted,
                    demo_profile.id,
                    invited_by=wanted.created_by,
                    message=message,
                    score=score,
                    reasons=reasons,
                )
            )
        given = by_title.get("A chronicle of Šiauliai's diaspora")
        if given is not None:
            answered_at = (given.closed_at or now) - timedelta(days=20)
            session.add(
                _invitation(
                    given,
                    demo_profile.id,
                    origin="volunteered",
                    status="answered",
                    answer_kind="opinion",
                    answer_text="Mano istorija: iš Šiaulių į Londoną ir atgal – per kodą ir jaunimo dirbtuves.",
                    hours_given=2.0,
                    responded_at=answered_at,
                    answered_at=answered_at,
                    at=answered_at,
                )
            )
        session.flush()
    mentors = sum(1 for p in profiles.values() if p.mentor_capacity > 0 and p.ways & WAY_BITS["mentoring"])
    return [
        f"  experts: {len(rows.profiles) + (1 if demo_profile else 0)} expert profiles ({mentors} mentors), "
        f"{shown} in the showcase, {made} requests for expertise with {answers} answers",
        f"  expert       {DEMO_EXPERT_EMAIL} has a profile and invitations waiting",
    ]
