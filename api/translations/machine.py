"""Machine translation through a pluggable provider: a LibreTranslate-compatible or a
DeepL-compatible HTTP API (``LANGELIS_TRANSLATION_PROVIDER``, ``_URL``, ``_API_KEY``), with a monthly
character budget per municipality. Machine texts are marked ``machine`` and never replace a human one.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

import httpx
import sqlalchemy as sa
from sqlmodel import Session, select

from api.core import translation_status as rules
from api.core.actor import Actor
from api.core.config import Settings
from api.core.errors import ProblemError, conflict
from api.core.translatable import Translatable
from api.translations.models import MachineUsage
from api.translations.schemas import MachineRequest, RecordTranslations
from api.translations.workspace import load, record_translations, write_text

_DEEPL_TARGETS = {"en": "EN-GB", "pt": "PT-PT", "zh": "ZH-HANS"}


class Provider(Protocol):
    name: str

    def translate(self, text: str, *, source: str, target: str) -> str: ...


class _Http:
    name = ""

    def __init__(self, url: str, key: str) -> None:
        self.url = url.rstrip("/")
        self.key = key

    def _post(self, path: str, **kwargs: Any) -> Any:
        try:
            answer = httpx.post(self.url + path, timeout=20.0, **kwargs)
            answer.raise_for_status()
            return answer.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise ProblemError(
                502,
                f"The machine-translation provider did not answer properly ({type(exc).__name__}). "
                "Nothing was changed; try again later.",
                slug="translation-provider-failed",
            ) from exc


class LibreTranslate(_Http):
    name = "libretranslate"

    def translate(self, text: str, *, source: str, target: str) -> str:
        body: dict[str, Any] = {"q": text, "source": source, "target": target, "format": "text"}
        if self.key:
            body["api_key"] = self.key
        return str(self._post("/translate", json=body)["translatedText"])


class DeepL(_Http):
    name = "deepl"

    def translate(self, text: str, *, source: str, target: str) -> str:
        body = {
            "text": [text],
            "source_lang": source.upper(),
            "target_lang": _DEEPL_TARGETS.get(target, target.upper()),
        }
        headers = {"Authorization": f"DeepL-Auth-Key {self.key}"}
        return str(self._post("/v2/translate", json=body, headers=headers)["translations"][0]["text"])


def provider(settings: Settings) -> Provider | None:
    if settings.translation_provider == "none" or not settings.translation_url:
        return None
    kind = LibreTranslate if settings.translation_provider == "libretranslate" else DeepL
    return kind(settings.translation_url, settings.translation_api_key)


def budget_key(session: Session, entry: Translatable, record: Any) -> str:
    column = entry.municipality_column()
    if column is None:
        return "national"
    value = session.execute(sa.select(column).where(entry.model.id == record.id)).scalar()
    return str(value) if value else "national"


def month(today: date | None = None) -> str:
    return (today or date.today()).strftime("%Y-%m")


def used(session: Session, key: str) -> int:
    row = session.exec(
        select(MachineUsage).where(MachineUsage.budget_key == key, MachineUsage.month == month())
    ).first()
    return row.characters if row else 0


def _reserve(session: Session, key: str, characters: int, budget: int) -> None:
    """Count the characters against this month's budget atomically, or refuse (nothing is sent)."""
    table = MachineUsage.__table__  # type: ignore[attr-defined]
    where = sa.and_(table.c.budget_key == key, table.c.month == month())
    if session.execute(sa.select(table.c.id).where(where)).first() is None:
        session.add(MachineUsage(budget_key=key, month=month(), characters=0))
        session.flush()
    result = session.execute(
        sa.update(table)
        .where(where, table.c.characters + characters <= budget)
        .values(characters=table.c.characters + characters)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ProblemError(
            429,
            f"This month's machine-translation budget ({budget} characters) is used up; "
            "nothing was translated. It renews on the first day of the next month.",
            slug="translation-budget-exhausted",
        )


def translate(
    session: Session, *, settings: Settings, entry: Translatable, record: Any, field: str, lang: str
) -> None:
    """Fill ``lang`` of one text by machine, if it is missing or machine-made already."""
    engine = provider(settings)
    if engine is None:
        raise ProblemError(
            409, "Machine translation is not configured on this server.", slug="translation-provider-off"
        )
    values = dict(getattr(record, field) or {})
    rows = {
        k[2]: r for k, r in rules.states(session, entry.record_type, [record.id]).items() if k[1] == field
    }
    source = rules.original_of(values, rows)
    if source is None or source == lang:
        raise conflict("There is no source text to translate from.", slug="nothing-to-translate")
    current = rules.resolve(values, rows, lang)
    if current not in ("missing", "machine"):
        raise conflict(
            f"The {lang} text was written by a person ({current}); a machine translation never replaces it.",
            slug="human-translation-kept",
        )
    text = values[source]
    _reserve(session, budget_key(session, entry, record), len(text), settings.translation_monthly_characters)
    translated = engine.translate(text, source=source, target=lang)
    with rules.machine_written(session):
        write_text(session, record, field, lang, translated, None)


def translate_record(
    session: Session, *, settings: Settings, actor: Actor, request: MachineRequest
) -> RecordTranslations:
    """The workspace's machine button: the record (404 unless the actor may translate it into the
    language), the machine text, the record's texts and states."""
    entry, record = load(
        session, actor=actor, record_type=request.record_type, record_id=request.record_id, lang=request.lang
    )
    translate(session, settings=settings, entry=entry, record=record, field=request.field, lang=request.lang)
    return record_translations(session, entry, record)
