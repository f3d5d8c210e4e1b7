"""HTTP routes of checklists (see ``logic``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from api.accounts.deps import CurrentActor
from api.checklists import logic
from api.checklists.schemas import Answers, Checklist, StepChange, Template
from api.core.db import SessionDep
from api.core.http import NoStoreRead, deleting, no_content, op
from api.core.i18n import LocaleDep

Key = Annotated[str, Path(pattern=r"^[a-z][a-z0-9_]{1,39}$")]

# Her answers are never cached, never stored.
answers = APIRouter(tags=["checklists"], dependencies=[NoStoreRead])
templates = APIRouter(prefix="/checklist-templates", tags=["checklists"])


@answers.post(
    "/checklists", **op(Checklist, "What do I need? Answers in, a checklist out (nothing is stored)", (422,))
)
def checklist(session: SessionDep, locale: LocaleDep, body: Answers) -> Checklist:
    return logic.build(session, body, locale)


@templates.get(
    "/{municipality}",
    **op(Template, "A municipality's checklist: the national steps with its changes", (422,)),
)
def read_template(municipality: str, session: SessionDep) -> Template:
    return logic.read_template(session, municipality)


@templates.put(
    "/{municipality}/steps/{key}",
    **op(Template, "Change, hide or add a step (the municipality's coordinators, admins)", (401, 403, 422)),
)
def change_step(
    municipality: str, key: Key, session: SessionDep, actor: CurrentActor, body: StepChange
) -> Template:
    return logic.change_step(session, actor, municipality, key, body)


@templates.delete(
    "/{municipality}/steps/{key}",
    **deleting("Back to the national step (or remove a local one)", (401, 403, 404)),
)
def reset_step(municipality: str, key: Key, session: SessionDep, actor: CurrentActor) -> Response:
    logic.reset_step(session, actor, municipality, key)
    return no_content()


routers = [answers, templates]
