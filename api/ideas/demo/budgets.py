"""Demo participatory budgets (Kaunas finished with results, Vilnius open for voting) and open calls."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from api.accounts.models import User
from api.core.actor import Actor
from api.core.conditional import IfMatch
from api.core.db import utcnow
from api.core.i18n import search_blob
from api.ideas.budgets import results
from api.ideas.categories import residence_of
from api.ideas.models import (
    Budget,
    BudgetBallot,
    BudgetBallotLine,
    BudgetProject,
    Idea,
    IdeaFollow,
    OpenCall,
)
from api.municipalities.logic import get_by_slug


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


def _budget_with_ballots(
    session: Session,
    rng: random.Random,
    ideas: list[dict[str, Any]],
    people: list[Any],
    *,
    now: datetime,
    municipality_slug: str,
    phase_days: tuple[int, int, int, int],
    costs: list[int],
    unfeasible: dict[str, str],
    voters: int,
    **fields: Any,
) -> tuple[Budget, int]:
    """A knapsack budget open to everyone, its phases starting ``phase_days`` from now (collecting,
    reviewing, voting, voting's end), the municipality's first published ideas as projects (one per
    cost; one found unfeasible) and ballots of the first ``voters`` people."""
    day = timedelta(days=1)
    municipality = get_by_slug(session, municipality_slug)
    collecting, reviewing, voting, until = (now + d * day for d in phase_days)
    budget = Budget(
        municipality_id=municipality.id,
        eligibility="everyone",
        ballot_rule="knapsack",
        collecting_from=collecting,
        reviewing_from=reviewing,
        voting_from=voting,
        voting_until=until,
        **fields,
    )
    session.add(budget)
    session.flush()
    entered = [
        i
        for i in ideas
        if i["municipality_id"] == municipality.id and i["state"] in ("published", "under_review")
    ][: len(costs)]
    projects = _projects(session, budget, entered, costs, unfeasible)
    return budget, _ballots(session, rng, budget, projects, people[:voters])


def budgets_demo(
    session: Session, rng: random.Random, ideas: list[dict[str, Any]], people: list[Any]
) -> list[str]:
    now = utcnow()
    finished, n = _budget_with_ballots(
        session,
        rng,
        ideas,
        people,
        now=now,
        municipality_slug="kauno-m",
        phase_days=(-120, -90, -60, -30),
        costs=[45_000, 30_000, 60_000, 20_000, 15_000, 50_000, 25_000, 35_000, 40_000],
        unfeasible={
            "lt": "Sklypas priklauso valstybei; savivaldybė negali jame statyti.",
            "en": "The plot belongs to the state; the municipality cannot build there.",
        },
        voters=120,
        title={"lt": "Kauno dalyvaujamasis biudžetas 2026", "en": "Kaunas participatory budget 2026"},
        description={
            "lt": "Gyventojai ir kraštiečiai sprendžia, kaip panaudoti 150 000 €.",
            "en": "Residents and the diaspora decide how to spend €150,000.",
        },
        total_amount=150_000,
        counting_method="equal_shares",
    )
    coordinator = _coordinator(session, "koordinatorius.kaunas@demo.langelis.lt")
    results.count(session, actor=coordinator, budget=finished, if_match=IfMatch(("*",)))
    results.finish_budget(session, actor=coordinator, budget=finished, if_match=IfMatch(("*",)))
    finished.finished_at = now - timedelta(days=25)

    open_budget, m = _budget_with_ballots(
        session,
        rng,
        ideas,
        people,
        now=now,
        municipality_slug="vilniaus-m",
        phase_days=(-60, -30, -2, 28),
        costs=[80_000, 45_000, 60_000, 25_000, 90_000, 35_000, 50_000, 70_000],
        unfeasible={
            "lt": "Projektas kartoja jau vykdomą programą.",
            "en": "The project duplicates a programme already running.",
        },
        voters=90,
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
        counting_method="greedy",
    )
    session.flush()
    return [
        f"  budgets: Kaunas 2026 finished ({n} ballots, Method of Equal Shares); "
        f"Vilnius 2027 open for voting until {open_budget.voting_until:%Y-%m-%d} ({m} ballots so far)"
    ]


def open_calls_demo(session: Session, rng: random.Random, people: list[Any]) -> list[str]:
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
