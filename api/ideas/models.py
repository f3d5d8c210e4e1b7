"""Ideas domain tables: ideas, votes, comments, follows, flags and moderation, blocks, answers,
notifications, participatory budgets (projects, ballots, overrides) and open calls."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

import api.core.db  # noqa: F401  (naming convention before any table)
from api.core.db import (
    UTCDateTime,
    created_field,
    id_field,
    json_field,
    ts_field,
    updated_field,
    version_field,
)

IDEA_STATES = (
    "draft",
    "published",
    "under_review",
    "accepted",
    "rejected",
    "in_progress",
    "implemented",
    "withdrawn",
)
MODERATION_STATES = ("visible", "hidden", "removed")


def _moment() -> Any:
    """A UTC timestamp every row has (the dates of a budget's or an open call's phases)."""
    return Field(sa_type=UTCDateTime, nullable=False)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Idea(SQLModel, table=True):
    __tablename__ = "ideas"
    __table_args__ = (
        sa.CheckConstraint(_in("state", IDEA_STATES), name="state"),
        sa.CheckConstraint(_in("moderation", MODERATION_STATES), name="moderation"),
        sa.CheckConstraint("author_residence IN ('resident','diaspora','unknown')", name="residence"),
        sa.CheckConstraint("vote_count >= 0 AND comment_count >= 0", name="counts"),
        # One index per board ordering, with and without the municipality in front, so every page
        # (the first and the thousandth) is an index range scan.
        sa.Index("ix_ideas_muni_votes", "municipality_id", "vote_count", "id"),
        sa.Index("ix_ideas_votes", "vote_count", "id"),
        sa.Index("ix_ideas_muni_listed", "municipality_id", "listed_at", "id"),
        sa.Index("ix_ideas_listed", "listed_at", "id"),
        sa.Index("ix_ideas_muni_comments", "municipality_id", "comment_count", "id"),
        sa.Index("ix_ideas_comments", "comment_count", "id"),
        sa.Index("ix_ideas_muni_answered", "municipality_id", "answered_at", "id"),
        sa.Index("ix_ideas_answered", "answered_at", "id"),
        sa.Index("ix_ideas_author", "author_id", "created_at"),
    )

    id: uuid.UUID = id_field()
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False)
    category: str = Field(max_length=40, nullable=False, index=True)
    title: dict[str, str] = json_field()
    body: dict[str, str] = json_field()
    place: str | None = Field(default=None, max_length=200)
    latitude: float | None = None
    longitude: float | None = None
    image_urls: list[str] = json_field(list)
    author_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    # The name shown with the idea (a display name, never an email), kept as it was at creation.
    author_name: str = Field(max_length=120, nullable=False)
    # Where the author lived when proposing (ISO 3166-1); later moves do not rewrite history.
    author_country: str | None = Field(default=None, max_length=2)
    author_residence: str = Field(default="unknown", max_length=10, nullable=False, index=True)
    author_blocked: bool = Field(default=False, nullable=False)
    state: str = Field(default="draft", max_length=20, nullable=False, index=True)
    moderation: str = Field(default="visible", max_length=10, nullable=False)
    open_call_id: uuid.UUID | None = Field(default=None, foreign_key="idea_open_calls.id", index=True)
    vote_count: int = Field(default=0, nullable=False)
    comment_count: int = Field(default=0, nullable=False)
    follower_count: int = Field(default=0, nullable=False)
    search: str = Field(default="", sa_type=sa.Text, nullable=False)
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()
    # When the idea entered the board (creation, then the moment it is published): "newest" sorts by it.
    listed_at: datetime = created_field()
    published_at: datetime | None = ts_field()
    answered_at: datetime | None = ts_field()
    version: int = version_field()


class IdeaVote(SQLModel, table=True):
    """One row per person and idea: the primary key is what makes a second vote impossible."""

    __tablename__ = "idea_votes"
    __table_args__ = (sa.Index("ix_idea_votes_user_muni_at", "user_id", "municipality_id", "created_at"),)

    idea_id: uuid.UUID = Field(foreign_key="ideas.id", primary_key=True, ondelete="CASCADE")
    user_id: uuid.UUID = Field(foreign_key="users.id", primary_key=True)
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False)
    voter_residence: str = Field(default="unknown", max_length=10, nullable=False)
    created_at: datetime = created_field()


class IdeaFollow(SQLModel, table=True):
    __tablename__ = "idea_follows"

    idea_id: uuid.UUID = Field(foreign_key="ideas.id", primary_key=True, ondelete="CASCADE")
    user_id: uuid.UUID = Field(foreign_key="users.id", primary_key=True, index=True)
    created_at: datetime = created_field()


class IdeaComment(SQLModel, table=True):
    __tablename__ = "idea_comments"
    __table_args__ = (
        sa.CheckConstraint("depth BETWEEN 1 AND 3", name="depth"),
        sa.CheckConstraint(_in("moderation", MODERATION_STATES), name="moderation"),
        # Threaded order: a comment's path is its parent's path plus its own sortable key.
        sa.Index("ix_idea_comments_thread", "idea_id", "path"),
        sa.Index("ix_idea_comments_author", "author_id", "municipality_id"),
    )

    id: uuid.UUID = id_field()
    idea_id: uuid.UUID = Field(foreign_key="ideas.id", nullable=False, ondelete="CASCADE")
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False)
    parent_id: uuid.UUID | None = Field(default=None, foreign_key="idea_comments.id")
    depth: int = Field(default=1, nullable=False)
    path: str = Field(max_length=200, nullable=False)
    author_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    author_name: str = Field(max_length=120, nullable=False)
    author_residence: str = Field(default="unknown", max_length=10, nullable=False)
    author_blocked: bool = Field(default=False, nullable=False)
    body: str = Field(sa_type=sa.Text, nullable=False)
    moderation: str = Field(default="visible", max_length=10, nullable=False)
    reply_count: int = Field(default=0, nullable=False)
    created_at: datetime = created_field()
    edited_at: datetime | None = ts_field()
    deleted_at: datetime | None = ts_field()
    version: int = version_field()


class IdeaAnswer(SQLModel, table=True):
    """The municipality's official answer: written privately, published when the municipality chooses.
    Publishing applies ``new_state`` to the idea; until then the public sees no change."""

    __tablename__ = "idea_answers"
    __table_args__ = (sa.Index("ix_idea_answers_idea", "idea_id", "created_at"),)

    id: uuid.UUID = id_field()
    idea_id: uuid.UUID = Field(foreign_key="ideas.id", nullable=False, ondelete="CASCADE")
    body: dict[str, str] = json_field()
    new_state: str | None = Field(default=None, max_length=20)
    author_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()
    published_at: datetime | None = ts_field()
    published_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    version: int = version_field()


class IdeaFlag(SQLModel, table=True):
    """A report of an idea or a comment by one person (once per person and content)."""

    __tablename__ = "idea_flags"
    __table_args__ = (sa.UniqueConstraint("target_type", "target_id", "user_id"),)

    id: uuid.UUID = id_field()
    case_id: uuid.UUID = Field(foreign_key="idea_moderation_cases.id", nullable=False, index=True)
    target_type: str = Field(max_length=10, nullable=False)
    target_id: uuid.UUID = Field(nullable=False)
    user_id: uuid.UUID = Field(foreign_key="users.id", nullable=False)
    reason: str = Field(max_length=20, nullable=False)
    note: str | None = Field(default=None, max_length=500)
    created_at: datetime = created_field()
    resolved_at: datetime | None = ts_field()


class ModerationCase(SQLModel, table=True):
    """One per flagged idea or comment: the moderation queue's rows."""

    __tablename__ = "idea_moderation_cases"
    __table_args__ = (
        sa.UniqueConstraint("target_type", "target_id"),
        sa.Index("ix_idea_moderation_cases_queue", "municipality_id", "status", "last_flagged_at", "id"),
    )

    id: uuid.UUID = id_field()
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False)
    target_type: str = Field(max_length=10, nullable=False)
    target_id: uuid.UUID = Field(nullable=False)
    idea_id: uuid.UUID = Field(foreign_key="ideas.id", nullable=False, ondelete="CASCADE")
    # open: flagged, still shown; hidden: hidden (three flags or a moderator); restored; removed.
    status: str = Field(default="open", max_length=10, nullable=False)
    open_flags: int = Field(default=0, nullable=False)
    total_flags: int = Field(default=0, nullable=False)
    first_flagged_at: datetime = created_field()
    last_flagged_at: datetime = created_field()
    decided_at: datetime | None = ts_field()
    decided_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    decision_note: str | None = Field(default=None, max_length=1000)
    version: int = version_field()


class IdeaBlock(SQLModel, table=True):
    """A person blocked from participating in one municipality; their content there is hidden."""

    __tablename__ = "idea_blocks"

    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", primary_key=True, index=True)
    reason: str = Field(max_length=1000, nullable=False)
    blocked_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = created_field()


class IdeaSettings(SQLModel, table=True):
    """Per-municipality participation settings (absent row = no limits)."""

    __tablename__ = "idea_settings"

    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", primary_key=True)
    yearly_vote_limit: int | None = None
    updated_at: datetime = updated_field()
    updated_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    version: int = version_field()


class OpenCall(SQLModel, table=True):
    """A budget-less round (a city logo, a gate, an anthem): ideas compete for a named prize."""

    __tablename__ = "idea_open_calls"
    __table_args__ = (sa.Index("ix_idea_open_calls_muni", "municipality_id", "submissions_until", "id"),)

    id: uuid.UUID = id_field()
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False)
    title: dict[str, str] = json_field()
    description: dict[str, str] = json_field()
    prize: dict[str, str] = json_field()
    prize_amount: int | None = None
    submissions_from: datetime = _moment()
    submissions_until: datetime = _moment()
    # No foreign key: ideas already point at their call, and a cycle would break table ordering.
    awarded_idea_id: uuid.UUID | None = Field(default=None)
    award_note: dict[str, str] = json_field()
    awarded_at: datetime | None = ts_field()
    created_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()
    version: int = version_field()


class Budget(SQLModel, table=True):
    __tablename__ = "budgets"
    __table_args__ = (
        sa.CheckConstraint("eligibility IN ('residents','everyone')", name="eligibility"),
        sa.CheckConstraint("ballot_rule IN ('knapsack','approval')", name="ballot_rule"),
        sa.CheckConstraint("counting_method IN ('greedy','equal_shares')", name="counting_method"),
        sa.CheckConstraint("total_amount > 0", name="amount"),
        sa.Index("ix_budgets_muni", "municipality_id", "voting_until", "id"),
    )

    id: uuid.UUID = id_field()
    municipality_id: uuid.UUID = Field(foreign_key="municipalities.id", nullable=False)
    title: dict[str, str] = json_field()
    description: dict[str, str] = json_field()
    total_amount: int = Field(sa_type=sa.BigInteger, nullable=False)
    currency: str = Field(default="EUR", max_length=3, nullable=False)
    eligibility: str = Field(default="everyone", max_length=10, nullable=False)
    ballot_rule: str = Field(default="knapsack", max_length=10, nullable=False)
    max_choices: int | None = None
    counting_method: str = Field(default="greedy", max_length=15, nullable=False)
    collecting_from: datetime = _moment()
    reviewing_from: datetime = _moment()
    voting_from: datetime = _moment()
    voting_until: datetime = _moment()
    counted_at: datetime | None = ts_field()
    finished_at: datetime | None = ts_field()
    ballot_count: int = Field(default=0, nullable=False)
    result_details: dict[str, Any] = json_field()
    created_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()
    version: int = version_field()


class BudgetProject(SQLModel, table=True):
    """An idea taken into a budget; reviewing gives it a cost and a feasibility verdict."""

    __tablename__ = "budget_projects"
    __table_args__ = (
        sa.UniqueConstraint("budget_id", "idea_id"),
        sa.UniqueConstraint("budget_id", "number"),
        sa.CheckConstraint("feasibility IN ('pending','feasible','unfeasible')", name="feasibility"),
    )

    id: uuid.UUID = id_field()
    budget_id: uuid.UUID = Field(foreign_key="budgets.id", nullable=False, index=True, ondelete="CASCADE")
    idea_id: uuid.UUID = Field(foreign_key="ideas.id", nullable=False, index=True)
    # Sequential within the budget, in order of entry: the documented tie rule uses it.
    number: int = Field(nullable=False)
    title: dict[str, str] = json_field()
    cost: int | None = Field(default=None, sa_type=sa.BigInteger)
    feasibility: str = Field(default="pending", max_length=12, nullable=False)
    feasibility_explanation: dict[str, str] = json_field()
    votes: int | None = None
    selected: bool | None = None
    computed_selected: bool | None = None
    result_rank: int | None = None
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()
    version: int = version_field()


class BudgetBallot(SQLModel, table=True):
    __tablename__ = "budget_ballots"
    __table_args__ = (sa.UniqueConstraint("budget_id", "user_id"),)

    id: uuid.UUID = id_field()
    budget_id: uuid.UUID = Field(foreign_key="budgets.id", nullable=False, ondelete="CASCADE")
    user_id: uuid.UUID = Field(foreign_key="users.id", nullable=False, index=True)
    voter_residence: str = Field(default="unknown", max_length=10, nullable=False)
    created_at: datetime = created_field()
    updated_at: datetime = updated_field()
    version: int = version_field()


class BudgetBallotLine(SQLModel, table=True):
    __tablename__ = "budget_ballot_lines"

    ballot_id: uuid.UUID = Field(foreign_key="budget_ballots.id", primary_key=True, ondelete="CASCADE")
    project_id: uuid.UUID = Field(foreign_key="budget_projects.id", primary_key=True, index=True)


class BudgetOverride(SQLModel, table=True):
    """A coordinator's change to the computed result, with the reason on record."""

    __tablename__ = "budget_overrides"

    id: uuid.UUID = id_field()
    budget_id: uuid.UUID = Field(foreign_key="budgets.id", nullable=False, index=True, ondelete="CASCADE")
    project_id: uuid.UUID = Field(foreign_key="budget_projects.id", nullable=False)
    selected: bool = Field(nullable=False)
    reason: str = Field(sa_type=sa.Text, nullable=False)
    user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = created_field()
