"""The person's mentors (experts domain): list, link to the open case, end the link."""

from __future__ import annotations

import uuid

from fastapi import Response

from api.core.db import SessionDep
from api.core.http import creating, deleting, no_content, op
from api.migrants.audit import audit_read
from api.migrants.deps import ReadablePerson, ReaderById, WritablePerson, WriterById
from api.migrants.mentors import logic
from api.migrants.routes import READ_ERRORS, WRITE_ERRORS, personal
from api.migrants.schemas import CaseMentorList, CaseMentorRead, MentorLink

router = personal("/migrants")


@router.get("/{person_id}/mentors", **op(CaseMentorList, "The person's mentors", READ_ERRORS))
def list_mentors(session: SessionDep, actor: ReaderById, person: ReadablePerson) -> CaseMentorList:
    audit_read(session, actor=actor, person=person, action="read_mentors")
    return CaseMentorList(items=logic.listing(session, person=person))


@router.post(
    "/{person_id}/mentors",
    **creating(
        CaseMentorRead,
        "Link a mentor to the open case (needs the mentoring_contact consent)",
        WRITE_ERRORS,
    ),
)
def link_mentor(
    session: SessionDep, actor: WriterById, person: WritablePerson, body: MentorLink
) -> CaseMentorRead:
    return logic.link(session, actor=actor, person=person, mentor_id=body.mentor_id)


@router.delete(
    "/{person_id}/mentors/{mentor_id}",
    **deleting("End a mentor's link to the open case", WRITE_ERRORS),
)
def unlink_mentor(
    session: SessionDep, actor: WriterById, person: WritablePerson, mentor_id: uuid.UUID
) -> Response:
    logic.unlink(session, actor=actor, person=person, mentor_id=mentor_id)
    return no_content()


routers = [router]
