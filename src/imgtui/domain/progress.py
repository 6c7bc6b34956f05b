"""The person's progress as a value, and its validation (no file I/O here; see store.py).

The document is the parsed TOML dict; every key imgtui does not know is kept as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .model import Mode, as_mode
from .patch import MISSING, Path
from .zones import zone_named

SCHEMA = 1
DEFAULT_MODE: Mode = "non-us-img"
DEFAULT_RULES = "current"
SCORE_RANGE = (1, 300)  # USMLE three-digit scores
SCORE_KEYS = ("step1", "step2ck", "step3")
PASS_FAIL = ("pass", "fail")
DEFAULT_THEME = "dark"  # the `theme` key: a theme name (the app's colours)


class ProgressError(ValueError):
    """The document does not fit the schema; `key` names the offending key."""

    def __init__(self, key: str, problem: str):
        super().__init__(f"{key}: {problem}")
        self.key, self.problem = key, problem


def default_match_year(now: datetime) -> int:
    """The next Match whose Match Day (mid/late March) is still ahead."""
    return now.year if (now.month, now.day) < (3, 22) else now.year + 1


@dataclass
class Progress:
    mode: Mode = DEFAULT_MODE
    rules: str = DEFAULT_RULES
    match_year: int | None = None  # None: follow the calendar (default_match_year)
    completed: dict[str, date] = field(default_factory=dict)
    scores: dict[str, int | str] = field(default_factory=dict)
    document: dict[str, Any] = field(default_factory=dict)  # the whole file, unknown keys included

    def target_year(self, now: datetime) -> int:
        return self.match_year or default_match_year(now)

    # Patch addresses (see patch.py): ("mode",), ("rules",), ("match_year",),
    # ("completed", step), ("scores", exam), and ("document", key) for every other key.
    def get(self, path: Path) -> Any:
        head = path[0]
        if head in ("mode", "rules"):
            return getattr(self, head)
        if head == "match_year":
            return MISSING if self.match_year is None else self.match_year
        return self._table(head).get(path[1], MISSING)

    def _table(self, head: str) -> dict[str, Any]:
        tables: dict[str, dict[str, Any]] = {
            "completed": self.completed,
            "scores": self.scores,
            "document": self.document,
        }
        return tables[head]

    def put(self, path: Path, value: Any) -> None:
        head = path[0]
        if head in ("mode", "rules"):
            setattr(self, head, value)
        elif head == "match_year":
            self.match_year = None if value is MISSING else value
        else:
            table = self._table(head)
            if value is MISSING:
                table.pop(path[1], None)
            else:
                table[path[1]] = value


def setting_path(key: str) -> Path:
    """Where a setting lives in the progress (for patches): its own field, or a document key
    (theme, …)."""
    return (key,) if key in ("mode", "rules", "match_year") else ("document", key)


def validate_score(key: str, value: Any) -> int | str:
    """A USMLE score: an integer 1-300; Step 1 may also be "pass" or "fail" (pass/fail since 2022)."""
    if key == "step1" and isinstance(value, str) and value.strip().lower() in PASS_FAIL:
        return value.strip().lower()
    # isdecimal, not isdigit: "²" is a digit that int() refuses; past ten digits a string is no
    # score (and int() refuses past 4,300).
    if isinstance(value, str) and value.strip().isdecimal() and len(value.strip()) <= 10:
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        allowed = "an integer 1-300, or pass/fail" if key == "step1" else "an integer 1-300"
        raise ProgressError(f"scores.{key}", f"expected {allowed}, got {_shown(value)}")
    low, high = SCORE_RANGE
    if not low <= value <= high:
        raise ProgressError(f"scores.{key}", f"expected a score from {low} to {high}, got {value}")
    return value


def parse_progress(document: dict[str, Any], rule_sets: tuple[str, ...]) -> Progress:
    """Check a parsed progress.toml; raise ProgressError naming the first wrong key. A date in
    the future is not an error (see future_completions): a stored date never locks the file."""
    schema = document.get("schema", SCHEMA)
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        raise ProgressError("schema", f"expected a positive integer, got {_shown(schema)}")
    if schema > SCHEMA:
        raise ProgressError("schema", f"version {schema} was written by a newer imgtui (this one reads {SCHEMA})")
    written = document.get("mode", DEFAULT_MODE)
    mode = as_mode(written)
    if mode is None:
        raise ProgressError("mode", f'expected "non-us-img" or "us-img", got {_shown(written)}')
    rules = document.get("rules", DEFAULT_RULES)
    if rules not in rule_sets:
        raise ProgressError("rules", f"expected one of {', '.join(repr(r) for r in rule_sets)}, got {_shown(rules)}")
    match_year = document.get("match_year")
    if match_year is not None and (
        isinstance(match_year, bool) or not isinstance(match_year, int) or not 2000 <= match_year <= 2100
    ):
        raise ProgressError("match_year", f"expected a year such as 2027, got {_shown(match_year)}")
    theme = document.get("theme", DEFAULT_THEME)
    if not isinstance(theme, str) or not theme.strip():
        # Any name: Textual's theme picker saves its own ("textual-dark", "nord", …); a name this
        # imgtui does not know falls back to the default when shown.
        raise ProgressError("theme", f'expected a theme name such as "dark" or "light", got {_shown(theme)}')
    if "timezone" in document:  # kept as a document key; the app and commands read it
        try:
            zone_named(document["timezone"])
        except ValueError as error:
            raise ProgressError("timezone", str(error)) from None
    completed_doc = document.get("completed", {})
    if not isinstance(completed_doc, dict):
        raise ProgressError("completed", f"expected a table of step = date, got {_shown(completed_doc)}")
    completed: dict[str, date] = {}
    for step, when in completed_doc.items():
        if isinstance(when, datetime) or not isinstance(when, date):
            raise ProgressError(f"completed.{step}", f"expected a date such as 2026-03-02, got {_shown(when)}")
        completed[step] = when
    scores_doc = document.get("scores", {})
    if not isinstance(scores_doc, dict):
        raise ProgressError("scores", f"expected a table of exam = score, got {_shown(scores_doc)}")
    scores = {k: (validate_score(k, v) if k in SCORE_KEYS else v) for k, v in scores_doc.items()}
    return Progress(mode, rules, match_year, completed, scores, document)


def _shown(value: Any) -> str:
    """A wrong value quoted in a message: its repr (escapes, quotes), cut to a line's worth."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def future_completions(progress: Progress, today: date) -> list[str]:
    """Warnings for steps marked done on a date after `today` (the latest date current
    anywhere, dates.latest_today): shown, never a reason to refuse the file."""
    return [
        f"completed.{step}: {when.isoformat()} is in the future"
        for step, when in progress.completed.items()
        if when > today
    ]


def to_document(progress: Progress) -> dict[str, Any]:
    """The progress as a TOML document: known keys from the fields, unknown keys kept."""
    known = {"schema", "mode", "rules", "match_year", "completed", "scores"}
    document: dict[str, Any] = {"schema": SCHEMA, "mode": progress.mode, "rules": progress.rules}
    if progress.match_year is not None:
        document["match_year"] = progress.match_year
    document.update({k: v for k, v in progress.document.items() if k not in known})
    document["completed"] = dict(progress.completed)
    if progress.scores:
        written = progress.document.get("scores")
        as_written = written if isinstance(written, dict) else {}
        document["scores"] = {k: _as_written(k, v, as_written.get(k)) for k, v in progress.scores.items()}
    return document


def _as_written(key: str, value: int | str, written: Any) -> Any:
    """A score as the person wrote it ("246", "Pass") while it still means the value held;
    the value itself once it was changed."""
    if written is None or key not in SCORE_KEYS:
        return value
    try:
        return written if validate_score(key, written) == value else value
    except ProgressError:
        return value
