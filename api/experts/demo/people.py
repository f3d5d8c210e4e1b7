"""Generated diaspora experts (plain rows for bulk INSERT): the demo data's several hundred, and the
benchmark's 100,000. Deterministic for a given random generator."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

import api.experts.demo.data as d
from api.accounts.models import User
from api.core.i18n import search_blob
from api.experts.common import months_before
from api.experts.demo.professions import PROFESSIONS
from api.experts.models import ExpertCompetence, ExpertHome, ExpertLanguage, ExpertProfile
from api.experts.profiles.ranking import LEVEL_RANK, WAY_BITS, ways_to_mask

TAGS = (
    "diaspora",
    "mentorystė",
    "savanorystė",
    "startups",
    "open data",
    "žalias miestas",
    "jaunimas",
    "kultūra",
)
LOCAL_LEVELS = ("B1", "B2", "C1", "C1", "C2")


@dataclass
class Generated:
    users: list[dict[str, Any]] = field(default_factory=list)
    profiles: list[dict[str, Any]] = field(default_factory=list)
    homes: list[dict[str, Any]] = field(default_factory=list)
    competences: list[dict[str, Any]] = field(default_factory=list)
    languages: list[dict[str, Any]] = field(default_factory=list)


def _weighted(rng: random.Random, items: tuple[Any, ...], weights: tuple[int, ...]) -> Any:
    return rng.choices(items, weights=weights, k=1)[0]


def generate(
    rng: random.Random,
    n: int,
    *,
    slugs: dict[str, uuid.UUID],
    password_hash: str,
    now: datetime,
    email_prefix: str = "ekspertas",
    email_domain: str = "diaspora.demo.langelis.lt",
) -> Generated:
    """Rows for ``n`` expert accounts with profiles (plain dicts for bulk INSERT)."""
    out = Generated()
    codes = list(PROFESSIONS)
    countries = tuple(d.COUNTRIES)
    country_weights = tuple(v[0] for v in d.COUNTRIES.values())
    all_ways = tuple(WAY_BITS)
    for i in range(n):
        female = rng.random() < 0.55
        surname = rng.choice(d.SURNAMES)
        first = rng.choice(d.FEMALE_FIRST if female else d.MALE_FIRST)
        name = f"{first} {surname[rng.choice((1, 2))] if female else surname[0]}"
        user_id, profile_id = uuid.uuid4(), uuid.uuid4()
        home = _weighted(rng, d.HOME_SLUGS, d.HOME_WEIGHTS)
        homes = [home]
        if rng.random() < 0.15:
            second = rng.choice(d.HOME_SLUGS)
            if second != home:
                homes.append(second)
        country = _weighted(rng, countries, country_weights)
        _, cities, local_languages = d.COUNTRIES[country]
        residence = None
        if country == "LT":
            city, place = rng.choice([p for p in d.LT_PLACES if p[1] not in homes] or list(d.LT_PLACES))
            residence = slugs[place]
        else:
            city = rng.choice(cities)
        picked = rng.sample(codes, k=rng.choice((1, 2, 2, 3, 3, 4)))
        primary = picked[0]
        prof_lt, prof_en, topic_lt, topic_en = PROFESSIONS[primary]
        years = rng.randint(3, 30)
        langs: dict[str, str] = {}
        if rng.random() < 0.95:
            langs["lt"] = "native"
        else:
            langs["lt"] = rng.choice(("B2", "C1"))
        for code in local_languages:
            if code == "en":
                langs["en"] = (
                    rng.choice(("C1", "C2", "C2"))
                    if country in ("GB", "IE", "US")
                    else rng.choice(("B1", "B2", "C1", "C2"))
                )
            elif rng.random() < 0.85:
                langs[code] = rng.choice(LOCAL_LEVELS)
        if rng.random() < 0.35:
            langs.setdefault("ru", rng.choice(("A2", "B1", "B2", "C1")))
        if rng.random() < 0.08:
            langs.setdefault("uk", rng.choice(("B1", "C1", "native")))
        if rng.random() < 0.08:
            langs.setdefault(rng.choice(("es", "it", "pl", "de", "fr")), rng.choice(("A2", "B1", "B2")))
        ways = rng.sample(all_ways, k=rng.choice((1, 1, 2, 2, 3)))
        mentor_capacity = 0
        if rng.random() < (0.45 if country == "LT" else 0.08):
            if "mentoring" not in ways:
                ways.append("mentoring")
            mentor_capacity = rng.choice((1, 1, 2, 3))
        elif "mentoring" in ways:
            mentor_capacity = rng.choice((0, 1))
        bio = {
            "lt": f"{prof_lt} ({city}), {years} m. patirtis. Mielai padėsiu savo kraštui.",
            "en": f"{prof_en} in {city} with {years} years of experience. Happy to help my home town.",
        }
        if rng.random() < 0.05:
            lang, text = rng.choice(d.OTHER_LANGUAGE_BIOS)
            bio = {lang: text}
        help_topics = {"lt": topic_lt.capitalize(), "en": topic_en.capitalize()}
        if len(picked) > 1:
            _, _, more_lt, more_en = PROFESSIONS[picked[1]]
            help_topics = {"lt": f"{help_topics['lt']}; {more_lt}", "en": f"{help_topics['en']}; {more_en}"}
        tags = rng.sample(TAGS, k=rng.choice((0, 0, 1, 2)))
        headline = f"{prof_lt}, {city}"
        roll = rng.random()
        visibility = "public" if roll < 0.8 else ("staff" if roll < 0.95 else "hidden")
        age = rng.random()
        if age < 0.08:
            confirmed = months_before(now, 13) - timedelta(days=rng.randint(1, 200))  # out of search
        elif age < 0.13:
            confirmed = months_before(now, 12) - timedelta(days=rng.randint(1, 25))  # reminder due
        else:
            confirmed = now - timedelta(days=rng.randint(0, 330), hours=rng.randint(0, 23))
        created = confirmed - timedelta(days=rng.randint(0, 400))
        consent = rng.random() < 0.6
        slug_email = f"{email_prefix}{i:06d}@{email_domain}"
        out.users.append(
            {
                "id": user_id,
                "email": slug_email,
                "password_hash": password_hash,
                "role": "expert",
                "municipality_id": None,
                "organization_id": None,
                "display_name": name,
                "country": country,
                "preferred_language": "lt",
                "extra_scopes": [],
                "is_active": True,
                "email_verified_at": created,
                "last_login_at": None,
                "created_at": created,
                "updated_at": created,
                "version": 1,
            }
        )
        out.profiles.append(
            {
                "id": profile_id,
                "user_id": user_id,
                "display_name": name,
                "headline": headline,
                "country": country,
                "city": city,
                "residence_municipality_id": residence,
                "bio": bio,
                "help_topics": help_topics,
                "tags": tags,
                "hours_per_month": rng.choice((0, 1, 2, 2, 4, 4, 6, 8, 10, 12, 16, 20)),
                "ways": ways_to_mask(ways),
                "mentor_capacity": mentor_capacity,
                "visibility": visibility,
                "contact_email": slug_email if consent else None,
                "contact_phone": f"+370 6{rng.randint(1000000, 9999999)}"
                if consent and rng.random() < 0.4
                else None,
                "contact_url": None,
                "contact_consent": consent,
                "contact_consent_at": created if consent else None,
                "search_text": search_blob(headline, help_topics, tags, bio),
                "search_topics": search_blob(headline, help_topics, tags),
                "confirmed_at": confirmed,
                "reminded_at": None,
                "created_at": created,
                "updated_at": confirmed,
                "deleted_at": None,
                "version": 1,
            }
        )
        out.homes += [{"expert_id": profile_id, "municipality_id": slugs[h]} for h in homes]
        out.competences += [{"expert_id": profile_id, "competence_code": c} for c in picked]
        out.languages += [
            {"expert_id": profile_id, "language": lang, "level": level, "level_rank": LEVEL_RANK[level]}
            for lang, level in langs.items()
        ]
    return out


def insert(session: Session, rows: Generated) -> None:
    session.execute(sa.insert(User), rows.users)
    session.execute(sa.insert(ExpertProfile), rows.profiles)
    session.execute(sa.insert(ExpertHome), rows.homes)
    session.execute(sa.insert(ExpertCompetence), rows.competences)
    session.execute(sa.insert(ExpertLanguage), rows.languages)
