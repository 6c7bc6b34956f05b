"""progress.toml: the steps, settings and scores, under the contract of locked_file.py."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..domain.progress import Progress, ProgressError, future_completions, parse_progress, to_document
from .locked_file import DataFileError, LockedFile

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class ProgressStore(LockedFile[Progress]):
    max_bytes = 1_000_000  # a real progress file is a few KB; anything this big is not ours

    def __init__(self, path: Path, rule_sets: tuple[str, ...], today: Callable[[], date]):
        """`today`: the latest date current anywhere (dates.latest_today), for warnings."""
        super().__init__(path)
        self.rule_sets = rule_sets
        self.today = today

    def empty(self) -> Progress:
        return Progress()

    def parse(self, data: bytes) -> Progress:
        text = self.decode(data)
        try:
            document = tomllib.loads(text)
        except RecursionError:  # e.g. thousands of nested arrays: not a progress file
            raise DataFileError(self.path, "not valid TOML: nested too deeply") from None
        except tomllib.TOMLDecodeError as error:
            message = str(error)
            match = re.search(r"\(at line (\d+), column \d+\)", message)
            problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
            raise DataFileError(self.path, f"not valid TOML: {problem}", int(match[1]) if match else None) from None
        try:
            return parse_progress(document, self.rule_sets)
        except ProgressError as error:
            raise DataFileError(self.path, str(error), line_of(text, error.key)) from None

    def warnings(self, value: Progress) -> list[str]:
        return future_completions(value, self.today())

    def dump(self, value: Progress) -> bytes:
        import tomli_w

        return tomli_w.dumps(to_document(value)).encode("utf-8")


def line_of(text: str, dotted_key: str) -> int | None:
    """The line where a (possibly dotted) key is set, for error messages."""
    *tables, name = dotted_key.split(".")
    section_ok = not tables
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            section_ok = stripped.strip("[] ") == ".".join(tables) if tables else False
            continue
        if section_ok and re.match(rf'["\']?{re.escape(name)}["\']?\s*=', stripped):
            return number
    return None
