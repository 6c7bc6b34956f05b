"""Help built from the real bindings, so it can never disagree with the keys."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "screens.tcss"
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close help")]

    def __init__(self, sections: list[tuple[str, list[tuple[str, Binding]]]]) -> None:
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
        table.add_row("✓ • ≈ § ~", "official · reported · projected (not yet published) · from the guide · approximate")
        with VerticalScroll(id="help-box"):
            yield Static(Text("imgtui help  (esc to close)", style="bold"))
            yield Static(table)
