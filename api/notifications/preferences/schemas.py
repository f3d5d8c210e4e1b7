"""Request and response models of notification preferences."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Channel = Literal["in_app", "email", "digest", "off"]


class PreferenceRead(BaseModel):
    kind: str
    label: str
    channel: Channel


class PreferenceList(BaseModel):
    channels: list[Channel]
    items: list[PreferenceRead]


class PreferenceUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # kind -> channel; kinds not named keep their channel.
    channels: dict[str, Channel] = Field(max_length=100)
