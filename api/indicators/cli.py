"""``langelis indicators import FILE``, ``langelis indicators derive`` and ``langelis indicators cells``."""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from api.core.actor import Actor
from api.core.commands import CommandContext
from api.indicators import jobs, periods
from api.indicators.analytics import cells
from api.indicators.data.formats import ChunkReader, FormatError
from api.indicators.data.importer import Importer
from api.indicators.derivation import derive

CLI_ACTOR = Actor(
    kind="client",
    role="system",
    display_name="langelis-cli",
    scopes=frozenset({"indicators:read", "indicators:write", "indicators:publish"}),
)
FORMATS = {".csv": "csv", ".json": "json", ".ndjson": "ndjson", ".jsonl": "ndjson"}


class Progress:
    """A progress bar on stderr by bytes read (rows counted beside it)."""

    def __init__(self, total: int, stream: Any = None) -> None:
        self.total = max(total, 1)
        self.read = 0
        self.rows = 0
        # Looked up when the bar is made, not when the module is imported: sys.stderr may have been
        # replaced since (test capture, embedding), and the import-time object may be closed.
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.monotonic()
        self.last = 0.0

    def on_bytes(self, n: int) -> None:
        self.read += n
        self.draw()

    def on_rows(self, n: int) -> None:
        self.rows += n
        self.draw()

    def draw(self, final: bool = False) -> None:
        now = time.monotonic()
        if not final and now - self.last < 0.2:
            return
        self.last = now
        share = min(self.read / self.total, 1.0)
        bar = "#" * int(share * 30)
        rate = self.rows / max(now - self.started, 1e-6)
        self.stream.write(f"\r[{bar:<30}] {share:6.1%} {self.rows:>10,} rows {rate:>9,.0f} rows/s")
        if final:
            self.stream.write("\n")
        self.stream.flush()


def cmd_import(args: argparse.Namespace, ctx: CommandContext) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"no such file: {path}", file=sys.stderr)
        return 2
    fmt = args.format or FORMATS.get(path.suffix.lower())
    if fmt is None:
        print("say the format with --format (csv, sdmx-csv, json, ndjson)", file=sys.stderr)
        return 2
    progress = Progress(path.stat().st_size)
    with path.open("rb") as f, ctx.session_factory() as session:
        reader = ChunkReader(lambda: f.read(1 << 20), on_read=None if args.quiet else progress.on_bytes)
        importer = Importer(
            session,
            actor=CLI_ACTOR,
            fmt=fmt,
            strategy=args.strategy,
            dry_run=args.dry_run,
            atomic=args.atomic,
            progress=None if args.quiet else progress.on_rows,
        )
        try:
            summary = importer.run(reader)
        except FormatError as exc:
            print(f"\n{exc}", file=sys.stderr)
            return 2
        session.commit()
    if not args.quiet:
        progress.draw(final=True)
    print(json.dumps(summary.model_dump(mode="json"), indent=2, ensure_ascii=False))
    return 1 if summary.status == "rejected" else 0


def cmd_derive(args: argparse.Namespace, ctx: CommandContext) -> int:
    factory = ctx.session_factory
    if args.daily:
        print(jobs.run_daily(factory))
        return 0
    today = datetime.now(UTC).date()
    try:
        years = sorted(
            {p.year for expr in (args.period or ["THIS_YEAR"]) for p in periods.expand(expr, today)}
        )
    except periods.PeriodError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if not jobs.acquire(factory):
        print("another derivation is running (lock held); try later", file=sys.stderr)
        return 1
    try:
        with factory() as session:
            run = derive(session, years=years, trigger="cli")
            session.commit()
    finally:
        jobs.release(factory)
    print(json.dumps({"status": run.status, "years": run.years, "summary": run.summary}, indent=2))
    return 0 if run.status == "completed" else 1


def cmd_cells(args: argparse.Namespace, ctx: CommandContext) -> int:
    started = time.perf_counter()
    with ctx.session_factory() as session:
        summary = cells.build(session, force=args.force)
    print(json.dumps({**summary, "seconds": round(time.perf_counter() - started, 2)}))
    return 0


def register(sub: Any) -> None:
    parser = sub.add_parser("indicators", help="indicator data: import files, derive the platform's figures")
    commands = parser.add_subparsers(dest="indicators_command", required=True)

    p = commands.add_parser("import", help="load observations from a file (CSV, SDMX-CSV, JSON, NDJSON)")
    p.add_argument("file")
    p.add_argument("--format", choices=["csv", "sdmx-csv", "json", "ndjson"], help="else from the extension")
    p.add_argument(
        "--strategy", choices=["create", "update", "create_and_update", "delete"], default="create_and_update"
    )
    p.add_argument("--dry-run", action="store_true", help="check and count only")
    p.add_argument("--atomic", action="store_true", help="any conflict loads nothing")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_import, needs_context=True)

    p = commands.add_parser("derive", help="compute derived indicators (small cells protected)")
    p.add_argument(
        "--period",
        action="append",
        default=None,
        help="years to compute: 2025, 2021..2025, THIS_YEAR, LAST_5_YEARS (repeatable; default THIS_YEAR)",
    )
    p.add_argument(
        "--daily", action="store_true", help="the daily job: at most once a day, one host at a time"
    )
    p.set_defaults(func=cmd_derive, needs_context=True)

    p = commands.add_parser("cells", help="build the analytics cells kept ready (what the minute's job does)")
    p.add_argument("--force", action="store_true", help="build every series again, current or not")
    p.set_defaults(func=cmd_cells, needs_context=True)
