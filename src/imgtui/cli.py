"""Command line: `imgtui` (the app), `imgtui status [--json]`, `imgtui stats [--json]`.

Errors are one line on stderr and exit status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .catalog import CatalogError, default_catalog
from .clock import Clock, clock_from_environment
from .domain.model import MODES, Catalog
from .domain.programs import STATUSES as PROGRAM_STATUSES
from .domain.progress import Progress
from .store import ProgressFileError, ProgressStore, default_path


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not usage + error
        raise UsageError(f"{message} (see `imgtui --help`)")


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


def _view_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--mode", choices=MODES, default=default,
                        help="non-us-img (needs a visa) or us-img (US citizen or resident); default: saved, else non-us-img")
    parser.add_argument("--rules", choices=("current", "guide-2019"), default=default,
                        help="current (default) or guide-2019 (the guide's Match 2019 rules, with Step 2 CS)")
    parser.add_argument("--match-year", type=_year, default=default, metavar="YEAR",
                        help="target Match year, e.g. 2027; default: saved, else the next Match Day ahead")


def _year(text: str) -> int:
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"expected a year such as 2027, got {text!r}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="imgtui",
        description="A terminal guide from 'I want a US residency' to Match Day, for International Medical "
                    "Graduates. Without a command it opens the full-screen app.",
        epilog=f"Progress is saved in {default_path()} (set XDG_CONFIG_HOME to move it). "
               "Options given here apply to this run only; the app saves changes you make in it.",
    )
    parser.add_argument("--version", action="version", version=f"imgtui {__version__}")
    _view_options(parser, suppress=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    status = commands.add_parser("status", help="print a summary: deadlines, steps, what is allowed and blocked",
                                 description="Print a summary of your progress (no full screen).")
    status.add_argument("--json", action="store_true", help="print JSON (mode, rules, match_year, steps, actions, deadlines)")
    _view_options(status, suppress=True)
    stats = commands.add_parser("stats", help="print the guide's NRMP 2018 specialty tables",
                                description="Print the specialty statistics (NRMP Charting Outcomes 2018, from the guide).")
    stats.add_argument("--json", action="store_true", help="print JSON with every table, row and column")
    _view_options(stats, suppress=True)
    calendar = commands.add_parser("calendar", help="write your Match year's dates as an iCalendar (.ics) file",
                                   description="Write every deadline and latest-safe date of your Match year as "
                                               "iCalendar (RFC 5545) events, each with a reminder a week before.")
    calendar.add_argument("-o", "--output", metavar="PATH", help="write to PATH instead of standard output")
    _view_options(calendar, suppress=True)

    programs = commands.add_parser("programs", help="your program list: import, export, list",
                                   description="Your own list of residency programs (kept in programs.json beside "
                                               "progress.toml).")
    actions = programs.add_subparsers(dest="programs_command", metavar="ACTION", parser_class=_Parser, required=True)
    importing = actions.add_parser("import", help="add or update programs from a CSV file (header row required)")
    importing.add_argument("path", metavar="PATH.csv")
    importing.add_argument("--skip-invalid", action="store_true",
                           help="import the rows that validate and report the others (default: import nothing "
                                "when any row is bad)")
    exporting = actions.add_parser("export", help="write every program to a CSV file")
    exporting.add_argument("path", metavar="PATH.csv", help="where to write ('-' for standard output)")
    listing = actions.add_parser("list", help="print programs, filtered")
    listing.add_argument("--specialty", metavar="S", help="specialty contains S (any case)")
    listing.add_argument("--visa", choices=("j1", "h1b"), help="programs that sponsor this visa")
    listing.add_argument("--min-img-pct", type=float, metavar="N", help="at least N%% IMG residents")
    listing.add_argument("--status", choices=PROGRAM_STATUSES, help="programs with this status")
    listing.add_argument("--json", action="store_true", help="print JSON")
    _view_options(programs, suppress=True)
    return parser


def main(argv: list[str] | None = None, clock: Clock | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
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


def main_entry() -> None:
    sys.exit(main())
