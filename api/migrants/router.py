"""HTTP routes of the one-stop shop: people, cases, referrals, the provider inbox, the returnee
package, transfers, intake and the audit log. Every answer holding personal data is no-store."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response, status

from api.core.db import SessionDep
from api.core.errors import conflict, problem_responses
from api.core.etag import require_if_match
from api.core.i18n import LocaleDep
from api.core.pagination import PageDep, set_link_header
from api.migrants import audit_log, cases, gdpr, mentors, package, people, referrals, transfers
from api.migrants.deps import (
    AuditActor,
    InboxActor,
    InboxById,
    IntakeActor,
    ReadableCase,
    ReadablePerson,
    ReadableReferral,
    ReaderActor,
    ReaderById,
    WritablePerson,
    WriterActor,
    WriterById,
    etag,
    json_body,
    no_store,
    require_special,
)
from api.migrants.schemas import (
    AuditList,
    CaseCreate,
    CaseEventList,
    CaseEventRead,
    CaseRead,
    CaseUpdate,
    ConsentChange,
    ConsentList,
    InboxItem,
    InboxList,
    IntakeCreate,
    IntakeResult,
    MentorLink,
    MentorshipList,
    MentorshipRead,
    NeedCreate,
    NeedRead,
    NeedUpdate,
    NoteCreate,
    PackageRead,
    PackageWrite,
    PersonCreate,
    PersonExport,
    PersonList,
    PersonRead,
    PersonUpdate,
    ReferralCreate,
    ReferralList,
    ReferralMove,
    ReferralRead,
    ReferralStatus,
    SpecialNoteCreate,
    SpecialNoteList,
    SpecialNoteRead,
    SuggestionList,
    TransferCreate,
    TransferList,
    TransferRead,
)

migrants = APIRouter(prefix="/migrants", tags=["migrants"])
case_router = APIRouter(prefix="/cases", tags=["migrants"])
referral_router = APIRouter(prefix="/referrals", tags=["referrals"])
inbox_router = APIRouter(prefix="/referral-inbox", tags=["referrals"])
other = APIRouter(tags=["migrants"])

E_READ = problem_responses(401, 403, 404)
E_WRITE = problem_responses(401, 403, 404, 409, 412, 422, 428)


def _municipality(actor: object) -> uuid.UUID:
    mid = people.staff_municipality(actor)  # type: ignore[arg-type]
    assert mid is not None  # scopes checked: coordinators are bound to a municipality
    return mid


# --- people ------------------------------------------------------------------------------------


@migrants.get(
    "",
    response_model=PersonList,
    summary="Search your municipality's people",
    responses=problem_responses(400, 401, 403, 422),
)
def list_people(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ReaderActor,
    page: PageDep,
    q: Annotated[str | None, Query(max_length=200, description="Name, ignoring case and diacritics")] = None,
    legal_status: Annotated[list[str] | None, Query(alias="status", max_length=11)] = None,
    need: Annotated[str | None, Query(max_length=30, description="Has this open need")] = None,
    coordinator: Annotated[uuid.UUID | None, Query(description="Open case's coordinator")] = None,
    case: Annotated[Literal["open", "closed"] | None, Query(description="Has an open case, or not")] = None,
    sort: Literal["name", "-updated_at"] = "name",
) -> Response:
    items, next_cursor = people.search(
        session,
        actor=actor,
        params=page,
        q=q,
        legal_status=legal_status,
        need=need,
        coordinator_id=coordinator,
        case=case,
        sort=sort,
    )
    no_store(response)
    set_link_header(request, response, next_cursor)
    return json_body(response, PersonList(items=items, next_cursor=next_cursor))


@migrants.post(
    "",
    response_model=PersonRead,
    status_code=status.HTTP_201_CREATED,
    summary="Register a person (opens the case; a returnee gets the package proposed)",
    responses=problem_responses(401, 403, 409, 422),
)
def create_person(
    session: SessionDep, actor: WriterActor, body: PersonCreate, response: Response
) -> PersonRead:
    person, _ = package.register(session, actor=actor, municipality_id=_municipality(actor), data=body)
    response.headers["Location"] = f"/api/v1/migrants/{person.id}"
    no_store(response)
    return etag(response, person.version, people.to_read(session, person))


@migrants.post(
    "/intake",
    response_model=IntakeResult,
    summary="Machine intake from a municipal system (idempotent by external_ref and Idempotency-Key)",
    responses=problem_responses(401, 403, 409, 422),
)
def intake(session: SessionDep, actor: IntakeActor, body: IntakeCreate, response: Response) -> IntakeResult:
    person, created, case, made = package.intake(session, actor=actor, data=body)
    response.status_code = 201 if created else 200
    response.headers["Location"] = f"/api/v1/migrants/{person.id}"
    no_store(response)
    return IntakeResult(
        id=person.id, created=created, case_id=case.id if case else None, package_referrals=made
    )


@migrants.get("/{person_id}", response_model=PersonRead, summary="One person", responses=E_READ)
def read_person(
    session: SessionDep, actor: ReaderById, person: ReadablePerson, response: Response
) -> PersonRead:
    no_store(response)
    return etag(response, person.version, people.read(session, actor=actor, person=person))


@migrants.patch(
    "/{person_id}", response_model=PersonRead, summary="Rectify a person's data (audited)", responses=E_WRITE
)
def update_person(
    request: Request,
    session: SessionDep,
    actor: WriterById,
    person: WritablePerson,
    body: PersonUpdate,
    response: Response,
) -> PersonRead:
    require_if_match(request, person.version)
    people.update_person(session, actor=actor, person=person, data=body)
    no_store(response)
    return etag(response, person.version, people.to_read(session, person))


@migrants.delete(
    "/{person_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Erase a person (GDPR art. 17): anonymise everywhere, keep coarse statistics",
    responses=problem_responses(401, 403, 404, 409, 412, 428),
)
def erase_person(
    request: Request, session: SessionDep, actor: WriterById, person: WritablePerson
) -> Response:
    require_if_match(request, person.version)
    if person.anonymised_at is not None:
        raise conflict("This person's data was already erased.", slug="erased")
    gdpr.erase(session, actor=actor, person=person)
    return Response(status_code=204, headers={"Cache-Control": "no-store"})


@migrants.get(
    "/{person_id}/export",
    response_model=PersonExport,
    summary="Everything held on the person and who received it (GDPR art. 15)",
    responses=E_READ,
)
def export_person(
    session: SessionDep, actor: ReaderById, person: ReadablePerson, locale: LocaleDep, response: Response
) -> PersonExport:
    no_store(response)
    response.headers["Content-Disposition"] = f'attachment; filename="person-{person.id}.json"'
    return gdpr.export(session, actor=actor, person=person, locale=locale)


@migrants.get(
    "/{person_id}/consents", response_model=ConsentList, summary="The person's consents", responses=E_READ
)
def list_consents(
    session: SessionDep, actor: ReaderById, person: ReadablePerson, response: Response
) -> ConsentList:
    people.audit_read(session, actor=actor, person=person, action="read_consents")
    no_store(response)
    return ConsentList(items=people.consent_reads(session, person.id))


@migrants.post(
    "/{person_id}/consents",
    response_model=ConsentList,
    summary="Record that the person granted or withdrew a consent (takes effect at once)",
    responses=E_WRITE,
)
def change_consent(
    session: SessionDep, actor: WriterById, person: WritablePerson, body: ConsentChange, response: Response
) -> ConsentList:
    if person.anonymised_at is not None:
        raise conflict("This person's data was erased.", slug="erased")
    if body.action == "grant":
        people.grant(session, actor=actor, person=person, purpose=body.purpose)
    else:
        people.withdraw(session, actor=actor, person=person, purpose=body.purpose)
    no_store(response)
    return ConsentList(items=people.consent_reads(session, person.id))


@migrants.get(
    "/{person_id}/special-notes",
    response_model=SpecialNoteList,
    summary="Special-category notes (GDPR art. 9); needs migrants:special",
    responses=E_READ,
)
def list_special(
    session: SessionDep, actor: ReaderById, person: ReadablePerson, response: Response
) -> SpecialNoteList:
    require_special(actor)
    no_store(response)
    return SpecialNoteList(items=people.special_notes(session, actor=actor, person=person))


@migrants.post(
    "/{person_id}/special-notes",
    response_model=SpecialNoteRead,
    status_code=201,
    summary="Add a special-category note; needs migrants:special",
    responses=E_WRITE,
)
def add_special(
    session: SessionDep,
    actor: ReaderById,
    person: ReadablePerson,
    body: SpecialNoteCreate,
    response: Response,
) -> SpecialNoteRead:
    require_special(actor)
    note = people.add_special_note(
        session, actor=actor, person=person, category=body.category, text=body.text
    )
    no_store(response)
    return SpecialNoteRead(
        id=note.id,
        category=note.category,
        text=note.text,
        created_at=note.created_at,
        created_by=note.created_by,
    )


@migrants.post(
    "/{person_id}/cases",
    response_model=CaseRead,
    status_code=201,
    summary="Open a case (one open case per person and municipality)",
    responses=E_WRITE,
)
def open_case(
    session: SessionDep,
    actor: WriterById,
    person: WritablePerson,
    body: CaseCreate,
    locale: LocaleDep,
    response: Response,
) -> CaseRead:
    case = cases.open_new(
        session,
        actor=actor,
        person=person,
        coordinator_id=body.coordinator_id or cases.default_coordinator(actor),
        needs=body.needs,
    )
    package.apply(session, actor=actor, person=person, case=case)
    no_store(response)
    return etag(response, case.version, cases.to_read(session, case, locale))


@migrants.get(
    "/{person_id}/suggestions",
    response_model=SuggestionList,
    summary="Directory services matching a need, the person's language, legal status and age",
    responses=problem_responses(401, 403, 404, 422),
)
def suggest(
    session: SessionDep,
    actor: ReaderById,
    person: ReadablePerson,
    locale: LocaleDep,
    response: Response,
    need: Annotated[str, Query(max_length=30)],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> SuggestionList:
    categories, items = referrals.suggestions(session, person=person, need=need, locale=locale, limit=limit)
    # The match used the person's language, legal status and age: a read of their record.
    people.audit_read(session, actor=actor, person=person, action="match_services")
    no_store(response)
    return SuggestionList(need=need, categories=categories, items=items)


@migrants.get(
    "/{person_id}/mentors", response_model=MentorshipList, summary="The person's mentors", responses=E_READ
)
def list_mentors(
    session: SessionDep, actor: ReaderById, person: ReadablePerson, response: Response
) -> MentorshipList:
    people.audit_read(session, actor=actor, person=person, action="read_mentors")
    no_store(response)
    return MentorshipList(items=mentors.listing(session, person=person))


@migrants.post(
    "/{person_id}/mentors",
    response_model=MentorshipRead,
    status_code=201,
    summary="Link a mentor to the open case (needs the mentoring_contact consent)",
    responses=E_WRITE,
)
def link_mentor(
    session: SessionDep, actor: WriterById, person: WritablePerson, body: MentorLink, response: Response
) -> MentorshipRead:
    no_store(response)
    return mentors.link(session, actor=actor, person=person, mentor_id=body.mentor_id)


@migrants.delete(
    "/{person_id}/mentors/{mentor_id}",
    status_code=204,
    summary="End a mentor's link to the open case",
    responses=E_WRITE,
)
def unlink_mentor(
    session: SessionDep, actor: WriterById, person: WritablePerson, mentor_id: uuid.UUID
) -> Response:
    mentors.unlink(session, actor=actor, person=person, mentor_id=mentor_id)
    return Response(status_code=204)


@migrants.post(
    "/{person_id}/transfers",
    response_model=TransferRead,
    status_code=201,
    summary="Ask another municipality to take the person over",
    responses=E_WRITE,
)
def request_transfer(
    session: SessionDep, actor: WriterById, person: WritablePerson, body: TransferCreate, response: Response
) -> TransferRead:
    row = transfers.request(
        session, actor=actor, person=person, to_slug=body.to_municipality, reason=body.reason
    )
    no_store(response)
    return transfers.to_read(session, actor, row)


# --- cases -------------------------------------------------------------------------------------


@case_router.get("/{case_id}", response_model=CaseRead, summary="A case with its needs", responses=E_READ)
def read_case(
    session: SessionDep, actor: ReaderById, case: ReadableCase, locale: LocaleDep, response: Response
) -> CaseRead:
    no_store(response)
    return etag(response, case.version, cases.read(session, actor=actor, case=case, locale=locale))


@case_router.patch(
    "/{case_id}",
    response_model=CaseRead,
    summary="Change the coordinator, close or reopen",
    responses=E_WRITE,
)
def update_case(
    request: Request,
    session: SessionDep,
    actor: WriterById,
    case: ReadableCase,
    body: CaseUpdate,
    locale: LocaleDep,
    response: Response,
) -> CaseRead:
    require_if_match(request, case.version)
    cases.update(
        session,
        actor=actor,
        case=case,
        coordinator_id=body.coordinator_id,
        status=body.status,
        close_reason=body.close_reason,
        fields=set(body.model_fields_set),
    )
    no_store(response)
    return etag(response, case.version, cases.to_read(session, case, locale))


@case_router.post(
    "/{case_id}/needs", response_model=NeedRead, status_code=201, summary="Add a need", responses=E_WRITE
)
def add_need(
    session: SessionDep,
    actor: WriterById,
    case: ReadableCase,
    body: NeedCreate,
    locale: LocaleDep,
    response: Response,
) -> NeedRead:
    need = cases.add_need(
        session, actor=actor, case=case, code=body.code, priority=body.priority, note=body.note
    )
    no_store(response)
    return etag(response, need.version, cases.need_read(need, locale))


@case_router.patch(
    "/{case_id}/needs/{need_id}", response_model=NeedRead, summary="Change a need", responses=E_WRITE
)
def update_need(
    request: Request,
    need_id: uuid.UUID,
    session: SessionDep,
    actor: WriterById,
    case: ReadableCase,
    body: NeedUpdate,
    locale: LocaleDep,
    response: Response,
) -> NeedRead:
    need = cases.get_need(session, case=case, need_id=need_id)
    require_if_match(request, need.version)
    cases.update_need(session, actor=actor, case=case, need=need, values=body.model_dump(exclude_unset=True))
    no_store(response)
    return etag(response, need.version, cases.need_read(need, locale))


@case_router.get(
    "/{case_id}/timeline",
    response_model=CaseEventList,
    summary="The case's notes and events, newest first",
    responses=problem_responses(400, 401, 403, 404),
)
def read_timeline(
    request: Request,
    session: SessionDep,
    actor: ReaderById,
    case: ReadableCase,
    page: PageDep,
    response: Response,
) -> CaseEventList:
    items, next_cursor = cases.timeline(session, actor=actor, case=case, params=page)
    no_store(response)
    set_link_header(request, response, next_cursor)
    return CaseEventList(items=items, next_cursor=next_cursor)


@case_router.post(
    "/{case_id}/notes", response_model=CaseEventRead, status_code=201, summary="Add a note", responses=E_WRITE
)
def add_note(
    session: SessionDep, actor: WriterById, case: ReadableCase, body: NoteCreate, response: Response
) -> CaseEventRead:
    row = cases.add_note(session, actor=actor, case=case, text=body.text)
    no_store(response)
    return cases.event_read(row)


# --- referrals (coordinator) -------------------------------------------------------------------


@referral_router.get(
    "",
    response_model=ReferralList,
    summary="Your municipality's referrals, last changed first",
    responses=problem_responses(400, 401, 403, 422),
)
def list_referrals(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ReaderActor,
    page: PageDep,
    locale: LocaleDep,
    person_id: uuid.UUID | None = None,
    status_: Annotated[list[ReferralStatus] | None, Query(alias="status", max_length=7)] = None,
) -> Response:
    items, next_cursor = referrals.list_for_coordinator(
        session, actor=actor, params=page, person_id=person_id, status=list(status_ or []), locale=locale
    )
    no_store(response)
    set_link_header(request, response, next_cursor)
    return json_body(response, ReferralList(items=items, next_cursor=next_cursor))


@referral_router.post(
    "",
    response_model=ReferralRead,
    status_code=201,
    summary="Refer a person to a service for a need (needs the provider_sharing consent to send)",
    responses=problem_responses(401, 403, 404, 409, 422),
)
def create_referral(
    session: SessionDep, actor: WriterActor, body: ReferralCreate, locale: LocaleDep, response: Response
) -> ReferralRead:
    person = people.get(session, actor=actor, person_id=body.person_id, for_update=True)
    case = people.open_case(session, person)
    if case is None:
        raise conflict("The person has no open case.", slug="no-open-case")
    referral = referrals.create(
        session,
        actor=actor,
        person=person,
        case=case,
        service_id=body.service_id,
        need=body.need,
        message=body.message,
        send=body.send,
    )
    response.headers["Location"] = f"/api/v1/referrals/{referral.id}"
    no_store(response)
    return etag(response, referral.version, referrals.to_read(referral, referrals.briefs(session), locale))


@referral_router.get("/{referral_id}", response_model=ReferralRead, summary="One referral", responses=E_READ)
def read_referral(
    session: SessionDep, actor: ReaderById, referral: ReadableReferral, locale: LocaleDep, response: Response
) -> ReferralRead:
    no_store(response)
    return etag(
        response, referral.version, referrals.read(session, actor=actor, referral=referral, locale=locale)
    )


@referral_router.post(
    "/{referral_id}/transitions",
    response_model=ReferralRead,
    summary="Send or drop a referral (If-Match)",
    responses=E_WRITE,
)
def move_referral(
    request: Request,
    session: SessionDep,
    actor: WriterById,
    referral: ReadableReferral,
    body: ReferralMove,
    locale: LocaleDep,
    response: Response,
) -> ReferralRead:
    require_if_match(request, referral.version)
    referrals.move(
        session, actor=actor, referral=referral, to=body.status, reason=body.reason, side="coordinator"
    )
    no_store(response)
    return etag(response, referral.version, referrals.to_read(referral, referrals.briefs(session), locale))


# --- provider inbox ----------------------------------------------------------------------------


@inbox_router.get(
    "",
    response_model=InboxList,
    summary="Referrals to your organisation's services (only what the service needs)",
    responses=problem_responses(400, 401, 403, 422),
)
def list_inbox(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: InboxActor,
    page: PageDep,
    locale: LocaleDep,
    status_: Annotated[list[ReferralStatus] | None, Query(alias="status", max_length=7)] = None,
) -> Response:
    items, next_cursor = referrals.inbox(
        session, actor=actor, params=page, status=list(status_ or []), locale=locale
    )
    no_store(response)
    set_link_header(request, response, next_cursor)
    return json_body(response, InboxList(items=items, next_cursor=next_cursor))


@inbox_router.get(
    "/{referral_id}", response_model=InboxItem, summary="One referral in your inbox", responses=E_READ
)
def read_inbox(
    referral_id: uuid.UUID, session: SessionDep, actor: InboxById, locale: LocaleDep, response: Response
) -> InboxItem:
    item = referrals.inbox_read(session, actor=actor, referral_id=referral_id, locale=locale)
    no_store(response)
    return etag(response, item.version, item)


@inbox_router.post(
    "/{referral_id}/transitions",
    response_model=InboxItem,
    summary="Accept, decline (reason), start, complete or drop (reason) a referral (If-Match)",
    responses=E_WRITE,
)
def move_inbox(
    request: Request,
    referral_id: uuid.UUID,
    session: SessionDep,
    actor: InboxById,
    body: ReferralMove,
    locale: LocaleDep,
    response: Response,
) -> InboxItem:
    referral = referrals.get_inbox(session, actor=actor, referral_id=referral_id)
    require_if_match(request, referral.version)
    referrals.move(
        session, actor=actor, referral=referral, to=body.status, reason=body.reason, side="provider"
    )
    item = referrals.inbox_read(session, actor=actor, referral_id=referral_id, locale=locale)
    no_store(response)
    return etag(response, item.version, item)


# --- returnee package, transfers, audit --------------------------------------------------------


@other.get(
    "/returnee-package",
    response_model=PackageRead,
    summary="Your municipality's returnee package",
    responses=problem_responses(401, 403),
)
def read_package(session: SessionDep, actor: ReaderActor, response: Response) -> PackageRead:
    mid = _municipality(actor)
    row = package.get(session, mid)
    return etag(response, row.version if row else 0, package.to_read(session, mid, row))


@other.put(
    "/returnee-package",
    response_model=PackageRead,
    summary="Define the returnee package (If-Match once it exists)",
    responses=problem_responses(401, 403, 412, 422, 428),
)
def write_package(
    request: Request, session: SessionDep, actor: WriterActor, body: PackageWrite, response: Response
) -> PackageRead:
    mid = _municipality(actor)
    existing = package.get(session, mid)
    if existing is not None:
        require_if_match(request, existing.version)
    row = package.write(session, actor=actor, municipality_id=mid, data=body)
    return etag(response, row.version, package.to_read(session, mid, row))


@other.get(
    "/transfers",
    response_model=TransferList,
    summary="Transfers into and out of your municipality",
    responses=problem_responses(401, 403, 422),
)
def list_transfers(
    session: SessionDep,
    actor: ReaderActor,
    response: Response,
    status_: Annotated[Literal["pending", "accepted", "rejected"] | None, Query(alias="status")] = None,
) -> TransferList:
    no_store(response)
    return TransferList(items=transfers.listing(session, actor=actor, status=status_))


@other.post(
    "/transfers/{transfer_id}/{decision}",
    response_model=TransferRead,
    summary="Accept or reject a transfer into your municipality",
    responses=E_WRITE,
)
def decide_transfer(
    transfer_id: uuid.UUID,
    decision: Literal["accept", "reject"],
    session: SessionDep,
    actor: WriterById,
    response: Response,
) -> TransferRead:
    row = transfers.get(session, actor=actor, transfer_id=transfer_id)
    transfers.decide(session, actor=actor, row=row, accept=decision == "accept")
    no_store(response)
    return transfers.to_read(session, actor, row)


@other.get(
    "/audit",
    response_model=AuditList,
    summary="The audit log (admins: all; coordinators: their municipality). Read-only.",
    responses=problem_responses(400, 401, 403, 422),
)
def read_audit(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: AuditActor,
    page: PageDep,
    record_type: Annotated[str | None, Query(max_length=40)] = None,
    record_id: Annotated[str | None, Query(max_length=64)] = None,
    subject: Annotated[uuid.UUID | None, Query(description="The person the entries are about")] = None,
    actor_id: Annotated[str | None, Query(alias="actor", max_length=64)] = None,
    since: Annotated[datetime | None, Query(alias="from")] = None,
    until: Annotated[datetime | None, Query(alias="to")] = None,
) -> AuditList:
    items, next_cursor = audit_log.search(
        session,
        actor=actor,
        params=page,
        record_type=record_type,
        record_id=record_id,
        subject_id=subject,
        actor_id=actor_id,
        since=since,
        until=until,
    )
    no_store(response)
    set_link_header(request, response, next_cursor)
    return AuditList(items=items, next_cursor=next_cursor)


routers = [migrants, case_router, referral_router, inbox_router, other]
links = {
    "migrants": "/migrants",
    "referrals": "/referrals",
    "referral_inbox": "/referral-inbox",
    "returnee_package": "/returnee-package",
    "transfers": "/transfers",
    "audit": "/audit",
}
