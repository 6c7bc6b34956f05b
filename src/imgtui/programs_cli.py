"""`imgtui programs import|export|list`."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from .domain.programs import Filter, filter_programs, fit_flags, to_record
from .program_store import ProgramBook, ProgramStore, default_programs_path
from .programs_csv import CsvError, read_programs, write_programs


class ProgramsError(Exception):
    pass


def store_for(session) -> ProgramStore:
    return ProgramStore(default_programs_path(), lambda: session.clock().date())


def run_programs(session, args) -> int:
    from .cli import UsageError

    store = store_for(session)
    try:
        if args.programs_command == "import":
            return _import(store, Path(args.path), args.skip_invalid, session)
        if args.programs_command == "export":
            return _export(store, args.path)
        return _list(store, args, session)
    except (CsvError, ProgramsError) as error:
        raise UsageError(str(error)) from None


def _import(store: ProgramStore, path: Path, skip_invalid: bool, session) -> int:
    started = time.perf_counter()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ProgramsError(f"cannot read {path}: {error.strerror}") from None
    result = read_programs(data, session.clock().date())
    for problem in result.problems:
        print(f"{path}: {problem}", file=sys.stderr)
    if result.unknown_columns:
        print(f"{path}: kept unknown columns with each program: {', '.join(result.unknown_columns)}", file=sys.stderr)
    if result.problems and not skip_invalid:
        print(f"{path}: nothing imported: {len(result.problems)} bad row(s); fix them, or use --skip-invalid "
              f"to import the {len(result.programs)} good one(s)", file=sys.stderr)
        return 1

    def add(book: ProgramBook) -> tuple[int, int]:
        added = sum(book.upsert(p) for p in result.programs)
        return added, len(result.programs) - added

    _book, (added, updated) = store.update(add)
    skipped = f", skipped {len(result.problems)} bad row(s)" if result.problems else ""
    print(f"Imported {len(result.programs)} program(s) from {path}: {added} new, {updated} updated{skipped} "
          f"({time.perf_counter() - started:.2f} s).")
    return 0


def _export(store: ProgramStore, target: str) -> int:
    text = write_programs(store.load().programs)
    if target == "-":
        sys.stdout.write(text)
        return 0
    try:
        Path(target).write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        raise ProgramsError(f"cannot write {target}: {error.strerror}") from None
    print(f"Wrote {text.count(chr(10)) - 1} program(s) to {target}.", file=sys.stderr)
    return 0


def _list(store: ProgramStore, args, session) -> int:
    chosen = Filter(specialty=args.specialty, visa=args.visa, min_img_pct=args.min_img_pct, status=args.status)
    programs = filter_programs(store.load().programs, chosen)
    progress = session.progress()
    step3 = "step3" in progress.completed
    today = session.clock().date()
    if args.json:
        print(json.dumps([{**to_record(p), "flags": fit_flags(p, progress.mode, step3, today)} for p in programs],
                         indent=2, ensure_ascii=False))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False)
    for title in ("Program", "Specialty", "Where", "J-1", "H-1B", "% IMG", "Status", "Flags"):
        table.add_column(title)
    for p in programs:
        table.add_row(p.name, p.specialty, ", ".join(x for x in (p.city, p.state) if x), p.j1, p.h1b,
                      "" if p.img_pct is None else f"{p.img_pct:g}", p.status.replace("_", " "),
                      "; ".join(fit_flags(p, progress.mode, step3, today)))
    console = Console()
    console.print(table)
    console.print(f"{len(programs)} program(s)")
    return 0
