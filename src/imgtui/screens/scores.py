"""Edit my scores: a form that validates before anything is saved."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ..domain.progress import ProgressError, validate_score
from ..widgets.field import Field
from ..widgets.keybar import KeyBar

FIELDS = (
    ("step1", "Step 1", "a score 1-300, or pass / fail (pass/fail since 2022)"),
    ("step2ck", "Step 2 CK", "a score 1-300"),
    ("step3", "Step 3", "a score 1-300 (optional)"),
)


class ScoresScreen(ModalScreen[dict[str, int | str | None] | None]):
    """Returns the new scores (a key with None = remove), or None when cancelled."""

    CSS_PATH = "screens.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, scores: dict[str, int | str]) -> None:
        super().__init__()
        self.scores = scores

    def compose(self) -> ComposeResult:
        with Vertical(id="scores-box"):
            yield Static("Edit my scores  (enter saves, esc cancels; leave empty to remove)", classes="title")
            for key, title, hint in FIELDS:
                yield Label(f"{title} — {hint}")
                value = self.scores.get(key)
                yield Field(value="" if value is None else str(value), placeholder=hint, id=f"score-{key}")
                yield Static("", id=f"error-{key}", classes="error", markup=False)
            with Horizontal(id="scores-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")
        yield KeyBar(classes="dialog-keys")

    def collect(self) -> dict[str, int | str | None] | None:
        """The validated scores, or None after showing every problem inline."""
        result: dict[str, int | str | None] = {}
        ok = True
        for key, _title, _hint in FIELDS:
            raw = self.query_one(f"#score-{key}", Input).value.strip()
            error = self.query_one(f"#error-{key}", Static)
            if not raw:
                result[key] = None
                error.update("")
                continue
            try:
                result[key] = validate_score(key, raw)
                error.update("")
            except ProgressError as problem:
                ok = False
                error.update(f"✗ {problem.problem}")
        return result if ok else None

    def on_input_submitted(self) -> None:
        self._save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self._save()
        else:
            self.dismiss(None)

    def _save(self) -> None:
        scores = self.collect()
        if scores is not None:
            self.dismiss(scores)

    def action_cancel(self) -> None:
        self.dismiss(None)
