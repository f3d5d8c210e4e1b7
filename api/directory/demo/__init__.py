"""Directory demo data: ~40 organisations in the ten municipalities the seeds name, ~300 services
in every category and several languages (Arabic in Jonava, Ukrainian and Russian widely), some not
verified for over 180 days, some whose funding ends within 60 days, a few confidential shelters;
and the provider logins teikejas1..3@demo.langelis.lt for the first three organisations.

Deterministic (a seeded random) and inserted in bulk, so it loads in well under a second.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from api.accounts.demo import make_user
from api.core.db import utcnow
from api.directory.demo.data import (
    FUNDING,
    LEVELS,
    MUNICIPALITIES,
    ORGANIZATIONS,
    SUFFIXES,
    TEMPLATES,
    WEEKDAY_SLOTS,
)
from api.directory.derived_fields import derive, sort_name
from api.directory.models import Location, Service, ServiceAtLocation
from api.municipalities.logic import get_by_slug
from api.municipalities.models import Organization

SEED = 20261123
N_PROVIDER_LOGINS = 3
CITY = {slug: (city, lat, lng, streets) for slug, city, lat, lng, streets in MUNICIPALITIES}


def _slugify(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(ch if ch.isalnum() else "-" for ch in plain).strip("-")[:30].strip("-")


def organization_rows(session: Session, rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    for slug, kind, lt, en in ORGANIZATIONS:
        host = _slugify(en) + ".lt"
        name = {"lt": lt, "en": en}
        rows.append(
            {
                "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                "municipality_id": get_by_slug(session, slug).id,
                "slug": slug,
                "name": name,
                "kind": kind,
                "description": {
                    "lt": f"{lt} – paslaugos atvykusiems ir grįžtantiems gyventojams ({CITY[slug][0]}).",
                    "en": f"{en}: services for newcomers and returning residents in {CITY[slug][0]}.",
                },
                "website": f"https://www.{host}",
                "email": f"info@{host}",
                "phones": [f"+370 {rng.randint(300, 699)} {rng.randint(10000, 99999)}"],
                "sort_name": sort_name(name),
            }
        )
    return rows


def service_rows(
    rng: random.Random,
    orgs: list[dict[str, Any]],
    *,
    count: int,
    today: date,
    suffix_every: bool = False,
    templates: list[dict[str, Any]] | None = None,
) -> Iterator[dict[str, Any]]:
    """``count`` services spread over ``orgs`` (each row needs id, municipality_id, slug, name, kind)."""
    choices = templates or TEMPLATES
    for index in range(count):
        org = orgs[index % len(orgs)]
        template = choices[rng.randrange(len(choices))]
        if template.get("community") == "ar" and org["slug"] != "jonavos-r" and rng.random() < 0.8:
            template = TEMPLATES[index % (len(TEMPLATES) - 1)]
        city = CITY[org["slug"]][0]
        lt, en, uk, ru = template["name"]
        extra = SUFFIXES[rng.randrange(len(SUFFIXES))] if (suffix_every or rng.random() < 0.35) else ""
        name = {"lt": f"{lt}{extra}", "en": f"{en} – {city}", "uk": f"{uk} – {city}", "ru": f"{ru} – {city}"}
        desc = template["desc"]
        description = {"lt": desc[0], "en": desc[1]}
        if len(desc) > 2:
            description["uk"] = desc[2]
        languages = list(template["langs"])
        if org["slug"] == "jonavos-r" and "ar" not in languages and rng.random() < 0.4:
            languages.append("ar")  # Jonava's Syrian community
        if rng.random() < 0.15:
            languages = languages[:1]
        course = bool(template.get("course"))
        start = end = None
        level = None
        if course:
            start = today + timedelta(days=rng.randint(-60, 60))
            end = start + timedelta(days=rng.choice((56, 84, 120)))
            if template["cat"].startswith("language"):
                level = LEVELS[rng.randrange(len(LEVELS))]
        days = rng.sample(range(1, 8 if template["format"] == "informal" else 6), k=rng.randint(1, 3))
        opens, closes = WEEKDAY_SLOTS[rng.randrange(len(WEEKDAY_SLOTS))]
        schedule = [{"weekday": d, "opens": opens, "closes": closes} for d in sorted(days)]
        roll = rng.random()
        if roll < 0.14:
            assured = today - timedelta(days=rng.randint(190, 500))  # stale
        else:
            assured = today - timedelta(days=rng.randint(0, 170))
        funding_source = FUNDING[rng.randrange(len(FUNDING))]
        funding_ends = None
        roll = rng.random()
        if roll < 0.12:
            funding_ends = today + timedelta(days=rng.randint(5, 59))  # losing funding soon
        elif roll < 0.6:
            funding_ends = today + timedelta(days=rng.randint(90, 900))
        free = rng.random() > 0.1
        age = template.get("age")
        status = "active" if rng.random() > 0.06 else rng.choice(("inactive", "temporarily_closed"))
        values: dict[str, Any] = {
            "id": uuid.UUID(int=rng.getrandbits(128), version=4),
            "organization_id": org["id"],
            "municipality_id": org["municipality_id"],
            "name": name,
            "description": description,
            "categories": [template["cat"]],
            "status": status,
            "languages": languages,
            # A Lithuanian course is taught in Lithuanian (and explained in the other languages);
            # other services are given in their first language, with help in the rest.
            "provided_languages": ["lt"] if template["cat"].startswith("language") else languages[:1],
            "eligible_statuses": list(template.get("statuses", [])),
            "age_min": age[0] if age else (18 if course and rng.random() < 0.5 else None),
            "age_max": age[1] if age else None,
            "sex": "female" if "moterims" in extra else None,
            "eligibility_note": {},
            "format": template["format"],
            "level": level,
            "free": free,
            "cost_amount": None if free else rng.choice((10, 15, 25, 40)),
            "cost_description": {} if free else {"lt": "Kaina už mėnesį", "en": "Price per month"},
            "schedule": schedule,
            "start_date": start,
            "end_date": end,
            "capacity": rng.choice((None, 10, 12, 15, 20, 30)),
            "application_process": {
                "lt": "Registruokitės telefonu arba el. paštu.",
                "en": "Register by phone or email.",
                "uk": "Зареєструйтеся телефоном або електронною поштою.",
            },
            "url": f"https://{org['host']}/paslaugos/{index}" if org.get("host") else None,
            "email": org.get("email"),
            "phone": org.get("phone"),
            "funding_source": funding_source,
            "funding_ends_on": funding_ends,
            "assured_date": assured,
            "assured_by": None,
            "version": 1,
            "deleted_at": None,
        }
        values.update(derive(values, org["name"]))
        yield values


def seed(session: Session) -> list[str]:
    rng = random.Random(SEED)
    today = date.today()
    now = utcnow()
    orgs = organization_rows(session, rng)
    session.execute(
        sa.insert(Organization.__table__),  # type: ignore[attr-defined]
        [
            {k: v for k, v in o.items() if k != "slug"} | {"version": 1, "created_at": now, "updated_at": now}
            for o in orgs
        ],
    )
    for org in orgs:
        org["host"] = org["website"].removeprefix("https://www.")
        org["phone"] = org["phones"][0]

    # One location per organisation; shelters of the Red Cross, Caritas and social services are
    # confidential.
    locations: dict[uuid.UUID, dict[str, Any]] = {}
    for org in orgs:
        city, lat, lng, streets = CITY[org["slug"]]
        shelter = (
            org["kind"] in ("social_service",)
            or "Caritas" in org["name"]["lt"]
            or "Kryžius" in org["name"]["lt"]
        )
        locations[org["id"]] = {
            "id": uuid.UUID(int=rng.getrandbits(128), version=4),
            "organization_id": org["id"],
            "municipality_id": org["municipality_id"],
            "name": {"lt": org["name"]["lt"], "en": org["name"]["en"]},
            "address": f"{streets[rng.randrange(len(streets))]} {rng.randint(1, 80)}",
            "city": city,
            "postal_code": f"LT-{rng.randint(10000, 99999)}",
            "latitude": round(lat + rng.uniform(-0.02, 0.02), 5),
            "longitude": round(lng + rng.uniform(-0.03, 0.03), 5),
            "accessibility": {
                "lt": "Įėjimas pritaikytas vežimėliams",
                "en": "Wheelchair accessible entrance",
                "uk": "Вхід пристосований для візків",
                "ru": "Вход приспособлен для колясок",
            }
            if rng.random() < 0.6
            else {},
            "opening_hours": [{"weekday": d, "opens": "09:00", "closes": "17:00"} for d in range(1, 6)],
            "confidential": False,
            "shelter": shelter,
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
    shelter_orgs = [o for o in orgs if locations[o["id"]]["shelter"]][:6]
    shelters = [t for t in TEMPLATES if t.get("shelter")]
    services = list(service_rows(rng, orgs, count=300 - len(shelter_orgs), today=today))
    services += list(
        service_rows(rng, shelter_orgs, count=len(shelter_orgs), today=today, templates=shelters)
    )
    links = []
    shelter_locations: list[dict[str, Any]] = []
    for svc in services:
        svc["created_at"] = svc["updated_at"] = now
        location = locations[svc["organization_id"]]
        if svc["categories"] == ["housing.temporary"] and location["shelter"]:
            # A shelter's own confidential address.
            city, lat, lng, streets = CITY[next(o["slug"] for o in orgs if o["id"] == svc["organization_id"])]
            secret = {
                **location,
                "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                "name": {
                    "lt": "Laikino apgyvendinimo namai",
                    "en": "Shelter",
                    "uk": "Тимчасовий притулок",
                    "ru": "Временный приют",
                },
                "address": f"{streets[rng.randrange(len(streets))]} {rng.randint(81, 140)}",
                "confidential": True,
            }
            shelter_locations.append(secret)
            links.append(
                {"id": uuid.uuid4(), "service_id": svc["id"], "location_id": secret["id"], "created_at": now}
            )
        elif svc["format"] != "online":
            links.append(
                {
                    "id": uuid.uuid4(),
                    "service_id": svc["id"],
                    "location_id": location["id"],
                    "created_at": now,
                }
            )
    all_locations = [
        {k: v for k, v in loc.items() if k != "shelter"} for loc in [*locations.values(), *shelter_locations]
    ]
    session.execute(sa.insert(Location.__table__), all_locations)  # type: ignore[attr-defined]
    session.execute(sa.insert(Service.__table__), services)  # type: ignore[attr-defined]
    session.execute(sa.insert(ServiceAtLocation.__table__), links)  # type: ignore[attr-defined]
    session.flush()

    lines = []
    for index, org in enumerate(orgs[:N_PROVIDER_LOGINS]):
        email = f"teikejas{index + 1}@demo.langelis.lt"
        make_user(
            session,
            email=email,
            role="provider",
            name=f"{org['name']['lt']} darbuotojas",
            municipality=org["slug"],
            organization_id=org["id"],
        )
        lines.append(f"  provider     {email} ({org['name']['en']})")
    stale = sum(1 for s in services if s["assured_date"] < today - timedelta(days=180))
    ending = sum(
        1 for s in services if s["funding_ends_on"] and s["funding_ends_on"] <= today + timedelta(days=60)
    )
    lines.append(
        f"directory: {len(orgs)} organisations, {len(services)} services ({stale} not verified for 180 days, "
        f"{ending} losing funding within 60 days), {len(shelter_locations)} confidential shelters"
    )
    return lines
