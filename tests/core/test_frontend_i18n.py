"""All UI strings live in per-language files, and every language has every string."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"
LANGS = ("lt", "en", "uk", "ru")
# t("ns.key") and t('ns.key') with a literal key (template-literal keys are checked by their parts' files).
CALL = re.compile(r"""\bt\(\s*["']([a-z_]+)\.([A-Za-z0-9_.]+)["']""")


def _flatten(obj: dict, prefix: str = "") -> set[str]:
    keys: set[str] = set()
    for key, value in obj.items():
        full = f"{prefix}.{key}" if prefix else key
        keys |= _flatten(value, full) if isinstance(value, dict) else {full}
    return keys


def _catalog(lang: str) -> dict[str, set[str]]:
    return {
        f.stem: _flatten(json.loads(f.read_text(encoding="utf-8")))
        for f in (FRONTEND / "i18n" / lang).glob("*.json")
    }


def test_every_language_has_the_same_files_and_keys():
    reference = _catalog("lt")
    assert "core" in reference
    for lang in LANGS[1:]:
        other = _catalog(lang)
        assert set(other) == set(reference), f"{lang}: namespaces differ"
        for ns, keys in reference.items():
            assert other[ns] == keys, (
                f"{lang}/{ns}.json: missing {sorted(keys - other[ns])}, extra {sorted(other[ns] - keys)}"
            )


@pytest.mark.parametrize("lang", LANGS)
def test_every_literal_key_used_in_the_code_exists(lang):
    catalog = _catalog(lang)
    missing = []
    for js in FRONTEND.joinpath("js").rglob("*.js"):
        for ns, key in CALL.findall(js.read_text(encoding="utf-8")):
            if key not in catalog.get(ns, set()):
                missing.append(f"{js.relative_to(FRONTEND)}: {ns}.{key}")
    assert not missing, f"{lang}: {missing}"


def test_no_empty_translations():
    for lang in LANGS:
        for f in (FRONTEND / "i18n" / lang).glob("*.json"):
            text = f.read_text(encoding="utf-8")
            assert '": ""' not in text, f"{lang}/{f.name} has an empty string"
