"""Request and response models of participatory budgets and open calls."""

from __future__ import annotations

import itertools
import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, Field, StringConstraints, model_validator

from api.core.i18n import OptionalTranslations, Translations
from api.ideas.schemas import Slug
from api.ideas.schemas import _In as _BaseIn

Amount = Annotated[int, Field(ge=1, le=100_000_000_000)]
Eligibility = Literal["residents", "everyone"]
BallotRule = Literal["knapsack", "approval"]
CountingMethod = Literal["greedy", "equal_shares"]
Phase = Literal["collecting", "reviewing", "voting", "counting", "finished"]
Feasibility = Literal["pending", "feasible", "unfeasible"]


class _In(_BaseIn):
    pass


def _check_dates(values: list[datetime | None]) -> None:
    present = [v for v in values if v is not None]
    if any(a > b for a, b in itertools.pairwise(present)):
        raise ValueError(
            "the phases must be in order: collecting_from ≤ reviewing_from ≤ voting_from < voting_until"
        )
    if len(values) == len(present) and values[2] == values[3]:
        raise ValueError("voting must last longer than an instant (voting_from < voting_until)")


class BudgetCreate(_In):
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
    collecting_from: AwareDatetime
    reviewing_from: AwareDatetime
    voting_from: AwareDatetime
    voting_until: AwareDatetime

    @model_validator(mode="after")
    def _rules(self) -> BudgetCreate:
        _check_dates([self.collecting_from, self.reviewing_from, self.voting_from, self.voting_until])
        if self.ballot_rule == "approval" and self.max_choices is None:
            raise ValueError("an approval ballot needs max_choices")
        if self.ballot_rule == "knapsack" and self.max_choices is not None:
            raise ValueError("max_choices is for approval ballots only")
        return self


class BudgetUpdate(_In):
    title: Translations | None = None
    description: OptionalTranslations | None = None
    total_amount: Amount | None = None
    eligibility: Eligibility | None = None
    ballot_rule: BallotRule | None = None
    max_choices: int | None = Field(default=None, ge=1, le=100)
    counting_method: CountingMethod | None = None
    collecting_from: AwareDatetime | None = None
    reviewing_from: AwareDatetime | None = None
    voting_from: AwareDatetime | None = None
    voting_until: AwareDatetime | None = None


class BudgetRead(BaseModel):
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


class BudgetList(BaseModel):
    items: list[BudgetRead]
    next_cursor: str | None = None


class ProjectCreate(_In):
    idea_id: uuid.UUID


class ProjectUpdate(_In):
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


class ProjectList(BaseModel):
    items: list[ProjectRead]
    next_cursor: str | None = None


class BallotPut(_In):
    project_ids: list[uuid.UUID] = Field(max_length=200)


class BallotRead(BaseModel):
    budget_id: uuid.UUID
    project_ids: list[uuid.UUID]
    total_cost: int
    remaining: int | None = Field(description="Knapsack: the budget left; null for approval ballots")
    choices_left: int | None = Field(description="Approval: how many more projects may be chosen")
    updated_at: datetime | None


class OverrideCreate(_In):
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


class OpenCallCreate(_In):
    municipality: Slug
    title: Translations
    description: OptionalTranslations = Field(default_factory=dict)
    prize: Translations = Field(description="The named prize, e.g. the city's logo award")
    prize_amount: int | None = Field(default=None, ge=0, le=100_000_000)
    submissions_from: AwareDatetime
    submissions_until: AwareDatetime

    @model_validator(mode="after")
    def _order(self) -> OpenCallCreate:
        if self.submissions_from >= self.submissions_until:
            raise ValueError("submissions_from must be before submissions_until")
        return self


class OpenCallUpdate(_In):
    title: Translations | None = None
    description: OptionalTranslations | None = None
    prize: Translations | None = None
    prize_amount: int | None = Field(default=None, ge=0, le=100_000_000)
    submissions_from: AwareDatetime | None = None
    submissions_until: AwareDatetime | None = None


class AwardCreate(_In):
    idea_id: uuid.UUID
    note: OptionalTranslations = Field(default_factory=dict)


class OpenCallRead(BaseModel):
    id: uuid.UUID
    municipality: str
    title: Any
    description: Any
    prize: Any
    prize_amount: int | None
    submissions_from: datetime
    submissions_until: datetime
    phase: Literal["upcoming", "open", "judging", "awarded"]
    entry_count: int
    awarded_idea_id: uuid.UUID | None
    award_note: Any
    awarded_at: datetime | None
    can_manage: bool = False
    created_at: datetime
    updated_at: datetime


class OpenCallList(BaseModel):
    items: list[OpenCallRead]
    next_cursor: str | None = None
