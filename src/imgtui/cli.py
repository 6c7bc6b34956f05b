"""Command line: `imgtui` (the app), `imgtui status [--json]`, `imgtui stats [--json]`.

Errors are one line on stderr and exit status 2; never a traceback.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from .catalog import CatalogError, default_catalog
from .clock import Clock, clock_from_environment
from .domain.model import Catalog
from .domain.progress import Progress
from .store import ProgressFileError, ProgressStore, default_path


class UsageError(Exception):
    pass


# What the parser gives for no arguments at all (a test holds the two equal).
NO_ARGUMENTS = {"command": None, "mode": None, "rules": None, "match_year": None}


@dataclass
class Session:
    """What every command needs: the facts, the clock, the file and the view options."""

    catalog: Catalog
    clock: Clock
    store: ProgressStore
    mode: str | None
    rules: str | None
    match_year: int | None

    def progress(self) -> Progress:
        """The saved progress with this run's --mode/--rules/--match-year applied (not saved)."""
        progress = self.store.load()
        progress.mode = self.mode or progress.mode
        progress.rules = self.rules or progress.rules
        progress.match_year = self.match_year or progress.match_year
        return progress


def parse_arguments(argv: list[str]):
    """Plain `imgtui`, by far the most common call, opens the app with the saved settings:
    answered without importing argparse (~8 ms of start-up). Otherwise an argparse.Namespace."""
    if not argv:
        return SimpleNamespace(**NO_ARGUMENTS)
    from .arguments import build_parser

    return build_parser().parse_args(argv)


def main(argv: list[str] | None = None, clock: Clock | None = None) -> int:
    try:
        args = parse_arguments(sys.argv[1:] if argv is None else argv)
        catalog = default_catalog()
        clock = clock or clock_from_environment()
        store = ProgressStore(default_path(), tuple(catalog.rule_sets), lambda: clock().date())
        session = Session(catalog, clock, store, args.mode, args.rules, args.match_year)
        if args.command == "status":
            return _status(session, args.json)
        if args.command == "stats":
            return _stats(session, args.json)
        if args.command == "calendar":
            return _calendar(session, args.output)
        if args.command == "programs":
            from .programs_cli import run_programs

            return run_programs(session, args)
        return _app(session)
    except (UsageError, CatalogError, ProgressFileError, ValueError) as error:
        print(f"imgtui: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `imgtui status | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _status(session: Session, as_json: bool) -> int:
    from .domain.summary import situation, situation_json

    now = session.clock()
    progress = session.progress()
    current = situation(session.catalog, progress, now)
    if as_json:
        import json

        data = situation_json(current, now)
        data["progress_file"] = str(session.store.path)
        print(json.dumps(data, indent=2))
        return 0
    from .report import print_status

    print_status(current, now, session.store.path, session.store.path.exists())
    return 0


def _calendar(session: Session, output: str | None) -> int:
    from .domain.summary import situation
    from .ics import calendar_bytes

    now = session.clock()
    data = calendar_bytes(situation(session.catalog, session.progress(), now), now)
    if output is None or output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    try:
        Path(output).write_bytes(data)
    except OSError as error:
        raise UsageError(f"cannot write {output}: {error.strerror}") from None
    print(f"Wrote {output}", file=sys.stderr)
    return 0


def _stats(session: Session, as_json: bool) -> int:
    from .domain.summary import stats_json

    if as_json:
        import json

        print(json.dumps(stats_json(session.catalog), indent=2))
        return 0
    from .report import print_stats

    print_stats(session.catalog, session.progress().mode)
    return 0


def _app(session: Session) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the full-screen app needs a terminal; for a plain summary run `imgtui status`")
    if os.environ.get("TERM") == "dumb":
        raise UsageError("this terminal (TERM=dumb) cannot show the full-screen app; run `imgtui status`")
    from .app import run_app

    return run_app(session)


def path_for_display(path: Path) -> str:
    home = Path.home()
    try:
        return "~/" + str(path.relative_to(home))
    except ValueError:
        return str(path)
