"""Notification mail: written to the outbox in the recipient's language, sent over SMTP by a job.

Nothing personal goes into a mail beyond the notification's title (which the recipient may already
see); the body links into the web app. Without ``LANGELIS_SMTP_URL`` (demo mode) messages stay in
the outbox, where the web app's demo outbox shows them.
"""

from __future__ import annotations

import smtplib
import ssl
from collections import defaultdict
from datetime import datetime
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

from sqlmodel import Session, col, select

from api.accounts.models import User
from api.core import jobs
from api.core.i18n import resolve
from api.core.models import OutboxMessage
from api.notifications.models import Notification

BATCH = 200
_TEXTS = {
    "open": {
        "lt": "Atidaryti Langelyje",
        "en": "Open in Langelis",
        "uk": "Відкрити в Langelis",
        "ru": "Открыть в Langelis",
    },
    "digest": {
        "lt": "Langelis: {n} naujų pranešimų",
        "en": "Langelis: {n} new notifications",
        "uk": "Langelis: {n} нових сповіщень",
        "ru": "Langelis: {n} новых уведомлений",
    },
    "footer": {
        "lt": "Pranešimų nustatymus galite pakeisti: {url}",
        "en": "You can change your notification settings: {url}",
        "uk": "Змінити налаштування сповіщень: {url}",
        "ru": "Изменить настройки уведомлений: {url}",
    },
}


def _url(link: str | None) -> str:
    base = jobs.settings().public_base_url.rstrip("/")
    return f"{base}/#{(link or '/notifications').lstrip('#')}"


def _t(key: str, lang: str, **params: object) -> str:
    return (_TEXTS[key].get(lang) or _TEXTS[key]["en"]).format(**params)


def _line(n: Notification, lang: str) -> str:
    return f"- {resolve(n.title, lang) or ''}\n  {_url(n.link)}"


def _take(
    session: Session, delivery: str, now: datetime, limit: int | None = None
) -> tuple[list[Notification], dict[object, User]]:
    """The notifications waiting for their mail (own or the digest), oldest first, marked mailed
    now, and their active recipients (a notification of an inactive account is mailed to nobody)."""
    rows = list(
        session.exec(
            select(Notification)
            .where(Notification.delivery == delivery, col(Notification.mailed_at).is_(None))
            .order_by(col(Notification.created_at))
            .limit(limit)
        ).all()
    )
    ids = {n.user_id for n in rows}
    users = session.exec(select(User).where(col(User.id).in_(ids))).all()
    for n in rows:
        n.mailed_at = now
    return rows, {u.id: u for u in users if u.is_active}


def compose(session: Session, now: datetime) -> int:
    """One mail per notification whose person chose e-mail for its kind."""
    rows, users = _take(session, "email", now, BATCH)
    for n in rows:
        user = users.get(n.user_id)
        if user is None:
            continue
        lang = user.preferred_language
        title = resolve(n.title, lang) or ""
        body = f"{title}\n\n{_t('open', lang)}: {_url(n.link)}\n\n{_t('footer', lang, url=_url('/notifications/preferences'))}\n"
        session.add(
            OutboxMessage(
                recipient=user.email,
                kind="notification",
                subject=title[:300],
                body=body,
                payload={"notification_id": str(n.id), "kind": n.kind, "link": n.link},
            )
        )
    return len(rows)


def digest(session: Session, now: datetime) -> int:
    """The daily digest: one mail per person listing what they chose to receive daily."""
    rows, users = _take(session, "digest", now)
    per_user: dict[object, list[Notification]] = defaultdict(list)
    for n in rows:
        per_user[n.user_id].append(n)
    sent = 0
    for user_id, items in per_user.items():
        user = users.get(user_id)
        if user is None:
            continue
        lang = user.preferred_language
        lines = "\n".join(_line(n, lang) for n in items)
        footer = _t("footer", lang, url=_url("/notifications/preferences"))
        session.add(
            OutboxMessage(
                recipient=user.email,
                kind="notification_digest",
                subject=_t("digest", lang, n=len(items)),
                body=f"{lines}\n\n{footer}\n",
                payload={"count": len(items)},
            )
        )
        sent += 1
    return sent


def _connect(url: str) -> smtplib.SMTP:
    parts = urlsplit(url)
    options = {k: v[-1].lower() for k, v in parse_qs(parts.query).items()}
    host = parts.hostname or "127.0.0.1"
    if parts.scheme == "smtps":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(
            host, parts.port or 465, timeout=30, context=ssl.create_default_context()
        )
    else:
        smtp = smtplib.SMTP(host, parts.port or 25, timeout=30)
        if options.get("starttls") in ("1", "true", "yes"):
            smtp.starttls(context=ssl.create_default_context())
    if parts.username:
        smtp.login(unquote(parts.username), unquote(parts.password or ""))
    return smtp


def send(session: Session, now: datetime) -> int:
    """Send unsent outbox messages over SMTP, each marked sent in its own commit (no double sends
    after a failure half-way). Without an SMTP URL nothing is sent (the demo outbox shows them)."""
    settings = jobs.settings()
    if not settings.smtp_url:
        return 0
    pending = list(
        session.exec(
            select(OutboxMessage)
            .where(col(OutboxMessage.sent_at).is_(None))
            .order_by(col(OutboxMessage.created_at))
            .limit(BATCH)
        ).all()
    )
    if not pending:
        return 0
    sent = 0
    with _connect(settings.smtp_url) as smtp:
        for message in pending:
            mail = EmailMessage()
            mail["From"] = settings.mail_from
            mail["To"] = message.recipient
            mail["Subject"] = message.subject
            mail["Message-ID"] = f"<{message.id}@langelis>"
            mail.set_content(message.body)
            smtp.send_message(mail)
            message.sent_at = now
            session.commit()
            sent += 1
    return sent


def mail_now(session: Session, now: datetime) -> int:
    """Compose what is due by e-mail and send the outbox (the task enqueued after a commit)."""
    composed = compose(session, now)
    session.commit()
    return composed + send(session, now)


def digest_now(session: Session, now: datetime) -> int:
    count = digest(session, now)
    session.commit()
    send(session, now)
    return count
