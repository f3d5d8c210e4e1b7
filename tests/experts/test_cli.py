"""`langelis experts-remind` is registered and counts the reminders due."""

from __future__ import annotations

from api.cli import build_parser, main


def test_remind_command_is_registered_and_dry_run_commits_nothing(engine, capsys):
    args = build_parser().parse_args(["experts-remind", "--dry-run"])
    assert args.dry_run is True
    assert main(["experts-remind", "--dry-run"]) == 0
    assert "would send" in capsys.readouterr().out
