"""The person's consents: read them, record a grant or a withdrawal (takes effect at once)."""

from __future__ import annotations

from api.core.db import SessionDep
from api.core.http import op
from api.migrants.consent import logic
from api.migrants.deps import ReadablePerson, ReaderById, WritablePerson, WriterById
from api.migrants.people.schemas import ConsentChange, ConsentList
from api.migrants.routes import READ_ERRORS, WRITE_ERRORS, personal

router = personal("/migrants")


@router.get("/{person_id}/consents", **op(ConsentList, "The person's consents", READ_ERRORS))
def list_consents(session: SessionDep, actor: ReaderById, person: ReadablePerson) -> ConsentList:
    return ConsentList(items=logic.listing(session, actor=actor, person=person))


@router.post(
    "/{person_id}/consents",
    **op(
        ConsentList,
        "Record that the person granted or withdrew a consent (takes effect at once)",
        WRITE_ERRORS,
    ),
)
def change_consent(
    session: SessionDep, actor: WriterById, person: WritablePerson, body: ConsentChange
) -> ConsentList:
    items = logic.change(session, actor=actor, person=person, purpose=body.purpose, action=body.action)
    return ConsentList(items=items)


routers = [router]
