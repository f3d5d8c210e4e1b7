"""People: tenancy, registration, rectification, search, consent, special-category notes, audit.

Tenancy lives in :func:`readable`: a coordinator (``migrants:read``) and a municipality's intake
client see only their municipality's people; everyone else sees nobody (404, never 403).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.db import utcnow
from api.core.errors import conflict, not_found, unprocessable
from api.core.i18n import like_escape, normalize, search_terms
from api.core.logging import current_request_id
from api.core.models import AuditEntry
from api.core.pagination import PageParams, SortKey, finish, keyset
from api.migrants import vocab
from api.migrants.models import Case, Consent, Need, Person, SpecialNote, StatusHistory
from api.migrants.schemas import (
    CaseSummary,
    ConsentRead,
    PersonFields,
    PersonListItem,
    PersonRead,
    PersonUpdate,
    SpecialNoteRead,
    StatusRecord,
)
from api.municipalities.models import Municipality

RECORD = "migrant_person"


# --- audit -------------------------------------------------------------------------------------


def audit(
    session: Session,
    *,
    actor: Actor,
    action: str,
    record_type: str,
    record_id: uuid.UUID,
    subject_id: uuid.UUID | None,
    municipality_id: uuid.UUID | None,
    purpose: str = "case_management",
    details: dict[str, Any] | None = None,
) -> None:
    from api.core import audit as core_audit

    core_audit.record(
        session,
        actor=actor,
        action=action,
        record_type=record_type,
        record_id=record_id,
        municipality_id=municipality_id,
        subject_id=subject_id,
        purpose=purpose,
        details=details,
    )


def audit_many(
    session: Session,
    *,
    actor: Actor,
    action: str,
    record_type: str,
    rows: list[tuple[uuid.UUID, uuid.UUID, uuid.UUID]],
    purpose: str,
) -> None:
    """One entry per record listed, in one INSERT: (record id, subject id, municipality id)."""
    if not rows:
        return
    now = utcnow()
    request_id = current_request_id()
    session.execute(
        sa.insert(AuditEntry.__table__),  # type: ignore[attr-defined]  # core insert: no ORM bookkeeping
        [
            {
                "id": uuid.uuid4(),
                "at": now,
                "actor_kind": actor.kind,
                "actor_id": actor.audit_id,
                "actor_role": actor.role,
                "municipality_id": municipality_id,
                "action": action,
                "record_type": record_type,
                "record_id": str(record_id),
                "subject_id": subject_id,
                "purpose": purpose,
                "request_id": request_id,
                "details": {},
            }
            for record_id, subject_id, municipality_id in rows
        ],
    )


def audit_read(session: Session, *, actor: Actor, person: Person, action: str = "read") -> None:
    audit(
        session,
        actor=actor,
        action=action,
        record_type=RECORD,
        record_id=person.id,
        subject_id=person.id,
        municipality_id=person.municipality_id,
    )


# --- tenancy -----------------------------------------------------------------------------------


def staff_municipality(actor: Actor) -> uuid.UUID | None:
    """The municipality whose people the actor works with, or None when it has none."""
    if actor.kind == "user" and actor.has("migrants:read") and actor.municipality_id:
        return actor.municipality_id
    if actor.kind == "client" and actor.has("migrants:intake") and actor.municipality_id:
        return actor.municipality_id
    return None


def readable(actor: Actor) -> list[sa.ColumnElement[bool]]:
    municipality_id = staff_municipality(actor)
    if municipality_id is None:
        return [sa.false()]
    return [col(Person.municipality_id) == municipality_id]


def get(session: Session, *, actor: Actor, person_id: uuid.UUID, for_update: bool = False) -> Person:
    stmt = select(Person).where(Person.id == person_id, *readable(actor))
    if for_update:
        stmt = stmt.with_for_update()
    person = session.exec(stmt).first()
    if person is None:
        raise not_found("person")
    return person


# --- consent -----------------------------------------------------------------------------------


def current_consents(session: Session, person_id: uuid.UUID) -> dict[str, Consent]:
    rows = session.exec(
        select(Consent)
        .where(Consent.person_id == person_id, col(Consent.withdrawn_at).is_(None))
        .order_by(col(Consent.granted_at))
    ).all()
    return {c.purpose: c for c in rows}


def has_consent(session: Session, person_id: uuid.UUID, purpose: str) -> bool:
    return purpose in current_consents(session, person_id)


def consent_reads(session: Session, person_id: uuid.UUID) -> list[ConsentRead]:
    current = current_consents(session, person_id)
    last_withdrawn: dict[str, Consent] = {}
    for row in session.exec(
        select(Consent)
        .where(Consent.person_id == person_id, col(Consent.withdrawn_at).is_not(None))
        .order_by(col(Consent.withdrawn_at))
    ).all():
        last_withdrawn[row.purpose] = row
    out = []
    for purpose in vocab.CONSENT_PURPOSES:
        shown = current.get(purpose) or last_withdrawn.get(purpose)
        out.append(
            ConsentRead(
                purpose=purpose,
                granted=purpose in current,
                granted_at=shown.granted_at if shown else None,
                granted_by=shown.granted_by if shown else None,
                withdrawn_at=shown.withdrawn_at if shown else None,
                withdrawn_by=shown.withdrawn_by if shown else None,
            )
        )
    return out


def grant(session: Session, *, actor: Actor, person: Person, purpose: str) -> bool:
    if purpose in current_consents(session, person.id):
        return False
    session.add(Consent(person_id=person.id, purpose=purpose, granted_by=actor.audit_id))
    session.flush()
    if purpose == "provider_sharing":
        from api.migrants import referrals

        referrals.reshare(session, person_id=person.id)
    audit(
        session,
        actor=actor,
        action="consent_grant",
        record_type=RECORD,
        record_id=person.id,
        subject_id=person.id,
        municipality_id=person.municipality_id,
        details={"purpose": purpose},
    )
    return True


def withdraw(session: Session, *, actor: Actor, person: Person, purpose: str) -> bool:
    """Takes effect in this transaction: shared referrals disappear from providers' inboxes and
    mentorships end before the request returns."""
    found = current_consents(session, person.id).get(purpose)
    if found is None:
        return False
    current = found
    current.withdrawn_at = utcnow()
    current.withdrawn_by = actor.audit_id
    session.add(current)
    session.flush()
    if purpose == "provider_sharing":
        from api.migrants import referrals

        referrals.unshare(session, person_id=person.id)
    if purpose == "mentoring_contact":
        from api.migrants import mentors

        mentors.end_all(session, actor=actor, person=person, reason="consent withdrawn")
    audit(
        session,
        actor=actor,
        action="consent_withdraw",
        record_type=RECORD,
        record_id=person.id,
        subject_id=person.id,
        municipality_id=person.municipality_id,
        details={"purpose": purpose},
    )
    return True


# --- registration and rectification ------------------------------------------------------------


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


def create_person(
    session: Session, *, actor: Actor, municipality_id: uuid.UUID, data: PersonFields
) -> Person:
    _check_fields(data)
    if data.external_ref and find_by_ref(session, municipality_id, data.external_ref) is not None:
        raise conflict("A person with this external reference is already registered.", slug="duplicate-ref")
    person = Person(municipality_id=municipality_id, legal_status=data.legal_status)
    _apply(person, _dump(data, only_set=False))
    session.add(person)
    session.flush()
    session.add(
        StatusHistory(
            person_id=person.id,
            legal_status=person.legal_status,
            permit_expires_on=person.permit_expires_on,
            recorded_by=actor.audit_id,
        )
    )
    audit(
        session,
        actor=actor,
        action="create",
        record_type=RECORD,
        record_id=person.id,
        subject_id=person.id,
        municipality_id=municipality_id,
    )
    return person


def find_by_ref(session: Session, municipality_id: uuid.UUID, external_ref: str) -> Person | None:
    return session.exec(
        select(Person).where(Person.municipality_id == municipality_id, Person.external_ref == external_ref)
    ).first()


def update_person(session: Session, *, actor: Actor, person: Person, data: PersonUpdate) -> Person:
    """Rectification (GDPR art. 16): audited with the names of the fields changed, not their values."""
    if person.anonymised_at is not None:
        raise conflict("This person's data was erased.", slug="erased")
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
    if (
        values.get("external_ref")
        and values["external_ref"] != person.external_ref
        and find_by_ref(session, person.municipality_id, values["external_ref"]) is not None
    ):
        raise conflict("A person with this external reference is already registered.", slug="duplicate-ref")
    changed = sorted(k for k, v in values.items() if getattr(person, k) != v)
    status_changed = "legal_status" in changed or "permit_expires_on" in changed
    _apply(person, values)
    if changed:
        person.version += 1
        person.updated_at = utcnow()
    session.add(person)
    if status_changed:
        session.add(
            StatusHistory(
                person_id=person.id,
                legal_status=person.legal_status,
                permit_expires_on=person.permit_expires_on,
                recorded_by=actor.audit_id,
            )
        )
    session.flush()
    audit(
        session,
        actor=actor,
        action="update",
        record_type=RECORD,
        record_id=person.id,
        subject_id=person.id,
        municipality_id=person.municipality_id,
        details={"fields": changed},
    )
    return person


# --- reading -----------------------------------------------------------------------------------


def municipality_slug(session: Session, municipality_id: uuid.UUID) -> str:
    municipality = session.get(Municipality, municipality_id)
    return municipality.slug if municipality else ""


def open_case(session: Session, person: Person) -> Case | None:
    return session.exec(
        select(Case).where(
            Case.person_id == person.id, Case.municipality_id == person.municipality_id, Case.status == "open"
        )
    ).first()


def to_read(session: Session, person: Person) -> PersonRead:
    history = session.exec(
        select(StatusHistory)
        .where(StatusHistory.person_id == person.id)
        .order_by(col(StatusHistory.recorded_at), col(StatusHistory.id))
    ).all()
    cases = session.exec(
        select(Case)
        .where(Case.person_id == person.id, Case.municipality_id == person.municipality_id)
        .order_by(col(Case.opened_at).desc())
    ).all()
    open_id = next((c.id for c in cases if c.status == "open"), None)
    return PersonRead(
        id=person.id,
        municipality=municipality_slug(session, person.municipality_id),
        given_name=person.given_name,
        family_name=person.family_name,
        birth_date=person.birth_date,
        birth_year=person.birth_year,
        sex=person.sex,
        citizenships=list(person.citizenships),
        languages=list(person.languages),
        lithuanian_level=person.lithuanian_level,
        legal_status=person.legal_status,
        permit_expires_on=person.permit_expires_on,
        arrival_date=person.arrival_date,
        email=person.email,
        phone=person.phone,
        address=person.address,
        preferred_language=person.preferred_language,
        household=list(person.household),
        external_ref=person.external_ref,
        status_history=[
            StatusRecord(
                legal_status=h.legal_status, permit_expires_on=h.permit_expires_on, recorded_at=h.recorded_at
            )
            for h in history
        ],
        consents=consent_reads(session, person.id),
        cases=[
            CaseSummary(
                id=c.id,
                status=c.status,
                coordinator_id=c.coordinator_id,
                opened_at=c.opened_at,
                closed_at=c.closed_at,
            )
            for c in cases
        ],
        open_case_id=open_id,
        anonymised=person.anonymised_at is not None,
        created_at=person.created_at,
        updated_at=person.updated_at,
        version=person.version,
    )


def read(session: Session, *, actor: Actor, person: Person, action: str = "read") -> PersonRead:
    audit(
        session,
        actor=actor,
        action=action,
        record_type=RECORD,
        record_id=person.id,
        subject_id=person.id,
        municipality_id=person.municipality_id,
    )
    return to_read(session, person)


PERSON_SORTS = {
    "name": lambda: [SortKey(col(Person.search_name)), SortKey(col(Person.id))],
    "-updated_at": lambda: [SortKey(col(Person.updated_at), descending=True), SortKey(col(Person.id), True)],
}


def search(
    session: Session,
    *,
    actor: Actor,
    params: PageParams,
    q: str | None = None,
    legal_status: list[str] | None = None,
    need: str | None = None,
    coordinator_id: uuid.UUID | None = None,
    case: str | None = None,
    sort: str = "name",
) -> tuple[list[PersonListItem], str | None]:
    conditions = [*readable(actor), col(Person.anonymised_at).is_(None)]
    for term in search_terms(q):
        conditions.append(col(Person.search_name).like(f"%{like_escape(term)}%", escape="\\"))
    if legal_status:
        conditions.append(col(Person.legal_status).in_(legal_status))
    if coordinator_id is not None:
        conditions.append(col(Person.coordinator_id) == coordinator_id)
    if case == "open":
        conditions.append(col(Person.case_open).is_(True))
    elif case == "closed":
        conditions.append(col(Person.case_open).is_(False))
    if need:
        vocab.check_need(need, loc=["query", "need"])
        conditions.append(
            sa.exists(
                select(Need.id)
                .join(Case, col(Case.id) == Need.case_id)
                .where(
                    Case.person_id == Person.id,
                    Case.status == "open",
                    Need.code == need,
                    col(Need.status).in_(("open", "in_progress")),
                )
            )
        )
    keys = PERSON_SORTS[sort]()
    cols: tuple[Any, ...] = (
        Person.id,
        Person.municipality_id,
        Person.given_name,
        Person.family_name,
        Person.birth_year,
        Person.legal_status,
        Person.preferred_language,
        Person.case_open,
        Person.coordinator_id,
        Person.updated_at,
        Person.search_name,
    )
    stmt = keyset(sa.select(*cols).where(*conditions), keys=keys, params=params, sort_name=sort)
    rows = session.execute(stmt).all()

    def key_of(row: Any) -> list[Any]:
        return [row.search_name, row.id] if sort == "name" else [row.updated_at, row.id]

    page, next_cursor = finish(rows, params=params, key_of=key_of, sort_name=sort)
    audit_many(
        session,
        actor=actor,
        action="list",
        record_type=RECORD,
        rows=[(r.id, r.id, r.municipality_id) for r in page],
        purpose="case_management",
    )
    items = [
        PersonListItem(
            id=r.id,
            given_name=r.given_name,
            family_name=r.family_name,
            birth_year=r.birth_year,
            legal_status=r.legal_status,
            preferred_language=r.preferred_language,
            case_open=r.case_open,
            coordinator_id=r.coordinator_id,
            updated_at=r.updated_at,
        )
        for r in page
    ]
    return items, next_cursor


# --- special-category notes --------------------------------------------------------------------


def special_notes(session: Session, *, actor: Actor, person: Person) -> list[SpecialNoteRead]:
    rows = session.exec(
        select(SpecialNote).where(SpecialNote.person_id == person.id).order_by(col(SpecialNote.created_at))
    ).all()
    audit(
        session,
        actor=actor,
        action="read_special",
        record_type=RECORD,
        record_id=person.id,
        subject_id=person.id,
        municipality_id=person.municipality_id,
    )
    return [
        SpecialNoteRead(
            id=n.id, category=n.category, text=n.text, created_at=n.created_at, created_by=n.created_by
        )
        for n in rows
    ]


def add_special_note(
    session: Session, *, actor: Actor, person: Person, category: str, text: str
) -> SpecialNote:
    if person.anonymised_at is not None:
        raise conflict("This person's data was erased.", slug="erased")
    note = SpecialNote(person_id=person.id, category=category, text=text, created_by=actor.audit_id)
    session.add(note)
    session.flush()
    audit(
        session,
        actor=actor,
        action="create_special",
        record_type=RECORD,
        record_id=person.id,
        subject_id=person.id,
        municipality_id=person.municipality_id,
        details={"note_id": str(note.id)},
    )
    return note


def age_on(person: Person, day: date | datetime) -> int | None:
    if person.birth_date is not None:
        b = person.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))
    if person.birth_year is not None:
        return day.year - person.birth_year
    return None
