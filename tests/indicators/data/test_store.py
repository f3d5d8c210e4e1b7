"""The COPY writer's own parts: text escaping, row ids, and a failed COPY reported to its caller."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from api.indicators.data.store import CopyLines, escape, new_ids


def test_escape_writes_what_copy_reads_back():
    assert escape("plain") == "plain"
    assert escape("a\tb\nc\rd\\e") == "a\\tb\\nc\\rd\\\\e"
    assert escape("\\N") == "\\\\N"  # a backslash-N text is not NULL


def test_new_ids_are_distinct_increasing_version_7_uuids():
    before = time.time_ns() // 1_000_000
    ids = new_ids(2000)
    parsed = [uuid.UUID(i) for i in ids]
    assert len(set(parsed)) == 2000
    assert {u.version for u in parsed} == {7}
    assert {u.variant for u in parsed} == {uuid.RFC_4122}
    assert parsed == sorted(parsed, key=lambda u: u.int), "each id follows the one before"
    # The first 48 bits are the time in milliseconds.
    assert before <= parsed[0].int >> 80 <= time.time_ns() // 1_000_000
    # A second batch starts elsewhere (a random counter start), never with the same ids.
    assert not set(parsed) & {uuid.UUID(i) for i in new_ids(2000)}


class _FailingDriver:
    def cursor(self):
        raise RuntimeError("the COPY failed")


def _session(driver):
    return SimpleNamespace(
        connection=lambda: SimpleNamespace(connection=SimpleNamespace(driver_connection=driver))
    )


def test_a_failed_copy_is_raised_to_the_caller_and_close_does_not_hide_the_first_error():
    lines = CopyLines(import_id=uuid.uuid4(), by="user:x")
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
