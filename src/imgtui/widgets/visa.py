"""Pane 4: J-1 versus H-1B side by side; folded away for US IMGs (v shows it anyway)."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Console
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..domain.model import VisaAspect, VisaFact, VisaUpdate
from ..labels import STATUS_MARK
from ..views import MainView
from .fitted import FittedText
from .quiet import update_if_changed
from .textgrid import Line, grid


def _cell(fact: VisaFact, guide: VisaFact | None = None) -> Text:
    text = Text(fact.text)
    text.append(f" {STATUS_MARK[fact.provenance.status]}", style="dim")
    if guide is not None:
        text.append(f"\nGuide: {guide.text} §", style="dim italic")
    return text


def visa_grid(aspects: tuple[VisaAspect, ...], width: int, console: Console) -> list[Line]:
    """J-1 and H-1B side by side, as wrapped text (see textgrid for why not a Rich Table)."""
    label = 11
    column = max(10, (width - label - 6) // 2)
    rows: list[list[Text | str]] = [
        [
            Text("", style="bold"),
            Text("J-1 (exchange visitor)", style="bold"),
            Text("H-1B (temporary worker)", style="bold"),
        ]
    ]
    for aspect in aspects:
        guide_on_h1b = aspect.id == "cap"  # the guide's "lottery" remark is about the H-1B
        rows.append(
            [
                Text(aspect.title, style="bold"),
                _cell(aspect.j1, None if guide_on_h1b else aspect.guide),
                _cell(aspect.h1b, aspect.guide if guide_on_h1b else None),
            ]
        )
    return grid(rows, [label, column, column], console, gap=" │ ", rule=True)


def stale_changes(updates: tuple[VisaUpdate, ...], stale: set[str]) -> int:
    """How many of the 2025-2026 changes are past their refresh period (the table's cells apart)."""
    return sum(1 for u in updates if f"visa.{u.id}" in stale)


def updates_text(updates: tuple[VisaUpdate, ...], stale: set[str]) -> Text:
    """What changed for J-1/H-1B applicants: each item's date, what it means for you, its
    status and as_of (so a reader knows its age). Empty when there is nothing to show."""
    if not updates:
        return Text("")
    text = Text()
    text.append("What changed in 2025-2026 (not legal advice)", style="bold underline")
    text.append("\n✓ official • reported § the guide ? unverified ✎ yours", style="dim")
    stale_count = stale_changes(updates, stale)
    if stale_count:
        text.append(
            f"\n⚠ {stale_count} of these are past six months since their as_of: check uscis.gov, "
            "travel.state.gov and ecfmg.org",
            style="bold yellow",
        )
    for u in updates:
        p = u.provenance
        text.append(f"\n{STATUS_MARK[p.status]} {u.title}", style="bold")
        text.append(f" · {u.on.isoformat()}", style="bold")
        text.append(f"\n{u.text}", style="dim")
        text.append(f"\nFor you: {u.meaning}")
        text.append(f"\n{p.status}, as of {p.as_of.isoformat()}", style="italic" if p.status == "unverified" else "dim")
        if f"visa.{u.id}" in stale:
            text.append(" · past six months: check it", style="bold yellow")
    return text


class VisaPane(VerticalScroll):
    BORDER_TITLE = "4 Visa: J-1 vs H-1B"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "unfold", "Show table", id="visa_unfold", tooltip="Show or fold the J-1/H-1B table")
    ]
    can_focus = True

    def compose(self) -> ComposeResult:
        yield Static(id="visa-note")
        yield FittedText(id="visa-table")
        yield Static(id="visa-updates")

    def on_mount(self) -> None:
        self.query_one("#visa-updates").display = False  # until filled (after the first frame)

    def show(self, view: MainView) -> None:
        mode, aspects = view.situation.mode, view.catalog.visa
        stale = {f.id for f in view.situation.stale_in("visa")}
        if getattr(self, "_shown", None) == (mode, len(stale)):
            return
        self._shown = (mode, len(stale))
        note = self.query_one("#visa-note", Static)
        # The changes below and the table's cells are counted apart, as each place says them.
        updates = view.situation.visa_updates
        stale_updates = stale_changes(updates, stale)
        stale_cells = len(stale) - stale_updates
        if mode == "us-img":
            update_if_changed(
                note,
                Text.assemble(
                    ("US IMG: no visa needed. ", "bold green"),
                    "As a US citizen or permanent resident you train without sponsorship. "
                    "(v shows the J-1/H-1B table for reference.)",
                ),
            )
        else:
            update_if_changed(
                note,
                Text.assemble(
                    ("Non-US IMG: ", "bold"),
                    "most programs sponsor only the J-1; check each program. Not legal advice. ",
                    (f"↓ {len(updates)} changes since 2025 below", "bold"),
                    (f" (⚠ {stale_updates} of them stale)" if stale_updates else "", "bold yellow"),
                    (f" · ⚠ {stale_cells} table facts stale" if stale_cells else "", "bold yellow"),
                ),
            )
        table = self.query_one(FittedText)
        console = self.app.console
        table.show(aspects, lambda width: visa_grid(aspects, width, console))
        table.display = mode != "us-img"
        # Below the table, out of sight at start: filled after the first frame (wrapping a few
        # thousand characters is ~10% of the first frame's work).
        self.call_after_refresh(self._show_updates, updates_text(view.situation.visa_updates, stale))

    def _show_updates(self, text: Text) -> None:
        updates = self.query_one("#visa-updates", Static)
        update_if_changed(updates, text)
        updates.display = bool(text.plain)

    def action_unfold(self) -> None:
        table = self.query_one(FittedText)
        table.display = not table.display
