"""CSV import and export of the program list.

Import: a header row; columns matched by name (see domain.programs.ALIASES); unknown columns
kept with each program (and reported). A row that does not validate is reported with its line
number and reason; by default nothing is imported when any row is bad.
Export: cells that a spreadsheet would run as a formula (= + - @, tab, CR) are prefixed with
an apostrophe, so a pasted `=cmd|...` never executes."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from .programs import ALIASES, FIELDS, TITLES, Program, ProgramError, parse_program, present_fields, to_record

MAX_FIELD = 100_000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class ImportResult:
    # Each good row's program and the fields its non-blank cells fill (an import changes
    # only those in a program already on the list).
    rows: list[tuple[Program, frozenset[str]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "line 7: img_pct: expected ..."
    unknown_columns: list[str] = field(default_factory=list)

    @property
    def programs(self) -> list[Program]:
        return [program for program, _present in self.rows]


class CsvError(ValueError):
    """The file as a whole cannot be read as CSV."""


def read_programs(data: bytes, today: date) -> ImportResult:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CsvError(f"line {line}: not UTF-8 text (byte {error.start}); save the file as UTF-8 CSV") from None
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise CsvError("the file is empty: expected a header row") from None
    except csv.Error as error:
        raise CsvError(f"line 1: {error}") from None
    columns: list[str | None] = []
    result = ImportResult()
    for title in header:
        name = ALIASES.get(title.strip().casefold())
        columns.append(name)
        if name is None and title.strip():
            result.unknown_columns.append(title.strip())
    for required in ("name", "specialty"):
        if required not in columns:
            raise CsvError(f"line 1: no {required!r} column (headers: {', '.join(h for h in header if h) or 'none'})")
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            result.problems.append(f"line {reader.line_num}: {error}")
            break
        if not any(cell.strip() for cell in row):
            continue
        values, extra = {}, {}
        for title, name, cell in zip(header, columns, row, strict=False):
            if name is None:
                if title.strip() and cell.strip():
                    extra[title.strip()] = cell
            else:
                values[name] = _unescape(cell)
        if len(row) > len(header):
            result.problems.append(f"line {reader.line_num}: {len(row)} cells but {len(header)} columns")
            continue
        try:
            program = parse_program(values, today, extra)
            result.rows.append((program, present_fields(values)))
        except ProgramError as error:
            result.problems.append(f"line {reader.line_num}: {error}")
    return result


def _unescape(cell: str) -> str:
    """Undo _safe: an apostrophe that only guards a formula character goes."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def _safe(cell: object) -> str:
    if isinstance(cell, bool):  # thank-you sent
        return "yes" if cell else ""
    text = "" if cell is None else (f"{cell:g}" if isinstance(cell, float) else str(cell))
    return "'" + text if text.startswith(FORMULA_START) else text


def write_programs(programs: list[Program]) -> str:
    out = io.StringIO(newline="")
    extra_columns = sorted({k for p in programs for k in p.extra})
    writer = csv.writer(out)
    writer.writerow([TITLES[f] for f in FIELDS] + extra_columns)
    for program in programs:
        record = to_record(program)
        writer.writerow([_safe(record[f]) for f in FIELDS] + [_safe(program.extra.get(k, "")) for k in extra_columns])
    return out.getvalue()


RANK_LIST_COLUMNS = ("Rank", "Program", "Specialty", "City", "State", "Status", "Interview", "Flags", "Notes")


def write_rank_list(order: list[Program], flags: dict[tuple[str, str], list[str]]) -> str:
    """The rank order list in order (ranks 1..n as shown), formula-safe like the program
    export; `imgtui programs import` reads it back (Rank, Program, Specialty)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(RANK_LIST_COLUMNS)
    for place, p in enumerate(order, 1):
        cells = [
            place,
            p.name,
            p.specialty,
            p.city,
            p.state,
            p.status,
            p.interview,
            "; ".join(flags.get(p.key, [])),
            p.notes,
        ]
        writer.writerow([_safe(c) for c in cells])
    return out.getvalue()
