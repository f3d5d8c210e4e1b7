"""Dependencies that authorise the caller and load the objects a route works on."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Depends, Query, Request, Response

from api.accounts.deps import require_scopes
from api.core.actor import Actor
from api.core.conditional import IfMatch
from api.core.db import SessionDep
from api.core.errors import unprocessable
from api.core.http import Page, page_response
from api.core.i18n import LocaleDep, search_terms
from api.core.pagination import PageDep
from api.core.types import CountryCode, LanguageCode
from api.experts import common
from api.experts.invitations import inbox
from api.experts.invitations import logic as invitations
from api.experts.mentoring import logic as mentoring
from api.experts.models import ExpertInvitation, ExpertProfile, ExpertRequest, Mentorship
from api.experts.profiles import logic as profiles
from api.experts.profiles.ranking import LEVEL_RANK, Criteria, ExpertLevel, LanguageWish, Way
from api.experts.requests import logic as expert_requests

ExpertActor = Annotated[Actor, Depends(require_scopes("experts:profile"))]
RequesterActor = Annotated[Actor, Depends(require_scopes("expert_requests:write"))]
ManagerActor = Annotated[Actor, Depends(require_scopes("experts:manage"))]


class _IfMatchAfterBody:
    """``If-Match`` read when the route body runs, after the request body was validated: a change
    with a bad body is 422 before a missing ``If-Match`` is 428, as the experts routes always
    answered (``IfMatchDep`` checks it while dependencies are solved, before the body). Calling it
    gives the core's :class:`~api.core.conditional.IfMatch`, which logic hands to ``claim``.
    Not yet marked ``openapi_if_match``: the committed OpenAPI file of this step stays as it is."""

    def __init__(self, header: str | None) -> None:
        self.header = header

    def __call__(self) -> IfMatch:
        return IfMatch.parse(self.header)


def _if_match_after_body(request: Request) -> _IfMatchAfterBody:
    return _IfMatchAfterBody(request.headers.get("if-match"))


_if_match_after_body.openapi_if_match = True  # type: ignore[attr-defined]
IfMatchAfterBody = Annotated[_IfMatchAfterBody, Depends(_if_match_after_body)]


class _Listing:
    """A list answer: the page asked for (its ``limit`` and ``cursor`` after the locale's parameters,
    where list routes declare them), the locale, and the page of items with its ``Link``."""

    def __init__(self, request: Request, response: Response, locale: LocaleDep, page: PageDep) -> None:
        self.request = request
        self.response = response
        self.locale = locale
        self.page = page

    def __call__(self, model: type[Page[Any]], items: list[Any], next_cursor: str | None) -> Response:
        """The page (with ``Link`` to the next one), serialised once."""
        return page_response(self.request, self.response, model(items=items, next_cursor=next_cursor))


Listing = Annotated[_Listing, Depends()]


def own_profile(session: SessionDep, actor: ExpertActor) -> ExpertProfile:
    return profiles.own(session, actor=actor)


OwnProfile = Annotated[ExpertProfile, Depends(own_profile)]


def managed_request(request_id: uuid.UUID, session: SessionDep, actor: RequesterActor) -> ExpertRequest:
    return expert_requests.get(session, actor=actor, request_id=request_id)


ManagedRequest = Annotated[ExpertRequest, Depends(managed_request)]


def owned_profile(expert_id: uuid.UUID, session: SessionDep, actor: ExpertActor) -> ExpertProfile:
    """The caller's own profile by id; anyone else's is 404."""
    return profiles.owned(session, actor=actor, expert_id=expert_id)


OwnedProfile = Annotated[ExpertProfile, Depends(owned_profile)]


def inbox_invitation(
    invitation_id: uuid.UUID, session: SessionDep, actor: ExpertActor, profile: OwnProfile
) -> ExpertInvitation:
    """One of the invitations addressed to the caller."""
    return inbox.get(session, profile=profile, actor=actor, invitation_id=invitation_id)


InboxInvitation = Annotated[ExpertInvitation, Depends(inbox_invitation)]


def request_invitation(
    invitation_id: uuid.UUID, session: SessionDep, req: ManagedRequest
) -> ExpertInvitation:
    """An invitation of a request the caller manages."""
    return invitations.get_invitation(session, req=req, invitation_id=invitation_id)


RequestInvitation = Annotated[ExpertInvitation, Depends(request_invitation)]


def readable_mentorship(mentorship_id: uuid.UUID, session: SessionDep, actor: ManagerActor) -> Mentorship:
    return mentoring.get(session, actor=actor, mentorship_id=mentorship_id)


ReadableMentorship = Annotated[Mentorship, Depends(readable_mentorship)]


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
