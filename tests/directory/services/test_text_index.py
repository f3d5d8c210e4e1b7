"""Free text on SQLite goes through the FTS5 trigram table (directory_0008): it must find exactly
what ``LIKE '%word%'`` on the row finds, for every kind of word, and stay in step with every
insert, change and delete (triggers). On PostgreSQL the same condition is the plain ``LIKE``."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlmodel import select

from api.directory.models import Service
from api.directory.services import text_index
from api.directory.services.text_index import TextHas
from tests.directory.conftest import ids

TEXTS = [
    ({"lt": "Lietuvių kalbos kursai suaugusiems", "uk": "Курси литовської мови"}, {"lt": "Vakarais, A1"}),
    (
        {"lt": "Teisinės konsultacijos", "ru": "Юридическая помощь"},
        {"uk": "Юридичні консультації 50% знижка"},
    ),
    ({"lt": "Būsto paieška", "uk": "Допомога з пошуком житла"}, {"en": 'Housing help_desk "quoted"'}),
    ({"lt": "Psichologinė pagalba", "en": "Counselling"}, {"ru": "Психолог, группа поддержки"}),
    ({"lt": "Vaikų darželis", "uk": "Дитячий садок"}, {"lt": "Registracija e-mail"}),
]


@pytest.fixture
def services(make_service, marker):
    return [
        make_service(name={**name, "lt": f"{name['lt']} {marker}"}, description=description)
        for name, description in TEXTS
    ]


def _found(db, terms: list[str], *, indexed: bool) -> set:
    condition = TextHas(terms) if indexed else sa.and_(*text_index.plain(tuple(terms)))
    return set(db.exec(select(Service.id).where(condition)).all())


def _words(db, services) -> list[str]:
    """Pieces of the stored texts (3 to 8 letters, from anywhere in them, across word boundaries
    too), short pieces, pieces with LIKE's wildcards and quotes, and words found nowhere."""
    rng = random.Random(16)
    texts = [db.get(Service, s.id).search_text for s in services]
    pieces = []
    for text in texts:
        for _ in range(12):
            n = rng.randint(3, 8)
            start = rng.randrange(0, max(1, len(text) - n))
            pieces.append(text[start : start + n])
    return [*pieces, "a1", "ю", "50%", "help_", '"quoted"', "%", "_", "xqzv", "житлом", "konsult"]


def test_the_index_finds_what_like_finds(db, services):
    words = _words(db, services)
    for word in words:
        assert _found(db, [word], indexed=True) == _found(db, [word], indexed=False), word
    rng = random.Random(7)
    for _ in range(40):
        pair = rng.sample(words, 2)
        assert _found(db, pair, indexed=True) == _found(db, pair, indexed=False), pair


def test_the_sqlite_statement_reads_the_index(db, engine):
    sql = str(select(Service.id).where(TextHas(["житл", "ab"])).compile(engine))
    if engine.dialect.name == "sqlite":
        assert "service_search" in sql and "MATCH" in sql
        assert sql.count("LIKE") == 1  # "ab" has no trigram: the row's text
    else:
        assert "service_search" not in sql and sql.count("LIKE") == 2


def test_the_index_follows_every_change(db, engine, make_service, marker, client):
    service = make_service(name={"lt": f"Dviračių remontas {marker}"})

    def search(q: str) -> set[str]:
        return ids(client.get("/api/v1/services", params={"q": q}))

    assert search(f"dviraciu {marker}") == {str(service.id)}
    service.name = {"lt": f"Siuvimo dirbtuvės {marker}"}
    from api.directory.derived_fields import refresh_service
    from api.municipalities.models import Organization

    refresh_service(service, db.get(Organization, service.organization_id))
    db.add(service)
    db.flush()
    assert search(f"dviraciu {marker}") == set()
    assert search(f"siuvimo {marker}") == {str(service.id)}
    db.delete(service)
    db.flush()
    assert search(f"siuvimo {marker}") == set()
    if engine.dialect.name == "sqlite":
        left = db.exec(
            sa.text("SELECT count(*) FROM service_search_rows WHERE service_id = :id"),
            params={"id": service.id.hex},
        ).one()
        assert left[0] == 0


def test_every_service_is_in_the_index(db, engine, services):
    """Also fails when a later migration rebuilds ``services`` on SQLite (a batch migration copies
    the table and drops its triggers and indexes): directory_0008's objects must come back."""
    if engine.dialect.name == "postgresql":
        indexes = db.exec(sa.text("SELECT indexdef FROM pg_indexes WHERE tablename = 'services'")).all()
        assert any("gin_trgm_ops" in r[0] and "search_text" in r[0] for r in indexes)
        return
    names = {r[0] for r in db.exec(sa.text("SELECT name FROM sqlite_master")).all()}
    assert {
        "service_search",
        "service_search_rows",
        "service_search_keys",
        "services_search_insert",
        "services_search_update",
        "services_search_delete",
        "services_search_keys",
    } <= names
    total = db.exec(select(sa.func.count()).select_from(Service)).one()
    indexed = db.exec(
        sa.text(
            "SELECT count(*) FROM service_search_rows r JOIN services s ON s.id = r.service_id"
            " JOIN service_search f ON f.rowid = r.id WHERE f.search_text = s.search_text"
            " AND r.sort_name = s.sort_name AND r.deleted_at IS s.deleted_at"
        )
    ).one()[0]
    assert indexed == total > 0


def test_the_sort_keys_follow_every_change(db, engine, make_service, marker):
    """The trigram table's copy of each service's sort keys (directory_0009) changes with a new
    name, a deletion and a restoration; on PostgreSQL there is no copy (the rows are read)."""
    service = make_service(name={"lt": f"Žvejybos būrelis {marker}"})

    def keys() -> tuple:
        if engine.dialect.name != "sqlite":
            row = db.exec(select(Service.sort_name, Service.deleted_at).where(Service.id == service.id)).one()
            return (row[0], row[1] is not None)
        row = db.exec(
            sa.text("SELECT sort_name, deleted_at FROM service_search_rows WHERE service_id = :id"),
            params={"id": service.id.hex},
        ).one()
        return (row[0], row[1] is not None)

    from api.directory.derived_fields import refresh_service
    from api.municipalities.models import Organization

    assert keys() == (service.sort_name, False)
    service.name = {"lt": f"Audimo dirbtuvės {marker}"}
    refresh_service(service, db.get(Organization, service.organization_id))
    db.add(service)
    db.flush()
    assert keys() == (service.sort_name, False) and service.sort_name.startswith("audimo")
    service.deleted_at = datetime.now(UTC)
    db.add(service)
    db.flush()
    assert keys() == (service.sort_name, True)
    service.deleted_at = None
    db.add(service)
    db.flush()
    assert keys() == (service.sort_name, False)
