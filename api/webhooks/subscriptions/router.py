"""HTTP routes of webhook subscriptions and their deliveries (see ``logic``)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from api.accounts.deps import ActorDep, require_scopes
from api.core.actor import Actor
from api.core.conditional import IfMatchDep
from api.core.config import SettingsDep
from api.core.db import SessionDep
from api.core.http import NoStore, created, creating, deleting, no_content, op, page_response, with_etag
from api.core.pagination import PageDep
from api.webhooks.subscriptions import logic
from api.webhooks.subscriptions.schemas import (
    DeliveryList,
    DeliveryRead,
    EventTypeList,
    PingAccepted,
    WebhookCreate,
    WebhookCreated,
    WebhookList,
    WebhookRead,
    WebhookSecret,
    WebhookUpdate,
)

router = APIRouter(prefix="/webhooks", tags=["webhooks"], dependencies=[NoStore])
Manager = Annotated[Actor, Depends(require_scopes("webhooks:manage"))]


@router.get("/event-types", **op(EventTypeList, "Event types a subscription may receive"))
def event_types(actor: ActorDep) -> EventTypeList:
    return EventTypeList(items=logic.event_types(actor))


@router.get("", **op(WebhookList, "My organisation's or municipality's subscriptions", (401, 403)))
def list_subscriptions(
    request: Request, response: Response, session: SessionDep, actor: Manager, params: PageDep
) -> Response:
    items, cursor = logic.listing(session, actor, params)
    page = WebhookList(items=items, next_cursor=cursor)
    return page_response(request, response, page)


@router.post(
    "", **creating(WebhookCreated, "Subscribe an endpoint (the secret is shown once)", (401, 403, 409, 422))
)
def create(
    response: Response, session: SessionDep, actor: Manager, settings: SettingsDep, body: WebhookCreate
) -> WebhookCreated:
    sub, secret = logic.create(
        session, actor, body, allow_private=settings.webhooks_allow_private, settings=settings
    )
    created(response, f"/api/v1/webhooks/{sub.id}")
    read = logic.to_read(session, sub)
    return with_etag(response, sub.version, WebhookCreated(**read.model_dump(), secret=secret))


@router.get("/{subscription_id}", **op(WebhookRead, "One subscription", (401, 403, 404)))
def read(subscription_id: uuid.UUID, response: Response, session: SessionDep, actor: Manager) -> WebhookRead:
    sub = logic.get(session, actor, subscription_id)
    return with_etag(response, sub.version, logic.to_read(session, sub))


@router.patch(
    "/{subscription_id}",
    **op(WebhookRead, "Change, pause or re-activate a subscription", (401, 403, 404, 412, 422, 428)),
)
def update(
    subscription_id: uuid.UUID,
    response: Response,
    session: SessionDep,
    actor: Manager,
    settings: SettingsDep,
    if_match: IfMatchDep,
    body: WebhookUpdate,
) -> WebhookRead:
    sub = logic.get(session, actor, subscription_id)
    sub = logic.update(
        session, actor, sub, body, if_match, allow_private=settings.webhooks_allow_private, settings=settings
    )
    return with_etag(response, sub.version, logic.to_read(session, sub))


@router.delete("/{subscription_id}", **deleting("Remove a subscription and its deliveries", (401, 403, 404)))
def delete(subscription_id: uuid.UUID, session: SessionDep, actor: Manager) -> Response:
    logic.delete(session, actor, logic.get(session, actor, subscription_id))
    return no_content()


@router.post(
    "/{subscription_id}/rotate-secret",
    **op(WebhookSecret, "A new signing secret (shown once)", (401, 403, 404)),
)
def rotate(
    subscription_id: uuid.UUID, session: SessionDep, actor: Manager, settings: SettingsDep
) -> WebhookSecret:
    sub, secret = logic.rotate(session, actor, logic.get(session, actor, subscription_id), settings)
    return WebhookSecret(id=sub.id, secret=secret)


@router.post(
    "/{subscription_id}/ping",
    **op(PingAccepted, "Queue a test event for this endpoint", (401, 403, 404, 409), status=202),
)
def ping(subscription_id: uuid.UUID, session: SessionDep, actor: Manager) -> PingAccepted:
    event_id, delivery_id = logic.ping(session, actor, logic.get(session, actor, subscription_id))
    return PingAccepted(event_id=event_id, delivery_id=delivery_id)


@router.get(
    "/{subscription_id}/deliveries",
    **op(DeliveryList, "Deliveries to this endpoint, newest first", (401, 403, 404)),
)
def deliveries(
    subscription_id: uuid.UUID,
    request: Request,
    response: Response,
    session: SessionDep,
    actor: Manager,
    params: PageDep,
    status: Annotated[Literal["pending", "delivered", "failed"] | None, Query()] = None,
) -> Response:
    sub = logic.get(session, actor, subscription_id)
    items, cursor = logic.deliveries(session, sub, params, status)
    return page_response(request, response, DeliveryList(items=items, next_cursor=cursor))


@router.post(
    "/{subscription_id}/deliveries/{delivery_id}/redeliver",
    **op(DeliveryRead, "Send a delivered or failed delivery again", (401, 403, 404, 409), status=202),
)
def redeliver(
    subscription_id: uuid.UUID, delivery_id: uuid.UUID, session: SessionDep, actor: Manager
) -> DeliveryRead:
    return logic.redeliver(session, actor, logic.get(session, actor, subscription_id), delivery_id)
