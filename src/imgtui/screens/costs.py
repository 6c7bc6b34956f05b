"""The costs view: what the application season costs, itemised with sources, and the
program signals per specialty. Opened with c (main screen, program list) or the palette."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ..domain.geography import preference_words
from ..session import Session
from ..widgets.costs import costs_renderable, heading, lines_at, signals_renderable
from ..widgets.fitted import FittedText
from ..widgets.keybar import KeyBar
from ..widgets.quiet import update_if_changed


class CostsScreen(Screen[None]):
    CSS_PATH = "screens.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,c", "app.pop_screen", "Back", id="costs_back", tooltip="Back to where you were"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.document = session.files.programs
        self.shown = 0

    def compose(self) -> ComposeResult:
        yield Static(id="costs-status", markup=False)
        with VerticalScroll(id="costs-box"):
            yield FittedText(id="costs-table")
            yield FittedText(id="costs-signals")
        yield KeyBar(id="costs-keybar")

    def on_mount(self) -> None:
        self.document.subscribe(self._programs_changed)
        self.document.ensure_loaded()
        self.show_costs()
        self.query_one("#costs-box").focus()

    def on_unmount(self) -> None:
        self.document.unsubscribe(self._programs_changed)

    def _programs_changed(self, why: str) -> None:
        if self.is_mounted:
            self.show_costs()

    def show_costs(self) -> None:
        session = self.session
        programs = self.document.value.programs
        season = session.season()
        status = heading(season)
        if self.document.problem is not None:
            status = f" ⚠ the program list cannot be read: {self.document.problem.problem} ·" + status
        update_if_changed(self.query_one("#costs-status", Static), status)
        console = self.app.console
        self.shown += 1  # every call shows the list as it is now
        costs = costs_renderable(session.costs(programs))
        self.query_one("#costs-table", FittedText).show(self.shown, lambda width: lines_at(costs, width, console))
        preferences = preference_words(session.chosen_divisions(), session.geography)
        signals = signals_renderable(season, session.signals(programs), preferences)
        self.query_one("#costs-signals", FittedText).show(self.shown, lambda width: lines_at(signals, width, console))
