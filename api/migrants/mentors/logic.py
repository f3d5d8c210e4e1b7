"""Linking a mentor (experts domain) to a person's open case. The person's ``mentoring_contact``
consent is checked here; the experts domain only ever sees the case id as an opaque reference."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from api.core.actor import Actor
from api.core.errors import conflict
from api.experts import logic as experts
from api.migrants.models import Case, Person
from api.migrants.people.consents import has_consent
from api.migrants.people.logic import cases_of, require_open_case
from api.migrants.schemas import CaseMentorRead
from api.migrants.timeline import event, touch


def link(session: Session, *, actor: Actor, person: Person, mentor_id: uuid.UUID) -> CaseMentorRead:
    if not has_consent(session, person.id, "mentoring_contact"):
        raise conflict(
            "The person has not consented to be contacted by a mentor (consent purpose 'mentoring_contact').",
            slug="consent-required",
            purpose="mentoring_contact",
        )
    case = require_open_case(session, person)
    experts.get_mentor(session, mentor_id=mentor_id, municipality_id=case.municipality_id)
    row = experts.start_mentorship(
        session, actor=actor, mentor_id=mentor_id, case_ref=case.id, municipality_id=case.municipality_id
    )
    event(session, case=case, kind="mentor_linked", actor=actor, details={"mentor_id": str(mentor_id)})
    touch(session, actor, case, "link_mentor", purpose="mentoring_contact")
    return CaseMentorRead(mentor_id=row.mentor_id, started_at=row.started_at, ended_at=row.ended_at)


def unlink(session: Session, *, actor: Actor, person: Person, mentor_id: uuid.UUID) -> int:
    case = require_open_case(session, person)
    ended = experts.end_mentorship(
        session, actor=actor, case_ref=case.id, municipality_id=case.municipality_id, mentor_id=mentor_id
    )
    return len(ended)


def listing(session: Session, *, person: Person) -> list[CaseMentorRead]:
    return [
        CaseMentorRead(mentor_id=row.mentor_id, started_at=row.started_at, ended_at=row.ended_at)
        for case in cases_of(session, person)
        for row in experts.mentorships_for_case(
            session, case_ref=case.id, municipality_id=case.municipality_id, active_only=False
        )
    ]


def end_for_case(session: Session, *, actor: Actor, case: Case, reason: str | None) -> None:
    experts.end_mentorship(
        session, actor=actor, case_ref=case.id, municipality_id=case.municipality_id, reason=reason
    )


def end_all(session: Session, *, actor: Actor, person: Person, reason: str | None) -> None:
    for case in cases_of(session, person):
        end_for_case(session, actor=actor, case=case, reason=reason)
