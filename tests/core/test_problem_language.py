"""Problem details speak the caller's language (?lang= or Accept-Language): titles, details and
field messages, whichever layer raised them; English without a preference."""

from __future__ import annotations

import ast
import uuid
from pathlib import Path

import pytest

from api.core.localize import translate

API = Path(__file__).resolve().parents[2] / "api"
_RAISERS = {
    "ProblemError",
    "not_found",
    "conflict",
    "forbidden",
    "unprocessable",
    "unauthorized",
    "oauth_error",
}


def test_not_found_in_ukrainian_and_russian(client) -> None:
    missing = f"/api/v1/services/{uuid.uuid4()}"
    uk = client.get(missing, headers={"Accept-Language": "uk"})
    assert uk.status_code == 404
    assert uk.headers["content-type"].startswith("application/problem+json")
    assert uk.headers["content-language"] == "uk"
    assert uk.json()["title"] == "Не знайдено" and uk.json()["detail"] == "Не знайдено: послуга."
    ru = client.get(missing + "?lang=ru", headers={"Accept-Language": "uk"})
    assert ru.json()["detail"] == "Не найдено: услуга." and ru.headers["content-language"] == "ru"
    en = client.get(missing)
    assert en.json()["detail"] == "The service was not found." and en.json()["title"] == "Not Found"


def test_wrong_password_in_the_readers_language(client, base) -> None:
    form = {"grant_type": "password", "username": base.resident.email, "password": "not-the-password"}
    answer = client.post("/api/v1/auth/token", data=form, headers={"Accept-Language": "uk"})
    assert answer.status_code == 400, answer.text
    assert answer.json()["detail"] == "Неправильна електронна пошта або пароль."
    assert answer.json()["error"] == "invalid_grant"  # the OAuth members stay machine-readable


def test_validation_messages_follow_the_language(client, auth, base) -> None:
    body = {"organization_id": str(base.org.id), "name": {}, "categories": ["info"], "format": "in_person"}
    answer = client.post("/api/v1/services?lang=ru", json=body, headers=auth.headers(base.provider))
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert problem["title"] == "Данные неверны"
    assert problem["detail"] == "В запросе есть неверные или отсутствующие поля."
    messages = {tuple(e["loc"]): e["msg"] for e in problem["errors"]}
    assert messages[("body", "name")] == "Введите текст хотя бы на одном языке"
    assert answer.headers["content-language"] == "ru"


@pytest.mark.parametrize(
    ("english", "lang", "expected"),
    [
        ("String should have at least 10 characters", "uk", "Занадто коротко: щонайменше 10 симв."),
        ("String should have at most 200 characters", "lt", "Per ilga: daugiausia 200 simb."),
        ("Input should be greater than or equal to 1", "ru", "Должно быть не меньше 1"),
        ("Input should be 'lt', 'en', 'uk' or 'ru'", "uk", "Допустимі значення: 'lt', 'en', 'uk' or 'ru'"),
        ("The idea was not found.", "lt", "Nerasta: idėja."),
        ("Votes are closed: the idea is withdrawn.", "uk", "Голосування закрито: стан ідеї «відкликано»."),
        ("Field required", "uk", "Обов'язкове поле"),
    ],
)
def test_catalog_patterns(english: str, lang: str, expected: str) -> None:
    assert translate(english, lang) == expected


def _rendered(node: ast.JoinedStr, fill: str) -> str:
    return "".join(v.value if isinstance(v, ast.Constant) else fill for v in node.values)


def _literal_messages(folder: Path) -> set[str]:
    """The sentences a package raises: fixed strings and f-strings (rendered with a word and with
    a number in place of each value, so the catalog's patterns are tried), written in a raise
    statement, in a problem helper's call, or first in a ``message``/``detail`` variable. Demo data
    and the error-list field names (``loc``) are left out."""
    found = set()
    for path in folder.rglob("*.py"):
        if "demo" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        roots: list[ast.AST] = []
        internal = path.relative_to(folder.parent).as_posix() in _INTERNAL
        for node in ast.walk(tree):
            if isinstance(node, ast.Raise) and not internal and _raises_value_error(node):
                roots.append(node)  # a validator's ValueError becomes a 422 field message
            elif isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
                if name in _RAISERS and name != "not_found":  # not_found names a noun (the catalog's nouns)
                    roots.append(node)
            elif (
                not internal
                and isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id in ("message", "detail") for t in node.targets)
            ):
                roots.append(node.value)
        for root in roots:
            parts = {id(v) for sub in ast.walk(root) if isinstance(sub, ast.JoinedStr) for v in sub.values}
            # Pieces of a concatenation are not sentences of their own.
            parts |= {
                id(side)
                for sub in ast.walk(root)
                if isinstance(sub, ast.BinOp)
                for side in (sub.left, sub.right)
            }
            skip = {id(sub) for sub in ast.walk(root) if isinstance(sub, ast.Call) and _is_not_found(sub)}
            for sub in ast.walk(root):
                if id(sub) in skip:
                    continue
                if isinstance(sub, ast.JoinedStr):
                    word, number = _rendered(sub, "abc"), _rendered(sub, "7")
                    if " " in word and translate(number, "lt") is not None:
                        continue  # a pattern for numbers covers it
                    if " " in word and not _is_header(word):
                        found.add(word)
                elif _is_sentence(sub) and id(sub) not in parts:
                    found.add(sub.value)
    return found


# Modules whose ValueErrors are for operators and programmers (settings, tokens, the database
# layer, jobs, derived-indicator providers), never a problem shown to a person.
_INTERNAL = {
    "core/config.py",
    "core/security.py",
    "core/db.py",
    "core/jobs.py",
    "core/http.py",
    "indicators/derivation.py",
    "webhooks/emit.py",
}


def _raises_value_error(node: ast.Raise) -> bool:
    exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
    return isinstance(exc, ast.Name) and exc.id in ("ValueError", "PydanticCustomError")


def _nouns() -> set[str]:
    from api.core.localize import _catalog

    return set(_catalog()[2])


def _is_sentence(node: ast.AST) -> bool:
    """A fixed string that reads as words for a person (not a noun of the catalog, not a header)."""
    if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
        return False
    text = node.value
    return " " in text.strip() and not _is_header(text) and text not in _nouns()


def _is_not_found(call: ast.Call) -> bool:
    name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", None)
    return name == "not_found"


def _is_header(text: str) -> bool:
    """A WWW-Authenticate value, not a sentence for a person."""
    return text.startswith("Bearer ")


@pytest.mark.parametrize("package", sorted(p.name for p in API.iterdir() if (p / "__init__.py").exists()))
def test_every_message_of_the_shared_layers_is_translated(package: str) -> None:
    """Every problem a package raises with a fixed sentence has its Lithuanian, Ukrainian and Russian
    text (messages with values are covered by the catalog's patterns)."""
    untranslated = sorted(
        m
        for m in _literal_messages(API / package)
        if any(translate(m, lang) is None for lang in ("lt", "uk", "ru"))
    )
    assert not untranslated, f"add these to api/core/problem_messages.json: {untranslated}"
