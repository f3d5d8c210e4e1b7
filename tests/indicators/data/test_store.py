"""The COPY writer's own parts: row ids, the binary format, and a failed COPY reported to its caller."""

from __future__ import annotations

import struct
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from api.indicators.data.copyrows import SIGNATURE, TRAILER, CopyRows, new_ids


def test_new_ids_are_distinct_increasing_version_7_uuids():
    before = time.time_ns() // 1_000_000
    parsed = [uuid.UUID(int=i) for i in new_ids(2000)]
    assert len(set(parsed)) == 2000
    assert {u.version for u in parsed} == {7}
    assert {u.variant for u in parsed} == {uuid.RFC_4122}
    assert parsed == sorted(parsed, key=lambda u: u.int), "each id follows the one before"
    # The first 48 bits are the time in milliseconds.
    assert before <= parsed[0].int >> 80 <= time.time_ns() // 1_000_000
    # A second batch starts elsewhere (a random counter start), never with the same ids.
    assert not set(parsed) & {uuid.UUID(int=i) for i in new_ids(2000)}


def _fields(data: bytes) -> list[list[bytes | None]]:
    """COPY's binary format read back: the rows, each a list of fields (None: NULL)."""
    assert data.startswith(SIGNATURE) and data.endswith(TRAILER)
    at, rows = len(SIGNATURE), []
    while at < len(data) - len(TRAILER):
        (count,) = struct.unpack_from(">h", data, at)
        at += 2
        row: list[bytes | None] = []
        for _ in range(count):
            (size,) = struct.unpack_from(">i", data, at)
            at += 4
            row.append(None if size == -1 else data[at : at + size])
            at += max(size, 0)
        rows.append(row)
    assert at == len(data) - len(TRAILER)
    return rows


def test_rows_are_encoded_field_by_field_in_copys_binary_format():
    from api.indicators import periods, places

    definition = SimpleNamespace(id=uuid.uuid4())
    place = places.Place(code="county-kaunas", level="county", name={}, municipality_id=None, county="kaunas")
    item = SimpleNamespace(
        definition=definition, place=place, period=periods.parse("2024-03"), bkey="sex=female",
        bdims="sex", breakdowns={"sex": "female"}, value=-0.1, people=None,
        flags=(False, True, False, False), source="a\ttab, a \\ backslash, ž",
    )  # fmt: skip
    import_id = uuid.uuid4()
    now = datetime(2026, 12, 6, 12, 30, 15, 123456, tzinfo=UTC)
    rows = CopyRows(import_id=import_id, by="user:ž").encode([item, item], now)  # type: ignore[list-item]
    (row, again) = _fields(rows)
    named = dict(zip(CopyRows.COLUMNS, row, strict=True))
    assert named["indicator_id"] == definition.id.bytes
    assert (named["place"], named["place_level"], named["municipality_id"], named["county"]) == (
        b"county-kaunas", b"county", None, b"kaunas",
    )  # fmt: skip
    assert (named["period"], named["period_type"]) == (b"2024-03", b"month")
    assert struct.unpack(">i", named["period_rank"]) == (3,)
    days = struct.unpack(">i", named["period_start"])[0], struct.unpack(">i", named["period_end"])[0]
    assert [date(2000, 1, 1) + timedelta(days=d) for d in days] == [date(2024, 3, 1), date(2024, 3, 31)]
    assert named["breakdowns"] == b'\x01{"sex": "female"}'
    assert uuid.UUID(bytes=named["id"]).version == 7
    assert named["id"] != again[CopyRows.COLUMNS.index("id")]
    assert struct.unpack(">d", named["value"]) == (-0.1,) and named["people"] is None
    flags = [named[f] for f in ("provisional", "estimated", "break_in_series", "suppressed")]
    assert flags == [b"\x00", b"\x01", b"\x00", b"\x00"]
    assert named["source"] == item.source.encode(), "text as it is: nothing escaped"
    assert (named["status"], named["derived"], named["import_id"]) == (b"draft", b"\x00", import_id.bytes)
    assert named["created_by"] == named["updated_by"] == "user:ž".encode()
    micros = struct.unpack(">q", named["created_at"])[0]
    assert datetime(2000, 1, 1, tzinfo=UTC) + timedelta(microseconds=micros) == now
    assert named["updated_at"] == named["created_at"]


class _FailingDriver:
    def cursor(self):
        raise RuntimeError("the COPY failed")


def _session(driver):
    return SimpleNamespace(
        connection=lambda: SimpleNamespace(connection=SimpleNamespace(driver_connection=driver))
    )


def test_a_failed_copy_is_raised_to_the_caller_and_close_does_not_hide_the_first_error():
    lines = CopyRows(import_id=uuid.uuid4(), by="user:x")
    lines.write(_session(_FailingDriver()), [], datetime.now(UTC))
    with pytest.raises(RuntimeError, match="the COPY failed"):
        lines.wait()
    lines.wait()  # reported once: nothing is pending any more
    lines.write(_session(_FailingDriver()), [], datetime.now(UTC))
    lines.close()  # the caller is raising its own error: close waits and stops the thread quietly
    assert lines._pending is None


def test_stored_groups_are_those_with_observations_this_transactions_own_included(ind, db, dialect):
    import sqlalchemy as sa

    from api.indicators.data.store import stored_groups
    from api.indicators.models import IndicatorDefinition

    ind.loaded("indicator,place,period,value\nreturnees_arrived,kauno-m,2023Q1,4\n")
    returnees, foreign = (
        db.execute(sa.select(IndicatorDefinition.id).where(IndicatorDefinition.code == code)).scalar_one()
        for code in ("returnees_arrived", "foreign_residents")
    )
    postgres = dialect == "postgresql"
    asked = {
        (returnees, "2023Q1", "kauno-m"),  # stored
        (returnees, "2023Q1", "vilniaus-m"),  # another place
        (returnees, "2023Q2", "kauno-m"),  # another period
        (foreign, "2023Q1", "kauno-m"),  # another indicator
    }
    assert stored_groups(db, asked, postgres=postgres) == {(returnees, "2023Q1", "kauno-m")}
    assert stored_groups(db, set(), postgres=postgres) == set()
    # Written in this transaction and not committed: seen, as the importer's earlier batches are.
    db.execute(
        sa.text(
            "UPDATE indicator_observations SET period = '2023Q2', period_start = period_start "
            "WHERE place = 'kauno-m' AND period = '2023Q1'"
        )
    )
    assert stored_groups(db, asked, postgres=postgres) == {(returnees, "2023Q2", "kauno-m")}
    db.rollback()
