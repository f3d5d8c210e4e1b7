"""Counting participatory-budget ballots. Pure functions: no database, easy to check by hand.

**Tie rule (CONSUL Democracy's).** CONSUL orders projects by ballots, most first, and breaks ties
by id, newest first (``reorder(ballot_lines_count: :desc, id: :desc)``). Our projects carry a
sequential ``number`` in order of entry, so: more votes first; equal votes → the higher number
(the later entry) first. Both rules below use this order wherever a tie must be broken.

**Greedy by votes (CONSUL).** Walk the projects in that order and take each one (with at least one
vote) that still fits in the money left; a project that does not fit is skipped and the walk goes
on, so cheaper projects further down may still win.

**Method of Equal Shares** (equalshares.net), computed with ``pabutools``: the budget is split
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


def equal_shares(
    candidates: Sequence[Candidate], ballots: Sequence[frozenset[uuid.UUID]], budget: int
) -> Outcome:
    from pabutools.election import ApprovalBallot, ApprovalProfile, Cost_Sat, Instance, Project
    from pabutools.fractions import frac
    from pabutools.rules import method_of_equal_shares
    from pabutools.tiebreaking import TieBreakingRule

    by_name = {str(c.number): c for c in candidates if c.cost > 0}
    projects = {c.key: Project(str(c.number), c.cost) for c in candidates if c.cost > 0}
    instance = Instance(projects.values(), budget_limit=budget)
    voters = [b for b in (frozenset(k for k in ballot if k in projects) for ballot in ballots) if b]
    mes_selected: list[uuid.UUID] = []
    if voters:
        profile = ApprovalProfile(
            [ApprovalBallot([projects[k] for k in ballot]) for ballot in voters], instance=instance
        )
        rule = TieBreakingRule(lambda _inst, _prof, proj: tie_order(by_name[proj.name]))
        allocation = method_of_equal_shares(
            instance,
            profile,
            sat_class=Cost_Sat,
            tie_breaking=rule,
            voter_budget_increment=frac(budget, len(voters) * STEPS_PERCENT),
        )
        mes_selected = [by_name[p.name].key for p in allocation]
    selected = _fill(candidates, mes_selected, budget)
    return Outcome(
        selected=selected,
        ranks=_ranks(candidates),
        details={
            "method": "equal_shares",
            "utilities": "cost",
            "completion": f"per-voter share raised in steps of 1/{STEPS_PERCENT} of the initial share, then greedy by votes",
            "tie_rule": "votes desc, then project number desc (CONSUL)",
            "selected_by_equal_shares": [str(k) for k in mes_selected],
            "voters": len(voters),
        },
    )
