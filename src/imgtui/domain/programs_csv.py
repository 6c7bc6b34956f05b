"""CSV import and export of the program list.

Import reads the spreadsheets people have: a FREIDA export, Excel's "CSV" in any region
(`,` or `;` — Excel writes `;` wherever the decimal mark is a comma — or tab, UTF-8 with or
without a byte-order mark, or UTF-16 with one), a blank line above the header, headers in
any case and order (HEADERS below: the spellings FREIDA and common templates use). Columns
imgtui does not know are kept with each program (and reported). A row that does not validate
is reported with its line number, the CSV's own column name and the reason; by default
nothing is imported when any row is bad. Each row also says which fields its cells really
fill (`ImportResult.rows`): an import changes only those, so a blank cell, a cell saying
"n/a" or a missing column never erases what is stored.
Export: cells that a spreadsheet would run as a formula (= + - @, tab, CR) are prefixed with
an apostrophe, so a pasted `=cmd|...` never executes."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from .programs import FIELDS, TITLES, Program, ProgramError, parse_program, present_fields, to_record

MAX_FIELD = 100_000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
VISA_COLUMN = "visa"  # one column naming the visas sponsored ("J-1, H-1B"), as FREIDA exports it

# The header spellings understood (compared without case, extra spaces, or a trailing
# colon), each folded to its field. The README's "CSV columns" table lists them.
HEADERS = {
    "name": ("program", "program name", "name", "residency program", "program title"),
    "specialty": ("specialty", "specialty name", "speciality", "specialty/program type"),
    "city": ("city", "program city"),
    "state": ("state", "program state", "st"),
    "j1": ("j1", "j-1", "j1 sponsor", "j-1 sponsor", "sponsors j-1", "j-1 visa", "j1 visa"),
    "h1b": ("h1b", "h-1b", "h1b sponsor", "h-1b sponsor", "sponsors h-1b", "h-1b visa", "h1b visa"),
    VISA_COLUMN: ("visa sponsorship", "visa", "visas", "visas sponsored", "visa sponsored", "visa types"),
    "img_pct": ("img_pct", "% img", "img %", "%img", "percent img", "img percent", "% imgs", "imgs %"),
    "min_step": ("min_step", "min step", "minimum step score", "min score", "minimum score", "step 1 cutoff"),
    "interviews": ("interviews", "interview count"),
    "status": ("status", "application status"),
    "checked": ("checked", "last checked", "site checked", "website checked", "date checked"),
    "notes": ("notes", "note", "comments"),
    # The interview season (issue #15).
    "interview_status": ("interview", "interview status"),
    "interview_date": ("interview date", "interview day"),
    "interview_time": ("interview time",),
    "interview_zone": ("interview zone", "interview time zone", "time zone", "timezone"),
    "invited_on": ("invited on", "invited", "invitation date", "invitation received"),
    "interview_format": ("interview format", "format", "virtual or in person"),
    "thank_you": ("thank-you sent", "thank you sent", "thank-you", "thank you"),
    "rank": ("rank", "rank order"),
    "letters_required": ("letters required", "lors required", "lor required"),
    "usce_required": ("usce required", "us clinical experience required"),
    # The application season (issue 14).
    "will_apply": ("apply", "will apply", "will_apply", "applying", "plan to apply"),
    "signal": ("signal", "program signal", "signaled", "signalled"),
    "institution": ("institution", "sponsoring institution"),
}
ALIASES = {spelling: name for name, spellings in HEADERS.items() for spelling in spellings}
# A cell saying only this tells nothing: it fills no field, so it never erases a stored value.
NO_INFORMATION = {"", "n/a", "na", "-", "—", "?", "unknown", "not reported"}
REQUIRED = {"name", "specialty"}


@dataclass
class ImportResult:
    # Each good row's program and the fields its cells fill (an import changes only those in
    # a program already on the list).
    rows: list[tuple[Program, frozenset[str]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "line 7: % IMG: expected ..."
    unknown_columns: list[str] = field(default_factory=list)
    delimiter: str = ","
    lines: list[int] = field(default_factory=list)  # the line each of `rows` ends on
    titles: dict[str, str] = field(default_factory=dict)  # field -> the file's own column name

    def where(self, index: int, field_name: str) -> str:
        """'line 7: Signal': where a later check (the signal rules) found a problem in rows[index]."""
        return f"line {self.lines[index]}: {self.titles.get(field_name, TITLES[field_name])}"

    @property
    def programs(self) -> list[Program]:
        return [program for program, _present in self.rows]


class CsvError(ValueError):
    """The file as a whole cannot be read as CSV."""


def folded(title: str) -> str:
    return " ".join(title.strip().rstrip(":").split()).casefold()


def decode(data: bytes) -> str:
    """UTF-8 (a byte-order mark is fine) or UTF-16 with its byte-order mark, as Excel saves
    "Unicode text"."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise CsvError(f"not valid UTF-16 text (byte {error.start}); save the file as CSV UTF-8") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CsvError(f"line {line}: not UTF-8 text (byte {error.start}); save the file as CSV UTF-8") from None


def sniff_delimiter(header_line: str) -> str:
    """The delimiter of a header line: whichever of `,` `;` tab occurs most outside quotes."""
    unquoted = re.sub(r'"[^"]*"', "", header_line)
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _visa_cells(raw: str, title: str) -> tuple[str, str]:
    """FREIDA's visa column: `J-1, H-1B`, `J-1`, `H-1B` or `None` -> (J-1 cell, H-1B cell):
    a visa named is sponsored, one not named is not."""
    text = raw.strip().casefold()
    if text in NO_INFORMATION:
        return "", ""
    if text in ("none", "no", "neither", "no visa", "no visas", "does not sponsor"):
        return "no", "no"
    both = re.search(r"\bboth\b", text) is not None
    j1 = both or re.search(r"\bj\s*-?\s*1\b", text) is not None
    h1b = both or re.search(r"\bh\s*-?\s*1\s*-?\s*b\b", text) is not None
    if not (j1 or h1b):
        raise ProgramError(title, f"expected the visas sponsored (J-1, H-1B, both, or None), got {raw!r}")
    return ("yes" if j1 else "no"), ("yes" if h1b else "no")


def read_programs(data: bytes, today: date) -> ImportResult:
    text = decode(data)
    csv.field_size_limit(MAX_FIELD)
    lines = text.splitlines(keepends=True)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise CsvError("the file is empty: expected a header row")
    declared = re.fullmatch(r"\s*sep=(.)\s*", lines[first])  # Excel's own "sep=;" first line
    if declared:
        delimiter = declared[1]
        first = next((i for i, line in enumerate(lines) if i > first and line.strip()), len(lines))
    else:
        delimiter = sniff_delimiter(lines[first])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header: list[str] = []
        while reader.line_num <= first or not any(cell.strip() for cell in header):
            header = next(reader)
    except StopIteration:
        raise CsvError("no header row: expected one naming at least Program and Specialty") from None
    except csv.Error as error:
        raise CsvError(f"line {reader.line_num}: {error}") from None
    result = ImportResult(delimiter=delimiter)
    columns = _columns(header, reader.line_num, delimiter, result)
    titles = result.titles = {name: title.strip() for title, name in zip(header, columns, strict=False) if name}
    if VISA_COLUMN in titles:
        titles.setdefault("j1", titles[VISA_COLUMN])
        titles.setdefault("h1b", titles[VISA_COLUMN])
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
        if len(row) > len(header):
            result.problems.append(f"line {reader.line_num}: {len(row)} cells but {len(header)} columns")
            continue
        try:
            result.rows.append(_row(header, columns, row, today))
            result.lines.append(reader.line_num)
        except ProgramError as error:
            result.problems.append(f"line {reader.line_num}: {titles.get(error.field, error.field)}: {error.problem}")
    return result


def _columns(header: list[str], line: int, delimiter: str, result: ImportResult) -> list[str | None]:
    """Each header's field (None: kept as an extra column). Two headers giving one field are
    an error naming both, never a silent last-wins; the required columns must be there."""
    columns: list[str | None] = []
    given_by: dict[str, str] = {}  # field -> the header that gives it, and where
    kept: set[str] = set()
    for number, title in enumerate(header, start=1):
        name = ALIASES.get(folded(title))
        for covered in ("j1", "h1b") if name == VISA_COLUMN else (name,) if name else ():
            if covered in given_by:
                raise CsvError(
                    f"line {line}: {title.strip()}: the columns {given_by[covered]} and {title.strip()!r} "
                    f"(column {number}) both give {TITLES[covered]}; keep one of them"
                )
            given_by[covered] = f"{title.strip()!r} (column {number})"
        if name is None and title.strip():
            shown, count = title.strip(), 1
            while shown in kept:  # two columns of one name are both kept, the second as "Name (2)"
                count += 1
                shown = f"{title.strip()} ({count})"
            kept.add(shown)
            result.unknown_columns.append(shown)
        columns.append(name)
    for required, example in (("name", "Program"), ("specialty", "Specialty")):
        if required not in columns:
            found = ", ".join(repr(h.strip()) for h in header if h.strip()) or "none"
            raise CsvError(
                f"line {line}: no {example!r} column. Read the header with the "
                f"{DELIMITERS.get(delimiter, repr(delimiter))} as the delimiter and found: {found}. "
                "Expected at least Program (or Name) and Specialty"
            )
    return columns


def _row(header: list[str], columns: list[str | None], row: list[str], today: date) -> tuple[Program, frozenset[str]]:
    values: dict[str, str] = {}
    extra: dict[str, str] = {}
    kept_names: dict[str, int] = {}
    for title, name, cell in zip(header, columns, row, strict=False):
        if name is None:
            if title.strip():
                count = kept_names[title.strip()] = kept_names.get(title.strip(), 0) + 1
                if cell.strip():
                    extra[title.strip() if count == 1 else f"{title.strip()} ({count})"] = cell
        elif name == VISA_COLUMN:
            values["j1"], values["h1b"] = _visa_cells(cell, title.strip())
        elif name not in REQUIRED and cell.strip().casefold() in NO_INFORMATION:
            values[name] = ""  # says nothing: fills nothing (and a new program gets no "n/a" city)
        else:
            values[name] = _unescape(cell)
    program = parse_program(values, today, extra)
    return program, present_fields(values)  # a time cell's zone ("9:00 AM CT") fills the zone too


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
