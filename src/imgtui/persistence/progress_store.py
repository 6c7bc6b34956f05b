"""progress.toml: the steps, settings and scores, under the contract of locked_file.py."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.progress import (
    DEFAULT_MODE,
    DEFAULT_RULES,
    SCHEMA,
    Progress,
    ProgressError,
    future_completions,
    parse_progress,
    to_document,
)
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
        self._written: bytes | None = None  # the canonical bytes this store saved last

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

    def dump_over(self, value: Progress, previous: bytes | None) -> bytes:
        """A file imgtui wrote itself is simply rewritten; one with comments or a layout of
        the person's own is changed in place (tomlkit, loaded only then: it costs start-up
        and key presses nothing), so every comment, blank line and key order survives."""
        fresh = self.dump(value)
        # The common case costs nothing more: the file is what this store wrote last.
        if previous is None or previous == self._written:
            self._written = fresh
            return fresh
        text = previous.decode("utf-8-sig")  # it parsed a moment ago
        if text.encode("utf-8") == self.dump(parse_progress(tomllib.loads(text), self.rule_sets)):
            self._written = fresh
            return fresh
        self._written = None
        return keep_layout(text, to_document(value)).encode("utf-8")


MISSING_VALUE = object()
# What a key left out of a hand-written file means; such a key is not added on save.
IMPLIED = {"schema": SCHEMA, "mode": DEFAULT_MODE, "rules": DEFAULT_RULES}


def keep_layout(text: str, document: dict[str, Any]) -> str:
    """`text` (a TOML file) changed to hold `document`, keeping its comments and layout: only
    the values that differ are replaced, removed keys go, new keys join their table."""
    import tomlkit

    kept = tomlkit.parse(text)
    _sync(kept, document, top=True)
    return tomlkit.dumps(kept)


def _sync(table: Any, wanted: dict[str, Any], top: bool = False) -> None:
    for key in [k for k in table if k not in wanted]:
        del table[key]
    for key, value in wanted.items():
        if key not in table:
            if not (top and IMPLIED.get(key, MISSING_VALUE) == value):
                table[key] = value
            continue
        current = table[key]
        if isinstance(value, dict) and isinstance(current, dict):
            _sync(current, value)
        elif not _same(current, value):
            table[key] = value


def _same(current: Any, value: Any) -> bool:
    plain = current.unwrap() if hasattr(current, "unwrap") else current
    return type(plain) is type(value) and plain == value


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
