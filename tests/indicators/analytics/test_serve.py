"""What an analytics request reads under an unchanged data tag (api/indicators/analytics/serve.py):
the readable definitions and the ready series are kept per worker, so a new question is the tag's
read and the cells' read; any write to the data brings them back from the database."""

from __future__ import annotations

from api.indicators.analytics import cells
from tests.indicators.analytics.test_cells import _forget, _statements

ASK = {"indicator": "foreign_residents", "period": "2024", "place": "counties", "as_of": "2025-06-01"}


def _name(ind, who=None, **params) -> str:
    r = ind.analytics(who, **{**ASK, **params})
    assert r.status_code == 200, r.text
    return r.json()["meta"]["indicators"]["foreign_residents"]["name"]


def test_a_new_question_reads_the_tag_and_the_cells_only_until_the_data_changes(
    loaded,
    db,
    client,
    auth,
    base,
    dialect,
):
    ind = loaded
    cells.build(db)
    first = ind.analytics(None, **ASK)
    assert first.status_code == 200, first.text
    _forget(client)

    def ask() -> None:
        r = ind.analytics(None, **{**ASK, "period": "2024Q1..2024Q4"})
        assert r.status_code == 200, r.text

    seen = _statements(db, ask)
    assert any("indicator_analytics_cells" in s for s in seen), "answered from the ready cells"
    if dialect == "sqlite":
        # (On PostgreSQL the test's own open transaction has written data: nothing kept applies.)
        assert not [s for s in seen if "indicator_definitions" in s or "indicator_analytics_built" in s]
    # A definition's change is seen by the next question: a new tag, so definitions are read again.
    url = "/api/v1/indicators/foreign_residents"
    headers = auth.headers(base.analyst)
    etag = client.get(url, headers=headers).headers["ETag"]
    renamed = {"lt": "Užsieniečiai (nauja)", "en": "Foreign residents (new)"}
    r = client.patch(url, json={"name": renamed}, headers={**headers, "If-Match": etag})
    assert r.status_code == 200, r.text
    _forget(client)
    seen = _statements(db, lambda: _name(ind, lang="en"))
    assert any("indicator_definitions" in s for s in seen)
    assert _name(ind, lang="en") == "Foreign residents (new)"


def test_a_change_has_its_cells_built_right_after_its_commit(loaded, db, client, settings):
    """Every write to the data enqueues a build once committed: the public reads the ready cells
    again without waiting for the minute's job."""
    from huey import MemoryHuey
    from sqlalchemy.orm import sessionmaker
    from sqlmodel import Session

    from api.core import jobs
    from tests.indicators.analytics.test_cells import _tamper, _value, csv_line

    ind = loaded
    factory = sessionmaker(
        bind=db.get_bind(), class_=Session, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )
    rt = jobs.configure(settings, session_factory=factory, huey=MemoryHuey("test", utc=True))
    try:

        def drain() -> list[int]:
            done = []
            while (task := rt.huey.dequeue()) is not None:
                done.append(rt.huey.execute(task))
            return done

        assert drain() == []
        ind.loaded(csv_line("foreign_residents,kauno-m,2025Q3,500,,,"))
        assert sum(drain()) > 0, "the import's commit asked for a build, which built"
        assert ind.publish(["foreign_residents"], ["kauno-m"], ["2025Q3"]).status_code == 200
        assert sum(drain()) > 0, "so did the publication's"
        _tamper(db, 4321.0, period="2025Q3")
        _forget(client)
        assert _value(ind, None, period="2025Q3") == [4321.0], "answered from the cells built"
        # A request that changes nothing asks for nothing.
        assert ind.analytics(None, **ASK).status_code == 200
        assert drain() == []
    finally:
        jobs.reset()
