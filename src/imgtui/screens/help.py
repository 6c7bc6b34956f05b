"""Help built from the real bindings, so it can never disagree with the keys."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..labels import STATUS_LEGEND
from ..widgets.keybar import KeyBar

Section = tuple[str, list[tuple[str, Binding]]]


def help_sections(app: Any) -> list[Section]:
    """Every key worth knowing, from the real bindings of the app, its screens and panes."""
    from ..widgets.checklist import StepList
    from ..widgets.stats import StatsPane
    from ..widgets.visa import VisaPane
    from .letters import LettersScreen
    from .main import MainScreen
    from .programs import ProgramsScreen
    from .ranklist import RankListScreen

    def described(bindings: Iterable[BindingType]) -> list[tuple[str, Binding]]:
        rows = []
        for binding in (b for b in bindings if isinstance(b, Binding)):
            if not binding.show and not binding.tooltip:  # cursor keys and aliases: not news
                continue
            keys = " / ".join(app.get_key_display(Binding(k, binding.action)) for k in binding.key.split(","))
            rows.append((keys, binding))
        return rows

    return [
        (
            "Everywhere",
            [
                *described(app.BINDINGS),
                (
                    "ctrl+p",
                    Binding(
                        "ctrl+p",
                        "command_palette",
                        "Command palette",
                        tooltip="Match year, rule set, scores, theme, undo…",
                    ),
                ),
            ],
        ),
        (
            "Main view",
            [
                *described(MainScreen.BINDINGS),
                ("tab", Binding("tab", "focus_next", "Next pane", tooltip="Move focus to the next pane")),
            ],
        ),
        (
            "Checklist",
            [*described(StepList.BINDINGS), ("↑ ↓", Binding("up", "move", "Move", tooltip="Highlight another step"))],
        ),
        ("Specialty stats", described(StatsPane.BINDINGS)),
        ("Visa pane", described(VisaPane.BINDINGS)),
        ("My programs (p)", described(ProgramsScreen.BINDINGS)),
        ("Rank list (k)", described(RankListScreen.BINDINGS)),
        ("Letters, USCE (l)", described(LettersScreen.BINDINGS)),
    ]


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "screens.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark,f1", "dismiss", "Close help")]

    def __init__(self, sections: list[Section]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0), expand=True)
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column(ratio=1)
        for title, bindings in self.sections:
            table.add_row(Text(title, style="bold underline"), "")
            for key, binding in bindings:
                help_text = binding.description + (f" — {binding.tooltip}" if binding.tooltip else "")
                table.add_row(key, help_text)
            table.add_row("", "")
        table.add_row(Text("Marks", style="bold underline"), "")
        table.add_row("✓ • ≈ § → ? ✎ ~", STATUS_LEGEND + " · ~ approximate")
        with VerticalScroll(id="help-box"):
            yield Static(Text("imgtui help  (esc to close)", style="bold"))
            yield Static(table)
        yield KeyBar(classes="dialog-keys")
