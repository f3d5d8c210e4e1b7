"""Machine clients of partner systems."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from sqlmodel import Session

from api.accounts.clients import logic
from api.accounts.deps import require_scopes
from api.accounts.models import MachineClient
from api.accounts.schemas import (
    ClientCreate,
    ClientList,
    ClientRead,
    ClientUpdate,
    ClientWithSecret,
)
from api.core.actor import Actor
from api.core.conditional import IfMatchDep, claim
from api.core.db import SessionDep
from api.core.etag import set_etag
from api.core.http import NoStore, creating, deleting, no_content, op
from api.core.idempotency import NO_REPLAY
from api.core.pagination import PageDep, set_link_header

# Client records and their secrets are never cached.
clients = APIRouter(prefix="/clients", tags=["clients"], dependencies=[NoStore])


ClientManager = Annotated[Actor, Depends(require_scopes("clients:manage"))]


@clients.get("", **op(ClientList, "List machine clients", (401, 403)))
def list_clients(
    request: Request, response: Response, session: SessionDep, actor: ClientManager, page: PageDep
) -> ClientList:
    rows, next_cursor = logic.list_clients(session, params=page)
    set_link_header(request, response, next_cursor)
    return ClientList(items=[logic.client_read(session, c) for c in rows], next_cursor=next_cursor)


@clients.post(
    "", **creating(ClientWithSecret, "Create a machine client (the secret is shown once)", (401, 403, 422))
)
def create_client(
    session: SessionDep, actor: ClientManager, body: ClientCreate, response: Response
) -> ClientRead:
    client, secret = logic.create_client(session, actor=actor, data=body)
    response.headers["Location"] = f"/api/v1/clients/{client.id}"
    return _with_secret(response, session, client, secret)


def _client(response: Response, session: Session, client: MachineClient) -> ClientRead:
    """A client as read, with its ETag."""
    set_etag(response, client.version)
    return logic.client_read(session, client)


def _with_secret(response: Response, session: Session, client: MachineClient, secret: str) -> ClientRead:
    """A client with its new secret: shown once, so a retry with the same Idempotency-Key never
    sees it again."""
    response.headers[NO_REPLAY] = "1"
    return logic.client_read(session, client, secret)


@clients.get("/{client_id}", **op(ClientRead, "Get a machine client", (401, 403, 404)))
def get_client(
    client_id: uuid.UUID, session: SessionDep, actor: ClientManager, response: Response
) -> ClientRead:
    return _client(response, session, logic.get_client(session, client_id))


@clients.patch("/{client_id}", **op(ClientRead, "Change a machine client", (401, 403, 404, 412, 422, 428)))
def update_client(
    client_id: uuid.UUID,
    if_match: IfMatchDep,
    session: SessionDep,
    actor: ClientManager,
    body: ClientUpdate,
    response: Response,
) -> ClientRead:
    client = logic.get_client(session, client_id)
    claim(session, client, if_match)
    return _client(response, session, logic.update_client(session, client=client, data=body))


@clients.post(
    "/{client_id}/secret",
    **op(ClientWithSecret, "Issue a new secret (the old one stops working)", (401, 403, 404)),
)
def rotate_secret(
    client_id: uuid.UUID, session: SessionDep, actor: ClientManager, response: Response
) -> ClientRead:
    client = logic.get_client(session, client_id)
    return _with_secret(response, session, client, logic.rotate_client_secret(session, client=client))


@clients.delete("/{client_id}", **deleting("Disable a machine client"))
def disable_client(
    client_id: uuid.UUID, if_match: IfMatchDep, session: SessionDep, actor: ClientManager
) -> Response:
    client = logic.get_client(session, client_id)
    claim(session, client, if_match)
    logic.update_client(session, client=client, data=ClientUpdate(is_active=False))
    return no_content()
