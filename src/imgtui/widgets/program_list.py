"""The program list: a LineTable of programs, so filtering 5,000 and repainting takes
milliseconds."""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style

from ..domain.programs import Key, Program
from ..sanitize import visible
from .line_table import Column, LineTable

# Fits 120 columns exactly (widths + one space each); narrower terminals scroll sideways.
COLUMNS = [
    Column("name", "Program", 28),
    Column("specialty", "Specialty", 18),
    Column("where", "City, ST", 14),
    Column("j1", "J-1", 4),
    Column("h1b", "H-1B", 4),
    Column("img_pct", "%IMG", 5, right=True),
    Column("status", "Status", 17),
    Column("flags", "Flags", 22),
]
FLAG_STYLE = Style(color="yellow", bold=True)
VISA = {"yes": "yes", "no": "no", "unknown": "?"}


def program_cells(program: Program, flags: list[str]) -> list[tuple[str, Style | None]]:
    # Names and places come from the person's files: shown, never obeyed by the terminal.
    return [
        (visible(program.name), None),
        (visible(program.specialty), None),
        (visible(", ".join(x for x in (program.city, program.state) if x)), None),
        (VISA[program.j1], None),
        (VISA[program.h1b], None),
        ("" if program.img_pct is None else f"{program.img_pct:g}", None),
        (program.status.replace("_", " "), None),
        (visible("⚠ " + "; ".join(flags)) if flags else "", FLAG_STYLE),  # a conflict names another program
    ]


class ProgramList(LineTable):
    def on_mount(self) -> None:
        self.set_columns(COLUMNS)

    def show_programs(self, programs: list[Program], flags: Mapping[Key, list[str]], keep: Key | None = None) -> None:
        at = next((i for i, p in enumerate(programs) if p.key == keep), None) if keep else None
        self.set_rows(programs, lambda p: program_cells(p, flags.get(p.key, [])), at)

    @property
    def current(self) -> Program | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None
