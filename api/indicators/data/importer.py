"""Loading observations: validate each row, compare with what is stored, write in bulk.

Strategies: ``create`` (new only), ``update`` (existing only), ``create_and_update`` (default) and
``delete``. Re-sending the same data changes nothing (every row is ``ignored``). A bad row is a
conflict (row number, field, reason) while the good rows load; with ``atomic`` any conflict rolls
the whole import back; ``dry_run`` reports what would happen and changes nothing.

Rows are read, checked and written in batches, so memory stays bounded whatever the file's size.
PostgreSQL receives new rows through COPY; SQLite through executemany.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import KW_ONLY, dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from api.core import audit
from api.core.actor import Actor
from api.core.db import utcnow
from api.indicators import places
from api.indicators.data.copyrows import CopyRows
from api.indicators.data.formats import RawRow, read, text_stream
from api.indicators.data.rows import Checked, RowChecker, RowConflict, same
from api.indicators.data.schemas import Conflict, ImportSummary
from api.indicators.data.store import OBS, existing, insert_rows, lock_definitions, stored_groups
from api.indicators.models import IndicatorDefinition, IndicatorImport, ObservationChange
from api.indicators.scope import tenant
from api.indicators.vocab import FLAG_NAMES

MAX_CONFLICTS = 1000
# Rows read, checked and written together (bounded memory). PostgreSQL takes larger batches: its
# key lookup is one JSON parameter, SQLite's a list of bound values (at most 32,766 per statement).
BATCH = 2000
BATCH_POSTGRES = 10_000


@dataclass
class Counts:
    rows: int = 0
    imported: int = 0
    updated: int = 0
    ignored: int = 0
    deleted: int = 0
    conflict_count: int = 0
    conflicts: list[Conflict] = field(default_factory=list)

    def numbers(self) -> dict[str, int]:
        """The counts, as the summary and the import record name them."""
        return {name: value for name, value in vars(self).items() if isinstance(value, int)}


def actor_label(actor: Actor) -> str:
    return f"{actor.kind}:{actor.audit_id or actor.display_name or '-'}"[:80]


@dataclass(eq=False)
class Importer:
    """One import: how it runs (the fields), then what it found and wrote (set at the start)."""

    session: Session
    _: KW_ONLY
    actor: Actor
    fmt: str
    strategy: str = "create_and_update"
    dry_run: bool = False
    atomic: bool = False
    progress: Callable[[int], None] | None = None
    batch_size: int | None = None

    def __post_init__(self) -> None:
        self.counts = Counts()
        self.import_id = uuid.uuid4()
        self.by = actor_label(self.actor)
        self.checker = RowChecker(
            actor=self.actor,
            strategy=self.strategy,
            defs={d.code: d for d in self.session.exec(select(IndicatorDefinition)).all()},
            geo=places.geography(self.session),
        )
        self.postgres = self.session.get_bind().dialect.name == "postgresql"
        self.copier = CopyRows(import_id=self.import_id, by=self.by) if self.postgres else None
        self.batch = self.batch_size or (BATCH_POSTGRES if self.postgres else BATCH)
        self.started = utcnow()
        # Keys (their hashes) of rows of earlier batches that left no row carrying this import's
        # id — unchanged, deleted, refused — so that a repeat of one in a later batch is found too
        # (a repeat of a row this import wrote is found by the stored row's import id). A hash
        # rather than the key: ~50 bytes a row, only for rows not written.
        self.settled: set[int] = set()
        # The definitions locked against change and deletion while this import's COPY writes
        # (PostgreSQL; observations carry no foreign key to them).
        self.locked: set[uuid.UUID] = set()
        # Whether the next batch first asks which of its groups have stored rows (see _process).
        self.probe = True

    # --- the run ------------------------------------------------------------------------------

    def run(self, binary: Any) -> ImportSummary:
        savepoint = self.session.begin_nested()
        try:
            batch: list[RawRow] = []
            for raw in read(self.fmt, text_stream(binary)):
                batch.append(raw)
                if len(batch) >= self.batch:
                    self._process(batch)
                    batch = []
            if batch:
                self._process(batch)
            self._settle()
        except BaseException:
            if self.copier is not None:
                self.copier.close()
            savepoint.rollback()
            raise
        if self.copier is not None:
            self.copier.close()
        rejected = self.atomic and self.counts.conflict_count > 0
        if self.dry_run or rejected:
            savepoint.rollback()
        else:
            savepoint.commit()
        status = "dry_run" if self.dry_run else ("rejected" if rejected else "completed")
        if rejected:
            c = self.counts
            c.imported = c.updated = c.deleted = 0
        if not self.dry_run:
            self._record(status)
        return self.summary(status)

    def summary(self, status: str) -> ImportSummary:
        c = self.counts
        return ImportSummary(
            id=None if self.dry_run else self.import_id,
            status=status,
            dry_run=self.dry_run,
            atomic=self.atomic,
            strategy=self.strategy,
            format=self.fmt,
            **c.numbers(),
            conflicts=c.conflicts,
        )

    def _record(self, status: str) -> None:
        c = self.counts
        self.session.add(
            IndicatorImport(
                id=self.import_id,
                actor_kind=self.actor.kind,
                actor_id=self.actor.audit_id,
                municipality_id=tenant(self.actor),
                format=self.fmt,
                strategy=self.strategy,
                atomic=self.atomic,
                status=status,
                **c.numbers(),
                conflicts=[x.model_dump() for x in c.conflicts],
                started_at=self.started,
                finished_at=utcnow(),
            )
        )
        audit.record(
            self.session,
            actor=self.actor,
            action="import",
            record_type="indicator_import",
            record_id=self.import_id,
            municipality_id=tenant(self.actor),
            details={
                "status": status,
                "rows": c.rows,
                "imported": c.imported,
                "updated": c.updated,
                "deleted": c.deleted,
                "conflicts": c.conflict_count,
            },
        )

    def _conflict(self, row: RawRow, code: str, reason: str, field_name: str | None = None) -> None:
        self.counts.conflict_count += 1
        if len(self.counts.conflicts) < MAX_CONFLICTS:
            self.counts.conflicts.append(
                Conflict(row=row.number, line=row.line, field=field_name, code=code, reason=reason)
            )

    def _process(self, batch: list[RawRow]) -> None:
        self.counts.rows += len(batch)
        checked: dict[tuple[uuid.UUID, str, str, str], Checked] = {}
        for raw in batch:
            try:
                item = self.checker.check(raw)
            except RowConflict as exc:
                self._conflict(raw, exc.code, exc.reason, exc.field)
                continue
            first = checked.get(item.key)
            if first is not None:
                self._conflict(raw, "duplicate_in_file", f"the same observation as row {first.row.number}")
                continue
            checked[item.key] = item
        if checked:
            self._settle()
            # COPY's rows: their definitions locked once per import (insert_rows locks its own).
            new = {item.definition.id for item in checked.values()} - self.locked
            if new and self.copier is not None and not self.dry_run:
                lock_definitions(self.session, new, postgres=True)
                self.locked |= new
            lookup = list(checked)
            if self.probe:
                # Rows of groups (indicator, period, place) with nothing stored are new: no lookup.
                stored = stored_groups(self.session, {key[:3] for key in checked}, postgres=self.postgres)
                lookup = [key for key in checked if key[:3] in stored]
            found = existing(self.session, lookup, postgres=self.postgres)
            # Probe the groups while most rows are new; a file of stored rows (sent again, or
            # updates) goes straight to the lookups, which it needs anyway.
            self.probe = len(found) * 2 < len(checked)
            self._apply(checked, found)
        if self.progress:
            self.progress(len(batch))

    def _settle(self) -> None:
        """The rows of the previous batch written: the session is free again."""
        if self.copier is not None:
            self.copier.wait()

    def _apply(self, checked: dict[tuple[Any, ...], Checked], existing: dict[tuple[Any, ...], Any]) -> None:
        now = utcnow()
        inserts: list[Checked] = []
        updates: list[dict[str, Any]] = []
        deletes: list[Any] = []
        changes: list[dict[str, Any]] = []
        settled = self.settled
        for key, item in checked.items():
            old = existing.get(key)
            if (settled and hash(key) in settled) or (old is not None and old.import_id == self.import_id):
                # A row of an earlier batch of this very file: a repeat, not a change.
                self._conflict(item.row, "duplicate_in_file", "the same observation as an earlier row")
                continue
            if item.delete:
                settled.add(hash(key))
                if old is None:
                    self.counts.ignored += 1
                elif old.status == "published":
                    self._conflict(
                        item.row, "published", "the observation is published: unpublish its set first"
                    )
                else:
                    deletes.append(old.id)
                    changes.append(self._change(item, old, "delete", now))
                continue
            if old is None:
                if self.strategy == "update":
                    settled.add(hash(key))
                    self._conflict(item.row, "not_found", "no such observation to update (strategy update)")
                    continue
                inserts.append(item)
                continue
            if same(item, old):
                settled.add(hash(key))
                self.counts.ignored += 1
                continue
            if self.strategy == "create":
                settled.add(hash(key))
                self._conflict(
                    item.row, "exists", "the observation exists with another value (strategy create)"
                )
                continue
            if old.status == "published":
                settled.add(hash(key))
                self._conflict(item.row, "published", "the observation is published: unpublish its set first")
                continue
            updates.append(
                {
                    "_id": old.id,
                    "value": item.value,
                    **item.flag_columns(),
                    "source": item.source if item.source is not None else old.source,
                    "people": item.people if item.people is not None else old.people,
                    "import_id": self.import_id,
                    "updated_by": self.by,
                    "updated_at": now,
                }
            )
            changes.append(self._change(item, old, "update", now))
        if inserts:
            if self.copier is not None:
                self.copier.write(self.session, inserts, now)
            else:
                insert_rows(self.session, [self._new_row(item, now) for item in inserts], postgres=False)
            self.counts.imported += len(inserts)
        if updates:
            stmt = (
                sa.update(OBS)
                .where(OBS.c.id == sa.bindparam("_id"))
                .values({name: sa.bindparam(name) for name in updates[0] if name != "_id"})
            )
            self.session.execute(stmt, updates, execution_options={"synchronize_session": False})
            self.counts.updated += len(updates)
        if deletes:
            self.session.execute(sa.delete(OBS).where(OBS.c.id.in_(deletes)))
            self.counts.deleted += len(deletes)
        if changes:
            self.session.execute(sa.insert(ObservationChange.__table__), changes)  # type: ignore[attr-defined]

    def _new_row(self, item: Checked, now: datetime) -> dict[str, Any]:
        p, pl = item.period, item.place
        return {
            "id": uuid.uuid4(),
            "indicator_id": item.definition.id,
            "place": pl.code,
            "place_level": pl.level,
            "municipality_id": pl.municipality_id,
            "county": pl.county,
            "period": p.code,
            "period_type": p.type,
            "period_rank": p.rank,
            "period_start": p.start,
            "period_end": p.end,
            "breakdown_key": item.bkey,
            "breakdown_dims": item.bdims,
            "breakdowns": item.breakdowns,
            "value": item.value,
            "people": item.people,
            **item.flag_columns(),
            "status": "draft",
            "published_at": None,
            "derived": False,
            "source": item.source,
            "import_id": self.import_id,
            "created_by": self.by,
            "updated_by": self.by,
            "created_at": now,
            "updated_at": now,
        }

    def _change(self, item: Checked, old: Any, action: str, now: datetime) -> dict[str, Any]:
        return {
            "id": uuid.uuid4(),
            "at": now,
            "observation_id": old.id,
            "indicator_code": item.definition.code,
            "place": item.place.code,
            "municipality_id": item.place.municipality_id,
            "period": item.period.code,
            "breakdown_key": item.bkey,
            "action": action,
            "old_value": old.value,
            "new_value": None if action == "delete" else item.value,
            "old_flags": [f for f in FLAG_NAMES if getattr(old, f)],
            "new_flags": [] if action == "delete" else [f for f, on in item.flag_columns().items() if on],
            "actor_kind": self.actor.kind,
            "actor_id": self.actor.audit_id,
            "actor_role": self.actor.role,
            "import_id": self.import_id,
        }
