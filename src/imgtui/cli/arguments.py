"""The command line's grammar. Imported only when `imgtui` is given arguments."""

from __future__ import annotations

import argparse
import functools
from typing import NoReturn

from .. import __version__
from ..domain.model import MODES
from ..domain.programs import STATUSES as PROGRAM_STATUSES
from ..domain.programs import ProgramStatus, parse_status, status_words
from ..domain.zones import zone_named
from ..persistence.paths import default_path
from .errors import UsageError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not usage + error
        raise UsageError(f"{message} (see `imgtui --help`)")


class _TopParser(_Parser):
    def format_help(self) -> str:  # the progress path as it is when help is asked for
        self.epilog = (
            f"Progress is saved in {default_path()} (set XDG_CONFIG_HOME to move it). "
            "Options given here apply to this run only; the app saves changes you make in it."
        )
        return super().format_help()


def _view_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--mode",
        choices=MODES,
        default=default,
        help="non-us-img (needs a visa) or us-img (US citizen or resident); default: saved, else non-us-img",
    )
    parser.add_argument(
        "--rules",
        choices=("current", "guide-2019"),
        default=default,
        help="current (default) or guide-2019 (the guide's Match 2019 rules, with Step 2 CS)",
    )
    parser.add_argument(
        "--match-year",
        type=_year,
        default=default,
        metavar="YEAR",
        help="target Match year, e.g. 2027; default: saved, else the next Match Day ahead",
    )
    parser.add_argument(
        "--tz",
        dest="timezone",
        type=_zone,
        default=default,
        metavar="ZONE",
        help="show times in this IANA time zone, e.g. Asia/Kolkata; default: saved (timezone in the "
        "progress file), else the system's (TZ)",
    )


def _year(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 2000 <= int(text) <= 2100:
        raise argparse.ArgumentTypeError(f"expected a year such as 2027, got {text!r}")
    return int(text)


def _program_status(text: str) -> ProgramStatus:
    status = parse_status(text)
    if status is None:
        raise argparse.ArgumentTypeError(
            f"expected one of {', '.join(status_words(s) for s in PROGRAM_STATUSES)}, got {text!r}"
        )
    return status


def _zone(text: str) -> str:
    try:
        zone_named(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text.strip()


# Built once per process: parsing never changes it, and its 15 sub-parsers cost ~3 ms to
# build (the unit tests call the command line some 200 times).
@functools.cache
def build_parser() -> argparse.ArgumentParser:
    parser = _TopParser(
        prog="imgtui",
        description="A terminal guide from 'I want a US residency' to Match Day, for International Medical "
        "Graduates. Without a command it opens the full-screen app.",
    )
    parser.add_argument("--version", action="version", version=f"imgtui {__version__}")
    _view_options(parser, suppress=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    status = commands.add_parser(
        "status",
        help="print a summary: deadlines, steps, what is allowed and blocked",
        description="Print a summary of your progress (no full screen).",
    )
    status.add_argument(
        "--json", action="store_true", help="print JSON (mode, rules, match_year, steps, actions, deadlines)"
    )
    _view_options(status, suppress=True)
    stats = commands.add_parser(
        "stats",
        help="print the guide's 2018 specialty tables and the newer Match outcomes",
        description="Print the specialty statistics (the guide's 2018 tables, mostly NRMP Charting Outcomes 2018) "
        "and the IMG outcomes of newer Matches, each figure with its source.",
    )
    stats.add_argument("--json", action="store_true", help="print JSON with every table, row and column")
    _view_options(stats, suppress=True)
    facts = commands.add_parser(
        "facts",
        help="list every fact the app shows: status, source, as_of, age, stale",
        description="List every fact imgtui shows, with its status, source, as_of, age and whether it is past its "
        "refresh period (season dates: one season; visa and rules: six months; outcomes: one Match). Your own "
        "facts (TOML files in the facts folder beside progress.toml) are marked yours.",
    )
    facts.add_argument("--json", action="store_true", help="print JSON")
    facts.add_argument("--stale", action="store_true", help="only the facts past their refresh period")
    _view_options(facts, suppress=True)
    calendar = commands.add_parser(
        "calendar",
        help="write your Match year's dates as an iCalendar (.ics) file",
        description="Write every deadline and latest-safe date of your Match year as "
        "iCalendar (RFC 5545) events, each with a reminder a week before.",
    )
    calendar.add_argument("-o", "--output", metavar="PATH", help="write to PATH instead of standard output")
    _view_options(calendar, suppress=True)

    tick = commands.add_parser(
        "tick",
        help="mark a step done, on the day it was really done",
        description="Mark a step done (saved in progress.toml, like ticking it in the app) and print "
        "what that changes. Step ids: see `imgtui status --json` (steps[].id); Step 2 CS (step2cs) "
        "can be ticked under the current rules too, where a pass before 2021-01-26 satisfies the "
        "Pathway and OET steps.",
    )
    tick.add_argument("step", metavar="STEP_ID", help="e.g. step1, step2ck, step2cs, oet_medicine")
    tick.add_argument(
        "--on", metavar="YYYY-MM-DD", help="the day it was done (default: today in your time zone; not later)"
    )
    _view_options(tick, suppress=True)
    untick = commands.add_parser(
        "untick",
        help="mark a step not done",
        description="Mark a step not done (removes its date from progress.toml) and print what that changes.",
    )
    untick.add_argument("step", metavar="STEP_ID")
    _view_options(untick, suppress=True)
    costs = commands.add_parser(
        "costs",
        help="what your application season costs, itemised, with sources",
        description="The season's costs for your target Match year (the ERAS season of the same year): ERAS "
        "fees per specialty for the programs you apply to (applied or later, not withdrawn, and those marked "
        "will-apply), the token, transcript and NRMP fees, and the exam fees still ahead. Figures not published "
        "for the season are the last published ones, marked projected.",
    )
    costs.add_argument("--json", action="store_true", help="print JSON (season, eras, items, total; US dollars)")
    _view_options(costs, suppress=True)
    signals = commands.add_parser(
        "signals",
        help="program signals per specialty: allowed, used, left, on which programs",
        description="Program signals for your target Match year's ERAS season, per specialty in your list.",
    )
    signals.add_argument("--json", action="store_true", help="print JSON")
    signals.add_argument("--all", action="store_true", help="every specialty with a signal count, not only yours")
    _view_options(signals, suppress=True)

    programs = commands.add_parser(
        "programs",
        help="your program list: import, export, list",
        description="Your own list of residency programs (kept in programs.json beside progress.toml).",
    )
    actions = programs.add_subparsers(dest="programs_command", metavar="ACTION", parser_class=_Parser, required=True)
    importing = actions.add_parser("import", help="add or update programs from a CSV file (header row required)")
    importing.add_argument("path", metavar="PATH.csv")
    importing.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the rows that validate and report the others (default: import nothing when any row is bad)",
    )
    exporting = actions.add_parser("export", help="write every program to a CSV file")
    exporting.add_argument("path", metavar="PATH.csv", help="where to write ('-' for standard output)")
    listing = actions.add_parser("list", help="print programs, filtered")
    listing.add_argument("--specialty", metavar="S", help="specialty contains S (any case)")
    listing.add_argument("--visa", choices=("j1", "h1b"), help="programs that sponsor this visa")
    listing.add_argument("--min-img-pct", type=float, metavar="N", help="at least N%% IMG residents")
    listing.add_argument(
        "--status",
        type=_program_status,
        metavar="STATUS",
        help="programs with this status: "
        + ", ".join(status_words(s) for s in PROGRAM_STATUSES)
        + ' (as printed, e.g. "interview offered", or its id, interview_offered)',
    )
    listing.add_argument(
        "--division", metavar="D", help="programs in this Census division (e.g. pacific, middle-atlantic)"
    )
    listing.add_argument("--json", action="store_true", help="print JSON")
    _view_options(programs, suppress=True)

    ranklist = commands.add_parser(
        "ranklist",
        help="your rank order list in order; `ranklist export FILE.csv`",
        description="Your rank order list (kept with your programs in programs.json): rank, program, specialty, "
        "status, flags; how many ranks go beyond those the NRMP registration fee covers; the certify-by deadline "
        "while you have not marked it certified.",
    )
    ranklist.add_argument("--json", action="store_true", help="print JSON")
    rank_actions = ranklist.add_subparsers(dest="ranklist_command", metavar="ACTION", parser_class=_Parser)
    rank_export = rank_actions.add_parser("export", help="write the list, in order, to a CSV file")
    rank_export.add_argument("path", metavar="PATH.csv", help="where to write ('-' for standard output)")
    _view_options(ranklist, suppress=True)

    letters = commands.add_parser(
        "letters",
        help="letters of recommendation, US clinical experience, programs missing them",
        description="Your letters of recommendation and US clinical experience (added in the app, key l), and "
        "the programs that lack letters or USCE they say they require.",
    )
    letters.add_argument("--json", action="store_true", help="print JSON")
    _view_options(letters, suppress=True)
    return parser
