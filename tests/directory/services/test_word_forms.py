"""Other forms of a word find the same services: "юридична" and "юридичні", "teisinė" and
"teisinės", "курсы" and "курсов", "courses" and "course"."""

from __future__ import annotations

import uuid

import pytest

from api.core.i18n import normalize, stem
from tests.directory.conftest import ids


@pytest.mark.parametrize(
    ("forms"),
    [
        ("юридична", "юридичні", "юридичних", "юридичну"),
        ("teisinė", "teisinės", "teisinei", "teisiniai"),
        ("курсы", "курсов", "курсами", "курс"),
        ("consultation", "consultations"),
        ("житло", "житла", "житлом"),
    ],
)
def test_word_forms_share_a_stem(forms):
    assert len({stem(normalize(w)) for w in forms}) == 1


@pytest.mark.parametrize("word", ["A1", "B2", "ryga", "вул", "e-mail", "2024"])
def test_short_words_and_codes_stay_whole(word):
    assert stem(normalize(word)) == normalize(word)


def test_a_query_in_another_form_finds_the_service(client, make_service, marker):
    legal = make_service(
        name={"lt": f"Teisinės konsultacijos {marker}", "uk": "Юридичні консультації"},
        description={"lt": "Pagalba dėl leidimų gyventi", "ru": "Юридическая помощь с видом на жительство"},
    )
    other = make_service(name={"lt": f"Sporto klubas {marker}"})

    def found(q: str) -> set[str]:
        return {
            uuid.UUID(i).hex
            for i in ids(client.get("/api/v1/services", params={"q": f"{q} {marker}", "limit": 50}))
        }

    for q in ("юридична", "юридичну консультацію", "юридической помощи", "teisinė konsultacija", "teisinei"):
        assert found(q) == {legal.id.hex}, q
    assert found("sporto klubai") == {other.id.hex}
    assert found("юридична спорт") == set()
