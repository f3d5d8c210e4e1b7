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

from api.accounts.demo import DEMO_PASSWORD, make_user
from api.accounts.models import User
from api.core.actor import Actor
from api.core.db import utcnow
from api.core.i18n import search_blob
from api.core.security import hash_password
from api.ideas import budgets
from api.ideas.categories import residence_of
from api.ideas.models import (
    Budget,
    BudgetBallot,
    BudgetBallotLine,
    BudgetProject,
    Idea,
    IdeaAnswer,
    IdeaComment,
    IdeaFollow,
    IdeaVote,
    OpenCall,
)
from api.municipalities.logic import get_by_slug

CITIES = [
    ("vilniaus-m", "Vilnius", 70),
    ("kauno-m", "Kaunas", 55),
    ("klaipedos-m", "Klaipėda", 45),
    ("siauliu-m", "Šiauliai", 35),
    ("jonavos-r", "Jonava", 30),
    ("akmenes-r", "Akmenė", 20),
    ("alytaus-m", "Alytus", 25),
    ("panevezio-m", "Panevėžys", 30),
    ("taurages-r", "Tauragė", 20),
    ("marijampoles", "Marijampolė", 20),
]
FIRST = [
    "Ona",
    "Jonas",
    "Rūta",
    "Tomas",
    "Olena",
    "Andrii",
    "Aisha",
    "Marius",
    "Ieva",
    "Darius",
    "Iryna",
    "Lukas",
    "Greta",
    "Paulius",
    "Sofiia",
    "Mantas",
    "Agnė",
    "Karim",
    "Eglė",
    "Dmitrij",
    "Laura",
    "Vytautas",
    "Natalia",
    "Simona",
]
LAST = ["K.", "P.", "M.", "S.", "B.", "V.", "Ž.", "D.", "R.", "L."]
DIASPORA_COUNTRIES = ["IE", "GB", "NO", "DE", "US", "ES", "SE", "NL", "DK", "CA"]

# (category, language, title, body); {city} is filled in.
IDEAS: list[tuple[str, str, str, str]] = [
    (
        "public_space",
        "lt",
        "Daugiau suoliukų prie upės ({city})",
        "Pasivaikščiojimo takas ilgas, o atsisėsti beveik nėra kur. Siūlau kas 200 m pastatyti suoliukus.",
    ),
    (
        "public_space",
        "lt",
        "Gertuvės centre",
        "Vasarą trūksta geriamojo vandens: įrengti gertuves pagrindinėse aikštėse.",
    ),
    (
        "mobility",
        "lt",
        "Saugus dviračių takas į mokyklas",
        "Vaikai važiuoja gatve tarp automobilių. Reikia atskirto tako bent nuo mikrorajonų iki mokyklų.",
    ),
    (
        "mobility",
        "en",
        "Night bus on weekends in {city}",
        "A night bus line on Fridays and Saturdays would let people get home safely without a car.",
    ),
    (
        "mobility",
        "uk",
        "Розклад автобусів кількома мовами",
        "На зупинках розклад лише литовською. Додати англійську та українську – це недорого і дуже допоможе.",
    ),
    (
        "environment",
        "lt",
        "Bendruomenės daržai daugiabučių kiemuose",
        "Leiskime gyventojams kiemuose įsirengti pakeltas lysves; savivaldybė galėtų duoti žemės ir lentų.",
    ),
    (
        "environment",
        "en",
        "Plant a tree for every newborn",
        "Each family of a newborn could plant a tree in a city park, with a small name plate.",
    ),
    (
        "environment",
        "ru",
        "Больше урн для раздельного сбора",
        "В спальных районах мало контейнеров для стекла и пластика. Предлагаю удвоить их число.",
    ),
    (
        "culture",
        "lt",
        "Kiemų šventė kiekvieną vasarą",
        "Kaimynų šventė kiemuose: muzika, maistas iš skirtingų virtuvių, pažintis su naujais gyventojais.",
    ),
    (
        "culture",
        "en",
        "{city} stories: an oral history archive",
        "Record the memories of older residents and of those who left, and publish them as a city audio archive.",
    ),
    (
        "culture",
        "uk",
        "Вечори українського кіно з литовськими субтитрами",
        "Раз на місяць показ фільму з обговоренням – для знайомства громад.",
    ),
    (
        "education",
        "lt",
        "Lietuvių kalbos kursai vakarais ir savaitgaliais",
        "Dirbantys atvykėliai negali lankyti kursų darbo metu. Reikia grupių vakarais ir šeštadieniais, ne tik A1 lygio.",
    ),
    (
        "education",
        "en",
        "Homework club for newcomer children",
        "Volunteers and retired teachers could help children who are still learning Lithuanian with their homework.",
    ),
    (
        "education",
        "ru",
        "Курсы литовского уровня B1–B2",
        "Курсы A1 есть, но дальше продолжить негде. Нужны группы продвинутого уровня.",
    ),
    (
        "social",
        "lt",
        "Savanorių mentorių tinklas naujiems gyventojams",
        "Kaip „BeFriend“ Vilniuje: savanoris padeda susitvarkyti buitį, dokumentus, rasti gydytoją.",
    ),
    (
        "social",
        "uk",
        "Група психологічної підтримки для жінок",
        "Зустрічі раз на тиждень із психологом для жінок, які приїхали з дітьми.",
    ),
    (
        "sport",
        "lt",
        "Lauko treniruoklių aikštelė parke",
        "Nemokami lauko treniruokliai visoms amžiaus grupėms prie ežero.",
    ),
    (
        "sport",
        "en",
        "Free football for teenagers on Sunday mornings",
        "Open training sessions mixing local and newcomer teenagers, run by a coach.",
    ),
    (
        "economy",
        "lt",
        "Grįžtančiųjų verslumo dirbtuvės",
        "Grįžusiems emigrantams – dirbtuvės, kaip pradėti verslą Lietuvoje: mokesčiai, patalpos, parama.",
    ),
    (
        "economy",
        "en",
        "Remote-work hub in the old library",
        "Turn unused rooms of the old library into a co-working space for remote workers and returnees.",
    ),
    (
        "digital",
        "lt",
        "Vieno langelio informacija keturiomis kalbomis",
        "Visa informacija atvykusiems vienoje svetainėje: lietuvių, anglų, ukrainiečių ir rusų kalbomis.",
    ),
    (
        "digital",
        "en",
        "Online booking for the migration office",
        "Queues are long; an online booking system with SMS reminders would save everyone time.",
    ),
    (
        "integration",
        "lt",
        "Pažintinės ekskursijos naujiems gyventojams",
        "Kartą per mėnesį nemokama ekskursija po miestą su istorija ir praktiniais patarimais.",
    ),
    (
        "integration",
        "uk",
        "Клуб взаємодопомоги для новоприбулих",
        "Щотижневі зустрічі, де люди діляться порадами про житло, роботу та документи.",
    ),
    (
        "integration",
        "ru",
        "Информационный день для приезжих",
        "Раз в квартал: консультации юриста, службы занятости и школ в одном месте.",
    ),
    (
        "diaspora",
        "en",
        "Diaspora mentors for local students",
        "{city} people abroad could mentor students online: careers, studies, internships.",
    ),
    (
        "diaspora",
        "lt",
        "Kraštiečių dienos kasmet",
        "Kviesti išvykusius miestiečius į kasmetinį susitikimą: pristatyti miesto projektus, ieškoti partnerių.",
    ),
    (
        "diaspora",
        "en",
        "Try a job at the city hall",
        "A volunteer 'try on a job' week at the municipality for returnees considering moving back.",
    ),
    (
        "other",
        "lt",
        "Viešieji tualetai parkuose",
        "Didžiuosiuose parkuose trūksta tualetų, ypač vasarą ir renginių metu.",
    ),
    (
        "other",
        "en",
        "Multilingual welcome pack",
        "A printed and online welcome pack for new residents: services, emergency numbers, culture tickets.",
    ),
]
COMMENTS = [
    ("lt", "Pritariu, tai labai reikalinga."),
    ("lt", "O kas prižiūrės? Reikėtų numatyti lėšų priežiūrai."),
    ("en", "Great idea, I would volunteer to help."),
    ("en", "We did something similar in Dublin and it worked well."),
    ("uk", "Дуже потрібно, підтримую!"),
    ("ru", "Хорошая идея, но нужно учесть бюджет."),
    ("lt", "Gal verta pradėti nuo vieno mikrorajono kaip bandomojo projekto?"),
    ("en", "Could this also be accessible for people with disabilities?"),
]
ANSWER_TEXT = {
    "under_review": {
        "lt": "Ačiū už idėją. Ją svarsto Miesto plėtros skyrius; atsakysime per mėnesį.",
        "en": "Thank you. The urban development department is reviewing it; we will answer within a month.",
    },
    "accepted": {
        "lt": "Idėja priimta: ją įtrauksime į kitų metų planą.",
        "en": "Accepted: it will be part of next year's plan.",
    },
    "rejected": {
        "lt": "Deja, šiuo metu tam nėra lėšų ir vieta priklauso valstybei.",
        "en": "Unfortunately there is no funding, and the land belongs to the state.",
    },
    "implemented": {
        "lt": "Įgyvendinta! Ačiū visiems, kurie balsavo.",
        "en": "Done! Thanks to everyone who voted.",
    },
}


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
                [
                    "published",
                    "under_review",
                    "accepted",
                    "rejected",
                    "in_progress",
                    "implemented",
                    "withdrawn",
                ],
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
    lines += _budgets(session, rng, idea_rows, people)
    lines += _open_calls(session, rng, people)
    return lines


def _coordinator(session: Session, email: str) -> Actor:
    user = session.exec(select(User).where(User.email == email)).one()
    return Actor(
        kind="user",
        id=user.id,
        role=user.role,
        municipality_id=user.municipality_id,
        scopes=frozenset({"budgets:manage", "ideas:moderate", "ideas:participate"}),
    )


def _projects(
    session: Session,
    budget: Budget,
    ideas: list[dict[str, Any]],
    costs: list[int],
    explanation: dict[str, str],
) -> list[BudgetProject]:
    projects = []
    for n, (idea, cost) in enumerate(zip(ideas, costs, strict=False), start=1):
        unfeasible = n == len(costs)
        p = BudgetProject(
            budget_id=budget.id,
            idea_id=idea["id"],
            number=n,
            title=idea["title"],
            cost=cost,
            feasibility="unfeasible" if unfeasible else "feasible",
            feasibility_explanation=explanation if unfeasible else {},
        )
        session.add(p)
        projects.append(p)
    session.flush()
    return projects


def _ballots(
    session: Session, rng: random.Random, budget: Budget, projects: list[BudgetProject], voters: list[Any]
) -> int:
    feasible = [p for p in projects if p.feasibility == "feasible"]
    weights = [1.0 + 2.5 * rng.random() for _ in feasible]
    ballots, lines = [], []
    for person in voters:
        picks: list[BudgetProject] = []
        total = 0
        for p in rng.choices(feasible, weights=weights, k=6):
            if p not in picks and total + (p.cost or 0) <= budget.total_amount:
                picks.append(p)
                total += p.cost or 0
        if not picks:
            continue
        bid = uuid.uuid4()
        ballots.append(
            {
                "id": bid,
                "budget_id": budget.id,
                "user_id": person[0],
                "voter_residence": residence_of(person[2]),
                "created_at": budget.voting_from,
                "updated_at": budget.voting_from,
                "version": 1,
            }
        )
        lines += [{"ballot_id": bid, "project_id": p.id} for p in picks]
    session.execute(sa.insert(BudgetBallot.__table__), ballots)  # type: ignore[attr-defined]
    session.execute(sa.insert(BudgetBallotLine.__table__), lines)  # type: ignore[attr-defined]
    budget.ballot_count = len(ballots)
    return len(ballots)


def _budgets(
    session: Session, rng: random.Random, ideas: list[dict[str, Any]], people: list[Any]
) -> list[str]:
    now = utcnow()
    kaunas = get_by_slug(session, "kauno-m")
    vilnius = get_by_slug(session, "vilniaus-m")
    day = timedelta(days=1)
    finished = Budget(
        municipality_id=kaunas.id,
        title={"lt": "Kauno dalyvaujamasis biudžetas 2026", "en": "Kaunas participatory budget 2026"},
        description={
            "lt": "Gyventojai ir kraštiečiai sprendžia, kaip panaudoti 150 000 €.",
            "en": "Residents and the diaspora decide how to spend €150,000.",
        },
        total_amount=150_000,
        eligibility="everyone",
        ballot_rule="knapsack",
        counting_method="equal_shares",
        collecting_from=now - 120 * day,
        reviewing_from=now - 90 * day,
        voting_from=now - 60 * day,
        voting_until=now - 30 * day,
    )
    session.add(finished)
    session.flush()
    kaunas_ideas = [
        i for i in ideas if i["municipality_id"] == kaunas.id and i["state"] in ("published", "under_review")
    ][:9]
    projects = _projects(
        session,
        finished,
        kaunas_ideas,
        [45_000, 30_000, 60_000, 20_000, 15_000, 50_000, 25_000, 35_000, 40_000],
        {
            "lt": "Sklypas priklauso valstybei; savivaldybė negali jame statyti.",
            "en": "The plot belongs to the state; the municipality cannot build there.",
        },
    )
    n = _ballots(session, rng, finished, projects, people[:120])
    coordinator = _coordinator(session, "koordinatorius.kaunas@demo.langelis.lt")
    budgets.count(session, actor=coordinator, budget=finished)
    budgets.finish_budget(session, actor=coordinator, budget=finished)
    finished.finished_at = now - 25 * day

    open_budget = Budget(
        municipality_id=vilnius.id,
        title={
            "lt": "Vilniaus dalyvaujamasis biudžetas 2027",
            "en": "Vilnius participatory budget 2027",
            "uk": "Бюджет участі Вільнюса 2027",
            "ru": "Бюджет участия Вильнюса 2027",
        },
        description={
            "lt": "Balsuokite už projektus: pasirinkite, kurie telpa į 200 000 €.",
            "en": "Vote for projects: choose the ones that fit in €200,000.",
        },
        total_amount=200_000,
        eligibility="everyone",
        ballot_rule="knapsack",
        counting_method="greedy",
        collecting_from=now - 60 * day,
        reviewing_from=now - 30 * day,
        voting_from=now - 2 * day,
        voting_until=now + 28 * day,
    )
    session.add(open_budget)
    session.flush()
    vilnius_ideas = [
        i for i in ideas if i["municipality_id"] == vilnius.id and i["state"] in ("published", "under_review")
    ][:8]
    open_projects = _projects(
        session,
        open_budget,
        vilnius_ideas,
        [80_000, 45_000, 60_000, 25_000, 90_000, 35_000, 50_000, 70_000],
        {
            "lt": "Projektas kartoja jau vykdomą programą.",
            "en": "The project duplicates a programme already running.",
        },
    )
    m = _ballots(session, rng, open_budget, open_projects, people[:90])
    session.flush()
    return [
        f"  budgets: Kaunas 2026 finished ({n} ballots, Method of Equal Shares); "
        f"Vilnius 2027 open for voting until {open_budget.voting_until:%Y-%m-%d} ({m} ballots so far)"
    ]


def _open_calls(session: Session, rng: random.Random, people: list[Any]) -> list[str]:
    now = utcnow()
    day = timedelta(days=1)
    klaipeda = get_by_slug(session, "klaipedos-m")
    siauliai = get_by_slug(session, "siauliu-m")
    gate = OpenCall(
        municipality_id=klaipeda.id,
        title={"lt": "Klaipėdos miesto vartai", "en": "A gate for Klaipėda"},
        description={
            "lt": "Kaip turėtų atrodyti miesto vartai prie jūrų perkėlos? Siūlykite idėjas.",
            "en": "What should the city gate by the ferry terminal look like? Propose your ideas.",
        },
        prize={"lt": "Miesto vartų premija", "en": "City gate prize"},
        prize_amount=5000,
        submissions_from=now - 10 * day,
        submissions_until=now + 20 * day,
    )
    anthem = OpenCall(
        municipality_id=siauliai.id,
        title={"lt": "Šiaulių himnas", "en": "An anthem for Šiauliai"},
        description={"lt": "Sukurkite miesto himną.", "en": "Write the city's anthem."},
        prize={"lt": "Saulės miesto himno premija", "en": "Sun City anthem prize"},
        prize_amount=3000,
        submissions_from=now - 90 * day,
        submissions_until=now - 30 * day,
    )
    session.add_all([gate, anthem])
    session.flush()
    entries = [
        (
            gate,
            klaipeda.id,
            {"lt": "Burės formos vartai iš medžio"},
            {"lt": "Vartai kaip laivo burės – iš klijuoto medžio, su apšvietimu naktį."},
        ),
        (
            gate,
            klaipeda.id,
            {"en": "A gate of old anchors"},
            {"en": "Anchors collected from the port, welded into an arch."},
        ),
        (
            anthem,
            siauliai.id,
            {"lt": "Himnas „Saulės miestas“"},
            {"lt": "Melodija ir žodžiai apie Saulės mūšį ir šiandienos miestą."},
        ),
        (
            anthem,
            siauliai.id,
            {"en": "A choral anthem with bells"},
            {"en": "Written for the city choir and the cathedral bells."},
        ),
    ]
    made = []
    for call, municipality_id, title, body in entries:
        author = people[rng.randrange(len(people) - 2)]
        idea = Idea(
            municipality_id=municipality_id,
            category="culture",
            title=title,
            body=body,
            author_id=author[0],
            author_name=author[1],
            author_country=author[2],
            author_residence=residence_of(author[2]),
            state="published",
            open_call_id=call.id,
            published_at=call.submissions_from + day,
            listed_at=call.submissions_from + day,
            search=search_blob(title, body, author[1]),
        )
        session.add(idea)
        made.append(idea)
    session.flush()
    for idea in made:
        session.add(IdeaFollow(idea_id=idea.id, user_id=idea.author_id))  # type: ignore[arg-type]
    anthem.awarded_idea_id, anthem.awarded_at = made[2].id, now - 20 * day
    anthem.award_note = {
        "lt": "Komisija vienbalsiai išrinko „Saulės miestą“.",
        "en": "The jury chose 'Sun City' unanimously.",
    }
    session.flush()
    return ["  open calls: Klaipėda city gate (open), Šiauliai anthem (awarded)"]


__all__ = ["make_user"]
