"""People: loading, registration, rectification (GDPR art. 16) and the person's record."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.conditional import IfMatch, check, claim
from api.core.db import found, utcnow
from api.core.errors import conflict, unprocessable
from api.core.i18n import normalize
from api.migrants import scope, vocab
from api.migrants.audit import PERSON, audit_read
from api.migrants.models import Case, Person, StatusHistory
from api.migrants.people.consents import consent_reads
from api.migrants.people.schemas import CaseSummary, PersonFields, PersonRead, PersonUpdate, StatusRecord
from api.municipalities.models import Municipality

RECORD = PERSON


def get(session: Session, *, actor: Actor, person_id: uuid.UUID, for_update: bool = False) -> Person:
    stmt = scope.readable_people(actor).where(Person.id == person_id)
    return found(session, stmt.with_for_update() if for_update else stmt, "person")


def refuse_erased(person: Person) -> None:
    if person.anonymised_at is not None:
        raise conflict("This person's data was erased.", slug="erased")


def _check_fields(data: PersonFields | PersonUpdate) -> None:
    if data.legal_status is not None:
        vocab.check_legal_status(data.legal_status)
    today = date.today()
    if data.birth_date is not None and data.birth_date > today:
        raise unprocessable(
            "The birth date is in the future.",
            errors=[{"loc": ["body", "birth_date"], "msg": "in the future", "type": "value_error"}],
        )


def search_name(given: str, family: str) -> str:
    return normalize(f"{given} {family}")[:250]


def _apply(person: Person, values: dict[str, Any]) -> None:
    for key, value in values.items():
        setattr(person, key, value)
    if "birth_date" in values:
        person.birth_year = values["birth_date"].year if values["birth_date"] else person.birth_year
    person.search_name = search_name(person.given_name, person.family_name)


def _dump(data: PersonFields | PersonUpdate, *, only_set: bool) -> dict[str, Any]:
    fields = set(PersonUpdate.model_fields)
    values = data.model_dump(include=fields, exclude_unset=only_set, mode="python")
    if "email" in values and values["email"] is not None:
        values["email"] = str(values["email"]).lower()
    return values


def status_record(person: Person, **fields: Any) -> StatusHistory:
    """The person's legal status as it stands now, as a row of their status history."""
    return StatusHistory(
        person_id=person.id,
        legal_status=person.legal_status,
        permit_expires_on=person.permit_expires_on,
        **fields,
    )


def _record_status(session: Session, actor: Actor, person: Person) -> None:
    session.add(status_record(person, recorded_by=actor.audit_id))


def _refuse_duplicate_ref(session: Session, municipality_id: uuid.UUID, external_ref: str | None) -> None:
    if external_ref and find_by_ref(session, municipality_id, external_ref) is not None:
        raise conflict("A person with this external reference is already registered.", slug="duplicate-ref")


def create_person(
    session: Session, *, actor: Actor, municipality_id: uuid.UUID, data: PersonFields
) -> Person:
    _check_fields(data)
    _refuse_duplicate_ref(session, municipality_id, data.external_ref)
    person = Person(municipality_id=municipality_id, legal_status=data.legal_status)
    _apply(person, _dump(data, only_set=False))
    session.add(person)
    session.flush()
    _record_status(session, actor, person)
    audit_read(session, actor=actor, person=person, action="create")
    return person


def find_by_ref(session: Session, municipality_id: uuid.UUID, external_ref: str) -> Person | None:
    return session.exec(scope.person_by_ref(municipality_id, external_ref)).first()


def update_person(
    session: Session, *, actor: Actor, person: Person, data: PersonUpdate, if_match: IfMatch | None = None
) -> Person:
    """Rectification (GDPR art. 16): audited with the names of the fields changed, not their values."""
    if if_match is not None:
        check(if_match, person.version)
    refuse_erased(person)
    _check_fields(data)
    values = _dump(data, only_set=True)
    for required in ("given_name", "family_name", "legal_status", "sex", "lithuanian_level"):
        if required in values and values[required] is None:
            raise unprocessable(
                f"{required} cannot be empty.",
                errors=[{"loc": ["body", required], "msg": "may not be null", "type": "value_error"}],
            )
    for listed in ("citizenships", "languages", "household"):
        if listed in values and values[listed] is None:
            values[listed] = []
    if values.get("external_ref") != person.external_ref:
        _refuse_duplicate_ref(session, person.municipality_id, values.get("external_ref"))
    changed = sorted(k for k, v in values.items() if getattr(person, k) != v)
    status_changed = "legal_status" in changed or "permit_expires_on" in changed
    if changed:
        claim(session, person, if_match)
        _apply(person, values)
        person.updated_at = utcnow()
    session.add(person)
    if status_changed:
        _record_status(session, actor, person)
    session.flush()
    audit_read(session, actor=actor, person=person, action="update", details={"fields": changed})
    return person


def municipality_slug(session: Session, municipality_id: uuid.UUID) -> str:
    municipality = session.get(Municipality, municipality_id)
    return municipality.slug if municipality else ""


def open_case(session: Session, person: Person) -> Case | None:
    return session.exec(scope.person_cases(person).where(Case.status == "open")).first()


def require_open_case(session: Session, person: Person) -> Case:
    case = open_case(session, person)
    if case is None:
        raise conflict("The person has no open case.", slug="no-open-case")
    return case


def cases_of(session: Session, person: Person) -> list[Case]:
    """Every case of the person, wherever they lived (for export, mentors, erasure)."""
    return list(
        session.exec(select(Case).where(Case.person_id == person.id).order_by(col(Case.opened_at))).all()
    )


def to_read(session: Session, person: Person) -> PersonRead:
    history = session.exec(
        select(StatusHistory)
        .where(StatusHistory.person_id == person.id)
        .order_by(col(StatusHistory.recorded_at), col(StatusHistory.id))
    ).all()
    cases = session.exec(scope.person_cases(person).order_by(col(Case.opened_at).desc())).all()
    open_id = next((c.id for c in cases if c.status == "open"), None)
    derived = {
        "municipality": municipality_slug(session, person.municipality_id),
        "status_history": [StatusRecord.model_validate(h, from_attributes=True) for h in history],
        "consents": consent_reads(session, person.id),
        "cases": [CaseSummary.model_validate(c, from_attributes=True) for c in cases],
        "open_case_id": open_id,
        "anonymised": person.anonymised_at is not None,
    }
    return PersonRead.model_validate({**person.model_dump(), **derived})


def read(session: Session, *, actor: Actor, person: Person, action: str = "read") -> PersonRead:
    audit_read(session, actor=actor, person=person, action=action)
    return to_read(session, person)


def age_on(person: Person, day: date | datetime) -> int | None:
    if person.birth_date is not None:
        b = person.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))
    if person.birth_year is not None:
        return day.year - person.birth_year
    return None
