"""Log lines: readable ones (``LANGELIS_LOG_JSON=false``, ``make run``) carry the request's fields;
JSON ones are unchanged."""

from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Iterator

import pytest

from api.core.logging import (
    ContextQueueHandler,
    JsonFormatter,
    TextFormatter,
    configure_logging,
    flush_logs,
    log_access,
    log_listener,
    reset_request_id,
    set_request_id,
)


def _record(
    msg: str = "request", *args: object, name: str = "langelis.access", **extra: object
) -> logging.LogRecord:
    logger = logging.getLogger(name)
    return logger.makeRecord(name, logging.INFO, __file__, 1, msg, args, None, extra=extra)


@pytest.fixture
def request_id() -> Iterator[str]:
    token = set_request_id("abc123")
    try:
        yield "abc123"
    finally:
        reset_request_id(token)


def test_access_line_names_method_path_status_duration_and_request(request_id: str) -> None:
    record = _record(method="GET", path="/api/v1/services", status=200, duration_ms=12.34)
    line = TextFormatter().format(record)
    assert line.endswith(" INFO langelis.access GET /api/v1/services 200 12.3ms req=abc123")
    assert " request " not in line


def test_other_extras_follow_as_key_value_quoted_when_needed(request_id: str) -> None:
    record = _record(
        "request",
        method="POST",
        path="/api/v1/a b",
        status=201,
        duration_ms=3,
        client="10.0.0.1",
        note='two "words"\nand a line',
    )
    line = TextFormatter().format(record)
    assert 'POST "/api/v1/a b" 201 3.0ms client=10.0.0.1' in line
    assert 'note="two \\"words\\"\\nand a line"' in line  # no line break can be injected
    assert "\n" not in line
    assert line.endswith(" req=abc123")


def test_plain_record_keeps_its_message_and_extras_without_request() -> None:
    record = _record(
        "seeded %d services", 12, name="langelis.seed", municipality="vilnius", color_message="x"
    )
    line = TextFormatter().format(record)
    assert line.endswith(" INFO langelis.seed seeded 12 services municipality=vilnius")
    assert "req=" not in line and "color_message" not in line


def test_explicit_request_id_extra_wins_over_the_context(request_id: str) -> None:
    line = TextFormatter().format(_record("job done", name="langelis.jobs", request_id="job-7"))
    assert line.endswith(" job done req=job-7")


def test_exceptions_are_still_appended() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("x").makeRecord("x", logging.ERROR, __file__, 1, "failed", (), None)
        record.exc_info = sys.exc_info()
    text = TextFormatter().format(record)
    assert text.splitlines()[0].endswith(" ERROR x failed")
    assert "ValueError: boom" in text


def test_json_mode_is_unchanged(request_id: str) -> None:
    record = _record(method="GET", path="/api/v1/services", status=200, duration_ms=12.34)
    data = json.loads(JsonFormatter().format(record))
    assert {k: v for k, v in data.items() if k != "ts"} == {
        "level": "info",
        "logger": "langelis.access",
        "msg": "request",
        "request_id": "abc123",
        "method": "GET",
        "path": "/api/v1/services",
        "status": 200,
        "duration_ms": 12.34,
    }


@pytest.mark.parametrize(("as_json", "formatter"), [(False, TextFormatter), (True, JsonFormatter)])
def test_configure_logging_picks_the_formatter(as_json: bool, formatter: type) -> None:
    root = logging.getLogger()
    handlers, level, uvicorn_disabled = (
        root.handlers[:],
        root.level,
        logging.getLogger("uvicorn.access").disabled,
    )
    try:
        configure_logging("INFO", as_json)
        (queued,) = root.handlers
        assert isinstance(queued, ContextQueueHandler)  # formatted and written off the request path
        listener = log_listener()
        assert listener is not None
        (handler,) = listener.handlers
        assert type(handler.formatter) is formatter
        stream = io.StringIO()
        assert isinstance(handler, logging.StreamHandler)
        handler.setStream(stream)
        token = set_request_id("req-in-the-request-thread")
        try:
            logging.getLogger("langelis.access").info(
                "request", extra={"method": "GET", "path": "/healthz", "status": 200, "duration_ms": 0.4}
            )
        finally:
            reset_request_id(token)
        flush_logs()
        out = stream.getvalue()
        assert ("GET /healthz 200 0.4ms" in out) is not as_json
        # The request id is taken in the request's thread, though the line is written in another.
        assert "req-in-the-request-thread" in out
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        logging.getLogger("uvicorn.access").disabled = uvicorn_disabled


def test_access_lines_are_made_and_written_by_the_log_thread() -> None:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        configure_logging("INFO", True)
        listener = log_listener()
        assert listener is not None
        stream = io.StringIO()
        listener.handlers[0].setStream(stream)  # type: ignore[attr-defined]
        token = set_request_id("req-access-1")
        try:
            log_access("GET", "/api/v1/services", 200, 3.25)
        finally:
            reset_request_id(token)
        flush_logs()
        line = json.loads(stream.getvalue())
        assert line["logger"] == "langelis.access" and line["msg"] == "request"
        assert (line["method"], line["path"], line["status"], line["duration_ms"]) == (
            "GET",
            "/api/v1/services",
            200,
            3.25,
        )
        assert line["request_id"] == "req-access-1"
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
