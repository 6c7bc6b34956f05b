"""Pane 4: J-1 versus H-1B side by side; folded away for US IMGs."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Collapsible, Static

from ..domain.model import VisaAspect, VisaFact
from ..labels import STATUS_MARK


def _cell(fact: VisaFact, guide: VisaFact | None = None) -> Text:
    text = Text(fact.text)
    text.append(f" {STATUS_MARK[fact.provenance.status]}", style="dim")
    if guide is not None:
        text.append(f"\nGuide: {guide.text} §", style="dim italic")
    return text


def visa_table(aspects: tuple[VisaAspect, ...]) -> Table:
    table = Table(expand=True, show_lines=True, pad_edge=False, padding=(0, 1))
    table.add_column("", style="bold", ratio=1)
    table.add_column("J-1 (exchange visitor)", ratio=3)
    table.add_column("H-1B (temporary worker)", ratio=3)
    for aspect in aspects:
        on_h1b = aspect.guide is not None and aspect.id in ("cap",)
        table.add_row(aspect.title,
                      _cell(aspect.j1, None if on_h1b else aspect.guide),
                      _cell(aspect.h1b, aspect.guide if on_h1b else None))
    return table


class VisaPane(VerticalScroll):
    BORDER_TITLE = "4 Visa: J-1 vs H-1B"

    def compose(self) -> ComposeResult:
        yield Static(id="visa-note")
        with Collapsible(title="J-1 vs H-1B", id="visa-fold", collapsed=False):
            yield Static(id="visa-table")

    def on_mount(self) -> None:
        self._aspects_shown = False

    def show(self, mode: str, aspects: tuple[VisaAspect, ...]) -> None:
        note = self.query_one("#visa-note", Static)
        fold = self.query_one("#visa-fold", Collapsible)
        if not self._aspects_shown:
            self.query_one("#visa-table", Static).update(visa_table(aspects))
            self._aspects_shown = True
        if mode == "us-img":
            note.update(Text.assemble(("US IMG: no visa needed. ", "bold green"),
                                      "As a US citizen or permanent resident you can train without sponsorship. "
                                      "The J-1/H-1B comparison is folded below for reference."))
            fold.collapsed = True
            fold.title = "J-1 vs H-1B (for reference)"
        else:
            note.update(Text.assemble(("Non-US IMG: ", "bold"),
                                      "most programs sponsor only the J-1; check each program. ",
                                      ("✓ official • reported § the guide. Not legal advice.", "dim")))
            fold.collapsed = False
            fold.title = "J-1 vs H-1B"
