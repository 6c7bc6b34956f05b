"""programs.json: the person's program list, beside progress.toml, under the same contract
(see locked_file.py).

JSON rather than TOML because people paste whole FREIDA searches: 5,000 programs parse in
milliseconds with the C JSON parser, and the file stays out of the hand-edited progress.toml.

Every save re-reads the file under the lock (locked_file.py). With 5,000 programs validating
them again costs ~150 ms and pretty-printing them with the pure-Python encoder ~200 ms, so a
rank-list move took half a second. Two things keep a save proportional to what changed:
- the bytes this store last read or wrote are kept with their value: when the file still has
  exactly those bytes (no other window wrote since) the value is reused, not re-validated;
- each program is written as one line of compact JSON (the C encoder), remembered per
  program value, so only programs that changed are encoded again. One program per line also
  keeps the file readable and its diffs small."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..domain.programs import (
    Program,
    ProgramBook,
    ProgramError,
    book_document,
    book_from_document,
    future_checks,
    parse_program,
    to_stored_record,
)
from .locked_file import DataFileError, LockedFile

SCHEMA = 1


class ProgramStore(LockedFile[ProgramBook]):
    # Room for ~100,000 programs; an import that would write more is refused before writing,
    # so everything this store writes it can read back.
    max_bytes = 50_000_000

    def __init__(self, path: Path, today: Callable[[], date]):
        """`today`: the latest date current anywhere (dates.latest_today), for warnings."""
        super().__init__(path)
        self.today = today
        self._known: tuple[bytes, ProgramBook] | None = None  # bytes last read or written, and their value
        self._lines: dict[int, tuple[Program, str]] = {}  # id(program) -> (program, its JSON line)

    def empty(self) -> ProgramBook:
        return ProgramBook()

    def parse(self, data: bytes) -> ProgramBook:
        if self._known is not None and self._known[0] == data:
            return _copy(self._known[1])  # the same bytes: the same value, already validated
        book = self._parse(data)
        self._known = (data, _copy(book))
        return book

    def _parse(self, data: bytes) -> ProgramBook:
        text = self.decode(data)
        try:
            document = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as error:
            line = getattr(error, "lineno", None)
            raise DataFileError(self.path, f"not valid JSON: {getattr(error, 'msg', error)}", line) from None
        if not isinstance(document, dict) or not isinstance(document.get("programs", []), list):
            raise DataFileError(self.path, 'expected an object with a "programs" list')
        schema = document.get("schema", SCHEMA)
        if not isinstance(schema, int) or isinstance(schema, bool) or schema > SCHEMA:
            raise DataFileError(self.path, f"schema {schema!r} is not one this imgtui reads ({SCHEMA})")
        programs = []
        for i, record in enumerate(document.get("programs", [])):
            if not isinstance(record, dict):
                raise DataFileError(self.path, f"programs[{i}]: expected an object, got {record!r:.40}")
            extra = record.get("extra") or {}
            if not isinstance(extra, dict):
                raise DataFileError(self.path, f"programs[{i}].extra: expected an object")
            try:
                # today=None: a stored date is never refused (a date ahead is a warning, below)
                programs.append(parse_program(record, None, {str(k): str(v) for k, v in extra.items()}))
            except ProgramError as error:
                raise DataFileError(self.path, f"programs[{i}].{error}") from None
        rest = {k: v for k, v in document.items() if k not in ("schema", "programs")}
        try:  # letters, clinical experience and the rank-list mark (domain.programs)
            return book_from_document(programs, rest, None)  # None: a stored date is never refused
        except ProgramError as error:
            raise DataFileError(self.path, str(error)) from None

    def warnings(self, value: ProgramBook) -> list[str]:
        return future_checks(value.programs, self.today())

    def dump(self, value: ProgramBook) -> bytes:
        head = json.dumps({"schema": SCHEMA, **book_document(value)}, ensure_ascii=False, indent=1)
        lines = {}
        for program in value.programs:  # a program value is immutable: its line can be reused
            known = self._lines.get(id(program))
            line = known[1] if known is not None and known[0] is program else _line(program)
            lines[id(program)] = (program, line)
        self._lines = lines
        body = ",\n  ".join(line for _program, line in lines.values())
        text = head[: -len("\n}")] + ',\n "programs": [' + (f"\n  {body}\n ]" if body else "]") + "\n}\n"
        data = text.encode("utf-8")
        self._known = (data, _copy(value))
        return data


def _line(program: Program) -> str:
    return json.dumps(to_stored_record(program), ensure_ascii=False)  # compact: the C encoder


def _copy(book: ProgramBook) -> ProgramBook:
    """A book whose lists and tables can be patched without touching `book` (programs,
    letters and experiences are immutable values, shared)."""
    return ProgramBook(
        list(book.programs), dict(book.document), dict(book.letters), dict(book.experiences), book.certified
    )
