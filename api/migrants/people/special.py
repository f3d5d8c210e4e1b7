"""Special-category notes (GDPR art. 9): health, disability. Only ``migrants:special`` reads them."""

from __future__ import annotations

from sqlmodel import Session, col, select

from api.core.actor import Actor
from api.core.errors import ProblemError
from api.migrants.audit import audit_read
from api.migrants.models import Person, SpecialNote
from api.migrants.people.logic import refuse_erased
from api.migrants.people.schemas import SpecialNoteRead


def require_special(actor: Actor) -> None:
    if not actor.has("migrants:special"):
        raise ProblemError(403, "This needs the scope migrants:special.", slug="insufficient-scope")


def note_read(n: SpecialNote) -> SpecialNoteRead:
    return SpecialNoteRead(
        id=n.id, category=n.category, text=n.text, created_at=n.created_at, created_by=n.created_by
    )


def special_notes(session: Session, *, actor: Actor, person: Person) -> list[SpecialNoteRead]:
    require_special(actor)
    rows = session.exec(
        select(SpecialNote).where(SpecialNote.person_id == person.id).order_by(col(SpecialNote.created_at))
    ).all()
    audit_read(session, actor=actor, person=person, action="read_special")
    return [note_read(n) for n in rows]


def add_special_note(
    session: Session, *, actor: Actor, person: Person, category: str, text: str
) -> SpecialNoteRead:
    require_special(actor)
    refuse_erased(person)
    note = SpecialNote(person_id=person.id, category=category, text=text, created_by=actor.audit_id)
    session.add(note)
    session.flush()
    audit_read(
        session, actor=actor, person=person, action="create_special", details={"note_id": str(note.id)}
    )
    return note_read(note)
