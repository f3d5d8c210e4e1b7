"""The status of every translated text, kept in the transaction that changes it.

A ``before_flush`` listener looks at every new or changed record of a registered type (see
``registry``) and, per translatable field, compares the translation map before and after:

* the original's text changed → every other language that was ``up_to_date`` or ``machine`` becomes
  ``outdated`` (keeping the source text it was made from, for the diff), unless the same change
  rewrote it too;
* another language's text changed → ``up_to_date`` (``machine`` when written by the machine
  translator), translated from the original as it is now; removed → ``missing`` (no row).

Changes made with Core ``UPDATE`` statements bypass the tracker; every domain changes texts through
its ORM rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, inspect
from sqlmodel import Session, col, select

from api.core.db import utcnow
from api.core.i18n import Locale, resolved_language
from api.core.models import TranslationState
from api.core.translatable import WORK_LANGUAGES, by_model

STATUSES = ("original", "up_to_date", "outdated", "machine", "missing")
ORIGINAL_PREFERENCE = ("lt", "en", "uk", "ru")
_MACHINE = "langelis_translation_machine"


def default_original(texts: Mapping[str, Any]) -> str | None:
    """The original language when none is on record: Lithuanian if present, then English,
    Ukrainian, Russian, then the first other language (sorted: JSONB does not keep key order)."""
    present = [lang for lang, text in texts.items() if text]
    for lang in ORIGINAL_PREFERENCE:
        if lang in present:
            return lang
    return sorted(present)[0] if present else None


def resolve(texts: Mapping[str, Any], rows: Mapping[str, TranslationState], lang: str) -> str:
    """The status of one language of one text."""
    if not texts.get(lang):
        return "missing"
    if lang in rows:
        return rows[lang].status
    return "original" if original_of(texts, rows) == lang else "up_to_date"


def original_of(texts: Mapping[str, Any], rows: Mapping[str, TranslationState]) -> str | None:
    for lang, row in rows.items():
        if row.status == "original":
            return lang
    return default_original(texts)


def is_machine(session: Session) -> bool:
    return bool(session.info.get(_MACHINE))


@contextmanager
def machine_written(session: Session) -> Iterator[None]:
    """Texts set inside this block (and flushed in it) are machine translations."""
    session.info[_MACHINE] = True
    try:
        yield
    finally:
        session.info.pop(_MACHINE, None)


def _rows(
    session: Session, record_type: str, record_id: uuid.UUID, field: str
) -> dict[str, TranslationState]:
    found = session.exec(
        select(TranslationState).where(
            TranslationState.record_type == record_type,
            TranslationState.record_id == record_id,
            TranslationState.field == field,
        )
    ).all()
    return {row.lang: row for row in found}


def _set(
    session: Session,
    rows: dict[str, TranslationState],
    key: tuple[str, uuid.UUID, str],
    lang: str,
    status: str,
    **values: Any,
) -> None:
    row = rows.get(lang)
    if row is None:
        row = TranslationState(record_type=key[0], record_id=key[1], field=key[2], lang=lang, status=status)
        rows[lang] = row
    row.status = status
    row.changed_at = utcnow()
    for name, value in values.items():
        setattr(row, name, value)
    session.add(row)


def track(
    session: Session, key: tuple[str, uuid.UUID, str], old: Mapping[str, Any], new: Mapping[str, Any]
) -> None:
    """Apply the rules to one field's change from ``old`` to ``new``."""
    changed = {lang for lang in {*old, *new} if old.get(lang) != new.get(lang)}
    if not changed:
        return
    rows = _rows(session, *key)
    source = original_of(old, rows) if old else default_original(new)
    if source is None:
        return
    machine = is_machine(session)
    if source not in rows and old:
        _set(session, rows, key, source, "original")
    if source in changed and not new.get(source):
        # The original was removed: the first remaining language becomes the original.
        source = default_original(new) or source
        if new.get(source):
            _set(session, rows, key, source, "original", source_lang=None, source_text=None)
    for lang in list(new):
        if lang == source or not new.get(lang):
            continue
        if lang in changed:
            status = "machine" if machine else "up_to_date"
            _set(session, rows, key, lang, status, source_lang=source, source_text=new.get(source))
        elif source in changed and resolve(old, rows, lang) in ("up_to_date", "machine"):
            _set(session, rows, key, lang, "outdated", source_lang=source, source_text=old.get(source))
    for lang in changed:
        if not new.get(lang) and lang in rows and lang != source:
            session.delete(rows.pop(lang))


def states(session: Session, record_type: str, record_ids: list[uuid.UUID]) -> dict[Any, TranslationState]:
    """Every row of these records: {(record_id, field, lang): row}."""
    if not record_ids:
        return {}
    found = session.exec(
        select(TranslationState).where(
            TranslationState.record_type == record_type, col(TranslationState.record_id).in_(record_ids)
        )
    ).all()
    return {(row.record_id, row.field, row.lang): row for row in found}


def _history(obj: Any, field: str, is_new: bool) -> tuple[Mapping[str, Any], Mapping[str, Any]] | None:
    history = inspect(obj).attrs[field].history
    if not history.has_changes():
        return None
    new = history.added[0] if history.added else {}
    if is_new:
        return {}, new or {}
    old = history.deleted[0] if history.deleted else {}
    return old or {}, new or {}


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    pending = [(obj, False) for obj in session.dirty] + [(obj, True) for obj in session.new]
    for obj, is_new in pending:
        entry = by_model(type(obj))
        if entry is None:
            continue
        for field in entry.fields:
            change = _history(obj, field, is_new)
            if change is None:
                continue
            old, new = change
            if is_new and not is_machine(session):
                continue  # a new record's texts are its original and its translations: no row needed
            with session.no_autoflush:
                track(session, (entry.record_type, obj.id, field), old, new)


def status_maps(
    session: Session, record_type: str, records: Sequence[Any], fields: Sequence[str]
) -> dict[Any, dict[str, dict[str, str]]]:
    """For each record: {field: {language: status}} over the working languages and every language
    the text has (what reads with ``translations=all`` show beside the texts); fields with no text in
    any language are left out. One query, Core rows."""
    if not records:
        return {}
    table = TranslationState.__table__  # type: ignore[attr-defined]
    stored: dict[tuple[Any, str], dict[str, str]] = {}
    for rid, field, lang, status in session.execute(
        sa.select(table.c.record_id, table.c.field, table.c.lang, table.c.status).where(
            table.c.record_type == record_type, table.c.record_id.in_([r.id for r in records])
        )
    ):
        stored.setdefault((rid, field), {})[lang] = status
    out: dict[Any, dict[str, dict[str, str]]] = {}
    for record in records:
        per_field: dict[str, dict[str, str]] = {}
        for field in fields:
            texts = getattr(record, field) or {}
            if not texts:
                continue  # a text written in no language has nothing to translate
            mine = stored.get((record.id, field), {})
            original = next((lang for lang, status in mine.items() if status == "original"), None)
            original = original or default_original(texts)
            langs = [*WORK_LANGUAGES, *sorted(k for k in texts if k not in WORK_LANGUAGES)]
            per_field[field] = {
                lang: "missing"
                if not texts.get(lang)
                else mine.get(lang) or ("original" if lang == original else "up_to_date")
                for lang in langs
            }
        out[record.id] = per_field
    return out


def status_map(session: Session, record: Any) -> dict[str, dict[str, str]] | None:
    """The map of one record of a registered type (None for a type that is not translatable)."""
    entry = by_model(type(record))
    if entry is None:
        return None
    return status_maps(session, entry.record_type, [record], entry.fields)[record.id]


def served_languages(record: Any, lang: str, fields: Sequence[str] | None = None) -> dict[str, str]:
    """The language each text of ``record`` is shown in for a reader of ``lang`` (texts written
    in no language are left out). ``fields``: the record type's registered texts by default."""
    if fields is None:
        entry = by_model(type(record))
        fields = entry.fields if entry is not None else ()
    out = {}
    for name in fields:
        served = resolved_language(getattr(record, name, None), lang)
        if served:
            out[name] = served
    return out


def text_meta(
    session: Session | None,
    record: Any,
    locale: Locale,
    statuses: Mapping[Any, dict[str, dict[str, str]]] | None = None,
) -> dict[str, Any]:
    """What a read model of a translatable record says about its texts: with ``translations=all``
    the status of every language (``translation_status``), otherwise the language each text is
    shown in (``text_languages``), so a client can mark a fallback. A list passes ``statuses``
    read for its whole page with :func:`status_maps` (one query, not one per record)."""
    if locale.all_translations:
        if statuses is not None:
            found = statuses.get(record.id)
        else:
            found = status_map(session, record) if session is not None else None
        return {"translation_status": found, "text_languages": None}
    return {"translation_status": None, "text_languages": served_languages(record, locale.lang)}
