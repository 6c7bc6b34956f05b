"""The command line: `imgtui` (the app) and its commands, one module each.

Errors are one line on stderr and exit status 2; never a traceback. An operating-system
error (a full disk, a folder that cannot be written) names the file and the reason; a
closed pipe (`imgtui status | head -1`) ends quietly with status 0, as Unix tools do.
Output falls back to ASCII stand-ins where the console's encoding lacks a symbol."""

from __future__ import annotations

import os
import sys
from types import SimpleNamespace
from typing import Any

from ..catalog import CatalogError
from ..clock import Clock
from ..persistence.locked_file import DataFileError
from ..session import Session, ViewOptions, open_session
from .errors import UsageError

# What the parser gives for no arguments at all (a test holds the two equal).
NO_ARGUMENTS = {"command": None, "mode": None, "rules": None, "match_year": None, "timezone": None}


def parse_arguments(argv: list[str]) -> Any:
    """Plain `imgtui`, by far the most common call, opens the app with the saved settings:
    answered without importing argparse (~8 ms of start-up). Otherwise an argparse.Namespace."""
    if not argv:
        return SimpleNamespace(**NO_ARGUMENTS)
    from .arguments import build_parser

    return build_parser().parse_args(argv)


def main(argv: list[str] | None = None, clock: Clock | None = None) -> int:
    # The helpers for plain output load only for a command (or an error): plain `imgtui` is
    # the app, which writes through Textual, and every module is start-up time.
    argv = sys.argv[1:] if argv is None else argv
    if argv:
        from .output import configure_output

        configure_output()
    try:
        args = parse_arguments(argv)
        session = open_session(ViewOptions(args.mode, args.rules, args.match_year, args.timezone), clock)
        code = run_command(session, args)
        sys.stdout.flush()  # a full disk or closed pipe is reported here, not at exit
        tell_warnings(session)
        return code
    except BrokenPipeError:  # `imgtui status | head`
        from .output import silence_stdout

        silence_stdout()
        return 0
    except (UsageError, CatalogError, DataFileError, ValueError) as error:
        from .output import error_line

        error_line(str(error))
        return 2
    except OSError as error:  # a full disk, /dev/full as stdout, a folder that cannot be written
        from .output import error_line, os_error_message, silence_stdout

        if error.filename is None:  # the output itself failed: do not fail again at exit
            silence_stdout()
        error_line(os_error_message(error))
        return 2
    except KeyboardInterrupt:
        return 130


def tell_warnings(session: Session) -> None:
    """What is odd but usable in the files this command read (a date in the future)."""
    from .output import warning_line

    for document in (session.files.progress, session.files.programs):
        if document.loaded and document.problem is None:
            for warning in document.warnings:
                warning_line(f"{document.path}: {warning}")


def run_command(session: Session, args: Any) -> int:
    if args.command == "status":
        from .status import run_status

        return run_status(session, args.json)
    if args.command == "stats":
        from .stats import run_stats

        return run_stats(session, args.json)
    if args.command == "facts":
        from .facts import run_facts

        return run_facts(session, args.json, args.stale)
    if args.command == "calendar":
        from .calendar import run_calendar

        return run_calendar(session, args.output)
    if args.command in ("tick", "untick"):
        from .tick import run_tick, run_untick

        return run_tick(session, args.step, args.on) if args.command == "tick" else run_untick(session, args.step)
    if args.command == "costs":
        from .costs import run_costs

        return run_costs(session, args.json)
    if args.command == "signals":
        from .signals import run_signals

        return run_signals(session, args.json, args.all)
    if args.command == "programs":
        from .programs import run_programs

        return run_programs(session, args)
    if args.command == "ranklist":
        from .ranklist import run_ranklist

        return run_ranklist(session, args)
    if args.command == "letters":
        from .letters import run_letters

        return run_letters(session, args.json)
    return _app(session)


def _app(session: Session) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the full-screen app needs a terminal; for a plain summary run `imgtui status`")
    if os.environ.get("TERM") == "dumb":
        raise UsageError("this terminal (TERM=dumb) cannot show the full-screen app; run `imgtui status`")
    from ..app import run_app

    return run_app(session)
