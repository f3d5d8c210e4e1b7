"""HSDS taxonomies and terms: our categories, legal statuses, delivery formats and CEFR levels, with
stable ids (UUID5 of the taxonomy and the code)."""

from __future__ import annotations

import uuid
from typing import Any

from api.core.i18n import resolve
from api.directory.categories.reference import categories, legal_statuses

NAMESPACE = uuid.UUID("6f1c2b7e-8a43-4c55-9f3d-0c8e5a1d2b90")
TAXONOMIES: dict[str, dict[str, str]] = {
    "langelis-service-categories": {
        "name": "Langelis service categories",
        "description": "Integration service categories (api/reference/service-categories.csv)",
    },
    "langelis-legal-statuses": {
        "name": "Langelis legal statuses",
        "description": "Legal statuses a service is open to (api/reference/legal-statuses.csv)",
    },
    "langelis-service-formats": {
        "name": "Langelis service formats",
        "description": "How a service is delivered: in person, online, hybrid, informal",
    },
    "cefr": {
        "name": "CEFR levels",
        "description": "Common European Framework of Reference for Languages, A1–C2",
    },
}
FORMATS = {"in_person": "In person", "online": "Online", "hybrid": "Hybrid", "informal": "Informal"}
CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")


def uid(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "|".join(str(p) for p in parts)))


def taxonomy_id(name: str) -> str:
    return uid("taxonomy", name)


def term_id(taxonomy: str, code: str) -> str:
    return uid("term", taxonomy, code)


def all_terms(lang: str) -> list[dict[str, Any]]:
    """Every taxonomy term we use, categories first (in the file's order)."""
    out: list[dict[str, Any]] = []
    for cat in categories().values():
        term: dict[str, Any] = {
            "id": term_id("langelis-service-categories", cat.code),
            "code": cat.code,
            "name": resolve(cat.name, lang) or cat.code,
            "description": cat.name.get("en", cat.code),
            "taxonomy": "langelis-service-categories",
            "taxonomy_id": taxonomy_id("langelis-service-categories"),
            "language": lang,
        }
        if cat.parent:
            term["parent_id"] = term_id("langelis-service-categories", cat.parent)
        out.append(term)
    for code, name in legal_statuses().items():
        out.append(
            _term("langelis-legal-statuses", code, resolve(name, lang) or code, name.get("en", code), lang)
        )
    for code, label in FORMATS.items():
        out.append(_term("langelis-service-formats", code, label, label, lang))
    for level in CEFR:
        out.append(_term("cefr", level, level, f"CEFR level {level}", lang))
    return out


def _term(taxonomy: str, code: str, name: str, description: str, lang: str) -> dict[str, Any]:
    return {
        "id": term_id(taxonomy, code),
        "code": code,
        "name": name,
        "description": description,
        "taxonomy": taxonomy,
        "taxonomy_id": taxonomy_id(taxonomy),
        "language": lang,
    }


def term_code(term: str) -> tuple[str, str] | None:
    """(taxonomy, code) of a term id, or None."""
    for t in all_terms("en"):
        if t["id"] == term:
            return str(t["taxonomy"]), str(t["code"])
    return None


def taxonomy_objects() -> list[dict[str, Any]]:
    return [
        {"id": taxonomy_id(name), "name": info["name"], "description": info["description"], "version": "1"}
        for name, info in TAXONOMIES.items()
    ]
