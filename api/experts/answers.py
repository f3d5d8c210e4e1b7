"""How the experts routes answer with one record: the record as the caller sees it, with its ETag.

A route takes the answer as a dependency (``answer: InboxAnswer``) and ends with
``return answer(inv)``, instead of handing the session, the locale and the response to a tail
helper in every route. The answers are built on the core ``ReplyDep`` (``api.core.http``) and add no
parameter of their own: the session, the locale and the response are the request's (FastAPI solves
each once per request). ``MentorshipAnswer`` shows no text, so it takes no language (no ``lang``).
``InboxChange`` is a change of one of the expert's invitations: claimed with ``If-Match`` (read
after the body), made by a logic function, answered with the invitation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Response

from api.core.actor import Actor
from api.core.db import SessionDep
from api.core.http import ReplyDep, with_etag
from api.experts.deps import ExpertActor, IfMatchAfterBody, InboxInvitation
from api.experts.invitations import inbox
from api.experts.invitations import logic as invitations
from api.experts.mentoring import logic as mentoring
from api.experts.mentoring.schemas import MentorshipRead
from api.experts.models import ExpertInvitation, ExpertProfile, ExpertRequest, Mentorship
from api.experts.profiles import logic as profiles
from api.experts.profiles.schemas import ExpertOwn
from api.experts.requests import logic as expert_requests
from api.experts.requests.schemas import ExpertRequestRead, InboxItem, InvitationRead


class _Answer:
    """The core reply (request, response, session, language); a subclass's call reads one record
    for the caller and tags it. ``response`` stays at hand for the routes that set ``Location``."""

    def __init__(self, reply: ReplyDep) -> None:
        self.reply = reply
        self.response = reply.response


class _OwnProfileAnswer(_Answer):
    def __call__(self, profile: ExpertProfile, actor: Actor) -> ExpertOwn:
        r = self.reply
        return r.tagged(
            profile.version, profiles.own_read(r.session, actor=actor, profile=profile, locale=r.locale)
        )


class _InboxAnswer(_Answer):
    def __call__(self, inv: ExpertInvitation) -> InboxItem:
        r = self.reply
        return r.tagged(inv.version, inbox.item(r.session, inv, r.locale))


class _InvitationAnswer(_Answer):
    def __call__(self, inv: ExpertInvitation, actor: Actor) -> InvitationRead:
        r = self.reply
        return r.tagged(
            inv.version, invitations.invitation_reads(r.session, actor=actor, rows=[inv], locale=r.locale)[0]
        )


class _RequestAnswer(_Answer):
    def __call__(self, req: ExpertRequest) -> ExpertRequestRead:
        r = self.reply
        return r.tagged(req.version, expert_requests.reads(r.session, [req], r.locale)[0])


class _MentorshipAnswer:
    def __init__(self, session: SessionDep, response: Response) -> None:
        self.session = session
        self.response = response

    def __call__(self, row: Mentorship) -> MentorshipRead:
        return with_etag(self.response, row.version, mentoring.reads(self.session, [row])[0])


class _InboxChange:
    def __init__(
        self,
        inv: InboxInvitation,
        if_match: IfMatchAfterBody,
        session: SessionDep,
        actor: ExpertActor,
        answer: InboxAnswer,
    ) -> None:
        self.inv = inv
        self.if_match = if_match
        self.session = session
        self.actor = actor
        self.answer = answer

    def __call__(self, change: Callable[..., ExpertInvitation], **values: Any) -> InboxItem:
        """``change`` (an ``inbox`` function) made to the invitation, then the invitation."""
        change(self.session, actor=self.actor, inv=self.inv, if_match=self.if_match(), **values)
        return self.answer(self.inv)


OwnProfileAnswer = Annotated[_OwnProfileAnswer, Depends()]
InboxAnswer = Annotated[_InboxAnswer, Depends()]
InvitationAnswer = Annotated[_InvitationAnswer, Depends()]
RequestAnswer = Annotated[_RequestAnswer, Depends()]
MentorshipAnswer = Annotated[_MentorshipAnswer, Depends()]
InboxChange = Annotated[_InboxChange, Depends()]
