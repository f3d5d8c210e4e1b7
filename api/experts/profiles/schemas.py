"""Request and response models of expert profiles (cards, search, showcase, competences).
Requests for expertise and invitations are in :mod:`api.experts.requests.schemas`."""

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, field_validator

from api.core.http import Page
from api.core.i18n import OptionalTranslations, Translations
from api.core.translatable import WithTranslationStatus
from api.core.types import CountryCode, LanguageCode
from api.experts.profiles.ranking import ExpertLevel, Way

Visibility = Literal["public", "staff", "hidden"]
Slug = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
CompetenceCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
Phone = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=5, max_length=40, pattern=r"^\+?[0-9 ()./-]{5,40}$"),
]
Url = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=8, max_length=300, pattern=r"^https?://[^\s]+$")
]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=160)]
City = Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)]
DisplayName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]


class LanguageSkill(BaseModel):
    # The published OpenAPI component name keeps the module this class first lived in (another
    # domain has a schema of the same name, so the name is module-qualified).
    __module__ = "api.experts.schemas"

    model_config = ConfigDict(extra="forbid")

    language: LanguageCode = Field(description="ISO 639-1 code", examples=["en"])
    level: ExpertLevel = Field(description="CEFR level, or `native`", examples=["C1"])


def _unique(values: list[Any], what: str) -> list[Any]:
    if len(set(values)) != len(values):
        raise ValueError(f"each {what} only once")
    return values


class _ProfileFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("competences", "ways", "home_municipalities", check_fields=False)
    @classmethod
    def _no_repeats(cls, v: list[Any] | None) -> list[Any] | None:
        return None if v is None else _unique(v, "value")

    @field_validator("tags", check_fields=False)
    @classmethod
    def _tags(cls, v: list[str] | None) -> list[str] | None:
        if v is None:
            return None
        seen: dict[str, str] = {}
        for tag in v:
            seen.setdefault(tag.casefold(), tag)
        return list(seen.values())

    @field_validator("languages", check_fields=False)
    @classmethod
    def _languages(cls, v: list[LanguageSkill] | None) -> list[LanguageSkill] | None:
        if v is not None:
            _unique([s.language for s in v], "language")
        return v


class ExpertProfileCreate(_ProfileFields):
    """Your expert profile. Texts may be written in any of lt / en / uk / ru (one or more)."""

    display_name: DisplayName | None = Field(default=None, description="Defaults to your account name")
    headline: ShortText = Field(default="", examples=["Urban planner at a London consultancy"])
    home_municipalities: list[Slug] = Field(
        min_length=1, max_length=5, description="Slugs of the municipalities you are from"
    )
    country: CountryCode = Field(description="Where you live now (ISO 3166-1 alpha-2)", examples=["GB"])
    city: City = ""
    residence_municipality: Slug | None = Field(
        default=None, description="If you live in Lithuania: the municipality (slug)"
    )
    bio: OptionalTranslations = Field(default_factory=dict, description="Short bio / CV")
    help_topics: OptionalTranslations = Field(
        default_factory=dict, description="What you would help with for free"
    )
    competences: list[CompetenceCode] = Field(default_factory=list, max_length=15)
    tags: list[Tag] = Field(default_factory=list, max_length=20, description="Free tags")
    languages: list[LanguageSkill] = Field(default_factory=list, max_length=15)
    hours_per_month: int = Field(default=0, ge=0, le=200)
    ways: list[Way] = Field(default_factory=list, max_length=6)
    mentor_capacity: int = Field(
        default=0, ge=0, le=20, description="How many newcomers you can mentor at once"
    )
    visibility: Visibility = Field(
        default="public",
        description="`public`: card shown to everyone; `staff`: only to municipal and NGO staff; "
        "`hidden`: to nobody",
    )
    contact_email: EmailStr | None = None
    contact_phone: Phone | None = None
    contact_url: Url | None = None
    contact_consent: bool = Field(
        default=False, description="Staff with `experts:contact` may see your contact details"
    )


class ExpertProfileUpdate(_ProfileFields):
    display_name: DisplayName | None = None
    headline: ShortText | None = None
    home_municipalities: list[Slug] | None = Field(default=None, min_length=1, max_length=5)
    country: CountryCode | None = None
    city: City | None = None
    residence_municipality: Slug | None = None
    bio: OptionalTranslations | None = None
    help_topics: OptionalTranslations | None = None
    competences: list[CompetenceCode] | None = Field(default=None, max_length=15)
    tags: list[Tag] | None = Field(default=None, max_length=20)
    languages: list[LanguageSkill] | None = Field(default=None, max_length=15)
    hours_per_month: int | None = Field(default=None, ge=0, le=200)
    ways: list[Way] | None = Field(default=None, max_length=6)
    mentor_capacity: int | None = Field(default=None, ge=0, le=20)
    visibility: Visibility | None = None
    contact_email: EmailStr | None = None
    contact_phone: Phone | None = None
    contact_url: Url | None = None
    contact_consent: bool | None = None


class CompetenceRead(BaseModel):
    code: str = Field(examples=["urban_planning"])
    area: str
    name: Any = Field(description="Name in the chosen language, or every translation")


class CompetenceList(BaseModel):
    items: list[CompetenceRead]


class CompetenceRef(BaseModel):
    code: str
    name: Any


class ContactRead(BaseModel):
    email: str | None = None
    phone: str | None = None
    url: str | None = None


class ShowcaseRef(BaseModel):
    municipality: str
    story: Any


class MentoringRead(BaseModel):
    offers: bool
    capacity: int


class ExpertCard(WithTranslationStatus):
    """What others see. ``contact`` is present only for staff with `experts:contact`, and only
    when the expert consented."""

    id: uuid.UUID
    display_name: str
    headline: str
    home_municipalities: list[str]
    country: str | None
    city: str
    residence_municipality: str | None = None
    competences: list[CompetenceRef]
    tags: list[str]
    languages: list[LanguageSkill]
    ways: list[Way]
    hours_per_month: int
    bio: Any = None
    help_topics: Any = None
    mentoring: MentoringRead
    notable: list[ShowcaseRef] = Field(default_factory=list)
    confirmed_at: datetime
    stale: bool = Field(description="Not confirmed for 13 months: out of search results")
    contact: ContactRead | None = None


class Reason(BaseModel):
    factor: Literal["competence", "language", "way", "home", "residence", "country", "term", "hours"]
    value: str
    points: int
    where: Literal["topics", "bio"] | None = None


class ExpertHit(ExpertCard):
    score: int = Field(description="Sum of the reasons' points (see the README for the formula)")
    reasons: list[Reason]


class ExpertHitList(Page[ExpertHit]):
    pass


class ExpertOwn(ExpertCard):
    """Your own profile, in full."""

    visibility: Visibility
    contact: ContactRead | None = None
    contact_consent: bool
    contact_consent_at: datetime | None = None
    mentor_capacity: int
    mentorships_active: int
    confirm_due: datetime = Field(description="When the profile drops out of search unless confirmed")
    created_at: datetime
    updated_at: datetime


class ShowcaseUpsert(BaseModel):
    model_config = ConfigDict(extra="forbid")

    story: Translations = Field(description="A short story for the role-model showcase")
    position: int = Field(default=0, ge=0, le=10_000, description="Order in the showcase, smallest first")
    municipality: Slug | None = Field(
        default=None, description="Admins name the municipality; coordinators use their own"
    )


class ShowcaseEntry(BaseModel):
    municipality: str
    story: Any
    position: int
    expert: ExpertCard


class ShowcaseList(Page[ShowcaseEntry]):
    pass
