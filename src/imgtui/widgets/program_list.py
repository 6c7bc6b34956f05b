"""The program list: a LineTable of programs, so filtering 5,000 and repainting takes
milliseconds. At 120 columns every column is spelled out; narrower, the city moves to the
detail below, statuses are abbreviated and fit flags become symbols (LEGEND says which)."""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style

from ..domain.programs import Key, Program
from ..sanitize import visible
from .line_table import Column, LineTable

ROOMY = 118  # content columns from which every column fits spelled out
COLUMNS = [
    Column("name", "Program", 28),
    Column("specialty", "Specialty", 18),
    Column("where", "City, ST", 14),
    Column("j1", "J-1", 4),
    Column("h1b", "H-1B", 4),
    Column("img_pct", "%IMG", 5, right=True),
    Column("status", "Status", 17),
    Column("signal", "Sig", 3),
    Column("flags", "Flags", 18),
]
SIGNAL_MARK = {"gold": "G", "silver": "S", "yes": "✓"}
FLAG_STYLE = Style(color="yellow", bold=True)
VISA = {"yes": "yes", "no": "no", "unknown": "?"}
SHORT_STATUS = {
    "researching": "research",
    "applied": "applied",
    "interview_offered": "iv offer",
    "interviewed": "iv done",
    "ranked": "ranked",
    "matched": "matched",
    "withdrawn": "withdrawn",
}
# A fit flag (domain.programs.fit_flags) as one symbol, by how its text starts.
FLAG_SYMBOLS = (
    ("sponsors no visa", "✗"),
    ("H-1B only", "H"),
    ("re-check", "↻"),
    ("outside your divisions", "D"),  # geographic preferences (domain.geography.place_flags)
    ("unknown state", "?"),
    ("no state", "?"),
    ("Puerto Rico", "P"),
)
LEGEND = (
    "iv offer = interview offered · iv done = interviewed · to apply = will apply · S signal G/S/✓ · "
    "flags: ✗ sponsors no visa · H H-1B only, Step 3 first · ↻ re-check the site · D outside your "
    "divisions · ? state unknown · P Puerto Rico (no division)"
)


def flag_symbols(flags: list[str]) -> str:
    return "".join(next((symbol for start, symbol in FLAG_SYMBOLS if f.startswith(start)), "!") for f in flags)


def program_cells(program: Program, flags: list[str], roomy: bool = True) -> list[tuple[str, Style | None]]:
    # Names and places come from the person's files: shown, never obeyed by the terminal.
    if not roomy:
        return [
            (visible(program.name), None),
            (visible(program.specialty), None),
            (VISA[program.j1], None),
            (VISA[program.h1b], None),
            ("" if program.img_pct is None else f"{program.img_pct:g}", None),
            (SIGNAL_MARK.get(program.signal, ""), None),
            (
                "to apply" if program.will_apply and program.status == "researching" else SHORT_STATUS[program.status],
                None,
            ),
            (flag_symbols(flags), FLAG_STYLE),
        ]
    return [
        (visible(program.name), None),
        (visible(program.specialty), None),
        (visible(", ".join(x for x in (program.city, program.state) if x)), None),
        (VISA[program.j1], None),
        (VISA[program.h1b], None),
        ("" if program.img_pct is None else f"{program.img_pct:g}", None),
        (
            "will apply"
            if program.will_apply and program.status == "researching"
            else program.status.replace("_", " "),
            None,
        ),
        (SIGNAL_MARK.get(program.signal, ""), None),
        (visible("⚠ " + "; ".join(flags)) if flags else "", FLAG_STYLE),  # a conflict names another program
    ]


def roomy_columns(width: int) -> list[Column]:
    """Every column spelled out; the flags take what is left (a large screen shows them whole)."""
    fixed = COLUMNS[:-1]
    flags = max(COLUMNS[-1].width, width - sum(c.width + 1 for c in fixed) - 1)
    return [*fixed, COLUMNS[-1]._replace(width=flags)]


def narrow_columns(width: int) -> list[Column]:
    fixed = [
        Column("specialty", "Specialty", 16),
        Column("j1", "J-1", 3),
        Column("h1b", "H-1B", 4),
        Column("img_pct", "%IMG", 4, right=True),
        Column("signal", "S", 1),
        Column("status", "Status", 9),
        Column("flags", "Flag", 4),
    ]
    name = max(12, width - sum(c.width + 1 for c in fixed) - 1)
    return [Column("name", "Program", name), *fixed]


class ProgramList(LineTable):
    roomy = True

    def on_mount(self) -> None:
        self.set_columns(COLUMNS)

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        roomy = width >= ROOMY
        columns = roomy_columns(width) if roomy else narrow_columns(width)
        if (roomy, columns) != (self.roomy, self.columns):
            self.roomy = roomy
            self.set_columns(columns)
            self.set_rows(self.rows, cursor=self.cursor)

    def show_programs(self, programs: list[Program], flags: Mapping[Key, list[str]], keep: Key | None = None) -> None:
        at = next((i for i, p in enumerate(programs) if p.key == keep), None) if keep else None
        self.set_rows(programs, lambda p: program_cells(p, flags.get(p.key, []), self.roomy), at)

    @property
    def current(self) -> Program | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None
