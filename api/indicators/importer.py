"""Loading observations: validate each row, compare with what is stored, write in bulk.

Strategies: ``create`` (new only), ``update`` (existing only), ``create_and_update`` (default) and
``delete``. Re-sending the same data changes nothing (every row is ``ignored``). A bad row is a
conflict (row number, field, reason) while the good rows load; with ``atomic`` any conflict rolls
the whole import back; ``dry_run`` reports what would happen and changes nothing.

Rows are read, checked and written in batches, so memory stays bounded whatever the file's size.
PostgreSQL receives new rows through COPY; SQLite through executemany.
"""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Session, select

from api.core import audit
from api.core.actor import Actor
from api.core.db import utcnow
from api.indicators import access, periods, places
from api.indicators.formats import RawRow, read, text_stream
from api.indicators.models import IndicatorDefinition, IndicatorImport, Observation, ObservationChange
from api.indicators.schemas import Conflict, ImportSummary
from api.indicators.vocab import Dimension, breakdown_key, dimensions, normalise_value

MAX_CONFLICTS = 1000
BATCH = 2000
SMALL_CELL = 5
FLAG_NAMES = ("provisional", "estimated", "break_in_series", "suppressed")
OBS = Observation.__table__  # type: ignore[attr-defined]
INSERT_COLUMNS = [c.name for c in OBS.columns]


@dataclass
class Checked:
    row: RawRow
    definition: IndicatorDefinition
    place: places.Place
    period: periods.Period
    bkey: str
    bdims: str
    breakdowns: dict[str, str]
    value: float | None
    flags: tuple[bool, bool, bool, bool]
    source: str | None
    people: int | None
    delete: bool

    @property
    def key(self) -> tuple[uuid.UUID, str, str, str]:
        return (self.definition.id, self.period.code, self.place.code, self.bkey)


class RowConflict(Exception):
    def __init__(self, code: str, reason: str, field: str | None = None) -> None:
        super().__init__(reason)
        self.code, self.reason, self.field = code, reason, field


@dataclass
class Counts:
    rows: int = 0
    imported: int = 0
    updated: int = 0
    ignored: int = 0
    deleted: int = 0
    conflict_count: int = 0
    conflicts: list[Conflict] = field(default_factory=list)


def actor_label(actor: Actor) -> str:
    return f"{actor.kind}:{actor.audit_id or actor.display_name or '-'}"[:80]


class Importer:
    def __init__(
        self,
        session: Session,
        *,
        actor: Actor,
        fmt: str,
        strategy: str = "create_and_update",
        dry_run: bool = False,
        atomic: bool = False,
        progress: Callable[[int], None] | None = None,
        batch_size: int = BATCH,
    ) -> None:
        self.session = session
        self.actor = actor
        self.fmt = fmt
        self.strategy = strategy
        self.dry_run = dry_run
        self.atomic = atomic
        self.progress = progress
        self.batch_size = batch_size
        self.counts = Counts()
        self.import_id = uuid.uuid4()
        self.by = actor_label(actor)
        self.geo = places.geography(session)
        self.defs = {d.code: d for d in session.exec(select(IndicatorDefinition)).all()}
        self.dims = dimensions()
        self.postgres = session.get_bind().dialect.name == "postgresql"
        self.started = utcnow()

    # --- the run ------------------------------------------------------------------------------

    def run(self, binary: Any) -> ImportSummary:
        savepoint = self.session.begin_nested()
        try:
            batch: list[RawRow] = []
            for raw in read(self.fmt, text_stream(binary)):
                batch.append(raw)
                if len(batch) >= self.batch_size:
                    self._process(batch)
                    batch = []
            if batch:
                self._process(batch)
        except BaseException:
            savepoint.rollback()
            raise
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
            rows=c.rows,
            imported=c.imported,
            updated=c.updated,
            ignored=c.ignored,
            deleted=c.deleted,
            conflict_count=c.conflict_count,
            conflicts=c.conflicts,
        )

    def _record(self, status: str) -> None:
        c = self.counts
        self.session.add(
            IndicatorImport(
                id=self.import_id,
                actor_kind=self.actor.kind,
                actor_id=self.actor.audit_id,
                municipality_id=access.tenant(self.actor),
                format=self.fmt,
                strategy=self.strategy,
                atomic=self.atomic,
                status=status,
                rows=c.rows,
                imported=c.imported,
                updated=c.updated,
                ignored=c.ignored,
                deleted=c.deleted,
                conflict_count=c.conflict_count,
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
            municipality_id=access.tenant(self.actor),
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

    # --- checking one row ---------------------------------------------------------------------

    def _check(self, row: RawRow) -> Checked:
        if row.error:
            raise RowConflict("malformed_row", row.error)
        code = _text(row.indicator, "indicator")
        definition = self.defs.get(code)
        if definition is None:
            raise RowConflict("unknown_indicator", f"unknown indicator '{code}'", "indicator")
        if definition.numerator is not None:
            raise RowConflict("computed_indicator", f"'{code}' is computed, it takes no data", "indicator")
        place_code = _text(row.place, "place")
        place = self.geo.by_code.get(place_code)
        if place is None:
            raise RowConflict("unknown_place", f"unknown place '{place_code}'", "place")
        if not access.place_allowed(self.actor, place):
            raise RowConflict("outside_municipality", f"'{place_code}' is not your municipality", "place")
        try:
            period = periods.parse(_text(row.period, "period"))
        except periods.PeriodError as exc:
            raise RowConflict("bad_period", str(exc), "period") from exc
        breakdowns = self._breakdowns(row.breakdowns, definition)
        bkey, bdims = breakdown_key(breakdowns)
        flags = _flags(row.flags)
        delete = row.delete or self.strategy == "delete"
        value = None if delete else _number(row.value, row.decimal_comma)
        people = _people(row.people)
        suppressed = flags[3]
        if definition.personal and people is not None and 0 < people < SMALL_CELL:
            suppressed = True  # primary small-cell suppression of personal data
        if suppressed:
            value = None
        elif value is None and not delete:
            raise RowConflict("missing_value", "a value is required (or the flag 'suppressed')", "value")
        source = row.source.strip()[:300] if isinstance(row.source, str) and row.source.strip() else None
        return Checked(
            row=row,
            definition=definition,
            place=place,
            period=period,
            bkey=bkey,
            bdims=bdims,
            breakdowns=breakdowns,
            value=value,
            flags=(flags[0], flags[1], flags[2], suppressed),
            source=source,
            people=people,
            delete=delete,
        )

    def _breakdowns(self, raw: Any, definition: IndicatorDefinition) -> dict[str, str]:
        if not isinstance(raw, dict):
            raise RowConflict(
                "bad_breakdowns", "breakdowns must be an object of dimension: code", "breakdowns"
            )
        out = {}
        allowed = definition.breakdowns
        for dim_code, value in raw.items():
            dim: Dimension | None = self.dims.get(str(dim_code))
            if dim is None:
                raise RowConflict("unknown_breakdown", f"unknown breakdown '{dim_code}'", str(dim_code))
            if dim_code not in allowed:
                raise RowConflict(
                    "breakdown_not_allowed",
                    f"'{definition.code}' has no breakdown '{dim_code}' (allowed: {', '.join(allowed) or 'none'})",
                    str(dim_code),
                )
            if not isinstance(value, str):
                raise RowConflict("bad_breakdown_value", f"{dim_code}: a code is expected", str(dim_code))
            code = normalise_value(dim, value)
            if not dim.allows(code):
                raise RowConflict(
                    "unknown_breakdown_value", f"{dim_code}: unknown code '{value}'", str(dim_code)
                )
            out[str(dim_code)] = code
        return out

    # --- one batch ----------------------------------------------------------------------------

    def _process(self, batch: list[RawRow]) -> None:
        self.counts.rows += len(batch)
        checked: dict[tuple[uuid.UUID, str, str, str], Checked] = {}
        for raw in batch:
            try:
                item = self._check(raw)
            except RowConflict as exc:
                self._conflict(raw, exc.code, exc.reason, exc.field)
                continue
            first = checked.get(item.key)
            if first is not None:
                self._conflict(raw, "duplicate_in_file", f"the same observation as row {first.row.number}")
                continue
            checked[item.key] = item
        if checked:
            existing = self._existing(list(checked))
            self._apply(checked, existing)
        if self.progress:
            self.progress(len(batch))

    def _existing(self, keys: list[tuple[uuid.UUID, str, str, str]]) -> dict[tuple[Any, ...], Any]:
        c = OBS.c
        columns = [
            c.id, c.indicator_id, c.period, c.place, c.breakdown_key, c.value, c.provisional, c.estimated,
            c.break_in_series, c.suppressed, c.status, c.source, c.people, c.municipality_id,
        ]  # fmt: skip
        if self.postgres:
            # Four arrays joined with unnest: one plan, whatever the batch size (a tuple IN list of
            # thousands of rows costs seconds to parse and plan on PostgreSQL).
            wanted = (
                sa.select(
                    sa.func.unnest(sa.cast(sa.bindparam("i", [k[0] for k in keys]), ARRAY(sa.Uuid))).label(
                        "i"
                    ),
                    sa.func.unnest(sa.cast(sa.bindparam("p", [k[1] for k in keys]), ARRAY(sa.Text))).label(
                        "p"
                    ),
                    sa.func.unnest(sa.cast(sa.bindparam("l", [k[2] for k in keys]), ARRAY(sa.Text))).label(
                        "l"
                    ),
                    sa.func.unnest(sa.cast(sa.bindparam("b", [k[3] for k in keys]), ARRAY(sa.Text))).label(
                        "b"
                    ),
                )
            ).subquery("wanted")
            stmt = sa.select(*columns).join(
                wanted,
                sa.and_(
                    c.indicator_id == wanted.c.i,
                    c.period == wanted.c.p,
                    c.place == wanted.c.l,
                    c.breakdown_key == wanted.c.b,
                ),
            )
        else:
            stmt = sa.select(*columns).where(
                sa.tuple_(c.indicator_id, c.period, c.place, c.breakdown_key).in_(keys)
            )
        return {(r.indicator_id, r.period, r.place, r.breakdown_key): r for r in self.session.execute(stmt)}

    def _apply(self, checked: dict[tuple[Any, ...], Checked], existing: dict[tuple[Any, ...], Any]) -> None:
        now = utcnow()
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        deletes: list[Any] = []
        changes: list[dict[str, Any]] = []
        for key, item in checked.items():
            old = existing.get(key)
            if item.delete:
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
                    self._conflict(item.row, "not_found", "no such observation to update (strategy update)")
                    continue
                inserts.append(self._new_row(item, now))
                continue
            if _same(item, old):
                self.counts.ignored += 1
                continue
            if self.strategy == "create":
                self._conflict(
                    item.row, "exists", "the observation exists with another value (strategy create)"
                )
                continue
            if old.status == "published":
                self._conflict(item.row, "published", "the observation is published: unpublish its set first")
                continue
            updates.append(
                {
                    "_id": old.id,
                    "value": item.value,
                    "provisional": item.flags[0],
                    "estimated": item.flags[1],
                    "break_in_series": item.flags[2],
                    "suppressed": item.flags[3],
                    "source": item.source if item.source is not None else old.source,
                    "people": item.people if item.people is not None else old.people,
                    "import_id": self.import_id,
                    "updated_by": self.by,
                    "updated_at": now,
                }
            )
            changes.append(self._change(item, old, "update", now))
        if inserts:
            self._insert(inserts)
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
            "provisional": item.flags[0],
            "estimated": item.flags[1],
            "break_in_series": item.flags[2],
            "suppressed": item.flags[3],
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
            "new_flags": []
            if action == "delete"
            else [f for f, on in zip(FLAG_NAMES, item.flags, strict=True) if on],
            "actor_kind": self.actor.kind,
            "actor_id": self.actor.audit_id,
            "actor_role": self.actor.role,
            "import_id": self.import_id,
        }

    def _insert(self, rows: list[dict[str, Any]]) -> None:
        insert_rows(self.session, rows, postgres=self.postgres)


def insert_rows(session: Session, rows: Iterable[dict[str, Any]], *, postgres: bool | None = None) -> None:
    """Bulk insert of observation rows: COPY on PostgreSQL, executemany on SQLite."""
    if postgres is None:
        postgres = session.get_bind().dialect.name == "postgresql"
    if not postgres:
        session.execute(sa.insert(OBS), list(rows))
        return
    driver = session.connection().connection.driver_connection
    columns = ", ".join(INSERT_COLUMNS)
    with driver.cursor() as cur, cur.copy(f"COPY indicator_observations ({columns}) FROM STDIN") as copy:  # type: ignore[union-attr]
        lines: list[str] = []
        for row in rows:
            lines.append("\t".join([_copy_text(c, row[c]) for c in INSERT_COLUMNS]))
            if len(lines) >= 5000:
                copy.write("\n".join(lines) + "\n")
                lines = []
        if lines:
            copy.write("\n".join(lines) + "\n")


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(column: str, value: Any) -> str:
    """One value in PostgreSQL's COPY text format (much faster than adapting each value)."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if column == "breakdowns":
        value = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, datetime):
        return value.isoformat()
    elif not isinstance(value, str):
        return str(value)
    return value.translate(_COPY_ESCAPES)


# --- value parsing --------------------------------------------------------------------------------


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RowConflict("missing_field", f"{name} is required", name)
    return value.strip()


def _number(value: Any, decimal_comma: bool) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise RowConflict("bad_value", "the value must be a number", "value")
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if decimal_comma:
            text = text.replace(",", ".")
        try:
            number = float(text)
        except ValueError as exc:
            raise RowConflict("bad_value", f"'{value}' is not a number", "value") from exc
    else:
        raise RowConflict("bad_value", "the value must be a number", "value")
    if not math.isfinite(number):
        raise RowConflict("bad_value", "the value must be a finite number", "value")
    return number


def _people(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(value) if not isinstance(value, bool) else -1
    except (TypeError, ValueError) as exc:
        raise RowConflict("bad_people", "people must be a whole number", "people") from exc
    if number < 0 or number > 100_000_000:
        raise RowConflict("bad_people", "people must be between 0 and 100000000", "people")
    return number


def _flags(value: Any) -> tuple[bool, bool, bool, bool]:
    if value is None or value == "":
        return (False, False, False, False)
    if isinstance(value, str):
        items = [v.strip() for v in value.replace(",", ";").replace("|", ";").split(";") if v.strip()]
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = value
    else:
        raise RowConflict("bad_flags", "flags must be a list of names", "flags")
    unknown = [f for f in items if f not in FLAG_NAMES]
    if unknown:
        raise RowConflict("bad_flags", f"unknown flag(s) {unknown}; use {list(FLAG_NAMES)}", "flags")
    return tuple(f in items for f in FLAG_NAMES)  # type: ignore[return-value]


def _same(item: Checked, old: Any) -> bool:
    if item.flags != (old.provisional, old.estimated, old.break_in_series, old.suppressed):
        return False
    if item.source is not None and item.source != old.source:
        return False
    if item.people is not None and item.people != old.people:
        return False
    if item.value is None or old.value is None:
        return item.value is None and old.value is None
    return math.isclose(item.value, old.value, rel_tol=1e-12, abs_tol=1e-12)
