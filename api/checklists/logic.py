"""The checklist: the national template (api/reference/checklist-steps.json, changed by a release)
with the municipality's changes, the steps that fit her answers, each with services open to her.
Nothing she answers is stored."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlmodel import Session

from api.checklists import scope
from api.checklists.models import ChecklistOverride
from api.checklists.schemas import Answers, Checklist, ServiceLink, Step, StepChange, Template, TemplateStep
from api.core.actor import ANONYMOUS, Actor
from api.core.db import found, utcnow
from api.core.errors import forbidden, unprocessable
from api.core.i18n import Locale, resolve
from api.core.pagination import PageParams
from api.directory.categories.reference import categories as known_categories
from api.directory.services.search import ServiceFilters, search
from api.migrants import vocab
from api.municipalities.logic import resolve_slug
from api.municipalities.models import Municipality

REFERENCE = Path(__file__).resolve().parents[1] / "reference" / "checklist-steps.json"
LEVELS = ["none", "A1", "A2", "B1", "B2", "C1", "C2", "native"]
SERVICES_PER_STEP = 3


@lru_cache
def national() -> tuple[dict[str, Any], ...]:
    return tuple(json.loads(REFERENCE.read_text(encoding="utf-8")))


def template(session: Session, municipality_id: uuid.UUID) -> list[TemplateStep]:
    """National steps with the municipality's changes, and its own steps, in order."""
    changes = {o.key: o for o in session.exec(scope.overrides_of(municipality_id)).all()}
    steps = []
    for base in national():
        change = changes.pop(base["key"], None)
        steps.append(_merged(base, change, "changed" if change else "national"))
    for change in changes.values():
        steps.append(
            _merged({"key": change.key, "order": 500, "when": {}, "categories": []}, change, "local")
        )
    return sorted(steps, key=lambda s: (s.order, s.key))


def _merged(base: dict[str, Any], change: ChecklistOverride | None, source: str) -> TemplateStep:
    def text(field: str) -> dict[str, str]:
        return (
            {**base.get(field, {}), **(getattr(change, field) or {})} if change else dict(base.get(field, {}))
        )

    return TemplateStep(
        key=base["key"],
        order=change.order if change and change.order is not None else base["order"],
        source=source,
        hidden=bool(change and change.hidden),
        when=base.get("when", {}),
        categories=(change.categories if change and change.categories else base.get("categories", [])),
        title=text("title"),
        what_to_bring=text("what_to_bring"),
        where=text("where"),
    )


def fits(when: dict[str, Any], answers: Answers, today: date) -> bool:
    if "statuses" in when and answers.legal_status not in when["statuses"]:
        return False
    if when.get("children") and not answers.children:
        return False
    if "needs_any" in when and not set(when["needs_any"]) & set(answers.needs):
        return False
    if "lt_level_below" in when and LEVELS.index(answers.lithuanian_level) >= LEVELS.index(
        when["lt_level_below"]
    ):
        return False
    if "arrived_within_days" in when and answers.arrival_date is not None:
        return answers.arrival_date >= today - timedelta(days=int(when["arrived_within_days"]))
    return True


def _next_level(level: str) -> str | None:
    """The course level she needs next (A1 for none, B1 after A2…)."""
    i = LEVELS.index(level)
    return LEVELS[i + 1] if level not in ("C2", "native") and 0 <= i + 1 < len(LEVELS) - 1 else None


def _services(
    session: Session, municipality_id: uuid.UUID, step: TemplateStep, answers: Answers, locale: Locale
) -> list[ServiceLink]:
    level = _next_level(answers.lithuanian_level) if step.key == "lithuanian_course" else None
    filters = ServiceFilters(
        categories=step.categories,
        municipality_ids=[municipality_id],
        eligible_status=answers.legal_status,
        status=["active"],
        level=level if level and level != "none" else None,
    )
    page = PageParams(limit=SERVICES_PER_STEP, cursor=None)
    # No course at exactly her level: then any course.
    tries = [filters, replace(filters, level=None)] if filters.level else [filters]
    for tried in tries:
        rows, _ = search(session, actor=ANONYMOUS, filters=tried, params=page, sort="name", locale=locale)
        if rows:
            break
    return [
        ServiceLink(
            id=r["id"],
            name=_text(r.get("name"), locale.lang),
            organization=_text(r.get("organization_name"), locale.lang),
        )
        for r in rows
        if "name" in r
    ]


def _text(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return resolve(value, lang) or ""
    return str(value or "")


def build(session: Session, answers: Answers, locale: Locale, *, today: date | None = None) -> Checklist:
    municipality = resolve_slug(session, answers.municipality, field="municipality")
    vocab.check_legal_status(answers.legal_status)
    for code in answers.needs:
        vocab.check_need(code, loc=["body", "needs"])
    today = today or utcnow().date()
    steps = []
    for step in template(session, municipality.id):
        if step.hidden or not fits(step.when, answers, today):
            continue
        search_query = {"municipality": municipality.slug, "eligible_status": answers.legal_status}
        if step.categories:
            search_query["category"] = step.categories[0]
        steps.append(
            Step(
                key=step.key,
                order=step.order,
                title=resolve(step.title, locale.lang) or step.key,
                what_to_bring=resolve(step.what_to_bring, locale.lang) or "",
                where=resolve(step.where, locale.lang) or "",
                categories=step.categories,
                services=_services(session, municipality.id, step, answers, locale),
                search=search_query,
            )
        )
    return Checklist(municipality=municipality.slug, lang=locale.lang, steps=steps, needs=answers.needs)


def read_template(session: Session, slug: str) -> Template:
    municipality = resolve_slug(session, slug, field="municipality")
    return Template(municipality=municipality.slug, steps=template(session, municipality.id))


def _edited(session: Session, actor: Actor, slug: str) -> Municipality:
    """The municipality whose checklist the actor changes (403 unless its coordinator or an admin)."""
    municipality = resolve_slug(session, slug, field="municipality")
    if not scope.may_edit(actor, municipality.id):
        raise forbidden("Only the municipality's coordinators (and admins) change its checklist.")
    return municipality


def change_step(session: Session, actor: Actor, slug: str, key: str, data: StepChange) -> Template:
    municipality = _edited(session, actor, slug)
    is_national = any(s["key"] == key for s in national())
    if not is_national and not data.title:
        raise unprocessable(
            "A step of your own needs a title.",
            [{"loc": ["body", "title"], "msg": "required", "type": "missing"}],
        )
    unknown = [c for c in data.categories if c not in known_categories()]
    if unknown:
        raise unprocessable(
            f"Unknown categories: {', '.join(unknown)}.",
            [{"loc": ["body", "categories"], "msg": "unknown category", "type": "unknown_code"}],
        )
    row = session.exec(scope.overrides_of(municipality.id).where(ChecklistOverride.key == key)).first()
    row = row or ChecklistOverride(municipality_id=municipality.id, key=key)
    row.hidden, row.order, row.categories = data.hidden, data.order, data.categories
    row.title = {k: v for k, v in data.title.items() if v.strip()}
    row.what_to_bring = {k: v for k, v in data.what_to_bring.items() if v.strip()}
    row.where = {k: v for k, v in data.where.items() if v.strip()}
    row.updated_at, row.updated_by = utcnow(), actor.id
    session.add(row)
    session.flush()
    return Template(municipality=municipality.slug, steps=template(session, municipality.id))


def reset_step(session: Session, actor: Actor, slug: str, key: str) -> None:
    municipality = _edited(session, actor, slug)
    row = found(
        session, scope.overrides_of(municipality.id).where(ChecklistOverride.key == key), "checklist change"
    )
    session.delete(row)
    session.flush()
