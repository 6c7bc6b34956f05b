"""The date a done step was done: a small validated field (d on a done step)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ..domain.done_dates import parse_done_date
from ..widgets.field import Field
from ..widgets.keybar import KeyBar


class DateScreen(ModalScreen[date | None]):
    """Returns the date typed (validated), or None when cancelled."""

    CSS_PATH = "screens.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="date_cancel")]

    def __init__(self, title: str, current: date, today: date, note: str = "") -> None:
        super().__init__()
        self.step_title, self.current, self.today, self.note = title, current, today, note

    def compose(self) -> ComposeResult:
        with Vertical(id="date-box"):
            yield Static(f"When was this done? {self.step_title}", classes="title", markup=False)
            if self.note:
                yield Static(self.note, classes="hint", markup=False)
            yield Label(f"Date (YYYY-MM-DD, up to today {self.today.isoformat()}) — enter saves, esc cancels")
            yield Field(value=self.current.isoformat(), id="done-date")
            yield Static("", id="date-error", classes="error", markup=False)
        yield KeyBar(classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#done-date", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            day = parse_done_date(event.value, self.today)
        except ValueError as problem:
            self.query_one("#date-error", Static).update(f"✗ {problem}")
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)
