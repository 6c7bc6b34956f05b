"""`imgtui programs import|export|list`."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from ..domain.dates import latest_today
from ..domain.flags import program_flags
from ..domain.programs import Filter, filter_programs, import_changes, import_summary, merge_edits, to_record
from ..domain.programs_csv import CsvError, read_programs, write_programs
from ..domain.ranklist import with_uncertify
from ..domain.signals import screen_rows
from ..persistence.locked_file import read_import_file, write_atomically
from ..sanitize import visible
from ..session import Session
from .errors import UsageError
from .output import say, write_data, write_json

IMPORT_CHANGES_SHOWN = 10  # programs named after an import; the rest are counted


def run_programs(session: Session, args: Any) -> int:
    if args.programs_command == "import":
        return _import(session, Path(args.path), args.skip_invalid)
    if args.programs_command == "export":
        return _export(session, args.path)
    return _list(session, args)


def _import(session: Session, path: Path, skip_invalid: bool) -> int:
    started = time.perf_counter()
    # Dates are checked against the latest date current anywhere (UTC+14), not this zone's.
    try:
        result = read_programs(read_import_file(path), latest_today(session.clock()))
    except CsvError as error:  # the file as a whole: named like each of its rows' problems
        raise UsageError(f"{path}: {error}") from None
    session.programs()  # loaded (or its problem raised) before rows are checked against it
    document = session.files.programs
    # The signal rules, row by row in file order, as the rows would merge into the list.
    rows, signal_problems = screen_rows(session.catalog.season_facts, session.season(), document.value, result)
    problems = result.problems + signal_problems
    bad = len(result.problems) + len(result.rows) - len(rows)
    for problem in problems:
        say(f"{path}: {problem}", sys.stderr)
    if result.unknown_columns:
        say(f"{path}: kept unknown columns with each program: {', '.join(result.unknown_columns)}", sys.stderr)
    if problems and not skip_invalid:
        say(
            f"{path}: nothing imported: {bad} bad row(s); fix them, or use --skip-invalid "
            f"to import the {len(rows)} good one(s)",
            sys.stderr,
        )
        return 1
    applied = document.change(f"import of {path.name}", lambda book: with_uncertify(book, merge_edits(book, rows)))
    added, updated, fields = import_summary(applied)
    unchanged = len({p.key for p, _present in rows}) - added - updated
    skipped = f", skipped {bad} bad row(s)" if problems else ""
    say(
        f"Imported {len(rows)} row(s) from {path}: {added} new, {updated} updated ({fields} field(s)), "
        f"{unchanged} unchanged{skipped} ({time.perf_counter() - started:.2f} s)."
    )
    changes = import_changes(applied, document.value)
    if changes:  # which programs, and what in each: the person can check nothing else moved
        shown = "; ".join(changes[:IMPORT_CHANGES_SHOWN])
        more = f"; and {len(changes) - IMPORT_CHANGES_SHOWN} more" if len(changes) > IMPORT_CHANGES_SHOWN else ""
        say(f"Updated: {shown}{more}.")
    return 0


def _export(session: Session, target: str) -> int:
    text = write_programs(_programs(session))
    if target == "-":  # CSV is UTF-8 by definition, whatever the console's encoding
        write_data(text)
        return 0
    try:
        write_atomically(Path(target), text.encode("utf-8"), mode=None, into_devices=True)
    except OSError as error:
        raise UsageError(
            f"cannot write {target}: {error.strerror or error}; nothing written (any old file is unchanged)"
        ) from None
    say(f"Wrote {text.count(chr(10)) - 1} program(s) to {target}.", sys.stderr)
    return 0


def _programs(session: Session) -> list[Any]:
    return session.programs()


def _list(session: Session, args: Any) -> int:
    places = session.places()
    division = None
    if args.division:
        found = places.division_for_word(f"division:{args.division.strip().casefold().replace(' ', '-')}")
        if found is None:
            names = ", ".join(d.id.replace("_", "-") for d in session.geography.divisions)
            raise UsageError(f"--division: unknown Census division {args.division!r}; expected one of {names}")
        division = places.in_division(found)
    chosen = Filter(
        specialty=args.specialty, visa=args.visa, min_img_pct=args.min_img_pct, status=args.status, in_division=division
    )
    programs = filter_programs(_programs(session), chosen)
    session.progress()  # a progress file with a problem is reported, as by every command
    context = session.flag_context(session.files.programs.value)  # fit, interviews, letters, place: every flag

    def division_of(p: Any) -> str | None:
        place = places.place(p.state)
        return place.division.name if place.division else None

    if args.json:  # exact: the stored text, UTF-8
        records = [{**to_record(p), "division": division_of(p), "flags": program_flags(p, context)} for p in programs]
        write_json(records)
        return 0
    from rich.table import Table

    from .output import console as plain_console

    table = Table(show_edge=False, pad_edge=False)
    # Each program's Census division beside where it is (--division filters by it); the signal
    # and will-apply go with the status, so the table keeps its width.
    for title in ("Program", "Specialty", "Where", "Division", "J-1", "H-1B", "% IMG", "Status", "Flags"):
        table.add_column(title)
    for p in programs:  # names and places come from the person's files: shown, never obeyed
        table.add_row(
            visible(p.name),
            visible(p.specialty),
            visible(", ".join(x for x in (p.city, p.state) if x)),
            division_of(p) or "",
            p.j1,
            p.h1b,
            "" if p.img_pct is None else f"{p.img_pct:g}",
            p.status.replace("_", " ")
            + (" · will apply" if p.will_apply else "")
            + ({"gold": " · gold signal", "silver": " · silver signal", "yes": " · signal"}.get(p.signal, "")),
            visible("; ".join(program_flags(p, context))),  # a conflict names another program
        )
    console = plain_console()
    console.print(table)
    console.print(f"{len(programs)} program(s)")
    return 0
