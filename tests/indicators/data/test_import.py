"""Loading data: dry run, idempotent re-sends, strategies, conflicts with row numbers, atomic."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from api.indicators.models import IndicatorDefinition, IndicatorImport, Observation, ObservationChange
from tests.indicators.conftest import csv_lines

HEADER = "indicator,place,period,value,sex,flags"
GOOD = [
    "returnees_arrived,kauno-m,2024Q1,12,,",
    "returnees_arrived,kauno-m,2024Q1,7,female,",
    "returnees_arrived,kauno-m,2024Q1,5,male,provisional",
    "returnees_arrived,vilniaus-m,2024Q1,40,,estimated",
]


def _count(db) -> int:
    return db.execute(sa.select(sa.func.count()).select_from(Observation)).scalar_one()


def test_dry_run_changes_nothing(ind, db):
    before = _count(db)
    summary = ind.loaded(csv_lines(HEADER, GOOD), dry_run=True)
    assert summary["status"] == "dry_run" and summary["id"] is None
    assert (summary["rows"], summary["imported"], summary["conflict_count"]) == (4, 4, 0)
    assert _count(db) == before
    assert db.execute(sa.select(sa.func.count()).select_from(IndicatorImport)).scalar_one() == 0


def test_the_same_file_twice_is_all_ignored(ind, db):
    text = csv_lines(HEADER, GOOD)
    first = ind.loaded(text)
    assert (first["imported"], first["ignored"], first["status"]) == (4, 0, "completed")
    second = ind.loaded(text)
    assert (second["imported"], second["updated"], second["ignored"], second["conflict_count"]) == (
        0,
        0,
        4,
        0,
    )
    assert db.execute(sa.select(sa.func.count()).select_from(ObservationChange)).scalar_one() == 0


def test_bad_rows_are_reported_and_good_rows_load(ind, db):
    rows = [
        GOOD[0],
        "no_such_indicator,kauno-m,2024Q1,1,,",
        "returnees_arrived,atlantis,2024Q1,1,,",
        "returnees_arrived,kauno-m,2024Q5,1,,",
        "returnees_arrived,kauno-m,2024Q2,many,,",
        "returnees_arrived,kauno-m,2024Q2,3,alien,",
        "tcn_share,kauno-m,2024,3,,",
        GOOD[3],
    ]
    summary = ind.loaded(csv_lines(HEADER, rows))
    assert summary["imported"] == 2
    conflicts = {c["row"]: c for c in summary["conflicts"]}
    assert sorted(conflicts) == [2, 3, 4, 5, 6, 7]
    assert conflicts[2]["code"] == "unknown_indicator" and conflicts[2]["line"] == 3
    assert conflicts[3]["code"] == "unknown_place" and conflicts[3]["field"] == "place"
    assert conflicts[4]["code"] == "bad_period"
    assert conflicts[5]["code"] == "bad_value"
    assert conflicts[6]["code"] == "unknown_breakdown_value"
    assert conflicts[7]["code"] == "computed_indicator"
    record = db.get(IndicatorImport, uuid.UUID(summary["id"]))
    assert record.conflict_count == 6 and record.imported == 2


def test_atomic_loads_none_when_a_row_is_bad(ind, db):
    before = _count(db)
    r = ind.load(csv_lines(HEADER, [*GOOD, "returnees_arrived,kauno-m,2024Q2,1,shoe,"]), atomic=True)
    assert r.status_code == 409
    body = r.json()
    assert body["summary"]["status"] == "rejected"
    assert body["summary"]["conflicts"][0]["row"] == 5
    assert body["summary"]["imported"] == 0
    assert _count(db) == before


def test_strategies_and_change_history(ind, db, base):
    ind.loaded(csv_lines(HEADER, GOOD))
    changed = [GOOD[0].replace(",12,", ",13,"), "returnees_arrived,kauno-m,2024Q2,1,,"]
    s = ind.loaded(csv_lines(HEADER, changed), strategy="create")
    assert (s["imported"], s["conflict_count"]) == (1, 1) and s["conflicts"][0]["code"] == "exists"
    s = ind.loaded(csv_lines(HEADER, [*changed, "returnees_arrived,kauno-m,2024Q3,1,,"]), strategy="update")
    assert (s["updated"], s["ignored"], s["conflict_count"]) == (1, 1, 1)
    assert s["conflicts"][0]["code"] == "not_found"
    change = db.execute(sa.select(ObservationChange)).scalars().one()
    assert (change.old_value, change.new_value, change.action) == (12, 13, "update")
    assert change.actor_id == str(base.analyst.id)
    history = ind.client.get("/api/v1/indicators/changes", headers=ind.analyst).json()["items"]
    assert history[0]["old_value"] == 12 and history[0]["new_value"] == 13
    s = ind.loaded(
        csv_lines(
            "indicator,place,period", ["returnees_arrived,kauno-m,2024Q2", "returnees_arrived,kauno-m,2019Q1"]
        ),
        strategy="delete",
    )
    assert (s["deleted"], s["ignored"]) == (1, 1)


def test_json_ndjson_and_sdmx_csv(ind):
    rows = [
        {
            "indicator": "foreign_residents",
            "place": "jonavos-r",
            "period": "2024Q4",
            "value": 300,
            "breakdowns": {"citizenship": "sy"},
        },
        {
            "indicator": "foreign_residents",
            "place": "jonavos-r",
            "period": "2024Q4",
            "value": 900,
            "flags": ["provisional"],
        },
        {"indicator": "foreign_residents", "place": "jonavos-r", "period": "2024Q4", "valeur": 1},
    ]
    s = ind.loaded(json.dumps(rows), fmt="application/json")
    assert (s["imported"], s["conflict_count"]) == (2, 1) and s["conflicts"][0]["row"] == 3
    s = ind.loaded(json.dumps({"observations": rows[:2]}), fmt="application/json")
    assert s["ignored"] == 2
    s = ind.loaded("\n".join(json.dumps(r) for r in rows[:2]), fmt="application/x-ndjson")
    assert s["ignored"] == 2
    sdmx = (
        "STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,REF_AREA,TIME_PERIOD,SEX,OBS_VALUE,OBS_STATUS,CONF_STATUS\n"
        "dataflow,LANGELIS:INDICATORS(1.0),I,returnees_arrived,kauno-m,2024-Q1,F,7,P,F\n"
        "dataflow,LANGELIS:INDICATORS(1.0),I,returnees_arrived,kauno-m,2024-Q1,_T,12,A,F\n"
    )
    s = ind.loaded(sdmx, fmt="application/vnd.sdmx.data+csv")
    assert s["imported"] == 2
    # What analytics exports as SDMX-CSV loads back unchanged.
    export = ind.analytics(
        indicator="returnees_arrived", period="2024Q1", place="kauno-m", breakdown="sex", format="sdmx-csv"
    ).text
    s = ind.loaded(export, fmt="application/vnd.sdmx.data+csv")
    assert (s["ignored"], s["conflict_count"]) == (1, 0)


def test_unreadable_files_are_4xx(ind):
    assert ind.load("colour,place\nred,x\n").status_code == 422
    assert ind.load("[{", fmt="application/json").status_code == 400
    r = ind.client.post(
        "/api/v1/indicators/data",
        content=b"\xff\xfe\x00a",
        headers={**ind.analyst, "Content-Type": "text/csv"},
    )
    assert r.status_code == 400
    r = ind.client.post(
        "/api/v1/indicators/data", content=b"x", headers={**ind.analyst, "Content-Type": "image/png"}
    )
    assert r.status_code == 415


def test_large_csv_streams_in_batches(ind, db):
    rows = [
        f"returnees_arrived,{slug},{y}-{m:02d},{m}"
        for slug in ("kauno-m", "vilniaus-m")
        for y in range(2015, 2025)
        for m in range(1, 13)
    ]
    big = csv_lines("indicator,place,period,value", rows * 10)
    s = ind.loaded(big)
    # Duplicates inside one batch are conflicts; across batches the same values are ignored.
    assert s["rows"] == len(rows) * 10
    assert s["imported"] == len(rows)
    assert s["imported"] + s["ignored"] + s["conflict_count"] == s["rows"]


def test_analyst_of_one_municipality_loads_only_its_data(ind, base):
    r = ind.load(csv_lines(HEADER, GOOD), who=base.analyst_vilnius)
    s = r.json()
    assert s["imported"] == 1
    assert {c["code"] for c in s["conflicts"]} == {"outside_municipality"}


def test_personal_cells_under_five_people_are_suppressed_on_import(ind):
    s = ind.loaded(
        csv_lines(
            "indicator,place,period,value,people,legal_status",
            ["referrals_completed,kauno-m,2024,3,3,refugee", "referrals_completed,kauno-m,2024,40,30,"],
        )
    )
    assert s["imported"] == 2
    body = ind.analytics(
        indicator="referrals_completed", period="2024", place="kauno-m", breakdown="legal_status"
    ).json()
    assert body["rows"] == [
        ["referrals_completed", "kauno-m", "2024", "refugee", None, ["suppressed", "draft"]]
    ]


def test_writing_needs_the_scope(ind, base, auth):
    r = ind.load(csv_lines(HEADER, GOOD), who=base.coordinator)
    assert r.status_code == 403
    r = ind.client.post("/api/v1/indicators/data", content=b"a", headers={"Content-Type": "text/csv"})
    assert r.status_code == 401
    # The stats machine client (read + write) loads its own municipality's data.
    s = ind.load(csv_lines(HEADER, GOOD), who=base.clients["stats"]).json()
    assert s["imported"] == 1


AWKWARD = [
    # (place, period, value, breakdowns, flags, source, people)
    ("kauno-m", "2024Q1", 0.1, {"sex": "female"}, ["provisional", "estimated"], "tab\there", 12),
    ("county-kaunas", "2024-03", 1e-300, {}, [], "back\\slash \\N and\nnewline\r\nend", None),
    ("LT", "2024", 123456789.123456789, {"sex": "male", "age_group": "25-44"}, ["break_in_series"],
     'Українська «лапки» "quotes" \\t', 7),
    ("vilniaus-m", "2024Q2", -0.5, {}, ["suppressed"], None, None),
    ("vilniaus-m", "2024Q3", 1e300, {"age_group": "65+"}, [], "\\", 0),
]  # fmt: skip


def test_texts_and_numbers_are_stored_exactly_as_sent(ind, db, dialect):
    """Every column of a new row as sent, whichever way the database is fed (binary COPY on PostgreSQL)."""
    body = [
        {"indicator": "returnees_arrived", "place": pl, "period": p, "value": v, "breakdowns": b,
         "flags": f, "source": s, "people": n}
        for pl, p, v, b, f, s, n in AWKWARD
    ]  # fmt: skip
    summary = ind.loaded(json.dumps(body), fmt="application/json")
    assert (summary["imported"], summary["conflict_count"]) == (len(AWKWARD), 0), summary
    definition_id = db.execute(
        sa.text("SELECT id FROM indicator_definitions WHERE code = 'returnees_arrived'")
    ).scalar_one()
    stored = {
        (o.place, o.period): o
        for o in db.execute(sa.select(Observation).where(Observation.import_id == uuid.UUID(summary["id"])))
        .scalars()
        .all()
    }
    assert len(stored) == len(AWKWARD)
    kaunas = db.execute(sa.text("SELECT id FROM municipalities WHERE slug = 'kauno-m'")).scalar_one()
    for pl, p, v, b, f, s, n in AWKWARD:
        o = stored[(pl, p)]
        assert o.indicator_id == uuid.UUID(str(definition_id))
        assert o.value == (None if "suppressed" in f else v)
        assert o.source == s and o.people == n
        assert o.breakdowns == b
        assert o.breakdown_key == "|".join(f"{k}={b[k]}" for k in sorted(b))
        assert o.breakdown_dims == ",".join(sorted(b))
        flags = (o.provisional, o.estimated, o.break_in_series, o.suppressed)
        assert flags == tuple(x in f for x in ("provisional", "estimated", "break_in_series", "suppressed"))
        assert (o.status, o.derived, o.published_at) == ("draft", False, None)
        assert o.created_by == o.updated_by and o.created_by.startswith("user:")
        assert o.created_at == o.updated_at and o.created_at.tzinfo is not None
        assert abs((datetime.now(UTC) - o.created_at).total_seconds()) < 600
        # COPY's rows (PostgreSQL) get time-ordered ids; SQLite's the models' random ones.
        assert o.id.version == (7 if dialect == "postgresql" else 4)
    assert (stored[("kauno-m", "2024Q1")].place_level, stored[("kauno-m", "2024Q1")].county) == (
        "municipality",
        "kaunas",
    )
    assert uuid.UUID(str(stored[("kauno-m", "2024Q1")].municipality_id)) == uuid.UUID(str(kaunas))
    county = stored[("county-kaunas", "2024-03")]
    assert (county.place_level, county.municipality_id, county.county) == ("county", None, "kaunas")
    assert (county.period_type, county.period_rank) == ("month", 3)
    assert (str(county.period_start), str(county.period_end)) == ("2024-03-01", "2024-03-31")
    country = stored[("LT", "2024")]
    assert (country.place_level, country.municipality_id, country.county, country.period_type) == (
        "country",
        None,
        None,
        "year",
    )


def test_a_nul_character_in_a_source_is_the_rows_conflict(ind):
    body = [
        {"indicator": "returnees_arrived", "place": "kauno-m", "period": "2023Q1", "value": 1, "source": "a\u0000b"},
        {"indicator": "returnees_arrived", "place": "kauno-m", "period": "2023Q2", "value": 2, "source": "ok"},
    ]  # fmt: skip
    summary = ind.loaded(json.dumps(body), fmt="application/json")
    assert (summary["imported"], summary["conflict_count"]) == (1, 1)
    assert summary["conflicts"][0] | {"reason": None} == {
        "row": 1, "line": None, "field": "source", "code": "bad_source", "reason": None,
    }  # fmt: skip


def test_a_repeat_in_a_later_batch_is_a_duplicate_not_an_update(db, base):
    """Rows are checked in batches; a row repeating one of an earlier batch of the same file is
    reported, as one within a batch is, and the first row's value stays."""
    import io

    from api.core.actor import Actor
    from api.indicators.data.importer import Importer

    analyst = Actor(kind="user", id=base.analyst.id, role="analyst", display_name="A")
    text = csv_lines(
        "indicator,place,period,value",
        [
            "returnees_arrived,kauno-m,2021Q1,1",
            "returnees_arrived,kauno-m,2021Q2,2",
            "returnees_arrived,kauno-m,2021Q3,3",
            "returnees_arrived,kauno-m,2021Q1,99",  # the first row again, two batches later
            "returnees_arrived,kauno-m,2021Q2,2",  # the second row again, unchanged
        ],
    )
    summary = Importer(db, actor=analyst, fmt="csv", batch_size=2).run(io.BytesIO(text.encode()))
    assert (summary.imported, summary.updated, summary.conflict_count) == (3, 0, 2), summary
    assert [(c.row, c.code) for c in summary.conflicts] == [
        (4, "duplicate_in_file"),
        (5, "duplicate_in_file"),
    ]
    stored = db.execute(
        sa.select(Observation.value).where(Observation.place == "kauno-m", Observation.period == "2021Q1")
    ).scalar_one()
    assert stored == 1


def test_a_repeat_of_a_row_left_unchanged_or_deleted_in_an_earlier_batch_is_a_duplicate(db, base):
    """Rows an earlier batch left as they were (the stored value already) or deleted carry no mark
    of this import: their repeats in a later batch are still duplicates, and change nothing."""
    import io

    from api.core.actor import Actor
    from api.indicators.data.importer import Importer

    analyst = Actor(kind="user", id=base.analyst.id, role="analyst", display_name="A")

    def run(lines: list[str], strategy: str = "create_and_update") -> Any:
        text = csv_lines("indicator,place,period,value", lines)
        importer = Importer(db, actor=analyst, fmt="csv", batch_size=2, strategy=strategy)
        return importer.run(io.BytesIO(text.encode()))

    first = run(["returnees_arrived,alytaus-m,2020Q1,5", "returnees_arrived,alytaus-m,2020Q3,8"])
    assert first.imported == 2
    summary = run(
        [
            "returnees_arrived,alytaus-m,2020Q1,5",  # as stored: ignored
            "returnees_arrived,alytaus-m,2020Q2,7",  # new
            "returnees_arrived,alytaus-m,2020Q1,6",  # the first row again, another value
            "returnees_arrived,alytaus-m,2020Q1,5",  # and again, unchanged
        ]
    )
    assert (summary.imported, summary.updated, summary.ignored) == (1, 0, 1), summary
    assert sorted((c.row, c.code) for c in summary.conflicts) == [
        (3, "duplicate_in_file"),
        (4, "duplicate_in_file"),
    ]
    deleting = run(
        [
            "returnees_arrived,alytaus-m,2020Q3,",  # deleted
            "returnees_arrived,alytaus-m,2020Q4,",  # nothing to delete: ignored
            "returnees_arrived,alytaus-m,2020Q3,",  # the deleted observation again
        ],
        strategy="delete",
    )
    assert (deleting.deleted, deleting.ignored) == (1, 1), deleting
    assert [(c.row, c.code) for c in deleting.conflicts] == [(3, "duplicate_in_file")]
    stored = dict(
        db.execute(
            sa.select(Observation.period, Observation.value).where(
                Observation.place == "alytaus-m", Observation.import_id.in_([first.id, summary.id])
            )
        ).all()
    )
    assert stored == {"2020Q1": 5, "2020Q2": 7}


def test_new_and_stored_groups_in_one_batch_insert_update_and_find_repeats(db, base):
    """Rows of a (indicator, period, place) group with nothing stored are inserted without a lookup
    one by one; a group with stored rows — stored before, or by an earlier batch of this file — has
    its rows looked up: updates, inserts beside the stored ones, repeats."""
    import io

    from api.core.actor import Actor
    from api.indicators.data.importer import Importer

    analyst = Actor(kind="user", id=base.analyst.id, role="analyst", display_name="A")

    def run(lines: list[str]) -> Any:
        text = csv_lines("indicator,place,period,value,sex", lines)
        return Importer(db, actor=analyst, fmt="csv", batch_size=3).run(io.BytesIO(text.encode()))

    first = run(["foreign_residents,alytaus-m,2022Q1,10,", "foreign_residents,alytaus-m,2022Q1,6,female"])
    assert first.imported == 2
    summary = run(
        [
            "foreign_residents,alytaus-m,2022Q1,11,",  # stored group: an update
            "foreign_residents,alytaus-m,2022Q2,20,",  # a new group
            "foreign_residents,alytaus-m,2022Q2,12,female",  # batch 1 ends inside it
            "foreign_residents,alytaus-m,2022Q2,8,male",  # the group is stored now (by batch 1): new row
            "foreign_residents,alytaus-m,2022Q2,21,",  # a repeat of batch 1's row
            "foreign_residents,alytaus-m,2022Q1,5,male",  # a new row beside stored ones
            "foreign_residents,alytaus-m,2022Q3,30,",  # a new group, new row
        ]
    )
    assert (summary.imported, summary.updated, summary.ignored) == (5, 1, 0), summary
    assert [(c.row, c.code) for c in summary.conflicts] == [(5, "duplicate_in_file")]
    stored = dict(
        db.execute(
            sa.select(Observation.period + "/" + Observation.breakdown_key, Observation.value).where(
                Observation.place == "alytaus-m",
                Observation.indicator_id.in_(
                    sa.select(IndicatorDefinition.id).where(IndicatorDefinition.code == "foreign_residents")
                ),
            )
        ).all()
    )
    assert stored == {
        "2022Q1/": 11, "2022Q1/sex=female": 6, "2022Q1/sex=male": 5,
        "2022Q2/": 20, "2022Q2/sex=female": 12, "2022Q2/sex=male": 8, "2022Q3/": 30,
    }  # fmt: skip


def test_a_file_of_stored_rows_stops_probing_its_groups(db, base, monkeypatch):
    """The groups' probe saves lookups while rows are new; once a batch is mostly stored rows, the
    next batches look their rows up at once, and a new batch starts probing again."""
    import io

    from api.core.actor import Actor
    from api.indicators.data import importer as module
    from api.indicators.data.importer import Importer

    analyst = Actor(kind="user", id=base.analyst.id, role="analyst", display_name="A")
    probes: list[int] = []
    real = module.stored_groups

    def counted(session, groups, *, postgres):
        probes.append(len(groups))
        return real(session, groups, postgres=postgres)

    monkeypatch.setattr(module, "stored_groups", counted)

    def run(lines: list[str]) -> Any:
        text = csv_lines("indicator,place,period,value", lines)
        return Importer(db, actor=analyst, fmt="csv", batch_size=2).run(io.BytesIO(text.encode()))

    quarters = [f"returnees_arrived,kauno-m,2019Q{q},{q}" for q in range(1, 5)]
    assert run(quarters).imported == 4
    assert len(probes) == 2, "new rows: every batch probes"
    probes.clear()
    again = run([*quarters, "returnees_arrived,kauno-m,2018Q1,7", "returnees_arrived,kauno-m,2018Q2,8"])
    assert (again.ignored, again.imported) == (4, 2), again
    assert len(probes) == 1, "the first batch was stored rows: the next two go straight to the lookups"
    probes.clear()
    assert run(["returnees_arrived,kauno-m,2017Q1,1", "returnees_arrived,kauno-m,2017Q2,2"]).imported == 2
    assert len(probes) == 1, "a new import starts by probing"
