"""Logs with the request id of the request being served: structured JSON (production), or one
readable line per record for a terminal (``LANGELIS_LOG_JSON=false``, as ``make run`` sets).

Records are formatted and written off the request path: the root logger's one handler is a
:class:`logging.handlers.QueueHandler` (it stamps the request id and the rendered message on the
record, nothing more) and a :class:`logging.handlers.QueueListener` thread formats and writes them.
Formatting and writing the JSON access line in the event loop cost 18–27 % of throughput on
trivial requests.
"""

from __future__ import annotations

import atexit
import copy
import json
import logging
import queue
import sys
import time
from contextvars import ContextVar
from datetime import UTC, datetime
from logging.handlers import QueueHandler, QueueListener
from typing import Any

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

_RESERVED = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


def current_request_id() -> str | None:
    return _request_id.get()


def set_request_id(value: str | None) -> Any:
    return _request_id.set(value)


def reset_request_id(token: Any) -> None:
    _request_id.reset(token)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        request_id = current_request_id()
        if request_id:
            data["request_id"] = request_id
        for key, value in record.__dict__.items():
            if key not in _RESERVED and not key.startswith("_"):
                data[key] = value
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        elif record.exc_text:
            data["exc"] = record.exc_text
        return json.dumps(data, default=str, ensure_ascii=False)


# Extras that only repeat the message (uvicorn's coloured copy of it).
_TEXT_SKIPPED = {"color_message"}
# Access-log fields, rendered first and without their names: ``GET /path 200 12.3ms``.
_ACCESS_FIELDS = ("method", "path", "status", "duration_ms")


def _text_value(value: Any) -> str:
    """A value as one token: quoted (JSON) when empty or holding spaces, quotes or control characters."""
    text = value if isinstance(value, str) else str(value)
    if not text or any(ch.isspace() or ch in "\"'=" or not ch.isprintable() for ch in text):
        return json.dumps(text, ensure_ascii=False)
    return text


def _duration(value: Any) -> str:
    try:
        return f"{float(value):.1f}ms"
    except (TypeError, ValueError):
        return _text_value(value)


class TextFormatter(logging.Formatter):
    """``time LEVEL logger message key=value … req=<request id>``, the fields of ``extra`` included.

    Access lines (``method``, ``path``, ``status``, ``duration_ms``) read
    ``INFO langelis.access GET /api/v1/services 200 12.3ms req=abc123``.
    """

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s")

    def formatMessage(self, record: logging.LogRecord) -> str:
        extras = {
            key: value
            for key, value in record.__dict__.items()
            if key not in _RESERVED and key not in _TEXT_SKIPPED and not key.startswith("_")
        }
        request_id = extras.pop("request_id", None) or current_request_id()
        parts: list[str] = []
        message = record.message
        if "method" in extras and "path" in extras:
            if message != "request":  # the access line's message says nothing the fields do not
                parts.append(message)
            for key in _ACCESS_FIELDS:
                if key in extras:
                    value = extras.pop(key)
                    parts.append(_duration(value) if key == "duration_ms" else _text_value(value))
        elif message:
            parts.append(message)
        parts.extend(f"{key}={_text_value(value)}" for key, value in extras.items())
        if request_id:
            parts.append(f"req={_text_value(request_id)}")
        return " ".join([super().formatMessage(record), *parts])


class ContextQueueHandler(QueueHandler):
    """Hands records to the listener thread with what only this thread knows: the request id and
    the rendered message (arguments and tracebacks are rendered here, objects may change later)."""

    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        record = copy.copy(record)
        record.msg, record.args = record.getMessage(), None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        if "request_id" not in record.__dict__:
            request_id = current_request_id()
            if request_id:
                record.request_id = request_id
        return record


class _Listener(QueueListener):
    """Writes queued records; an access line arrives as a bare tuple and becomes a record here, so
    the request pays for a tuple and a queue put, not for a ``LogRecord``."""

    def prepare(self, record: Any) -> logging.LogRecord:
        if not isinstance(record, tuple):
            return record
        method, path, status, duration_ms, request_id, created = record
        extra = {"method": method, "path": path, "status": status, "duration_ms": duration_ms}
        if request_id:
            extra["request_id"] = request_id
        made = access_log.makeRecord(
            access_log.name, logging.INFO, "(access)", 0, "request", (), None, extra=extra
        )
        made.created, made.msecs = created, (created - int(created)) * 1000
        return made


access_log = logging.getLogger("langelis.access")
_listener: QueueListener | None = None
_records: queue.SimpleQueue[Any] | None = None


def log_access(method: str, path: str, status: int, duration_ms: float) -> None:
    """One access line (``langelis.access``), made into a record and written by the log thread.

    It goes straight to the log output, not through other handlers a deployment may add to the
    root logger; before :func:`configure_logging` it is an ordinary ``logger.info``."""
    if not access_log.isEnabledFor(logging.INFO):
        return
    if _records is None or access_log.disabled:
        access_log.info(
            "request", extra={"method": method, "path": path, "status": status, "duration_ms": duration_ms}
        )
        return
    _records.put_nowait((method, path, status, duration_ms, current_request_id(), time.time()))


def log_listener() -> QueueListener | None:
    """The thread writing the logs (None before :func:`configure_logging`)."""
    return _listener


def flush_logs() -> None:
    """Waits until every record logged so far is written (shutdown, tests)."""
    global _listener
    if _listener is not None:
        _listener.stop()  # drains the queue
        _listener.start()


def _stop_listener() -> None:
    global _listener, _records
    if _listener is not None:
        _listener.stop()
        _listener = _records = None


atexit.register(_stop_listener)


def configure_logging(level: str = "INFO", as_json: bool = True) -> None:
    global _listener, _records
    _stop_listener()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if as_json else TextFormatter())
    records: queue.SimpleQueue[Any] = queue.SimpleQueue()
    _records = records
    _listener = _Listener(records, handler, respect_handler_level=False)
    _listener.start()
    root = logging.getLogger()
    root.handlers[:] = [ContextQueueHandler(records)]
    root.setLevel(level.upper())
    # Our access log replaces uvicorn's, which does not know the request id.
    logging.getLogger("uvicorn.access").disabled = True
