"""The translations API: the workspace queue, one record's texts and statuses, saving a translation,
machine translation and the coverage report."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from api.accounts.deps import CurrentActor
from api.core.conditional import IfMatchDep
from api.core.config import SettingsDep
from api.core.db import SessionDep
from api.core.http import NoStore, op, page_response, with_etag
from api.core.pagination import PageDep
from api.translations import coverage, machine, workspace
from api.translations.schemas import (
    CoverageReport,
    MachineRequest,
    MachineStatus,
    RecordTranslations,
    TranslationQueue,
    TranslationSave,
)

router = APIRouter(prefix="/translations", tags=["translations"], dependencies=[NoStore])

Lang = Annotated[str, Path(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$", description="Language code")]
RecordType = Annotated[str, Path(max_length=40, description="e.g. `service`, `idea`, `budget`")]
Field = Annotated[str, Path(max_length=40, description="The translatable field, e.g. `description`")]


def _answer(response: Response, body: RecordTranslations) -> RecordTranslations:
    return with_etag(response, body.version or 0, body) if body.version is not None else body


@router.get(
    "/queue",
    **op(TranslationQueue, "Texts to translate into a language: outdated, missing, machine-made", (400, 401)),
)
def translation_queue(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: CurrentActor,
    page: PageDep,
    lang: Annotated[str, Query(pattern=r"^[a-z]{2,3}$", description="The language to translate into")],
    status: Annotated[
        list[Literal["outdated", "missing", "machine"]] | None, Query(description="Only these statuses")
    ] = None,
    record_type: Annotated[str | None, Query(max_length=40, description="Only this record type")] = None,
) -> Response:
    items, next_cursor = workspace.queue(
        session,
        actor=actor,
        lang=lang,
        statuses=tuple(status or workspace.QUEUE_STATUSES),
        record_type=record_type,
        limit=page.limit,
        cursor=page.cursor,
    )
    return page_response(request, response, TranslationQueue(items=items, next_cursor=next_cursor))


@router.get(
    "/records/{record_type}/{record_id}",
    **op(RecordTranslations, "A record's texts and the status of each language", (401, 404)),
)
def record_translations(
    record_type: RecordType,
    record_id: uuid.UUID,
    response: Response,
    session: SessionDep,
    actor: CurrentActor,
) -> RecordTranslations:
    entry, record = workspace.load(session, actor=actor, record_type=record_type, record_id=record_id)
    return _answer(response, workspace.record_translations(session, entry, record))


@router.put(
    "/records/{record_type}/{record_id}/{field}/{lang}",
    **op(
        RecordTranslations,
        "Save one language of one text (If-Match required); it becomes up to date",
        (401, 403, 404, 412, 422, 428),
    ),
)
def save_translation(
    record_type: RecordType,
    record_id: uuid.UUID,
    field: Field,
    lang: Lang,
    body: TranslationSave,
    if_match: IfMatchDep,
    response: Response,
    session: SessionDep,
    actor: CurrentActor,
) -> RecordTranslations:
    saved = workspace.save_translation(
        session,
        actor=actor,
        record_type=record_type,
        record_id=record_id,
        field=field,
        lang=lang,
        text=body.text,
        if_match=if_match,
    )
    return _answer(response, saved)


@router.post(
    "/machine",
    **op(
        RecordTranslations,
        "Translate one text by machine (fills missing or machine texts only)",
        (401, 404, 409, 422, 429, 502),
    ),
)
def machine_translate(
    body: MachineRequest, response: Response, session: SessionDep, actor: CurrentActor, settings: SettingsDep
) -> RecordTranslations:
    return _answer(response, machine.translate_record(session, settings=settings, actor=actor, request=body))


@router.get(
    "/machine", **op(MachineStatus, "The machine-translation provider and this month's budget", (401,))
)
def machine_status(session: SessionDep, actor: CurrentActor, settings: SettingsDep) -> MachineStatus:
    engine = machine.provider(settings)
    key = str(actor.municipality_id) if actor.municipality_id else "national"
    return MachineStatus(
        provider=engine.name if engine else None,
        monthly_budget=settings.translation_monthly_characters,
        used_this_month=machine.used(session, key),
    )


@router.get(
    "/coverage",
    **op(
        CoverageReport, "Translation coverage per domain and language, oldest outdated first", (401, 403, 404)
    ),
)
def translation_coverage(
    session: SessionDep,
    actor: CurrentActor,
    municipality: Annotated[str | None, Query(max_length=40, description="Municipality slug")] = None,
) -> CoverageReport:
    municipality_id, slug = coverage.municipality_for(session, actor=actor, slug=municipality)
    return coverage.report(session, municipality_id=municipality_id, municipality_slug=slug)


routers = [router]
