"""Request and response models of participatory budgets: budgets, projects, ballots, results."""

from __future__ import annotations

import itertools
import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StringConstraints, model_validator

from api.core.http import Page
from api.core.i18n import OptionalTranslations, Translations
from api.core.translatable import WithTranslationStatus
from api.core.types import IsoDateTime
from api.ideas.fields import In, Slug

Amount = Annotated[int, Field(ge=1, le=100_000_000_000)]

Eligibility = Literal["residents", "everyone"]

BallotRule = Literal["knapsack", "approval"]

CountingMethod = Literal["greedy", "equal_shares"]

Phase = Literal["collecting", "reviewing", "voting", "counting", "finished"]

Feasibility = Literal["pending", "feasible", "unfeasible"]


def _check_dates(values: list[datetime | None]) -> None:
    present = [v for v in values if v is not None]
    if any(a > b for a, b in itertools.pairwise(present)):
        raise ValueError(
            "the phases must be in order: collecting_from ≤ reviewing_from ≤ voting_from < voting_until"
        )
    if len(values) == len(present) and values[2] == values[3]:
        raise ValueError("voting must last longer than an instant (voting_from < voting_until)")


class BudgetCreate(In):
    municipality: Slug
    title: Translations
    description: OptionalTranslations = Field(default_factory=dict)
    total_amount: Amount = Field(description="Whole euros")
    eligibility: Eligibility = "everyone"
    ballot_rule: BallotRule = "knapsack"
    max_choices: int | None = Field(
        default=None, ge=1, le=100, description="Approval ballots: up to N projects"
    )
    counting_method: CountingMethod = "greedy"
    collecting_from: IsoDateTime
    reviewing_from: IsoDateTime
    voting_from: IsoDateTime
    voting_until: IsoDateTime

    @model_validator(mode="after")
    def _rules(self) -> BudgetCreate:
        _check_dates([self.collecting_from, self.reviewing_from, self.voting_from, self.voting_until])
        if self.ballot_rule == "approval" and self.max_choices is None:
            raise ValueError("an approval ballot needs max_choices")
        if self.ballot_rule == "knapsack" and self.max_choices is not None:
            raise ValueError("max_choices is for approval ballots only")
        return self


class BudgetUpdate(In):
    title: Translations | None = None
    description: OptionalTranslations | None = None
    total_amount: Amount | None = None
    eligibility: Eligibility | None = None
    ballot_rule: BallotRule | None = None
    max_choices: int | None = Field(default=None, ge=1, le=100)
    counting_method: CountingMethod | None = None
    collecting_from: IsoDateTime | None = None
    reviewing_from: IsoDateTime | None = None
    voting_from: IsoDateTime | None = None
    voting_until: IsoDateTime | None = None


class BudgetRead(WithTranslationStatus):
    id: uuid.UUID
    municipality: str
    title: Any
    description: Any
    total_amount: int
    currency: str
    eligibility: str
    ballot_rule: str
    max_choices: int | None
    counting_method: str
    collecting_from: datetime
    reviewing_from: datetime
    voting_from: datetime
    voting_until: datetime
    phase: Phase
    counted_at: datetime | None
    finished_at: datetime | None
    project_count: int
    ballot_count: int
    can_manage: bool = False
    can_vote: bool = False
    created_at: datetime
    updated_at: datetime


class BudgetList(Page[BudgetRead]):
    pass


class ProjectCreate(In):
    idea_id: uuid.UUID


class ProjectUpdate(In):
    title: Translations | None = None
    cost: Amount | None = None
    feasibility: Feasibility | None = None
    feasibility_explanation: OptionalTranslations | None = None


class ProjectRead(BaseModel):
    id: uuid.UUID
    budget_id: uuid.UUID
    idea_id: uuid.UUID
    number: int
    title: Any
    cost: int | None
    feasibility: str
    feasibility_explanation: Any
    on_ballot: bool
    votes: int | None = Field(default=None, description="After counting (managers) or once finished")
    selected: bool | None = None
    created_at: datetime
    updated_at: datetime


class ProjectList(Page[ProjectRead]):
    pass


class BallotPut(In):
    project_ids: list[uuid.UUID] = Field(max_length=200)


class BallotRead(BaseModel):
    budget_id: uuid.UUID
    project_ids: list[uuid.UUID]
    total_cost: int
    remaining: int | None = Field(description="Knapsack: the budget left; null for approval ballots")
    choices_left: int | None = Field(description="Approval: how many more projects may be chosen")
    updated_at: datetime | None


class OverrideCreate(In):
    project_id: uuid.UUID
    selected: bool
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=2000)]


class OverrideRead(BaseModel):
    id: uuid.UUID
    project_id: uuid.UUID
    selected: bool
    reason: str
    created_at: datetime


class ResultRow(BaseModel):
    project_id: uuid.UUID
    idea_id: uuid.UUID
    number: int
    title: Any
    cost: int
    votes: int
    rank: int
    selected: bool
    computed_selected: bool
    overridden: bool
    allocated: int


class BudgetResults(BaseModel):
    budget_id: uuid.UUID
    counting_method: str
    ballot_rule: str
    total_amount: int
    allocated: int
    ballot_count: int
    counted_at: datetime
    finished: bool
    items: list[ResultRow]
    overrides: list[OverrideRead]
    details: dict[str, Any]
