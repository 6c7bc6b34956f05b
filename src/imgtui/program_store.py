"""programs.json: the person's program list, beside progress.toml, under the same contract
(atomic, 0600, locked re-read-and-apply, a bad file reported and never overwritten).

JSON rather than TOML because people paste whole FREIDA searches: 5,000 programs parse in
milliseconds with the C JSON parser, and the file stays out of the hand-edited progress.toml."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable

from .domain.programs import Program, ProgramError, parse_program, to_record
from .store import LockedFile, ProgressFileError

FILE_NAME = "programs.json"
SCHEMA = 1


@dataclass
class ProgramBook:
    programs: list[Program] = field(default_factory=list)
    document: dict[str, Any] = field(default_factory=dict)  # unknown top-level keys kept

    _positions: dict[tuple[str, str], int] | None = field(default=None, repr=False, compare=False)

    def index(self, key: tuple[str, str]) -> int | None:
        if self._positions is None:  # built once, so importing 5,000 programs is not 5,000 scans
            self._positions = {p.key: i for i, p in enumerate(self.programs)}
        return self._positions.get(key)

    def upsert(self, program: Program) -> bool:
        """Add, or replace the program with the same name and specialty; True when added."""
        at = self.index(program.key)
        if at is None:
            self._positions[program.key] = len(self.programs)
            self.programs.append(program)
            return True
        self.programs[at] = program
        return False

    def remove(self, key: tuple[str, str]) -> Program | None:
        at = self.index(key)
        if at is None:
            return None
        self._positions = None  # later positions shift
        return self.programs.pop(at)


class ProgramStore(LockedFile):
    max_bytes = 50_000_000

    def __init__(self, path: Path, today: Callable[[], date]):
        super().__init__(path)
        self.today = today

    def load(self) -> ProgramBook:
        text = self._read_text()
        if text is None:
            return ProgramBook()
        try:
            document = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as error:
            line = getattr(error, "lineno", None)
            raise ProgressFileError(self.path, f"not valid JSON: {getattr(error, 'msg', error)}", line) from None
        if not isinstance(document, dict) or not isinstance(document.get("programs", []), list):
            raise ProgressFileError(self.path, "expected an object with a \"programs\" list")
        schema = document.get("schema", SCHEMA)
        if not isinstance(schema, int) or isinstance(schema, bool) or schema > SCHEMA:
            raise ProgressFileError(self.path, f"schema {schema!r} is not one this imgtui reads ({SCHEMA})")
        today = self.today()
        programs = []
        for i, record in enumerate(document.get("programs", [])):
            if not isinstance(record, dict):
                raise ProgressFileError(self.path, f"programs[{i}]: expected an object, got {record!r:.40}")
            extra = record.get("extra") or {}
            if not isinstance(extra, dict):
                raise ProgressFileError(self.path, f"programs[{i}].extra: expected an object")
            try:
                programs.append(parse_program(record, today, {str(k): str(v) for k, v in extra.items()}))
            except ProgramError as error:
                raise ProgressFileError(self.path, f"programs[{i}].{error}") from None
        return ProgramBook(programs, {k: v for k, v in document.items() if k not in ("schema", "programs")})

    def dump(self, book: ProgramBook) -> bytes:
        document = {"schema": SCHEMA, **book.document, "programs": [to_record(p) for p in book.programs]}
        return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")

    def update(self, change: Callable[[ProgramBook], Any]) -> tuple[ProgramBook, Any]:
        """Apply `change` to the list as it is on disk now and save; returns the book and
        whatever `change` returned."""
        return self._apply(change)


def default_programs_path() -> Path:
    from .store import default_path

    return default_path().with_name(FILE_NAME)
