"""Request and response models for requests for expertise, invitations and answers."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from api.core.http import Page
from api.core.i18n import OptionalTranslations, Translations
from api.core.translatable import WithTranslationStatus
from api.core.types import LanguageCode
from api.experts.profiles.ranking import ExpertLevel, Way
from api.experts.profiles.schemas import CompetenceCode, CompetenceRef, ExpertCard, Reason

RequestStatus = Literal["draft", "open", "in_progress", "answered", "closed", "cancelled"]
RequestVisibility = Literal["public", "invitation_only"]
InvitationStatus = Literal["invited", "accepted", "declined", "answered", "withdrawn"]
AnswerKind = Literal["opinion", "time_offer"]
Hours = Annotated[float, Field(ge=0, le=1000, multiple_of=0.25)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
Message = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]


class LanguageNeed(BaseModel):
    model_config = ConfigDict(extra="forbid")

    language: LanguageCode
    min_level: ExpertLevel = "B1"


def _unique(values: list[Any] | None) -> list[Any] | None:
    if values is not None and len(set(values)) != len(values):
        raise ValueError("each value only once")
    return values


class _RequestFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("competences", "ways", check_fields=False)
    @classmethod
    def _no_repeats(cls, v: list[Any] | None) -> list[Any] | None:
        return _unique(v)

    @field_validator("languages", check_fields=False)
    @classmethod
    def _languages(cls, v: list[LanguageNeed] | None) -> list[LanguageNeed] | None:
        if v is not None:
            _unique([n.language for n in v])
        return v


class ExpertRequestCreate(_RequestFields):
    """A new request starts as a draft; open it to send invitations."""

    title: Translations
    question: Translations
    context: OptionalTranslations = Field(default_factory=dict)
    competences: list[CompetenceCode] = Field(default_factory=list, max_length=10)
    languages: list[LanguageNeed] = Field(default_factory=list, max_length=5)
    ways: list[Way] = Field(default_factory=list, max_length=6)
    hours_needed: int | None = Field(default=None, ge=1, le=1000)
    deadline: date | None = None
    visibility: RequestVisibility = Field(
        default="invitation_only", description="`public`: any expert may answer; else only invited ones"
    )


class ExpertRequestUpdate(_RequestFields):
    title: Translations | None = None
    question: Translations | None = None
    context: OptionalTranslations | None = None
    competences: list[CompetenceCode] | None = Field(default=None, max_length=10)
    languages: list[LanguageNeed] | None = Field(default=None, max_length=5)
    ways: list[Way] | None = Field(default=None, max_length=6)
    hours_needed: int | None = Field(default=None, ge=1, le=1000)
    deadline: date | None = None
    visibility: RequestVisibility | None = None


class StatusChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: RequestStatus
    outcome: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)] | None
    ) = Field(default=None, description="Required when closing: what came of it")


class InvitationCounts(BaseModel):
    invited: int = 0
    accepted: int = 0
    declined: int = 0
    answered: int = 0
    withdrawn: int = 0


class ExpertRequestRead(WithTranslationStatus):
    id: uuid.UUID
    municipality: str
    organization_id: uuid.UUID | None = None
    title: Any
    question: Any
    context: Any
    competences: list[CompetenceRef]
    languages: list[LanguageNeed]
    ways: list[Way]
    hours_needed: int | None = None
    deadline: date | None = None
    visibility: RequestVisibility
    status: RequestStatus
    outcome: str | None = None
    allowed_transitions: list[RequestStatus]
    invitations: InvitationCounts
    hours_given: float = Field(description="Hours recorded on this request's answers")
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    created_at: datetime
    updated_at: datetime


class ExpertRequestList(Page[ExpertRequestRead]):
    pass


class PublicRequestRead(BaseModel):
    """A request as experts see it: no internal counts, no requester's name."""

    id: uuid.UUID
    municipality: str
    title: Any
    question: Any
    context: Any
    competences: list[CompetenceRef]
    languages: list[LanguageNeed]
    ways: list[Way]
    hours_needed: int | None = None
    deadline: date | None = None
    visibility: RequestVisibility
    status: RequestStatus
    created_at: datetime


class PublicRequestList(Page[PublicRequestRead]):
    pass


class Proposal(BaseModel):
    expert: ExpertCard
    score: int
    reasons: list[Reason]


class ProposalList(Page[Proposal]):
    pass


class InvitationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    expert_id: uuid.UUID
    message: Message | None = Field(default=None, description="A personal note to the expert")


class InvitationUpdate(BaseModel):
    """The requester records the hours the expert gave (e.g. after a workshop)."""

    model_config = ConfigDict(extra="forbid")

    hours_given: Hours


class InvitationRead(BaseModel):
    id: uuid.UUID
    request_id: uuid.UUID
    expert_id: uuid.UUID
    expert: ExpertCard | None = Field(description="None once the expert deleted their profile")
    origin: Literal["invited", "volunteered"]
    status: InvitationStatus
    message: str | None = None
    score: int | None = None
    reasons: list[Reason] = Field(default_factory=list)
    decline_reason: str | None = None
    answer_kind: AnswerKind | None = None
    answer_text: str | None = None
    hours_offered: float | None = None
    hours_given: float | None = None
    responded_at: datetime | None = None
    answered_at: datetime | None = None
    created_at: datetime


class InvitationList(Page[InvitationRead]):
    pass


class InboxItem(BaseModel):
    """An invitation as the expert sees it, with the request."""

    # The published OpenAPI component name keeps the module this class first lived in (another
    # domain has a schema of the same name, so the name is module-qualified).
    __module__ = "api.experts.request_schemas"

    id: uuid.UUID
    request: PublicRequestRead
    origin: Literal["invited", "volunteered"]
    status: InvitationStatus
    message: str | None = None
    score: int | None = None
    reasons: list[Reason] = Field(default_factory=list)
    decline_reason: str | None = None
    answer_kind: AnswerKind | None = None
    answer_text: str | None = None
    hours_offered: float | None = None
    hours_given: float | None = None
    responded_at: datetime | None = None
    answered_at: datetime | None = None
    created_at: datetime
    can_respond: bool = Field(description="Whether accept / decline / answer are possible now")


class InboxList(Page[InboxItem]):
    # The published OpenAPI component name keeps the module this class first lived in (another
    # domain has a schema of the same name, so the name is module-qualified).
    __module__ = "api.experts.request_schemas"


class DeclineBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = None


class AnswerBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: AnswerKind = Field(description="`opinion`: a written opinion; `time_offer`: an offer of time")
    text: LongText
    hours_offered: Hours | None = Field(default=None, description="For an offer of time: hours offered")
    hours_spent: Hours | None = Field(default=None, description="Hours you spent on this answer")


class ContributorRead(BaseModel):
    expert_id: uuid.UUID | None = Field(description="None for experts who deleted their profile")
    display_name: str | None = None
    hours: float
    answers: int


class ContributorList(BaseModel):
    items: list[ContributorRead]
    total_hours: float
    anonymous_hours: float = Field(description="Hours of experts who have since deleted their profile")
