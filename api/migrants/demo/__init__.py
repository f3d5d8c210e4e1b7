"""Demo data: a few hundred synthetic people, mirroring the groups the research met — Syrian
refugees in Jonava, Ukrainians under temporary protection, people with residence permits in
Vilnius and Klaipėda, returnees everywhere — with cases, needs, consents, timelines, returnee
packages and (when the directory has services) referrals in every state.

Every name is invented from common first and family names; a fixed seed makes the data the same
on every run. Rows are built directly (one flush) so seeding stays well under a second.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, select

from api.accounts.models import User
from api.core.db import utcnow
from api.core.i18n import normalize
from api.migrants import vocab
from api.migrants.models import (
    Case,
    CaseEvent,
    Consent,
    Need,
    Person,
    Referral,
    ReturneePackage,
    StatusHistory,
)
from api.migrants.people.logic import status_record
from api.migrants.referrals.briefs import match_services
from api.migrants.referrals.logic import placed
from api.municipalities.logic import get_by_slug

SEED = 20261123

NAMES: dict[str, dict[str, Any]] = {
    "ua": {
        "female": [
            "Olena",
            "Iryna",
            "Tetiana",
            "Nataliia",
            "Oksana",
            "Yuliia",
            "Kateryna",
            "Svitlana",
            "Hanna",
        ],
        "male": ["Oleksandr", "Andrii", "Serhii", "Dmytro", "Mykola", "Ivan", "Yurii", "Vasyl", "Bohdan"],
        "family": [
            "Kovalenko",
            "Bondarenko",
            "Tkachenko",
            "Shevchenko",
            "Kravchenko",
            "Melnyk",
            "Boiko",
            "Oliinyk",
        ],
        "country": "UA",
        "languages": ["uk", "ru"],
    },
    "sy": {
        "female": ["Fatima", "Amina", "Layla", "Noor", "Huda", "Rania", "Mariam", "Yasmin"],
        "male": ["Ahmad", "Mohammad", "Omar", "Khaled", "Yusuf", "Hassan", "Ali", "Samir", "Tariq"],
        "family": ["Al-Hassan", "Haddad", "Al-Khatib", "Darwish", "Najjar", "Sabbagh", "Al-Ahmad", "Hamdan"],
        "country": "SY",
        "languages": ["ar"],
    },
    "by": {
        "female": ["Volha", "Alena", "Tatsiana", "Hanna", "Maryia", "Darya"],
        "male": ["Aliaksandr", "Siarhei", "Andrei", "Pavel", "Uladzimir", "Dzmitry"],
        "family": ["Ivanou", "Kavaliou", "Navumenka", "Hrytsevich", "Kazlou", "Lukashevich"],
        "country": "BY",
        "languages": ["be", "ru"],
    },
    "in": {
        "female": ["Priya", "Ananya", "Divya", "Kavya", "Sneha"],
        "male": ["Rahul", "Arjun", "Vikram", "Amit", "Rohan", "Sanjay"],
        "family": ["Sharma", "Patel", "Singh", "Reddy", "Nair", "Gupta"],
        "country": "IN",
        "languages": ["hi", "en"],
    },
    "uz": {
        "female": ["Dilnoza", "Malika", "Nigora"],
        "male": ["Jasur", "Sardor", "Bekzod", "Otabek"],
        "family": ["Karimov", "Rakhimov", "Yusupov", "Tashkentov"],
        "country": "UZ",
        "languages": ["uz", "ru"],
    },
    "lt": {
        "female": ["Rūta", "Agnė", "Ieva", "Greta", "Eglė", "Jurgita", "Simona", "Laura"],
        "male": ["Tomas", "Mantas", "Darius", "Mindaugas", "Paulius", "Andrius", "Karolis", "Justas"],
        "family_m": ["Kazlauskas", "Petrauskas", "Jankauskas", "Stankevičius", "Vasiliauskas", "Žukauskas"],
        "family_f": [
            "Kazlauskienė",
            "Petrauskaitė",
            "Jankauskienė",
            "Stankevičiūtė",
            "Vasiliauskaitė",
            "Žukauskienė",
        ],
        "country": "LT",
        "languages": ["lt", "en"],
    },
}

# (municipality, origin, legal status, how many, typical needs)
GROUPS: list[tuple[str, str, str, int, list[str]]] = [
    ("jonavos-r", "sy", "refugee", 45, ["community", "employment", "language", "housing"]),
    ("jonavos-r", "sy", "subsidiary_protection", 10, ["employment", "language", "social"]),
    ("jonavos-r", "lt", "returnee", 12, ["employment", "community"]),
    ("vilniaus-m", "ua", "temporary_protection", 60, ["language", "education", "housing", "employment"]),
    ("vilniaus-m", "by", "temporary_residence", 30, ["social", "registration", "community"]),
    ("vilniaus-m", "in", "temporary_residence", 20, ["language", "registration", "housing"]),
    ("vilniaus-m", "lt", "returnee", 18, ["education", "community", "employment"]),
    ("klaipedos-m", "ua", "temporary_protection", 30, ["language", "education", "employment"]),
    ("klaipedos-m", "in", "temporary_residence", 15, ["language", "housing", "registration"]),
    ("klaipedos-m", "uz", "temporary_residence", 12, ["language", "legal", "housing"]),
    ("klaipedos-m", "lt", "returnee", 10, ["community", "employment"]),
    ("kauno-m", "ua", "temporary_protection", 30, ["language", "education", "health"]),
    ("kauno-m", "by", "permanent_residence", 12, ["social", "community", "digital"]),
    ("kauno-m", "lt", "returnee", 15, ["employment", "community", "education"]),
    ("siauliu-m", "ua", "temporary_protection", 15, ["language", "employment"]),
    ("siauliu-m", "lt", "returnee", 10, ["community", "employment"]),
]

PACKAGE = [
    {"need": "language", "category": "language"},
    {"need": "community", "category": "community.culture_tickets"},
    {"need": "community", "category": "community.clubs"},
    {"need": "health", "category": "health"},
]

NOTES = [
    "Pirmas susitikimas: aptarti poreikiai ir dokumentai.",
    "Paskambinta, susitarta dėl kalbos kursų.",
    "Padėta užpildyti prašymą savivaldybei.",
    "Vaikas užregistruotas į darželio eilę.",
    "Aptartos darbo paieškos galimybės.",
]
# Reached states, with how often each occurs among referrals.
STATES = ["proposed", "sent", "accepted", "declined", "in_progress", "completed", "completed", "dropped"]
REASONS = {"declined": "Grupė pilna iki kito semestro.", "dropped": "Asmuo persikėlė į kitą miestą."}


def _coordinators(session: Session) -> dict[uuid.UUID, uuid.UUID]:
    rows = session.exec(
        select(User).where(User.role == "coordinator", User.email.endswith("@demo.langelis.lt"))
    ).all()
    out: dict[uuid.UUID, uuid.UUID] = {}
    for user in rows:
        if user.municipality_id and user.municipality_id not in out:
            out[user.municipality_id] = user.id
    return out


def seed(session: Session) -> list[str]:
    rng = random.Random(SEED)
    now = utcnow()
    coordinators = _coordinators(session)
    rows: list[Any] = []
    counts = {"people": 0, "referrals": 0, "packages": 0}
    service_cache: dict[tuple[uuid.UUID, str], list[Any]] = {}

    def services_for(municipality_id: uuid.UUID, category: str) -> list[Any]:
        key = (municipality_id, category)
        if key not in service_cache:
            service_cache[key] = match_services(
                session, municipality_id=municipality_id, categories=[category], limit=5
            )
        return service_cache[key]

    municipalities: dict[str, uuid.UUID] = {}
    for slug, *_ in GROUPS:
        if slug not in municipalities:
            municipalities[slug] = get_by_slug(session, slug).id
    for mid in municipalities.values():
        rows.append(
            ReturneePackage(
                municipality_id=mid, responsible_coordinator_id=coordinators.get(mid), items=list(PACKAGE)
            )
        )
        counts["packages"] += 1

    refs = 0
    for slug, origin, status, how_many, needs in GROUPS:
        mid = municipalities[slug]
        names = NAMES[origin]
        for _ in range(how_many):
            sex = rng.choice(["female", "male"])
            given = rng.choice(names[sex])
            if origin == "lt":
                family = rng.choice(names["family_f" if sex == "female" else "family_m"])
            else:
                family = rng.choice(names["family"])
            birth = date(rng.randint(1960, 2004), rng.randint(1, 12), rng.randint(1, 28))
            arrival = (now - timedelta(days=rng.randint(20, 1400))).date()
            registered = now - timedelta(days=rng.randint(1, 400), minutes=rng.randint(0, 1440))
            native = names["languages"][0]
            lt_level = "native" if origin == "lt" else rng.choice(["none", "A1", "A1", "A2", "B1"])
            languages = [{"language": native, "level": "native"}]
            languages += [
                {"language": code, "level": rng.choice(["B1", "B2", "C1"])} for code in names["languages"][1:]
            ]
            if origin != "lt":
                languages.append({"language": "lt", "level": lt_level})
            household = []
            if rng.random() < 0.45:
                for _k in range(rng.randint(1, 3)):
                    household.append({"relation": "child", "birth_year": rng.randint(2008, 2024)})
            preferred = (
                "lt"
                if origin == "lt"
                else ("uk" if origin == "ua" else ("ru" if origin in ("by", "uz") else "en"))
            )
            person = Person(
                municipality_id=mid,
                given_name=given,
                family_name=family,
                search_name=normalize(f"{given} {family}"),
                birth_date=birth,
                birth_year=birth.year,
                sex=sex,
                citizenships=[names["country"]],
                languages=languages,
                lithuanian_level=lt_level,
                legal_status=status,
                permit_expires_on=(now + timedelta(days=rng.randint(30, 900))).date()
                if status in ("temporary_residence", "temporary_protection")
                else None,
                arrival_date=arrival,
                email=f"{normalize(given)}.{normalize(family).replace(' ', '')}{rng.randint(1, 999)}@example.org"
                if rng.random() < 0.7
                else None,
                phone=f"+3706{rng.randint(1000000, 9999999)}",
                preferred_language=preferred,
                household=household,
                external_ref=f"GDV-{slug[:3].upper()}-{rng.randint(100000, 999999)}"
                if rng.random() < 0.5
                else None,
                created_at=registered,
                updated_at=registered,
            )
            rows.append(person)
            rows.append(status_record(person, recorded_at=registered))
            consents = ["case_management"]
            if rng.random() < 0.85:
                consents.append("provider_sharing")
            if rng.random() < 0.3:
                consents.append("mentoring_contact")
            if rng.random() < 0.6:
                consents.append("statistics")
            for purpose in consents:
                rows.append(Consent(person_id=person.id, purpose=purpose, granted_at=registered))
            closed = rng.random() < 0.15
            coordinator = coordinators.get(mid)
            case = Case(
                person_id=person.id,
                municipality_id=mid,
                coordinator_id=coordinator,
                status="closed" if closed else "open",
                opened_at=registered,
                closed_at=registered + timedelta(days=rng.randint(30, 200)) if closed else None,
                updated_at=registered,
                package_applied_at=registered if status == vocab.RETURNEE else None,
            )
            if case.closed_at and case.closed_at > now:
                case.closed_at = now
            person.case_open = not closed
            person.coordinator_id = None if closed else coordinator
            rows.append(case)
            rows.append(
                CaseEvent(
                    case_id=case.id,
                    kind="case_opened",
                    at=registered,
                    actor_id=str(coordinator) if coordinator else None,
                )
            )
            if rng.random() < 0.6:
                rows.append(
                    CaseEvent(
                        case_id=case.id,
                        kind="note",
                        text=rng.choice(NOTES),
                        at=registered + timedelta(days=rng.randint(1, 20)),
                        actor_id=str(coordinator) if coordinator else None,
                    )
                )
            chosen = rng.sample(needs, k=min(len(needs), rng.randint(1, 3)))
            for code in chosen:
                rows.append(
                    Need(
                        case_id=case.id,
                        code=code,
                        priority=rng.choice(["high", "normal", "normal", "low"]),
                        status=rng.choice(["open", "in_progress", "met", "not_met"])
                        if closed
                        else rng.choice(["open", "in_progress"]),
                        created_at=registered,
                        updated_at=registered,
                    )
                )
            wanted: list[tuple[str, str, bool]] = [
                (code, vocab.needs()[code].categories[0], False) for code in chosen
            ]
            if status == vocab.RETURNEE:
                wanted += [(item["need"], item["category"], True) for item in PACKAGE]
            taken: set[uuid.UUID] = set()
            for need_code, category, from_package in wanted:
                found = [s for s in services_for(mid, category) if s.id not in taken]
                if not found:
                    continue
                brief = found[0]
                taken.add(brief.id)
                state = "proposed" if from_package and rng.random() < 0.5 else rng.choice(STATES)
                if "provider_sharing" not in consents:
                    state = "proposed"
                created = registered + timedelta(days=rng.randint(0, 10))
                sent = created + timedelta(hours=rng.randint(1, 72)) if state != "proposed" else None
                started = (
                    sent + timedelta(days=rng.randint(1, 14))
                    if sent and state in ("in_progress", "completed", "dropped")
                    else None
                )
                finished = (
                    (started or sent or created) + timedelta(days=rng.randint(1, 30))
                    if state in ("completed", "declined", "dropped")
                    else None
                )
                last = max(t for t in (created, sent, started, finished) if t is not None)
                if last > now:
                    last = now
                    finished = now if finished else None
                rows.append(
                    placed(
                        case,
                        brief,
                        need_code,
                        status=state,
                        shared=state != "proposed",
                        from_package=from_package,
                        message=None if from_package else "Prašome susisiekti su asmeniu.",
                        reason=REASONS.get(state),
                        created_at=created,
                        updated_at=last,
                        sent_at=sent,
                        started_at=started,
                        finished_at=finished,
                    )
                )
                refs += 1
            counts["people"] += 1
    # No ORM relationships between these tables: insert parents first, in three steps.
    for kinds in ((ReturneePackage, Person), (StatusHistory, Consent, Case), (CaseEvent, Need, Referral)):
        session.add_all([r for r in rows if isinstance(r, kinds)])
        session.flush()
    counts["referrals"] = refs
    lines = [
        f"  migrants     {counts['people']} people with cases, {counts['referrals']} referrals, "
        f"{counts['packages']} returnee packages"
    ]
    if not counts["referrals"]:
        lines.append("  migrants     (no directory services yet: referrals skipped)")
    return lines
