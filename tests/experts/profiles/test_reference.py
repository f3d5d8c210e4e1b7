"""The competence list the migration loads is the reference CSV, with Ukrainian and Russian added."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

from sqlmodel import select

from api.experts.models import Competence

ROOT = Path(__file__).resolve().parents[3]


def _migration():
    path = next((ROOT / "migrations" / "versions").glob("*_experts_0001_*.py"))
    spec = importlib.util.spec_from_file_location("experts_0001", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_migration_rows_match_the_reference_csv():
    with (ROOT / "api" / "reference" / "competences.csv").open(encoding="utf-8") as f:
        rows = [(r["code"], r["area"], r["name_lt"], r["name_en"]) for r in csv.DictReader(f)]
    inline = _migration().COMPETENCES
    assert [c[:4] for c in inline] == rows
    for code, *_names in inline:
        assert all(n.strip() for n in _names), code
    assert len({c[4] for c in inline}) == len(inline)  # Ukrainian names differ from each other


def test_every_competence_has_four_languages(db):
    rows = db.exec(select(Competence)).all()
    assert len(rows) == 44
    assert all(set(c.name) == {"lt", "en", "uk", "ru"} for c in rows)
