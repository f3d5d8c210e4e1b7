"""The directory's shared vocabulary: code lists and field types of its request and response models."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

ServiceStatus = Literal["active", "inactive", "defunct", "temporarily_closed"]
ServiceFormat = Literal["in_person", "online", "hybrid", "informal"]
CefrLevel = Literal["A1", "A2", "B1", "B2", "C1", "C2"]
Sex = Literal["any", "female", "male"]
OrganizationKind = Literal[
    "municipality",
    "ngo",
    "social_business",
    "state_body",
    "school",
    "social_service",
    "religious",
    "business",
    "other",
]
ServiceSort = Literal[
    "relevance", "name", "-name", "last_modified", "-last_modified", "-assured_date", "distance"
]
# When a service runs, from its weekly times: Monday–Friday, evenings (a slot until 18:00 or later),
# Saturday or Sunday.
ServiceWhen = Literal["weekdays", "evenings", "weekends"]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}$", description="ISO 639-1")]
Hhmm = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
Url = Annotated[str, Field(max_length=300, pattern=r"^https?://")]
Phone = Annotated[str, Field(max_length=40, pattern=r"^[0-9+() \-]{3,40}$")]


# Request bodies refuse fields they do not know (a typo is a 422, never silently ignored).
class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class WeeklyTime(Strict):
    weekday: int = Field(ge=1, le=7, description="1 = Monday … 7 = Sunday")
    opens: Hhmm
    closes: Hhmm
