"""The returnee package (grįžtančiojo paketas) and registration: "the service finds the person".

Registering a returnee (by a coordinator or by intake from the municipality's system) opens the
case, gives it to the package's responsible coordinator and proposes the package's referrals,
once per case, whatever retries come.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session

from api.core.actor import Actor
from api.core.conditional import IfMatch, claim
from api.core.db import utcnow
from api.core.errors import unprocessable
from api.migrants import erasures, partners, scope, vocab
from api.migrants.audit import PACKAGE, audit
from api.migrants.cases.logic import check_coordinator, default_coordinator, open_new
from api.migrants.consent.logic import grant
from api.migrants.models import Case, Person, ReturneePackage
from api.migrants.people.logic import (
    age_on,
    create_person,
    find_by_ref,
    municipality_slug,
    open_case,
    update_person,
)
from api.migrants.people.schemas import IntakeCreate, IntakeResult, PersonCreate, PersonUpdate
from api.migrants.referrals.briefs import match_services, service_brief
from api.migrants.referrals.logic import create as create_referral
from api.migrants.schemas import PackageRead, PackageWrite
from api.migrants.timeline import event


def get(session: Session, municipality_id: uuid.UUID) -> ReturneePackage | None:
    return session.exec(scope.municipality_package(municipality_id)).first()


def to_read(session: Session, municipality_id: uuid.UUID, package: ReturneePackage | None) -> PackageRead:
    return PackageRead(
        municipality=municipality_slug(session, municipality_id),
        responsible_coordinator_id=package.responsible_coordinator_id if package else None,
        items=list(package.items) if package else [],
        version=package.version if package else 0,
        updated_at=package.updated_at if package else None,
    )


def write(
    session: Session, *, actor: Actor, municipality_id: uuid.UUID, data: PackageWrite, if_match: str | None
) -> ReturneePackage:
    """Define the package; once it exists a change needs the If-Match of the version read."""
    items: list[dict[str, Any]] = []
    for index, item in enumerate(data.items):
        vocab.check_need(item.need, loc=["body", "items", index, "need"])
        if (item.service_id is None) == (item.category is None):
            raise unprocessable(
                "Each package item names either a service or a category.",
                errors=[
                    {"loc": ["body", "items", index], "msg": "service_id or category", "type": "value_error"}
                ],
            )
        if item.service_id is not None:
            brief = service_brief(session, item.service_id)
            if brief is None:
                raise unprocessable(
                    "Unknown service.",
                    errors=[
                        {
                            "loc": ["body", "items", index, "service_id"],
                            "msg": "no such service",
                            "type": "value_error",
                        }
                    ],
                )
            items.append({"need": item.need, "service_id": str(item.service_id)})
        else:
            assert item.category is not None
            if item.category not in vocab.categories():
                raise unprocessable(
                    f"Unknown category '{item.category}'.",
                    errors=[
                        {
                            "loc": ["body", "items", index, "category"],
                            "msg": "unknown category",
                            "type": "unknown_code",
                        }
                    ],
                )
            items.append({"need": item.need, "category": item.category})
    if data.responsible_coordinator_id is not None:
        check_coordinator(session, data.responsible_coordinator_id, municipality_id)
    package = get(session, municipality_id)
    if package is None:
        package = ReturneePackage(municipality_id=municipality_id)
    else:
        claim(session, package, IfMatch.parse(if_match))
    package.items = items
    package.responsible_coordinator_id = data.responsible_coordinator_id
    package.updated_at = utcnow()
    session.add(package)
    session.flush()
    audit(session, actor, "update", PACKAGE, package.id, None, municipality_id)
    return package


def apply(session: Session, *, actor: Actor | None, person: Person, case: Case) -> int:
    """Propose the package's referrals for a returnee's case; nothing when already applied."""
    if case.package_applied_at is not None or person.legal_status != vocab.RETURNEE:
        return 0
    package = get(session, case.municipality_id)
    case.package_applied_at = utcnow()
    session.add(case)
    if package is None:
        return 0
    made = 0
    taken: set[uuid.UUID] = set()
    age = age_on(person, utcnow())
    for item in package.items:
        service_id: uuid.UUID | None = None
        if item.get("service_id"):
            brief = service_brief(session, uuid.UUID(item["service_id"]))
            if brief is not None and brief.status == "active":
                service_id = brief.id
        elif item.get("category"):
            found = match_services(
                session,
                municipality_id=case.municipality_id,
                categories=[item["category"]],
                language=person.preferred_language,
                legal_status=person.legal_status,
                age=age,
                limit=5,
            )
            service_id = next((b.id for b in found if b.id not in taken), None)
        if service_id is None or service_id in taken:
            continue
        taken.add(service_id)
        create_referral(
            session,
            actor=actor,
            person=person,
            case=case,
            service_id=service_id,
            need=item["need"],
            message=None,
            send=False,
            from_package=True,
        )
        made += 1
    event(session, case=case, kind="package_proposed", actor=actor, details={"referrals": made})
    return made


def register(
    session: Session, *, actor: Actor, municipality_id: uuid.UUID, data: PersonCreate
) -> tuple[Person, Case]:
    """A coordinator registers a person: the person, their consents, an open case, the package."""
    vocab.check_legal_status(data.legal_status)
    for code in data.needs:
        vocab.check_need(code, loc=["body", "needs"])
    person = create_person(session, actor=actor, municipality_id=municipality_id, data=data)
    for purpose in dict.fromkeys(data.consents):
        grant(session, actor=actor, person=person, purpose=purpose)
    coordinator = data.coordinator_id
    if coordinator is None:
        package = get(session, municipality_id) if data.legal_status == vocab.RETURNEE else None
        coordinator = (package.responsible_coordinator_id if package else None) or default_coordinator(actor)
    case = open_new(session, actor=actor, person=person, coordinator_id=coordinator, needs=data.needs)
    apply(session, actor=actor, person=person, case=case)
    session.flush()
    return person, case


def intake(session: Session, *, actor: Actor, data: IntakeCreate) -> IntakeResult:
    """Create or update the person with this external reference; open a case and propose the
    package for a returnee. Idempotent by the external reference (and by Idempotency-Key in HTTP).
    A reference whose person was erased is refused (410): a retry must not bring them back."""
    municipality_id = actor.municipality_id
    assert municipality_id is not None
    vocab.check_legal_status(data.legal_status)
    for code in data.needs:
        vocab.check_need(code, loc=["body", "needs"])
    person = find_by_ref(session, municipality_id, data.external_ref)
    created = person is None
    if person is None:
        erasures.refuse_if_erased(session, municipality_id, data.external_ref)
        person = create_person(session, actor=actor, municipality_id=municipality_id, data=data)
    else:
        fields = set(PersonUpdate.model_fields) & data.model_fields_set
        update = PersonUpdate.model_validate(data.model_dump(include=fields))
        update_person(session, actor=actor, person=person, data=update)
    for purpose in dict.fromkeys(data.consents):
        grant(session, actor=actor, person=person, purpose=purpose)
    case = open_case(session, person)
    made = 0
    if case is None and (created or person.legal_status == vocab.RETURNEE):
        package = get(session, municipality_id)
        coordinator = package.responsible_coordinator_id if package else None
        case = open_new(session, actor=actor, person=person, coordinator_id=coordinator, needs=data.needs)
    if case is not None:
        made = apply(session, actor=actor, person=person, case=case)
    session.flush()
    result = IntakeResult(
        id=person.id, created=created, case_id=case.id if case else None, package_referrals=made
    )
    partners.intake_processed(
        session, municipality_id=municipality_id, external_ref=data.external_ref, result=result
    )
    return result


def open_case_with_package(
    session: Session, *, actor: Actor, person: Person, coordinator_id: uuid.UUID | None, needs: list[str]
) -> Case:
    """A coordinator opens a case: for a returnee, opening it applies the package."""
    case = open_new(
        session,
        actor=actor,
        person=person,
        coordinator_id=coordinator_id or default_coordinator(actor),
        needs=needs,
    )
    apply(session, actor=actor, person=person, case=case)
    return case
