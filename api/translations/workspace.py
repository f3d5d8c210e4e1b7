"""The translators' workspace: the queue of texts to translate, one record's texts and statuses, and
saving a translation (which the tracker marks ``up_to_date``)."""

from __future__ import annotations

import difflib
import re
import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.core import translation_status as rules
from api.core.actor import Actor
from api.core.conditional import IfMatch, claim
from api.core.errors import ProblemError, not_found
from api.core.models import TranslationState
from api.core.translatable import WORK_LANGUAGES, Translatable, by_type, entries
from api.translations.schemas import DiffPart, LanguageStatus, RecordTranslations, TranslationItem
from api.translations.scope import editable_ids, edits_source

QUEUE_STATUSES = ("outdated", "missing", "machine")
_WORDS = re.compile(r"\s+|[^\s]+")


def diff(before: str | None, after: str | None) -> list[DiffPart]:
    """Word-level changes from ``before`` to ``after``."""
    a, b = _WORDS.findall(before or ""), _WORDS.findall(after or "")
    parts: list[DiffPart] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag in ("equal", "delete", "replace") and i2 > i1:
            parts.append(DiffPart(op="equal" if tag == "equal" else "delete", text="".join(a[i1:i2])))
        if tag in ("insert", "replace") and j2 > j1:
            parts.append(DiffPart(op="insert", text="".join(b[j1:j2])))
    return parts


def _live(entry: Translatable) -> list[Any]:
    deleted = getattr(entry.model, "deleted_at", None)
    return [] if deleted is None else [deleted.is_(None)]


def _has_text(column: Any) -> Any:
    return sa.or_(*(column[lang].as_string().isnot(None) for lang in WORK_LANGUAGES))


def _cursor(cursor: str | None) -> tuple[int, int, uuid.UUID | None]:
    if not cursor:
        return 0, 0, None
    try:
        e, f, rid = cursor.split(":", 2)
        return int(e), int(f), uuid.UUID(rid)
    except ValueError as exc:
        raise ProblemError(
            400, "The cursor is not valid for this list; start again without a cursor.", slug="invalid-cursor"
        ) from exc


def queue(
    session: Session,
    *,
    actor: Actor,
    lang: str,
    statuses: tuple[str, ...] = QUEUE_STATUSES,
    record_type: str | None = None,
    limit: int = 20,
    cursor: str | None = None,
) -> tuple[list[TranslationItem], str | None]:
    """Texts the actor may translate into ``lang`` that are outdated, missing or machine-made, in a
    stable order (record type, field, record id) with a keyset cursor."""
    start_entry, start_field, after = _cursor(cursor)
    items: list[TranslationItem] = []
    for e_index, entry in enumerate(entries()):
        if e_index < start_entry or (record_type and entry.record_type != record_type):
            continue
        ids = editable_ids(actor, entry, lang)
        if ids is None:
            continue
        for f_index, field in enumerate(entry.fields):
            if (e_index, f_index) < (start_entry, start_field):
                continue
            resume = after if (e_index, f_index) == (start_entry, start_field) else None
            found = _field_queue(session, entry, field, lang, statuses, ids, resume, limit + 1 - len(items))
            for row in found:
                items.append(_item(entry, field, lang, row))
                if len(items) > limit:
                    last = items[limit - 1]
                    return items[:limit], f"{e_index}:{entry.fields.index(last.field)}:{last.record_id}"
    return items, None


def _field_queue(
    session: Session,
    entry: Translatable,
    field: str,
    lang: str,
    statuses: tuple[str, ...],
    ids: Any,
    after: uuid.UUID | None,
    limit: int,
) -> list[Any]:
    model, column = entry.model, getattr(entry.model, field)
    state = TranslationState.__table__  # type: ignore[attr-defined]
    joined = sa.and_(
        state.c.record_type == entry.record_type,
        state.c.record_id == model.id,
        state.c.field == field,
        state.c.lang == lang,
    )
    wanted = []
    if "missing" in statuses:
        wanted.append(sa.and_(column[lang].as_string().is_(None), _has_text(column)))
    stored = [s for s in statuses if s in ("outdated", "machine")]
    if stored:
        wanted.append(sa.and_(column[lang].as_string().isnot(None), state.c.status.in_(stored)))
    if not wanted:
        return []
    stmt = (
        select(model, state.c.status, state.c.source_text)
        .outerjoin(state, joined)
        .where(col(model.id).in_(ids), sa.or_(*wanted), *_live(entry))
        .order_by(model.id)
        .limit(limit)
    )
    if after is not None:
        stmt = stmt.where(model.id > after)
    return list(session.exec(stmt).all())


def _item(entry: Translatable, field: str, lang: str, row: Any) -> TranslationItem:
    record, stored_status, made_from = row
    texts = getattr(record, field) or {}
    source = rules.default_original(texts) or "lt"
    status = stored_status if texts.get(lang) and stored_status else "missing"
    return TranslationItem(
        record_type=entry.record_type,
        record_id=record.id,
        field=field,
        lang=lang,
        status=status,
        source_lang=source,
        source_text=texts.get(source, ""),
        text=texts.get(lang),
        changes=diff(made_from, texts.get(source)) if status == "outdated" else [],
        link=entry.link.format(id=record.id),
        version=getattr(record, "version", None),
    )


def load(
    session: Session, *, actor: Actor, record_type: str, record_id: uuid.UUID, lang: str | None = None
) -> tuple[Translatable, Any]:
    """The record, if the actor may translate it (into ``lang``); 404 otherwise."""
    entry = by_type(record_type)
    if entry is None:
        raise not_found("record type")
    ids = editable_ids(actor, entry, lang)
    if ids is None:
        raise not_found("text")
    record = session.exec(
        select(entry.model).where(entry.model.id == record_id, col(entry.model.id).in_(ids), *_live(entry))
    ).first()
    if record is None:
        raise not_found("text")
    return entry, record


def record_translations(session: Session, entry: Translatable, record: Any) -> RecordTranslations:
    rows = rules.states(session, entry.record_type, [record.id])
    texts: dict[str, dict[str, str]] = {}
    status: dict[str, dict[str, LanguageStatus]] = {}
    for field in entry.fields:
        values = dict(getattr(record, field) or {})
        texts[field] = values
        mine = {lang: row for (_, f, lang), row in rows.items() if f == field}
        original = rules.original_of(values, mine)
        langs = list(dict.fromkeys([*WORK_LANGUAGES, *sorted(values)]))
        status[field] = {}
        for lang in langs:
            row = mine.get(lang)
            resolved = rules.resolve(values, mine, lang)
            status[field][lang] = LanguageStatus(
                status=resolved,
                source_lang=(row.source_lang if row else None)
                or (original if resolved not in ("original", "missing") else None),
                changed_at=row.changed_at if row else None,
            )
    return RecordTranslations(
        record_type=entry.record_type,
        record_id=record.id,
        version=getattr(record, "version", None),
        texts=texts,
        translation_status=status,
    )


def save(
    session: Session,
    *,
    actor: Actor,
    entry: Translatable,
    record: Any,
    field: str,
    lang: str,
    text: str,
    if_match: IfMatch | None,
) -> None:
    """Write one language of one text; the tracker decides its status (and outdates the others when
    the original changed)."""
    if field not in entry.fields:
        raise not_found("field")
    values = dict(getattr(record, field) or {})
    rows = {
        lang_: row
        for (_, f, lang_), row in rules.states(session, entry.record_type, [record.id]).items()
        if f == field
    }
    if rules.original_of(values, rows) == lang and not edits_source(session, actor, entry, record.id):
        raise ProblemError(403, "Only the record's editors may change its original text.", slug="forbidden")
    write_text(session, record, field, lang, text, if_match)


def write_text(
    session: Session, record: Any, field: str, lang: str, text: str, if_match: IfMatch | None
) -> None:
    """Set one language of one text, moving the record's version (If-Match when given)."""
    if hasattr(record, "version"):
        claim(session, record, if_match)
    values = dict(getattr(record, field) or {})
    values[lang] = text
    setattr(record, field, values)
    session.add(record)
    session.flush()


def save_translation(
    session: Session,
    *,
    actor: Actor,
    record_type: str,
    record_id: uuid.UUID,
    field: str,
    lang: str,
    text: str,
    if_match: IfMatch,
) -> RecordTranslations:
    """The workspace's save: the record (404 unless the actor may translate it), the text, its state."""
    entry, record = load(session, actor=actor, record_type=record_type, record_id=record_id, lang=lang)
    save(
        session, actor=actor, entry=entry, record=record, field=field, lang=lang, text=text, if_match=if_match
    )
    return record_translations(session, entry, record)
