"""The rank order list: a LineTable of the ranked programs in order, then (dimmed) the
programs interviewed at and not ranked yet. Rows are (place or None, program)."""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style

from ..domain.programs import Key, Program
from ..sanitize import visible
from .line_table import Column, LineTable

# Fits 120 columns (widths + one space each); narrower terminals scroll sideways, and the
# detail below the list repeats the highlighted program's flags and notes.
COLUMNS = [
    Column("rank", "#", 4, right=True),
    Column("name", "Program", 28),
    Column("specialty", "Specialty", 16),
    Column("interview", "Interview", 11),
    Column("flags", "Flags", 32),
    Column("notes", "Notes", 22),
]
FLAG_STYLE = Style(color="yellow", bold=True)
CANDIDATE_STYLE = Style(dim=True)
Row = tuple[int | None, Program]


def rank_cells(row: Row, flags: list[str], included: int) -> list[tuple[str, Style | None]]:
    place, program = row
    style = CANDIDATE_STYLE if place is None else None
    # "$": a rank beyond those the NRMP registration fee covers.
    number = "+" if place is None else f"{place}$" if place > included else str(place)
    # Names, notes and flags (a conflict names another program) come from the person's file.
    return [
        (number, style),
        (visible(program.name), style),
        (visible(program.specialty), style),
        (program.interview or "—", style),
        (visible("⚠ " + "; ".join(flags)) if flags else "", FLAG_STYLE),
        (visible(program.notes), style),
    ]


class RankList(LineTable):
    def on_mount(self) -> None:
        self.set_columns(COLUMNS)

    def show_rows(self, rows: list[Row], flags: Mapping[Key, list[str]], included: int, keep: Key | None) -> None:
        at = next((i for i, (_place, p) in enumerate(rows) if p.key == keep), None) if keep else None
        self.set_rows(rows, lambda row: rank_cells(row, flags.get(row[1].key, []), included), at)

    @property
    def current(self) -> Row | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None
