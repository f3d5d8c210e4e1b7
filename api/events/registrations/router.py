"""HTTP routes of registrations: register, cancel, organisers' list, attendance, CSV, messages."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from api.accounts.deps import SignedInPerson, UserActor
from api.core.db import SessionDep
from api.core.hot import in_thread_committed
from api.core.http import NoStore, op
from api.core.i18n import LocaleDep
from api.events import notices
from api.events.events.logic import get_managed, get_readable, to_read
from api.events.models import EventRegistration
from api.events.registrations import logic
from api.events.schemas import (
    Attendance,
    Message,
    MessageSent,
    MyRegistration,
    MyRegistrationList,
    RegistrationCreate,
    RegistrationList,
    RegistrationRead,
)

router = APIRouter(prefix="/events/{event_id}", tags=["events"])


def _read(reg: EventRegistration, name: str | None = None) -> RegistrationRead:
    return RegistrationRead(**reg.model_dump(), display_name=name)


@router.post(
    "/registration",
    **op(RegistrationRead, "Register (or join the waitlist)", (401, 404, 409, 422), status=201),
)
async def register(
    event_id: uuid.UUID, who: SignedInPerson, body: RegistrationCreate, session: SessionDep
) -> RegistrationRead:
    def work() -> RegistrationRead:
        actor = who.person(session)
        event = get_readable(session, event_id)
        return _read(logic.register(session, actor=actor, event=event, answers=body.answers))

    # The token's database check, the event and the registration in one worker thread, committed
    # there (the seat taken on the event is not held locked across a second hop).
    return await in_thread_committed(session, work)


@router.delete("/registration", **op(None, "Cancel my registration", (401, 404), status=204))
async def unregister(event_id: uuid.UUID, who: SignedInPerson, session: SessionDep) -> Response:
    def work() -> None:
        actor = who.person(session)
        logic.unregister(session, actor=actor, event=get_readable(session, event_id))

    await in_thread_committed(session, work)
    return Response(status_code=204)


@router.get("/registrations", **op(RegistrationList, "Registrations (organisers)", (401, 404)))
def list_registrations(event_id: uuid.UUID, session: SessionDep, actor: UserActor) -> RegistrationList:
    rows = logic.registrations(session, get_managed(session, actor, event_id))
    return RegistrationList(items=[_read(r, n) for r, n in rows])


@router.get(
    "/registrations.csv",
    response_class=Response,
    **op(
        None,
        "Registrations as CSV (organisers)",
        (401, 404),
        responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV"}},
    ),
)
def export(event_id: uuid.UUID, session: SessionDep, actor: UserActor) -> Response:
    body = logic.export_csv(session, get_managed(session, actor, event_id))
    return Response(body, media_type="text/csv; charset=utf-8", headers={"Cache-Control": "no-store"})


@router.put(
    "/registrations/{registration_id}/attendance", **op(RegistrationRead, "Mark attendance", (401, 404, 422))
)
def attendance(
    event_id: uuid.UUID, registration_id: uuid.UUID, session: SessionDep, actor: UserActor, body: Attendance
) -> RegistrationRead:
    event = get_managed(session, actor, event_id)
    return _read(logic.mark_attendance(session, event, registration_id, body.attended))


@router.post("/messages", **op(MessageSent, "Message everyone registered (in-app)", (401, 404, 422)))
def message(event_id: uuid.UUID, session: SessionDep, actor: UserActor, body: Message) -> MessageSent:
    event = get_managed(session, actor, event_id)
    return MessageSent(
        recipients=notices.everyone(session, event, notices.MESSAGE, "event_message", body.text)
    )


mine = APIRouter(prefix="/me/event-registrations", tags=["events"], dependencies=[NoStore])


@mine.get("", **op(MyRegistrationList, "My registrations (not cancelled)", (401,)))
def my_registrations(session: SessionDep, actor: UserActor, locale: LocaleDep) -> MyRegistrationList:
    rows = logic.mine(session, actor)
    return MyRegistrationList(
        items=[
            MyRegistration(registration=_read(r), event=to_read(session, e, actor, locale, mine=r.status))
            for r, e in rows
        ]
    )
