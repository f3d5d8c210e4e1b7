"""Notices of the one-stop shop: referrals and transfers reach the staff who act on them.

Nothing about the person is in a notice (no name, no need): the service name and a link into the
web app, where the reader sees what their role allows."""

from __future__ import annotations

from sqlmodel import Session, col, select

from api.directory.logic import service_brief
from api.migrants.models import ContactRequest, Person, Referral, Transfer
from api.notifications.logic import notify_staff

_TEXTS = {
    "referral_new": (
        "Naujas siuntimas į paslaugą „{s}“",
        "New referral to the service “{s}”",
        "Нове направлення до послуги «{s}»",
        "Новое направление в услугу «{s}»",
    ),
    "accepted": (
        "Siuntimas į „{s}“ priimtas",
        "Referral to “{s}” accepted",
        "Направлення до «{s}» прийнято",
        "Направление в «{s}» принято",
    ),
    "declined": (
        "Siuntimas į „{s}“ atmestas",
        "Referral to “{s}” declined",
        "Направлення до «{s}» відхилено",
        "Направление в «{s}» отклонено",
    ),
    "completed": (
        "Siuntimas į „{s}“ įvykdytas",
        "Referral to “{s}” completed",
        "Направлення до «{s}» виконано",
        "Направление в «{s}» выполнено",
    ),
    "transfer_incoming": (
        "Gautas asmens perdavimo prašymas",
        "A person's transfer to your municipality is requested",
        "Надійшов запит на передачу особи",
        "Поступил запрос на передачу человека",
    ),
    "transfer_accepted": (
        "Perdavimas priimtas",
        "The transfer was accepted",
        "Передачу прийнято",
        "Передача принята",
    ),
    "transfer_rejected": (
        "Perdavimas atmestas",
        "The transfer was rejected",
        "Передачу відхилено",
        "Передача отклонена",
    ),
    "contact_request": (
        "Naujas pagalbos prašymas {ref}",
        "New request for help {ref}",
        "Нове звернення по допомогу {ref}",
        "Новое обращение за помощью {ref}",
    ),
    "consent_withdrawn": (
        "Asmuo atšaukė sutikimą ({s}); jo duomenys jums neberodomi",
        "A person withdrew their consent ({s}); their data is no longer shown to you",
        "Особа відкликала згоду ({s}); її дані вам більше не показуються",
        "Человек отозвал согласие ({s}); его данные вам больше не показываются",
    ),
}
LANGS = ("lt", "en", "uk", "ru")


def _title(key: str, names: dict[str, str] | None = None, **values: str) -> dict[str, str]:
    """The notice's title in every language: ``{s}`` is a name in that language (else the first
    one given), other placeholders are the same in every language."""
    names = names or {}
    fallback = next(iter(names.values()), "")
    return {
        lang: text.format(s=names.get(lang) or fallback, **values)
        for lang, text in zip(LANGS, _TEXTS[key], strict=True)
    }


def _service_name(session: Session, referral: Referral) -> dict[str, str]:
    brief = service_brief(session, service_id=referral.service_id)
    return dict(brief.name) if brief is not None else {}


def referral_changed(session: Session, referral: Referral) -> None:
    """Sent → the receiving organisation's staff; accepted/declined/completed → the coordinators."""
    data = {"referral_id": str(referral.id)}
    if referral.status == "sent":
        notify_staff(
            session,
            organization_id=referral.organization_id,
            kind="referral_new",
            title_translations=_title("referral_new", _service_name(session, referral)),
            link="/referral-inbox",
            data=data,
        )
    elif referral.status in ("accepted", "declined", "completed"):
        notify_staff(
            session,
            municipality_id=referral.municipality_id,
            kind="referral_answered",
            title_translations=_title(referral.status, _service_name(session, referral)),
            link=f"/migrants/people/{referral.person_id}",
            data={**data, "status": referral.status},
        )


def transfer_changed(session: Session, transfer: Transfer) -> None:
    """Requested → the receiving coordinators; decided → the sending coordinators."""
    if transfer.status == "pending":
        notify_staff(
            session,
            municipality_id=transfer.to_municipality_id,
            kind="transfer_incoming",
            title_translations=_title("transfer_incoming"),
            link="/migrants",
            data={"transfer_id": str(transfer.id)},
        )
    else:
        notify_staff(
            session,
            municipality_id=transfer.from_municipality_id,
            kind="transfer_incoming",
            title_translations=_title(f"transfer_{transfer.status}"),
            link="/migrants",
            data={"transfer_id": str(transfer.id), "status": transfer.status},
        )


def contact_request_received(session: Session, request: ContactRequest) -> None:
    """The municipality's coordinators learn that someone asked for help (the reference only)."""
    notify_staff(
        session,
        municipality_id=request.municipality_id,
        kind="contact_request",
        title_translations=_title("contact_request", ref=request.reference),
        link="/migrants/contact-requests",
        data={"contact_request_id": str(request.id)},
    )


_PURPOSES = {
    "provider_sharing": {
        "lt": "dalijimasis su paslaugų teikėjais",
        "en": "sharing with providers",
        "uk": "передача постачальникам",
        "ru": "передача поставщикам",
    },
    "mentoring_contact": {
        "lt": "ryšys su mentoriumi",
        "en": "mentor contact",
        "uk": "контакт з наставником",
        "ru": "контакт с наставником",
    },
    "case_management": {
        "lt": "bylos tvarkymas",
        "en": "case management",
        "uk": "ведення справи",
        "ru": "ведение дела",
    },
    "statistics": {"lt": "statistika", "en": "statistics", "uk": "статистика", "ru": "статистика"},
}


def consent_withdrawn(session: Session, *, person: Person, purpose: str) -> None:
    """Everyone who held the data for this purpose: the organisations the person's referrals were
    shared with (provider sharing), and the municipality's coordinators (always). No name."""
    title = _title("consent_withdrawn", _PURPOSES.get(purpose, {"en": purpose}))
    if purpose == "provider_sharing":
        orgs = set(
            session.exec(
                select(Referral.organization_id).where(
                    col(Referral.person_id) == person.id, col(Referral.shared).is_(True)
                )
            ).all()
        )
        for organization_id in orgs:
            notify_staff(
                session,
                organization_id=organization_id,
                kind="consent_withdrawn",
                title_translations=title,
                link="/referral-inbox",
                data={"purpose": purpose},
            )
    notify_staff(
        session,
        municipality_id=person.municipality_id,
        kind="consent_withdrawn",
        title_translations=title,
        link=f"/migrants/people/{person.id}",
        data={"purpose": purpose, "person_id": str(person.id)},
    )
