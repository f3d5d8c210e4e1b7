"""Webhook fan-out: 1,000 service changes, 20 subscribers, delivered to a local receiver by 4
senders running at the same time as the changes (as the worker's threads do), on SQLite and
PostgreSQL; beside the floor measured in the same run: the same 20,000 signed POSTs sent straight
from 4 threads with no database at all.

`python -m bench webhooks` (``LANGELIS_BENCH_WEBHOOK_CHANGES`` default 1000,
``LANGELIS_BENCH_WEBHOOK_SUBSCRIBERS`` default 20, ``LANGELIS_BENCH_DIALECTS`` default
``sqlite,postgresql``). Results land in ``bench/results/webhooks.json``. It measures; it asserts
nothing (correctness is tests/webhooks/)."""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx

RESULTS = Path(__file__).resolve().parent / "results"
CHANGES = int(os.environ.get("LANGELIS_BENCH_WEBHOOK_CHANGES", "1000"))
SUBSCRIBERS = int(os.environ.get("LANGELIS_BENCH_WEBHOOK_SUBSCRIBERS", "20"))
SENDERS = 4


class _Receiver:
    def __init__(self) -> None:
        self.delays: list[float] = []
        self.received = 0
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                now = time.time()
                committed = json.loads(body).get("data", {}).get("t")
                with receiver.lock:
                    receiver.received += 1
                    if committed is not None:
                        receiver.delays.append((now - committed) * 1000)
                self.send_response(204)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def count(self) -> int:
        with self.lock:
            return self.received


@contextmanager
def _database(dialect: str) -> Iterator[str]:
    from tests.conftest import create_database, run_migrations

    previous = os.environ.get("LANGELIS_TEST_DATABASE_URL")
    os.environ["LANGELIS_TEST_DATABASE_URL"] = (
        "sqlite" if dialect == "sqlite" else "postgresql://postgres@127.0.0.1:5432/test"
    )
    with tempfile.TemporaryDirectory() as tmp:
        db = create_database(Path(tmp), prefix="langelis_bench_wh")
        try:
            run_migrations(db.url)
            yield db.url
        finally:
            if db.cleanup:
                db.cleanup()
            if previous is None:
                os.environ.pop("LANGELIS_TEST_DATABASE_URL", None)
            else:
                os.environ["LANGELIS_TEST_DATABASE_URL"] = previous


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def _fanout(dialect: str) -> dict[str, Any]:
    from sqlmodel import select

    from api.core.db import make_engine, make_session_factory
    from api.municipalities.models import Municipality
    from api.webhooks import delivery, signing
    from api.webhooks.emit import emit
    from api.webhooks.models import WebhookSubscription

    receiver = _Receiver()
    with _database(dialect) as url:
        engine = make_engine(url)
        factory = make_session_factory(engine)
        with factory() as s:
            vilnius = s.exec(select(Municipality).where(Municipality.slug == "vilniaus-m")).one()
            for i in range(SUBSCRIBERS):
                s.add(
                    WebhookSubscription(
                        url=f"{receiver.url}/s{i}",
                        event_types=["service.updated"],
                        municipality_id=vilnius.id,
                        created_by="bench",
                        secret=signing.new_secret(),
                    )
                )
            s.commit()
            municipality_id = vilnius.id
        total = CHANGES * SUBSCRIBERS
        done = threading.Event()

        def sender() -> None:
            while not done.is_set():
                counts = delivery.run(factory, allow_private=True, limit=50)
                if not sum(counts.values()):
                    time.sleep(0.005)  # nothing due yet: the producer is still writing

        threads = [threading.Thread(target=sender) for _ in range(SENDERS)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for n in range(CHANGES):
            with factory() as s:
                event = emit(s, "service.updated", municipality_id=municipality_id, data={"id": f"bench-{n}"})
                assert event is not None
                # The change's commit time travels in the payload: the receiver measures the delay.
                event.data = {**event.data, "t": time.time()}
                s.commit()
        changes_done = time.perf_counter()
        while receiver.count() < total and time.perf_counter() - started < 600:
            time.sleep(0.01)
        elapsed = time.perf_counter() - started
        done.set()
        for t in threads:
            t.join()
        engine.dispose()
    delays = receiver.delays
    receiver.server.shutdown()
    return {
        "dialect": dialect,
        "changes": CHANGES,
        "subscribers": SUBSCRIBERS,
        "deliveries": receiver.count(),
        "seconds": round(elapsed, 2),
        "deliveries_per_s": round(receiver.count() / elapsed, 1),
        "changes_written_s": round(changes_done - started, 2),
        "delay_p50_ms": round(_pct(delays, 0.5), 1),
        "delay_p99_ms": round(_pct(delays, 0.99), 1),
    }


def _floor() -> dict[str, Any]:
    """The same number of signed POSTs, from 4 threads, no database."""
    from api.webhooks import signing

    receiver = _Receiver()
    secret = signing.new_secret()
    body = json.dumps({"type": "service.updated", "data": {"id": "x"}}).encode()
    per_thread = CHANGES * SUBSCRIBERS // SENDERS

    def post() -> None:
        with httpx.Client(timeout=10) as client:
            for i in range(per_thread):
                headers = signing.headers(secret, f"m{i}", int(time.time()), body)
                client.post(f"{receiver.url}/floor", content=body, headers=headers)

    threads = [threading.Thread(target=post) for _ in range(SENDERS)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    receiver.server.shutdown()
    return {
        "posts": receiver.count(),
        "seconds": round(elapsed, 2),
        "posts_per_s": round(receiver.count() / elapsed, 1),
    }


def main() -> None:
    dialects = os.environ.get("LANGELIS_BENCH_DIALECTS", "sqlite,postgresql").split(",")
    results: dict[str, Any] = {"floor": _floor(), "at": datetime.now().isoformat(timespec="seconds")}
    for dialect in dialects:
        results[dialect] = _fanout(dialect)
        ratio = results[dialect]["deliveries_per_s"] / max(results["floor"]["posts_per_s"], 0.1)
        results[dialect]["share_of_floor"] = round(ratio, 2)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "webhooks.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps(results, indent=2))
