"""Referrals: service suggestions for a person's need, the coordinator's /referrals and the
provider's /referral-inbox (only what the service needs)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Query, Request, Response

from api.core.conditional import IfMatchDep
from api.core.db import SessionDep
from api.core.http import created, creating, op, page_response, with_etag
from api.core.i18n import LocaleDep
from api.core.pagination import PageDep
from api.migrants.deps import (
    InboxActor,
    InboxById,
    ProviderReferral,
    ReadablePerson,
    ReadableReferral,
    ReaderActor,
    ReaderById,
    WriterActor,
    WriterById,
)
from api.migrants.referrals import inbox as provider
from api.migrants.referrals import logic
from api.migrants.referrals.schemas import (
    ReferralCreate,
    ReferralList,
    ReferralMove,
    ReferralRead,
    SuggestionList,
)
from api.migrants.routes import READ_ERRORS, WRITE_ERRORS, personal
from api.migrants.schemas import ReferralInboxItem, ReferralInboxList, ReferralStatus

person_router = personal("/migrants")
router = personal("/referrals", "referrals")
inbox_router = personal("/referral-inbox", "referrals")
Statuses = Annotated[list[ReferralStatus] | None, Query(alias="status", max_length=7)]


@person_router.get(
    "/{person_id}/suggestions",
    **op(
        SuggestionList,
        "Directory services matching a need, the person's language, legal status and age",
        (401, 403, 404, 422),
    ),
)
def suggest(
    session: SessionDep,
    actor: ReaderById,
    person: ReadablePerson,
    locale: LocaleDep,
    need: Annotated[str, Query(max_length=30)],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> SuggestionList:
    categories, items = logic.suggestions(
        session, actor=actor, person=person, need=need, locale=locale, limit=limit
    )
    return SuggestionList(need=need, categories=categories, items=items)


@router.get("", **op(ReferralList, "Your municipality's referrals, last changed first", (400, 401, 403, 422)))
def list_referrals(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ReaderActor,
    page: PageDep,
    locale: LocaleDep,
    person_id: uuid.UUID | None = None,
    status_: Statuses = None,
) -> Response:
    items, next_cursor = logic.list_for_coordinator(
        session, actor=actor, params=page, person_id=person_id, status=list(status_ or []), locale=locale
    )
    return page_response(request, response, ReferralList(items=items, next_cursor=next_cursor))


@router.post(
    "",
    **creating(
        ReferralRead,
        "Refer a person to a service for a need (needs the provider_sharing consent to send)",
        (401, 403, 404, 409, 422),
    ),
)
def create_referral(
    session: SessionDep, actor: WriterActor, body: ReferralCreate, locale: LocaleDep, response: Response
) -> ReferralRead:
    referral = logic.refer(session, actor=actor, data=body)
    created(response, f"/api/v1/referrals/{referral.id}")
    return with_etag(response, referral.version, logic.answer(session, referral, locale))


@router.get("/{referral_id}", **op(ReferralRead, "One referral", READ_ERRORS))
def read_referral(
    session: SessionDep, actor: ReaderById, referral: ReadableReferral, locale: LocaleDep, response: Response
) -> ReferralRead:
    body = logic.read(session, actor=actor, referral=referral, locale=locale)
    return with_etag(response, referral.version, body)


@router.post(
    "/{referral_id}/transitions", **op(ReferralRead, "Send or drop a referral (If-Match)", WRITE_ERRORS)
)
def move_referral(
    session: SessionDep,
    actor: WriterById,
    referral: ReadableReferral,
    if_match: IfMatchDep,
    body: ReferralMove,
    locale: LocaleDep,
    response: Response,
) -> ReferralRead:
    logic.move(session, actor=actor, referral=referral, data=body, side="coordinator", if_match=if_match)
    return with_etag(response, referral.version, logic.answer(session, referral, locale))


@inbox_router.get(
    "",
    **op(
        ReferralInboxList,
        "Referrals to your organisation's services (only what the service needs)",
        (400, 401, 403, 422),
    ),
)
def list_inbox(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: InboxActor,
    page: PageDep,
    locale: LocaleDep,
    status_: Statuses = None,
) -> Response:
    items, next_cursor = provider.inbox(
        session, actor=actor, params=page, status=list(status_ or []), locale=locale
    )
    return page_response(request, response, ReferralInboxList(items=items, next_cursor=next_cursor))


@inbox_router.get("/{referral_id}", **op(ReferralInboxItem, "One referral in your inbox", READ_ERRORS))
def read_inbox(
    referral_id: uuid.UUID, session: SessionDep, actor: InboxById, locale: LocaleDep, response: Response
) -> ReferralInboxItem:
    item = provider.inbox_read(session, actor=actor, referral_id=referral_id, locale=locale)
    return with_etag(response, item.version, item)


@inbox_router.post(
    "/{referral_id}/transitions",
    **op(
        ReferralInboxItem,
        "Accept, decline (reason), start, complete or drop (reason) a referral (If-Match)",
        WRITE_ERRORS,
    ),
)
def move_inbox(
    referral_id: uuid.UUID,
    session: SessionDep,
    actor: InboxById,
    referral: ProviderReferral,
    if_match: IfMatchDep,
    body: ReferralMove,
    locale: LocaleDep,
    response: Response,
) -> ReferralInboxItem:
    item = provider.move_in_inbox(
        session, actor=actor, referral=referral, data=body, if_match=if_match, locale=locale
    )
    return with_etag(response, item.version, item)


routers = [person_router, router, inbox_router]
