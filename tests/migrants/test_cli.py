"""`langelis retention` is registered and, with --dry-run, changes nothing."""

from __future__ import annotations

from api.cli import build_parser, main


def test_retention_command_is_registered(engine, capsys):
    args = build_parser().parse_args(["retention", "--days", "30", "--dry-run"])
    assert args.days == 30 and args.dry_run is True
    assert main(["retention", "--days", "3650", "--dry-run"]) == 0
    assert "would anonymise" in capsys.readouterr().out
