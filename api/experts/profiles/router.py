"""HTTP routes of expert profiles: the competence list, search, your own profile, cards and the
showcase. Three routers, mounted around the expert's inbox (``/experts/me/invitations``, in
:mod:`api.experts.invitations.router`) so that ``/experts/me…`` is matched before
``/experts/{expert_id}``."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api.accounts.deps import ActorDep
from api.core.db import SessionDep
from api.core.http import NoStore, created, creating, deleting, no_content, op, with_etag
from api.core.i18n import LocaleDep
from api.experts.answers import OwnProfileAnswer
from api.experts.deps import (
    ExpertActor,
    IfMatchAfterBody,
    Listing,
    ManagerActor,
    OwnedProfile,
    OwnProfile,
    SearchCriteria,
)
from api.experts.profiles import logic as profiles
from api.experts.profiles import showcase
from api.experts.profiles.schemas import (
    CompetenceList,
    ExpertCard,
    ExpertHitList,
    ExpertOwn,
    ExpertProfileCreate,
    ExpertProfileUpdate,
    ShowcaseEntry,
    ShowcaseList,
    ShowcaseUpsert,
)
from api.experts.profiles.search import search as search_profiles

reference = APIRouter(tags=["experts"])
own = APIRouter(prefix="/experts", tags=["experts"], dependencies=[NoStore])
cards = APIRouter(prefix="/experts", tags=["experts"], dependencies=[NoStore])

SearchSort = Literal["relevance", "name", "-confirmed_at"]
_CHANGE_ERRORS = (401, 403, 404, 412, 428)


@reference.get("/competences", **op(CompetenceList, "The competence reference list"))
def list_competences(session: SessionDep, locale: LocaleDep) -> CompetenceList:
    return profiles.competence_list(session, locale=locale)


@own.get(
    "", **op(ExpertHitList, "Search experts, best match first, with the reason for each", (400, 401, 422))
)
def search_experts(
    session: SessionDep,
    actor: ActorDep,
    listing: Listing,
    criteria: SearchCriteria,
    sort: SearchSort = "relevance",
) -> Response:
    found = search_profiles(
        session, actor=actor, criteria=criteria, params=listing.page, sort=sort, locale=listing.locale
    )
    return listing(ExpertHitList, *found)


@own.post("", **creating(ExpertOwn, "Create your expert profile", (401, 403, 409, 422)))
def create_profile(
    session: SessionDep, actor: ExpertActor, body: ExpertProfileCreate, answer: OwnProfileAnswer
) -> ExpertOwn:
    profile = profiles.create(session, actor=actor, data=body)
    created(answer.response, f"/api/v1/experts/{profile.id}")
    return answer(profile, actor)


@own.get("/me", **op(ExpertOwn, "Your expert profile", (401, 403, 404)))
def read_own_profile(actor: ExpertActor, profile: OwnProfile, answer: OwnProfileAnswer) -> ExpertOwn:
    return answer(profile, actor)


@cards.get(
    "/showcase",
    **op(
        ShowcaseList, "Notable experts (kraštiečiai) each municipality shows as role models", (400, 401, 422)
    ),
)
def list_showcase(
    session: SessionDep,
    actor: ActorDep,
    listing: Listing,
    municipality: Annotated[str | None, Query(max_length=60, description="Municipality slug")] = None,
) -> Response:
    found = showcase.list_showcase(
        session, actor=actor, municipality=municipality, params=listing.page, locale=listing.locale
    )
    return listing(ShowcaseList, *found)


@cards.get(
    "/{expert_id}",
    **op(ExpertCard, "An expert's card (contact details only for staff, with consent)", (401, 404)),
)
def read_expert(
    expert_id: uuid.UUID, session: SessionDep, actor: ActorDep, locale: LocaleDep, response: Response
) -> ExpertCard:
    profile, card = profiles.card_for(session, actor=actor, expert_id=expert_id, locale=locale)
    return with_etag(response, profile.version, card)


@cards.patch("/{expert_id}", **op(ExpertOwn, "Change your expert profile", (401, 403, 404, 412, 422, 428)))
def update_profile(
    profile: OwnedProfile,
    if_match: IfMatchAfterBody,
    session: SessionDep,
    actor: ExpertActor,
    body: ExpertProfileUpdate,
    answer: OwnProfileAnswer,
) -> ExpertOwn:
    profiles.update(session, actor=actor, profile=profile, data=body, if_match=if_match())
    return answer(profile, actor)


@cards.post(
    "/{expert_id}/confirm",
    **op(
        ExpertOwn, "Confirm your profile is current (keeps it in search for 13 more months)", _CHANGE_ERRORS
    ),
)
def confirm_profile(
    profile: OwnedProfile,
    if_match: IfMatchAfterBody,
    session: SessionDep,
    actor: ExpertActor,
    answer: OwnProfileAnswer,
) -> ExpertOwn:
    profiles.confirm(session, actor=actor, profile=profile, if_match=if_match())
    return answer(profile, actor)


@cards.delete(
    "/{expert_id}", **deleting("Delete your expert profile (personal data erased; anonymous hours kept)")
)
def delete_profile(
    profile: OwnedProfile, if_match: IfMatchAfterBody, session: SessionDep, actor: ExpertActor
) -> Response:
    profiles.delete(session, actor=actor, profile=profile, if_match=if_match())
    return no_content()


@cards.put(
    "/{expert_id}/showcase",
    **op(
        ShowcaseEntry,
        "Show an expert from your municipality as a notable kraštietis (or change the story)",
        (401, 403, 404, 422),
    ),
)
def put_showcase(
    expert_id: uuid.UUID,
    session: SessionDep,
    actor: ManagerActor,
    locale: LocaleDep,
    body: ShowcaseUpsert,
    response: Response,
) -> ShowcaseEntry:
    entry, shown, is_new = showcase.set_showcase(
        session, actor=actor, expert_id=expert_id, data=body, locale=locale
    )
    response.status_code = 201 if is_new else 200
    return with_etag(response, entry.version, shown)


@cards.delete(
    "/{expert_id}/showcase",
    **deleting("Take an expert out of your municipality's showcase", (401, 403, 404, 422)),
)
def delete_showcase(
    expert_id: uuid.UUID,
    session: SessionDep,
    actor: ManagerActor,
    municipality: Annotated[str | None, Query(max_length=60, description="Admins: the municipality")] = None,
) -> Response:
    showcase.remove_showcase(session, actor=actor, expert_id=expert_id, municipality=municipality)
    return no_content()
