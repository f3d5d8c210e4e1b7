"""Machine clients: partner systems with their own secrets and scopes."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session, select

from api.accounts.common import invalid, organization_home, touch
from api.accounts.models import MachineClient
from api.accounts.schemas import (
    ClientCreate,
    ClientRead,
    ClientUpdate,
    ClientWithSecret,
)
from api.accounts.scopes import (
    CLIENT_SCOPES,
    NATIONAL_CLIENT_SCOPES,
    ORGANIZATION_CLIENT_SCOPES,
)
from api.core.actor import Actor
from api.core.conditional import claim
from api.core.errors import not_found
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.core.security import (
    hash_token,
    new_secret,
)
from api.municipalities import logic as municipalities

# --- machine clients -----------------------------------------------------------------------------


# The answer fields that are the client's own columns, copied as they are.
_CLIENT_COLUMNS = set(ClientRead.model_fields) & set(MachineClient.model_fields)


def client_read(session: Session, client: MachineClient, secret: str | None = None) -> ClientRead:
    slug = municipalities.get(session, client.municipality_id).slug if client.municipality_id else None
    data: dict[str, Any] = {**client.model_dump(include=_CLIENT_COLUMNS), "municipality": slug}
    if secret is not None:
        return ClientWithSecret(**data, client_secret=secret)
    return ClientRead(**data)


def _check_client_scopes(scopes: list[str], organization_id: uuid.UUID | None) -> list[str]:
    allowed = ORGANIZATION_CLIENT_SCOPES if organization_id else CLIENT_SCOPES
    bad = sorted(set(scopes) - allowed)
    if bad:
        raise invalid(
            "scopes", f"Scope(s) not available to this client: {', '.join(bad)}.", f"not allowed: {bad}"
        )
    return sorted(set(scopes))


def list_clients(session: Session, *, params: PageParams) -> tuple[list[MachineClient], str | None]:
    keys = [SortKey(MachineClient.created_at), SortKey(MachineClient.id)]
    rows = list(session.exec(keyset(select(MachineClient), keys=keys, params=params)).all())
    return finish(rows, params=params, key_of=lambda c: [c.created_at, c.id])


def get_client(session: Session, client_id: uuid.UUID) -> MachineClient:
    client = session.get(MachineClient, client_id)
    if client is None:
        raise not_found("client")
    return client


def create_client(session: Session, *, actor: Actor, data: ClientCreate) -> tuple[MachineClient, str]:
    municipality_id: uuid.UUID | None
    if data.organization_id is not None:
        municipality_id = organization_home(session, data.organization_id)
    elif data.municipality:
        municipality_id = municipalities.resolve_slug(session, data.municipality).id
    elif set(data.scopes) <= NATIONAL_CLIENT_SCOPES:
        # National statistics clients (ministries, the State Data Agency) load and read every place.
        municipality_id = None
    else:
        raise invalid(
            "municipality",
            "A client is bound to a municipality or an organisation (only indicator clients may be national).",
            "municipality or organization_id",
            "missing",
        )
    secret = new_secret()
    client = MachineClient(
        client_id="lgc_" + uuid.uuid4().hex[:20],
        secret_hash=hash_token(secret),
        name=data.name,
        municipality_id=municipality_id,
        organization_id=data.organization_id,
        scopes=_check_client_scopes(data.scopes, data.organization_id),
        created_by=actor.id if actor.kind == "user" else None,
    )
    session.add(client)
    session.flush()
    return client, secret


def update_client(session: Session, *, client: MachineClient, data: ClientUpdate) -> MachineClient:
    changes = data.model_dump(exclude_unset=True)
    if changes.get("name"):
        client.name = changes["name"]
    if changes.get("scopes") is not None:
        client.scopes = _check_client_scopes(changes["scopes"], client.organization_id)
    if changes.get("is_active") is not None:
        client.is_active = changes["is_active"]
    touch(client)
    return client


def rotate_client_secret(session: Session, *, client: MachineClient) -> str:
    secret = new_secret()
    client.secret_hash = hash_token(secret)
    claim(session, client, None)
    touch(client)
    return secret
