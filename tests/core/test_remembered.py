"""The store of remembered answers (``api/core/remembered.py``): one computation of a key at a time,
however many threads ask for it together."""

from __future__ import annotations

import threading
import time

from api.core.remembered import Answers, UnderTag, remembered


def test_threads_asking_together_wait_for_one_computation():
    store: Answers[bytes] = Answers(1024 * 1024)
    key = ("page",)
    release = threading.Event()
    computed: list[int] = []

    def compute() -> bytes:
        computed.append(1)
        release.wait(10)  # held until every asker is in
        return b"answer"

    answers: list[bytes] = []

    def ask() -> None:
        answers.append(remembered(store, lambda _session: (1, None), None, key, compute))  # type: ignore[arg-type]

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 10
    while store.waiting(key) < 8 and time.monotonic() < deadline:
        threading.Event().wait(0.001)  # until all eight hold or wait for the key's flight
    assert store.waiting(key) == 8
    release.set()
    for t in threads:
        t.join(10)
    assert answers == [b"answer"] * 8
    assert len(computed) == 1  # seven found it remembered once the first was done
    assert store.waiting(key) == 0  # nothing left behind


def test_another_tag_is_computed_again_and_off_means_never_kept():
    store: Answers[bytes] = Answers(1024 * 1024)
    calls: list[int] = []

    def compute() -> bytes:
        calls.append(1)
        return b"x%d" % len(calls)

    assert remembered(store, lambda _s: (1, None), None, ("k",), compute) == b"x1"  # type: ignore[arg-type]
    assert remembered(store, lambda _s: (1, None), None, ("k",), compute) == b"x1"  # type: ignore[arg-type]
    assert remembered(store, lambda _s: (2, None), None, ("k",), compute) == b"x2"  # type: ignore[arg-type]
    off: Answers[bytes] = Answers(0)
    assert remembered(off, lambda _s: (1, None), None, ("k",), compute) == b"x3"  # type: ignore[arg-type]
    assert remembered(off, lambda _s: (1, None), None, ("k",), compute) == b"x4"  # type: ignore[arg-type]
    assert len(off) == 0


def test_values_under_a_tag_are_read_once_until_the_tag_changes():
    memo = UnderTag()
    loads: list[str] = []

    def load(name: str):
        def run() -> str:
            loads.append(name)
            return f"{name}{len(loads)}"

        return run

    assert memo.get((1, None), "defs", load("a")) == "a1"
    assert memo.get((1, None), "defs", load("a")) == "a1", "kept under the same tag"
    assert memo.get((1, None), "built", load("b")) == "b2", "each key on its own"
    assert memo.get((1, None), "built", load("b"), fresh=True) == "b3", "looked up again when asked"
    assert memo.get((1, None), "built", load("b")) == "b3"
    assert memo.get((2, None), "defs", load("a")) == "a4", "another tag: read again"
    assert memo.get((1, None), "defs", load("a")) == "a5", "only the newest tag's values are kept"
    # A transaction with writes of its own sees what no one else does: never kept, never taken.
    assert memo.get((1, 7), "defs", load("a")) == "a6"
    assert memo.get((1, 7), "defs", load("a")) == "a7"
    assert memo.get((1, None), "defs", load("a")) == "a5"
    assert loads == ["a", "b", "b", "a", "a", "a", "a"]
