"""Shown when progress.toml cannot be used: the app is read-only until the person chooses."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..persistence.locked_file import DataFileError
from ..persistence.paths import path_for_display
from ..sanitize import visible
from ..widgets.keybar import KeyBar


class ProblemScreen(ModalScreen[bool]):
    """Returns True when the person chooses to back the file up and start fresh."""

    CSS_PATH = "screens.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "keep", "Keep read-only")]

    def __init__(self, error: DataFileError) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(id="problem-box"):
            yield Static("Your progress file has a problem", classes="title")
            yield Static(
                visible(self.error.describe(path_for_display(self.error.path))), id="problem-text", markup=False
            )
            yield Static(
                "imgtui has not changed it and opens read-only: nothing you tick is saved. "
                "Fix the file by hand and restart, or back it up (renamed beside it, nothing deleted) "
                "and start fresh.",
                classes="explain",
            )
            with Horizontal(id="problem-buttons"):
                yield Button("Keep read-only", id="keep", variant="primary")
                yield Button("Back up and start fresh", id="fresh", variant="warning")
        yield KeyBar(classes="dialog-keys")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "fresh")

    def action_keep(self) -> None:
        self.dismiss(False)
