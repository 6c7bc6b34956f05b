"""programs.json: the person's program list, beside progress.toml, under the same contract
(see locked_file.py).

JSON rather than TOML because people paste whole FREIDA searches: 5,000 programs parse in
milliseconds with the C JSON parser, and the file stays out of the hand-edited progress.toml."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..domain.programs import ProgramBook, ProgramError, book_document, book_from_document, parse_program, to_record
from .locked_file import DataFileError, LockedFile

SCHEMA = 1


class ProgramStore(LockedFile[ProgramBook]):
    # Room for ~100,000 programs; an import that would write more is refused before writing,
    # so everything this store writes it can read back.
    max_bytes = 50_000_000

    def __init__(self, path: Path, today: Callable[[], date]):
        super().__init__(path)
        self.today = today

    def empty(self) -> ProgramBook:
        return ProgramBook()

    def parse(self, data: bytes) -> ProgramBook:
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
        today = self.today()
        programs = []
        for i, record in enumerate(document.get("programs", [])):
            if not isinstance(record, dict):
                raise DataFileError(self.path, f"programs[{i}]: expected an object, got {record!r:.40}")
            extra = record.get("extra") or {}
            if not isinstance(extra, dict):
                raise DataFileError(self.path, f"programs[{i}].extra: expected an object")
            try:
                programs.append(parse_program(record, today, {str(k): str(v) for k, v in extra.items()}))
            except ProgramError as error:
                raise DataFileError(self.path, f"programs[{i}].{error}") from None
        rest = {k: v for k, v in document.items() if k not in ("schema", "programs")}
        try:  # letters, clinical experience and the rank-list mark (domain.programs)
            return book_from_document(programs, rest, today)
        except ProgramError as error:
            raise DataFileError(self.path, str(error)) from None

    def dump(self, value: ProgramBook) -> bytes:
        document = {"schema": SCHEMA, **book_document(value), "programs": [to_record(p) for p in value.programs]}
        return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
