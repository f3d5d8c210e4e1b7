"""Notices of the expert database, through the notification centre: an invitation reaches the
expert, an answer reaches the person who asked. Each is a title and a link into the web app; the
expert's name and the request's title are already visible to the recipient there."""

from __future__ import annotations

from sqlmodel import Session

from api.experts.models import ExpertInvitation, ExpertProfile, ExpertRequest
from api.notifications.logic import notify, template

LANGS = ("lt", "en", "uk", "ru")
_INVITED = dict(
    zip(
        LANGS,
        (
            "Miestas prašo jūsų nuomonės: „{title}“",
            "Your city asks for your expertise: “{title}”",
            "Місто просить вашої експертизи: «{title}»",
            "Город просит вашего мнения: «{title}»",
        ),
        strict=True,
    )
)
_ANSWERED = dict(
    zip(
        LANGS,
        (
            "{expert} atsakė į jūsų prašymą „{title}“",
            "{expert} answered your request “{title}”",
            "{expert} відповів(-ла) на ваш запит «{title}»",
            "{expert} ответил(а) на ваш запрос «{title}»",
        ),
        strict=True,
    )
)


def invited(session: Session, *, req: ExpertRequest, inv: ExpertInvitation, profile: ExpertProfile) -> None:
    if profile.user_id is None:  # a profile without an account (imported) has no one to tell
        return
    notify(
        session,
        user_id=profile.user_id,
        kind="expert_invitation",
        title_translations=template(_INVITED, req.title),
        link="/experts/inbox",
        data={"invitation_id": str(inv.id), "request_id": str(req.id)},
    )


def answered(session: Session, *, req: ExpertRequest, inv: ExpertInvitation, profile: ExpertProfile) -> None:
    if req.created_by is None:
        return
    notify(
        session,
        user_id=req.created_by,
        kind="expert_answer",
        title_translations=template(_ANSWERED, req.title, expert=profile.display_name),
        link=f"/expert-requests/{req.id}",
        data={"invitation_id": str(inv.id), "request_id": str(req.id)},
    )
