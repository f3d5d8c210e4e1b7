"""Readers of import files: CSV (our documented header), SDMX-CSV, JSON (streamed) and NDJSON.

Each reader takes a text stream and yields :class:`RawRow` one at a time, so a file of any size is
read with bounded memory. A structural problem (bad header, malformed JSON) raises
:class:`FormatError` and stops the import; a bad value in one row is that row's conflict.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from api.indicators.vocab import TOTAL_CODES, dimensions

CSV_COLUMNS = ("indicator", "place", "period", "value", "flags", "source", "people")
SDMX_IGNORED = frozenset(
    {"STRUCTURE", "STRUCTURE_ID", "DATAFLOW", "UNIT_MEASURE", "UNIT_MULT", "DECIMALS", "OBS_COMMENT"}
)
SDMX_STATUS = {"P": "provisional", "E": "estimated", "B": "break_in_series"}
JSON_KEYS = frozenset({"indicator", "place", "period", "value", "breakdowns", "flags", "source", "people"})
MAX_OBJECT = 1024 * 1024
# A JSON escape of a UTF-16 surrogate: only then can a decoded string hold a lone one.
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
csv.field_size_limit(1024 * 1024)


class FormatError(ValueError):
    """The file cannot be read at all (400/422 for the whole import)."""

    def __init__(self, message: str, *, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class RawRow:
    number: int
    line: int | None
    indicator: Any = None
    place: Any = None
    period: Any = None
    value: Any = None
    breakdowns: Any = field(default_factory=dict)
    flags: Any = None
    source: Any = None
    people: Any = None
    delete: bool = False
    decimal_comma: bool = False
    error: str | None = None


class ChunkReader(io.RawIOBase):
    """A blocking byte stream over a function returning the next chunk (b"" at the end)."""

    def __init__(self, next_chunk: Callable[[], bytes], on_read: Callable[[int], None] | None = None) -> None:
        self._next = next_chunk
        self._buffer = b""
        self._done = False
        self._on_read = on_read

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while not self._buffer and not self._done:
            chunk = self._next()
            if not chunk:
                self._done = True
            else:
                self._buffer = bytes(chunk)
                if self._on_read:
                    self._on_read(len(chunk))
        n = min(len(target), len(self._buffer))
        target[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return n


def text_stream(binary: Any) -> TextIO:
    buffered: Any = binary if isinstance(binary, io.BufferedIOBase) else io.BufferedReader(binary, 1 << 16)
    return io.TextIOWrapper(buffered, encoding="utf-8-sig", errors="strict", newline="")


def read(fmt: str, text: TextIO) -> Iterator[RawRow]:
    try:
        if fmt == "csv":
            yield from _csv(text)
        elif fmt == "sdmx-csv":
            yield from _sdmx(text)
        elif fmt == "ndjson":
            yield from _ndjson(text)
        else:
            yield from _json(text)
    except UnicodeDecodeError as exc:
        raise FormatError("The file is not UTF-8 text.", status=400) from exc
    except UnicodeError as exc:
        raise FormatError("The file holds text that is not valid Unicode.", status=400) from exc
    except RecursionError as exc:
        raise FormatError("The file nests arrays or objects too deeply.", status=400) from exc
    except csv.Error as exc:
        raise FormatError(f"The CSV file cannot be read: {exc}.", status=400) from exc


def _reader(text: TextIO) -> tuple[Any, list[str], bool]:
    first = text.readline()
    if not first.strip():
        raise FormatError("The file is empty: it needs a header line.")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    header = next(csv.reader([first], delimiter=delimiter))
    rest = csv.reader(text, delimiter=delimiter)
    return rest, [h.strip() for h in header], delimiter == ";"


def _records(rows: Any, width: int, comma: bool) -> Iterator[tuple[RawRow, list[str]]]:
    """Each non-blank record with its row; a record of the wrong width comes empty, its row in error."""
    number = 0
    for record in rows:
        if not record or (len(record) == 1 and not record[0].strip()):
            continue
        number += 1
        row = RawRow(number=number, line=rows.line_num + 1, decimal_comma=comma)
        if len(record) != width:
            row.error = f"expected {width} fields, found {len(record)}"
            record = []
        yield row, record


def _csv(text: TextIO) -> Iterator[RawRow]:
    rows, header, comma = _reader(text)
    names = [h.lower() for h in header]
    dims = dimensions()
    unknown = [h for h in names if h not in CSV_COLUMNS and h not in dims]
    missing = [c for c in ("indicator", "place", "period") if c not in names]
    if unknown or missing or len(set(names)) != len(names):
        problems = []
        if unknown:
            problems.append(f"unknown column(s) {unknown}")
        if missing:
            problems.append(f"missing column(s) {missing}")
        if len(set(names)) != len(names):
            problems.append("a column appears twice")
        raise FormatError(
            "The CSV header is not valid: " + "; ".join(problems) + ". Columns: indicator, place, period, "
            "value, flags, source, people and one per breakdown (sex, age_group, citizenship…)."
        )
    idx = {n: i for i, n in enumerate(names)}
    breakdown_cols = [(n, i) for n, i in idx.items() if n in dims]
    width = len(names)
    i_ind, i_place, i_period = idx["indicator"], idx["place"], idx["period"]
    i_value, i_flags, i_source, i_people = (idx.get(c) for c in ("value", "flags", "source", "people"))
    for row, record in _records(rows, width, comma):
        if not record:
            yield row
            continue
        row.indicator = record[i_ind]
        row.place = record[i_place]
        row.period = record[i_period]
        row.value = record[i_value] if i_value is not None else None
        row.flags = record[i_flags] if i_flags is not None else None
        row.source = record[i_source] if i_source is not None else None
        row.people = record[i_people] if i_people is not None else None
        row.breakdowns = {n: record[i] for n, i in breakdown_cols if record[i].strip() not in TOTAL_CODES}
        yield row


def _sdmx(text: TextIO) -> Iterator[RawRow]:
    rows, header, comma = _reader(text)
    names = [h.upper() for h in header]
    dims = {d.upper(): d for d in dimensions()}
    known = {"INDICATOR", "REF_AREA", "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS", "CONF_STATUS", "ACTION"}
    unknown = [h for h in names if h not in known and h not in dims and h not in SDMX_IGNORED]
    missing = [c for c in ("INDICATOR", "REF_AREA", "TIME_PERIOD", "OBS_VALUE") if c not in names]
    if unknown or missing:
        problems = ([f"unknown column(s) {unknown}"] if unknown else []) + (
            [f"missing column(s) {missing}"] if missing else []
        )
        raise FormatError("The SDMX-CSV header is not valid: " + "; ".join(problems) + ".")
    idx = {n: i for i, n in enumerate(names)}
    breakdown_cols = [(dims[n], i) for n, i in idx.items() if n in dims]
    width = len(names)
    for row, record in _records(rows, width, comma):
        if not record:
            yield row
            continue
        row.indicator = record[idx["INDICATOR"]]
        row.place = record[idx["REF_AREA"]]
        row.period = record[idx["TIME_PERIOD"]]
        row.value = record[idx["OBS_VALUE"]]
        flags = []
        if "OBS_STATUS" in idx:
            status = record[idx["OBS_STATUS"]].strip().upper()
            if status and status != "A":
                flags.append(SDMX_STATUS.get(status, f"OBS_STATUS={status}"))
        if "CONF_STATUS" in idx and record[idx["CONF_STATUS"]].strip().upper() in ("C", "D"):
            flags.append("suppressed")
        row.flags = flags
        if "ACTION" in idx and record[idx["ACTION"]].strip().upper() == "D":
            row.delete = True
        row.breakdowns = {d: record[i] for d, i in breakdown_cols if record[i].strip() not in TOTAL_CODES}
        yield row


def valid_text(obj: Any, raw: str) -> Any:
    """``obj`` decoded from ``raw``, refused when one of its strings holds a lone surrogate (``\\ud800``):
    such text cannot be stored nor answered as UTF-8."""
    if "\\u" not in raw or not SURROGATE_ESCAPE.search(raw):
        return obj
    pending = [obj]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str):
            item.encode("utf-8")  # UnicodeEncodeError: a whole-file problem (see read)
    return obj


def _from_object(number: int, obj: Any, line: int | None = None) -> RawRow:
    row = RawRow(number=number, line=line)
    if not isinstance(obj, dict):
        row.error = "each observation must be a JSON object"
        return row
    extra = sorted(set(obj) - JSON_KEYS)
    if extra:
        row.error = f"unknown member(s) {extra}"
        return row
    row.indicator = obj.get("indicator")
    row.place = obj.get("place")
    row.period = obj.get("period")
    row.value = obj.get("value")
    row.breakdowns = obj.get("breakdowns") or {}
    row.flags = obj.get("flags")
    row.source = obj.get("source")
    row.people = obj.get("people")
    return row


def _ndjson(text: TextIO) -> Iterator[RawRow]:
    number = 0
    for line_no, line in enumerate(text, start=1):
        if not line.strip():
            continue
        number += 1
        try:
            obj = valid_text(json.loads(line), line)
        except UnicodeError:
            raise
        except ValueError:
            yield RawRow(number=number, line=line_no, error="the line is not valid JSON")
            continue
        yield _from_object(number, obj, line_no)


class _JsonScanner:
    """Reads a JSON array of objects (or ``{"observations": [...]}``) one object at a time."""

    def __init__(self, text: TextIO) -> None:
        self.text = text
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.decoder = json.JSONDecoder()

    def _fill(self) -> bool:
        if self.eof:
            return False
        chunk = self.text.read(1 << 16)
        if not chunk:
            self.eof = True
            return False
        self.buf = self.buf[self.pos :] + chunk
        self.pos = 0
        return True

    def peek(self) -> str:
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._fill():
                return ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise FormatError(f"Malformed JSON: expected '{char}'.", status=400)
        self.pos += 1

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                obj, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if len(self.buf) - self.pos > MAX_OBJECT:
                    raise FormatError("Malformed JSON, or an observation over 1 MB.", status=400) from exc
                if not self._fill():
                    raise FormatError(f"Malformed JSON: {exc.msg}.", status=400) from exc
                continue
            # A number cut at the chunk's end: read on and parse it again.
            if end == len(self.buf) and not isinstance(obj, dict | list | str) and self._fill():
                continue
            raw, self.pos = self.buf[self.pos : end], end
            return valid_text(obj, raw)


def _json(text: TextIO) -> Iterator[RawRow]:
    scan = _JsonScanner(text)
    first = scan.peek()
    wrapped = False
    if first == "{":
        scan.expect("{")
        key = scan.value()
        if key != "observations":
            raise FormatError('The JSON document must be an array or {"observations": [...]}.')
        scan.expect(":")
        wrapped = True
    elif first != "[":
        raise FormatError('The JSON document must be an array or {"observations": [...]}.', status=400)
    scan.expect("[")
    number = 0
    if scan.peek() == "]":
        scan.expect("]")
    else:
        while True:
            number += 1
            yield _from_object(number, scan.value())
            nxt = scan.peek()
            if nxt == ",":
                scan.pos += 1
                continue
            scan.expect("]")
            break
    if wrapped:
        scan.expect("}")
    if scan.peek() != "":
        raise FormatError("Malformed JSON: content after the end of the document.", status=400)
