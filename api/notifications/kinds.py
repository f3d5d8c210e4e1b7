"""The kinds of notification a person may choose a channel for, named in four languages."""

from __future__ import annotations

_KINDS: dict[str, tuple[str, str, str, str]] = {
    "referral_new": ("Naujas siuntimas", "New referral", "Нове направлення", "Новое направление"),
    "referral_answered": (
        "Siuntimas priimtas, atmestas ar įvykdytas",
        "Referral accepted, declined or completed",
        "Направлення прийнято, відхилено чи виконано",
        "Направление принято, отклонено или выполнено",
    ),
    "transfer_incoming": ("Gaunamas perdavimas", "Incoming transfer", "Вхідна передача", "Входящая передача"),
    "funding_ending": (
        "Baigiasi paslaugos finansavimas",
        "A service's funding ends soon",
        "Закінчується фінансування послуги",
        "Заканчивается финансирование услуги",
    ),
    "idea_state": ("Idėjos būsena", "Idea status", "Стан ідеї", "Статус идеи"),
    "idea_answer": ("Oficialus atsakymas", "Official answer", "Офіційна відповідь", "Официальный ответ"),
    "idea_comment": ("Nauji komentarai", "New comments", "Нові коментарі", "Новые комментарии"),
    "comment_reply": ("Atsakymai jums", "Replies to you", "Відповіді вам", "Ответы вам"),
    "budget_won": ("Biudžeto rezultatai", "Budget results", "Результати бюджету", "Результаты бюджета"),
    "open_call_award": (
        "Konkurso apdovanojimai",
        "Open call awards",
        "Нагороди конкурсу",
        "Награды конкурса",
    ),
    "event_confirmed": (
        "Registracija į renginį",
        "Event registration",
        "Реєстрація на подію",
        "Регистрация",
    ),
    "event_waitlisted": ("Laukiančiųjų sąrašas", "Waitlist", "Лист очікування", "Лист ожидания"),
    "event_promoted": ("Atsirado vieta", "A place opened", "Звільнилося місце", "Освободилось место"),
    "event_reminder": (
        "Priminimai apie renginius",
        "Event reminders",
        "Нагадування про події",
        "Напоминания",
    ),
    "consent_withdrawn": (
        "Atšaukti sutikimai",
        "Consents withdrawn",
        "Відкликані згоди",
        "Отозванные согласия",
    ),
    "stale_services": (
        "Seniai tikrintos paslaugos (kas savaitę)",
        "Services not checked for long (weekly)",
        "Давно не перевірені послуги (щотижня)",
        "Давно не проверенные услуги (еженедельно)",
    ),
    "contact_request": (
        "Nauji pagalbos prašymai",
        "New requests for help",
        "Нові звернення по допомогу",
        "Новые обращения за помощью",
    ),
    "service_correction": (
        "Pranešimai apie paslaugų netikslumus",
        "Corrections to services",
        "Повідомлення про неточності послуг",
        "Сообщения о неточностях услуг",
    ),
    "expert_invitation": (
        "Kvietimai pasidalyti patirtimi",
        "Invitations to share your expertise",
        "Запрошення поділитися експертизою",
        "Приглашения поделиться опытом",
    ),
    "expert_answer": (
        "Ekspertų atsakymai į jūsų prašymus",
        "Experts' answers to your requests",
        "Відповіді експертів на ваші запити",
        "Ответы экспертов на ваши запросы",
    ),
    "event_changed": ("Renginio pakeitimai", "Event changes", "Зміни подій", "Изменения мероприятий"),
    "event_cancelled": (
        "Atšaukti renginiai",
        "Cancelled events",
        "Скасовані події",
        "Отменённые мероприятия",
    ),
    "event_message": (
        "Organizatorių žinutės",
        "Organisers' messages",
        "Повідомлення організаторів",
        "Сообщения",
    ),
}
LANGS = ("lt", "en", "uk", "ru")
# A kind's channel for someone who chose nothing. Diaspora experts rarely sign in: an invitation
# (and the answer the asker waits for) goes by e-mail unless the person says otherwise.
_DEFAULT_CHANNEL = {"expert_invitation": "email", "expert_answer": "email"}


def default_channel(kind: str) -> str:
    return _DEFAULT_CHANNEL.get(kind, "in_app")


KINDS: dict[str, dict[str, str]] = {k: dict(zip(LANGS, v, strict=True)) for k, v in _KINDS.items()}
