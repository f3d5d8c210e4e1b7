"""Counting participatory-budget ballots. Pure functions: no database, easy to check by hand.

**Tie rule (CONSUL Democracy's).** CONSUL orders projects by ballots, most first, and breaks ties
by id, newest first (``reorder(ballot_lines_count: :desc, id: :desc)``). Our projects carry a
sequential ``number`` in order of entry, so: more votes first; equal votes → the higher number
(the later entry) first. Both rules below use this order wherever a tie must be broken.

**Greedy by votes (CONSUL).** Walk the projects in that order and take each one (with at least one
vote) that still fits in the money left; a project that does not fit is skipped and the walk goes
on, so cheaper projects further down may still win.

**Method of Equal Shares** (equalshares.net; the same rule as ``pabutools``' ``method_of_equal_shares``
with cost satisfaction and the Add1U completion, implemented here in exact fractions): the budget is split
equally among the voters; a project is bought by its supporters' shares, each paying equally as far
as they can; the next project is the one needing the smallest payment per unit of satisfaction
(cost utilities: a voter's satisfaction from a project is its cost — the standard choice for
approval ballots, so the order is by "effective votes"). Completion: the per-voter share is then
raised step by step (1% of the initial share each step, the "Add1U" completion) while the outcome
still fits the budget, and whatever money is left is filled greedily by votes as above.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

STEPS_PERCENT = 100  # each completion step adds 1/100 of the initial per-voter share


@dataclass(frozen=True)
class Candidate:
    key: uuid.UUID
    number: int
    cost: int
    votes: int


@dataclass
class Outcome:
    selected: list[uuid.UUID]
    ranks: dict[uuid.UUID, int]
    details: dict[str, Any] = field(default_factory=dict)


def tie_order(c: Candidate) -> tuple[int, int]:
    return (-c.votes, -c.number)


def _ranks(candidates: Sequence[Candidate]) -> dict[uuid.UUID, int]:
    return {c.key: i + 1 for i, c in enumerate(sorted(candidates, key=tie_order))}


def _fill(candidates: Sequence[Candidate], chosen: list[uuid.UUID], budget: int) -> list[uuid.UUID]:
    spent = sum(c.cost for c in candidates if c.key in chosen)
    out = list(chosen)
    for c in sorted(candidates, key=tie_order):
        if c.key in out or c.votes <= 0:
            continue
        if spent + c.cost <= budget:
            out.append(c.key)
            spent += c.cost
    return out


def greedy(candidates: Sequence[Candidate], budget: int) -> Outcome:
    selected = _fill(candidates, [], budget)
    return Outcome(
        selected=selected,
        ranks=_ranks(candidates),
        details={"method": "greedy", "tie_rule": "votes desc, then project number desc (CONSUL)"},
    )


def _mes(
    candidates: Sequence[Candidate], voters: Sequence[frozenset[uuid.UUID]], share: Fraction
) -> list[uuid.UUID]:
    """One run of the Method of Equal Shares with every voter starting with ``share``.

    Cost satisfaction: a supporter's satisfaction from a project is its cost, so the price per unit
    of satisfaction of a project paid with a per-supporter cap ``x`` is ``x / cost``; the project
    with the lowest price is bought next (ties by :func:`tie_order`), each supporter paying
    ``min(what they have left, x)``.
    """
    money = [share] * len(voters)
    supporters = {c.key: [i for i, ballot in enumerate(voters) if c.key in ballot] for c in candidates}
    remaining = [c for c in candidates if c.cost > 0 and supporters[c.key]]
    chosen: list[uuid.UUID] = []
    while True:
        best: tuple[Fraction, tuple[int, int], Candidate, Fraction] | None = None
        for c in remaining:
            budgets = sorted(money[i] for i in supporters[c.key])
            if sum(budgets) < c.cost:
                continue  # its supporters cannot pay for it
            paid, left, cap = Fraction(0), len(budgets), Fraction(0)
            for b in budgets:
                if paid + b * left >= c.cost:
                    cap = (c.cost - paid) / left
                    break
                paid += b
                left -= 1
            key = (cap / c.cost, tie_order(c))
            if best is None or key < best[:2]:
                best = (key[0], key[1], c, cap)
        if best is None:
            return chosen
        _, _, winner, cap = best
        for i in supporters[winner.key]:
            money[i] -= min(money[i], cap)
        chosen.append(winner.key)
        remaining = [c for c in remaining if c.key != winner.key]


def equal_shares(
    candidates: Sequence[Candidate], ballots: Sequence[frozenset[uuid.UUID]], budget: int
) -> Outcome:
    known = {c.key for c in candidates if c.cost > 0}
    voters = [b for b in (frozenset(k for k in ballot if k in known) for ballot in ballots) if b]
    cost = {c.key: c.cost for c in candidates}
    mes_selected: list[uuid.UUID] = []
    steps = 0
    if voters:
        # Add1U completion: raise every voter's starting share by 1/STEPS_PERCENT of the fair share
        # and run again, while the outcome still fits the budget and money is left for a project.
        fair = Fraction(budget, len(voters))
        share = fair
        supported = [c for c in candidates if c.cost > 0 and any(c.key in b for b in voters)]
        mes_selected = _mes(candidates, voters, share)
        while share < budget:
            spent = sum(cost[k] for k in mes_selected)
            if not any(c.key not in mes_selected and c.cost <= budget - spent for c in supported):
                break  # exhaustive: no supported project could still be bought
            share += fair / STEPS_PERCENT
            attempt = _mes(candidates, voters, share)
            if sum(cost[k] for k in attempt) > budget:
                break
            mes_selected, steps = attempt, steps + 1
    selected = _fill(candidates, mes_selected, budget)
    return Outcome(
        selected=selected,
        ranks=_ranks(candidates),
        details={
            "method": "equal_shares",
            "utilities": "cost",
            "completion": f"per-voter share raised in steps of 1/{STEPS_PERCENT} of the initial share, then greedy by votes",
            "completion_steps": steps,
            "tie_rule": "votes desc, then project number desc (CONSUL)",
            "selected_by_equal_shares": [str(k) for k in mes_selected],
            "voters": len(voters),
        },
    )
