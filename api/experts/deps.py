"""Dependencies that authorise the caller and load the objects a route works on."""

from __future__ import annotations

import uuid
from typing import Annotated, TypeVar

from fastapi import Depends, Query, Response
from pydantic import BaseModel

from api.accounts.deps import require_scopes
from api.core.actor import Actor
from api.core.db import SessionDep
from api.core.errors import unprocessable
from api.core.etag import set_etag
from api.core.i18n import search_terms
from api.core.types import CountryCode, LanguageCode
from api.experts import common, expert_requests, profiles
from api.experts.models import ExpertProfile, ExpertRequest
from api.experts.ranking import LEVEL_RANK, Criteria, ExpertLevel, LanguageWish, Way

ExpertActor = Annotated[Actor, Depends(require_scopes("experts:profile"))]
RequesterActor = Annotated[Actor, Depends(require_scopes("expert_requests:write"))]
ManagerActor = Annotated[Actor, Depends(require_scopes("experts:manage"))]

NO_STORE = {"Cache-Control": "no-store"}


def no_store(response: Response) -> None:
    response.headers["Cache-Control"] = "no-store"


M = TypeVar("M", bound=BaseModel)


def json_body(response: Response, body: BaseModel) -> Response:
    """The answer serialised once, for hot list routes: returning the model would have FastAPI dump
    it and validate it again against the response model (the route still declares it for OpenAPI).
    Headers set on the injected response (language, caching, Link) are carried over."""
    headers = {
        k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "content-type")
    }
    return Response(content=body.model_dump_json(), media_type="application/json", headers=headers)


def etag(response: Response, version: int, body: M) -> M:
    """A version ETag (what If-Match checks) that also changes with the representation: the
    language, the viewer's rights and related rows (counts, the expert's card) all show in it."""
    set_etag(response, version, body.model_dump_json())
    return body


def own_profile(session: SessionDep, actor: ExpertActor) -> ExpertProfile:
    return profiles.own(session, actor=actor)


OwnProfile = Annotated[ExpertProfile, Depends(own_profile)]


def managed_request(request_id: uuid.UUID, session: SessionDep, actor: RequesterActor) -> ExpertRequest:
    return expert_requests.get(session, actor=actor, request_id=request_id)


ManagedRequest = Annotated[ExpertRequest, Depends(managed_request)]


def search_criteria(
    session: SessionDep,
    competence: Annotated[
        list[str] | None,
        Query(max_length=10, description="Competence code(s); any of them (repeat the parameter)"),
    ] = None,
    language: Annotated[LanguageCode | None, Query(description="Speaks this language (ISO 639-1)")] = None,
    min_level: Annotated[
        ExpertLevel | None, Query(description="… at this level or better (needs `language`; default A1)")
    ] = None,
    municipality: Annotated[
        str | None, Query(max_length=60, description="From this municipality (slug)")
    ] = None,
    country: Annotated[CountryCode | None, Query(description="Lives in this country (ISO 3166-1)")] = None,
    way: Annotated[
        list[Way] | None, Query(max_length=6, description="Offers any of these ways of helping")
    ] = None,
    min_hours: Annotated[
        int | None, Query(ge=0, le=200, description="Offers at least this many hours a month")
    ] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200, description="Words in the bio or help topics, any language, ignoring diacritics"
        ),
    ] = None,
) -> Criteria:
    codes = list(dict.fromkeys(competence or []))
    for code in codes:
        if len(code) > 40:
            raise unprocessable(
                "Competence codes are at most 40 characters.",
                errors=[{"loc": ["query", "competence"], "msg": "too long", "type": "string_too_long"}],
            )
    common.check_competences(session, codes, loc="query", field="competence")
    if min_level is not None and language is None:
        raise unprocessable(
            "min_level needs a language.",
            errors=[{"loc": ["query", "language"], "msg": "required with min_level", "type": "missing"}],
        )
    languages = [LanguageWish(language, LEVEL_RANK[min_level or "A1"])] if language else []
    homes = [common.slug_id(session, municipality, field="municipality", loc="query")] if municipality else []
    return Criteria(
        competences=codes,
        languages=languages,
        ways=list(dict.fromkeys(way or [])),
        homes=homes,
        country=country,
        min_hours=min_hours,
        terms=search_terms(q),
    )


SearchCriteria = Annotated[Criteria, Depends(search_criteria)]
