"""Reference data speaks all four languages: every name in api/reference/*.csv has a Lithuanian,
English, Ukrainian and Russian text, and no language is a copy of another where it must differ;
what the migrations load into the database matches the CSV files."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest
from sqlmodel import select

REFERENCE = Path(__file__).resolve().parents[2] / "api" / "reference"
LANGS = ("lt", "en", "uk", "ru")
# Texts in Latin script must never be copied into a Cyrillic language, nor the other way round.
MUST_DIFFER = (("lt", "uk"), ("lt", "ru"), ("en", "uk"), ("en", "ru"))


def _rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _prefixes(row: dict[str, str]) -> set[str]:
    return {key.rsplit("_", 1)[0] for key in row if key.rsplit("_", 1)[-1] in LANGS and "_" in key}


@pytest.mark.parametrize("name", sorted(p.name for p in REFERENCE.glob("*.csv")))
def test_every_reference_name_has_four_distinct_languages(name: str) -> None:
    rows = _rows(name)
    assert rows
    for prefix in _prefixes(rows[0]):
        for row in rows:
            key = row.get("code") or row.get("slug")
            texts = {lang: (row.get(f"{prefix}_{lang}") or "").strip() for lang in LANGS}
            if prefix == "place":  # the bare place name, for search in Cyrillic
                assert texts["uk"] and texts["ru"], (name, key, prefix)
                continue
            assert all(texts.values()), (
                f"{name} {key}: {prefix} lacks {[k for k, v in texts.items() if not v]}"
            )
            for a, b in MUST_DIFFER:
                assert texts[a] != texts[b], f"{name} {key}: {prefix}_{b} is a copy of {prefix}_{a}"


def _migration(filename: str):
    path = Path(__file__).resolve().parents[2] / "migrations" / "versions" / filename
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    assert spec and spec.loader
    spec.loader.exec_module(module)
    return module


def test_the_municipality_names_migration_matches_the_csv() -> None:
    migration = _migration("20261205_0210_foundation_0002_names_uk_ru.py")
    expected = {
        (r["slug"], r["name_uk"], r["name_ru"], r["county_uk"], r["county_ru"])
        for r in _rows("municipalities.csv")
    }
    assert set(migration.NAMES) == expected


def test_the_database_reference_rows_have_four_languages(db) -> None:
    from api.experts.models import Competence
    from api.indicators.models import IndicatorDefinition
    from api.municipalities.models import Municipality

    municipalities = db.exec(select(Municipality)).all()
    assert len(municipalities) == 60
    by_slug = {r["slug"]: r for r in _rows("municipalities.csv")}
    for m in municipalities:
        assert set(m.name) >= set(LANGS) and set(m.county_name) >= set(LANGS), m.slug
        assert m.name["uk"] == by_slug[m.slug]["name_uk"]
    for competence in db.exec(select(Competence)).all():
        assert set(competence.name) >= set(LANGS), competence.code
    for definition in db.exec(select(IndicatorDefinition)).all():
        assert set(definition.name) >= set(LANGS), definition.code


def test_reference_lists_answer_in_ukrainian(client) -> None:
    statuses = client.get("/api/v1/services/legal-statuses", headers={"Accept-Language": "uk"})
    assert statuses.status_code == 200, statuses.text
    body = statuses.json()
    items = body["items"] if isinstance(body, dict) else body
    names = {item["code"]: item["name"] for item in items}
    assert names["refugee"] == "Статус біженця"
    vilnius = client.get("/api/v1/municipalities/vilniaus-m", headers={"Accept-Language": "ru"}).json()
    assert vilnius["name"] == "Самоуправление города Вильнюс" and vilnius["county_name"] == "Вильнюсский уезд"
