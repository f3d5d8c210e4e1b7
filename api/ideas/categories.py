"""The fixed lists of the ideas domain: categories, states and their moves, flag reasons."""

from __future__ import annotations

from typing import Literal

CATEGORIES: dict[str, dict[str, str]] = {
    "public_space": {
        "lt": "Viešosios erdvės",
        "en": "Public space",
        "uk": "Громадський простір",
        "ru": "Общественные пространства",
    },
    "mobility": {
        "lt": "Judumas ir transportas",
        "en": "Mobility and transport",
        "uk": "Мобільність і транспорт",
        "ru": "Мобильность и транспорт",
    },
    "environment": {
        "lt": "Aplinka ir žaluma",
        "en": "Environment and greenery",
        "uk": "Довкілля та зелень",
        "ru": "Окружающая среда и зелень",
    },
    "culture": {"lt": "Kultūra", "en": "Culture", "uk": "Культура", "ru": "Культура"},
    "education": {"lt": "Švietimas", "en": "Education", "uk": "Освіта", "ru": "Образование"},
    "social": {
        "lt": "Socialinė pagalba",
        "en": "Social support",
        "uk": "Соціальна підтримка",
        "ru": "Социальная поддержка",
    },
    "sport": {
        "lt": "Sportas ir laisvalaikis",
        "en": "Sport and leisure",
        "uk": "Спорт і дозвілля",
        "ru": "Спорт и досуг",
    },
    "economy": {
        "lt": "Verslas ir darbas",
        "en": "Business and jobs",
        "uk": "Бізнес і робота",
        "ru": "Бизнес и работа",
    },
    "digital": {
        "lt": "Skaitmeninės paslaugos",
        "en": "Digital services",
        "uk": "Цифрові послуги",
        "ru": "Цифровые услуги",
    },
    "integration": {
        "lt": "Integracija ir bendruomenė",
        "en": "Integration and community",
        "uk": "Інтеграція та громада",
        "ru": "Интеграция и сообщество",
    },
    "diaspora": {
        "lt": "Kraštiečiai ir grįžtantieji",
        "en": "Diaspora and returnees",
        "uk": "Діаспора та повернення",
        "ru": "Диаспора и возвращение",
    },
    "other": {"lt": "Kita", "en": "Other", "uk": "Інше", "ru": "Другое"},
}
Category = Literal[
    "public_space",
    "mobility",
    "environment",
    "culture",
    "education",
    "social",
    "sport",
    "economy",
    "digital",
    "integration",
    "diaspora",
    "other",
]

IdeaState = Literal[
    "draft", "published", "under_review", "accepted", "rejected", "in_progress", "implemented", "withdrawn"
]
# States the municipality may move an idea to through a published answer, from each state.
MUNICIPAL_MOVES: dict[str, frozenset[str]] = {
    "published": frozenset({"under_review", "accepted", "rejected"}),
    "under_review": frozenset({"accepted", "rejected"}),
    "accepted": frozenset({"in_progress", "implemented", "rejected"}),
    "rejected": frozenset({"under_review"}),
    "in_progress": frozenset({"implemented"}),
}
AnswerState = Literal["under_review", "accepted", "rejected", "in_progress", "implemented"]
# States in which people may vote and comment.
VOTABLE = ("published", "under_review", "accepted", "in_progress", "implemented")
# The author may withdraw at any time, except once it is implemented (or already withdrawn).
WITHDRAWABLE = frozenset({"draft", "published", "under_review", "accepted", "rejected", "in_progress"})
# The board shows these unless the caller asks for particular states.
BOARD_DEFAULT = ("published", "under_review", "accepted", "rejected", "in_progress", "implemented")

Residence = Literal["resident", "diaspora", "unknown"]
FlagReason = Literal["spam", "offensive", "off_topic", "personal_data", "other"]
FLAGS_TO_HIDE = 3
COMMENT_EDIT_MINUTES = 15
MAX_COMMENT_DEPTH = 3


def residence_of(country: str | None) -> str:
    """LT = lives in Lithuania (resident), any other country = diaspora, unknown = unknown."""
    if not country:
        return "unknown"
    return "resident" if country.upper() == "LT" else "diaspora"
