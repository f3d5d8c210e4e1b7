"""The indicators domain's actors (by scope) and loading dependencies: another tenant's record is 404."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends

from api.accounts.deps import ActorDep, require_scopes
from api.core.actor import Actor
from api.core.db import SessionDep
from api.indicators.data import logic as data
from api.indicators.definitions import logic as definitions
from api.indicators.models import IndicatorDefinition, IndicatorImport
from api.indicators.scope import PUBLISH, READ, WRITE

Reader = Annotated[Actor, Depends(require_scopes(READ))]
Writer = Annotated[Actor, Depends(require_scopes(WRITE))]
Publisher = Annotated[Actor, Depends(require_scopes(PUBLISH))]


def readable_definition(code: str, session: SessionDep, actor: ActorDep) -> IndicatorDefinition:
    return definitions.get_definition(session, actor=actor, code=code)


def writable_definition(code: str, session: SessionDep, actor: Writer) -> IndicatorDefinition:
    return definitions.get_definition(session, actor=actor, code=code)


def readable_import(import_id: uuid.UUID, session: SessionDep, actor: Writer) -> IndicatorImport:
    return data.get_import(session, actor=actor, import_id=import_id)


ReadableDefinition = Annotated[IndicatorDefinition, Depends(readable_definition)]
WritableDefinition = Annotated[IndicatorDefinition, Depends(writable_definition)]
ReadableImport = Annotated[IndicatorImport, Depends(readable_import)]
