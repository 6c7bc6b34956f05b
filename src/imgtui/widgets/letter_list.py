"""Letters of recommendation and US clinical experience as LineTables."""

from __future__ import annotations

from rich.style import Style

from ..domain.letters import ClinicalExperience, Letter
from ..sanitize import visible
from .line_table import Column, LineTable

LETTER_COLUMNS = [  # what matters most first: narrow terminals scroll sideways for the rest
    Column("writer", "Writer", 20),
    Column("us", "US", 3),
    Column("received", "Received", 10),
    Column("goes_to", "Goes to", 30),
    Column("title", "Title", 18),
    Column("specialty", "Specialty", 14),
    Column("requested", "Requested", 10),
]
EXPERIENCE_COLUMNS = [
    Column("where", "Where (US clinical experience)", 34),
    Column("kind", "Kind", 13),
    Column("start", "From", 10),
    Column("end", "To", 10),
    Column("notes", "Notes", 44),
]
MISSING_STYLE = Style(color="yellow", bold=True)
US = {"yes": "yes", "no": "no", "unknown": "?"}


def letter_cells(letter: Letter, goes_to: str) -> list[tuple[str, Style | None]]:
    # Writers, titles and program names come from the person's file: shown, never obeyed.
    return [
        (visible(letter.writer), None),
        (US[letter.us], None),
        (
            letter.received_on.isoformat() if letter.received_on else "not yet",
            None if letter.received else MISSING_STYLE,
        ),
        (visible(goes_to), None),
        (visible(letter.title), None),
        (visible(letter.specialty), None),
        (letter.requested_on.isoformat() if letter.requested_on else "", None),
    ]


def experience_cells(e: ClinicalExperience) -> list[tuple[str, Style | None]]:
    return [
        (visible(e.where), None),
        (e.kind, None),
        (e.start.isoformat() if e.start else "", None),
        (e.end.isoformat() if e.end else "", None),
        (visible(e.notes), None),
    ]


class LetterList(LineTable):
    def on_mount(self) -> None:
        self.set_columns(LETTER_COLUMNS)

    def show_letters(self, letters: list[Letter], goes_to: dict[str, str], keep: str | None = None) -> None:
        at = next((i for i, x in enumerate(letters) if x.id == keep), None) if keep else None
        self.set_rows(letters, lambda x: letter_cells(x, goes_to.get(x.id, "")), at)

    @property
    def current(self) -> Letter | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None


class ExperienceList(LineTable):
    def on_mount(self) -> None:
        self.set_columns(EXPERIENCE_COLUMNS)

    def show_experiences(self, experiences: list[ClinicalExperience], keep: str | None = None) -> None:
        at = next((i for i, x in enumerate(experiences) if x.id == keep), None) if keep else None
        self.set_rows(experiences, experience_cells, at)

    @property
    def current(self) -> ClinicalExperience | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None
