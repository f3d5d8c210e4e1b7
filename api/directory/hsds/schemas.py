"""The HSDS 3.0 objects we emit, as Pydantic models (the official shapes, as far as we fill them).

The routes answer with the JSON :mod:`.mapping` builds, serialised once; these models describe it in
OpenAPI (``responses={200: {"model": ...}}``) and the tests check every answer against them and
against the official JSON schemas. Names carry ``Hsds`` so they never clash with the directory's own
(``ServiceRead``…). Fields we have no value for are left out of the JSON, never sent as null."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class HsdsModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _OfService(HsdsModel):
    """An object that belongs to a service (its phones, languages, schedules…)."""

    id: str
    service_id: str | None = None


class _OfLocation(HsdsModel):
    """An object that belongs to a location (its addresses, accessibility)."""

    id: str
    location_id: str | None = None


class HsdsAbout(HsdsModel):
    version: str = Field(examples=["3.0"])
    profile: str
    openapi_url: str


class HsdsPhone(HsdsModel):
    id: str
    number: str
    service_id: str | None = None
    organization_id: str | None = None


class HsdsLanguage(_OfService):
    code: str | None = Field(default=None, description="ISO 639-1")
    name: str | None = None


class HsdsSchedule(_OfService):
    location_id: str | None = None
    freq: str | None = Field(default=None, examples=["WEEKLY"])
    wkst: str | None = None
    byday: str | None = Field(default=None, examples=["MO"])
    opens_at: str | None = Field(default=None, examples=["09:00"])
    closes_at: str | None = Field(default=None, examples=["17:00"])
    valid_from: str | None = None
    valid_to: str | None = None


class HsdsFunding(_OfService):
    source: str | None = None


class HsdsCostOption(_OfService):
    option: str | None = None
    currency: str | None = None
    amount: float | None = None
    amount_description: str | None = None


class HsdsTaxonomy(HsdsModel):
    id: str
    name: str
    description: str
    version: str | None = None


class HsdsTaxonomyTerm(HsdsModel):
    id: str
    code: str | None = None
    name: str
    description: str
    parent_id: str | None = None
    taxonomy: str | None = None
    taxonomy_id: str | None = None
    language: str | None = None


class HsdsAttribute(HsdsModel):
    id: str
    link_id: str | None = None
    link_type: str | None = None
    link_entity: str | None = None
    taxonomy_term_id: str | None = None
    value: str | None = None
    taxonomy_term: HsdsTaxonomyTerm | None = None


class HsdsAddress(_OfLocation):
    address_1: str
    city: str
    state_province: str
    postal_code: str
    country: str = Field(description="ISO 3166-1 alpha-2", examples=["LT"])
    address_type: str


class HsdsAccessibility(_OfLocation):
    description: str | None = None


class HsdsLocation(HsdsModel):
    id: str
    location_type: str = Field(examples=["physical"])
    organization_id: str | None = None
    name: str | None = None
    latitude: float | None = Field(default=None, description="Left out for a confidential location")
    longitude: float | None = None
    addresses: list[HsdsAddress] = []
    accessibility: list[HsdsAccessibility] = []
    schedules: list[HsdsSchedule] = []


class HsdsOrganization(HsdsModel):
    id: str
    name: str
    description: str
    email: str | None = None
    website: str | None = None
    legal_status: str | None = None
    phones: list[HsdsPhone] | None = None
    services: list[HsdsService] | None = Field(
        default=None, description="With `full` (or on one organisation); in full with `full_service`"
    )


class HsdsServiceAtLocation(_OfService):
    location_id: str | None = None
    location: HsdsLocation | None = None
    service: HsdsService | None = Field(default=None, description="With `full` (or on one link)")


class HsdsService(HsdsModel):
    id: str
    organization_id: str | None = None
    name: str = Field(examples=["Lietuvių kalbos kursai pradedantiesiems"])
    description: str | None = None
    url: str | None = None
    email: str | None = None
    status: str = Field(examples=["active", "temporarily closed"])
    application_process: str | None = None
    fees_description: str | None = None
    eligibility_description: str | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None
    assured_date: str | None = None
    last_modified: str | None = None
    phones: list[HsdsPhone] | None = None
    languages: list[HsdsLanguage] | None = None
    schedules: list[HsdsSchedule] | None = None
    funding: list[HsdsFunding] | None = None
    cost_options: list[HsdsCostOption] | None = None
    attributes: list[HsdsAttribute] | None = None
    service_at_locations: list[HsdsServiceAtLocation] | None = None
    organization: HsdsOrganization | None = None


class HsdsPage(HsdsModel, Generic[T]):
    """The HSDS 3.0 paginated envelope (pages by number)."""

    total_items: int
    total_pages: int
    page_number: int
    size: int = Field(description="Items on this page")
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[T]


class HsdsServicePage(HsdsPage[HsdsService]): ...


class HsdsOrganizationPage(HsdsPage[HsdsOrganization]): ...


class HsdsServiceAtLocationPage(HsdsPage[HsdsServiceAtLocation]): ...


class HsdsTaxonomyPage(HsdsPage[HsdsTaxonomy]): ...


class HsdsTaxonomyTermPage(HsdsPage[HsdsTaxonomyTerm]): ...


HsdsOrganization.model_rebuild()
HsdsServiceAtLocation.model_rebuild()
