"""Every shell example in the README runs as written against a live demo server (issue 11): the
blocks that call the API, in order, in one shell, each curl failing on an HTTP error."""

from __future__ import annotations

from pathlib import Path

from tests.live.conftest import LiveServer
from tests.live.readme_examples import examples, run_all


def test_the_readme_has_api_examples() -> None:
    assert len(examples()) >= 6


def test_every_readme_example_runs_as_written(live: LiveServer, tmp_path: Path) -> None:
    results = run_all(live.url, tmp_path)
    failed = [
        (ex.line, done.stdout[-800:], done.stderr[-800:]) for ex, done in results if done.returncode != 0
    ]
    assert not failed, failed
    assert len(results) == len(examples())
