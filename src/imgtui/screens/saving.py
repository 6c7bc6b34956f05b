"""The app's one path from a key press to a saved change (and its undo): the controller does
the work; this turns its outcome into what the person is told."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from ..domain.patch import Applied, Edit, Refused, Reverted
from ..persistence.controller import Document, ReadOnly
from ..persistence.locked_file import DataFileError
from ..persistence.paths import path_for_display


class Notify(Protocol):
    def __call__(self, message: str, *, severity: Any = ..., timeout: float | None = ...) -> None: ...


def save_change(
    notify: Notify, document: Document[Any], description: str, edits_for: Callable[[Any], Sequence[Edit]]
) -> Applied | None:
    """Make the change; on failure say why (nothing is saved then) and return None."""
    try:
        return document.change(description, edits_for)
    except DataFileError as error:
        _say_not_saved(notify, error)
        return None
    except Refused as error:  # a rule (the signal counts) refuses it
        notify(f"Not saved: {error}", severity="error", timeout=12)
        return None


def undo_change(notify: Notify, document: Document[Any]) -> Reverted | None:
    """Undo the last change of this window; None when there was none or it failed (said)."""
    if not document.undo_stack:
        notify("Nothing to undo.", timeout=2)
        return None
    try:
        return document.undo()
    except DataFileError as error:
        _say_not_saved(notify, error)
        return None
    except Refused as error:  # undoing would break a rule now (changes made since)
        notify(f"Not undone: {error}", severity="error", timeout=12)
        return None


def kept_note(reverted: Reverted) -> str:
    """What undo left alone because another window or command changed it since."""
    if not reverted.kept:
        return ""
    return f" ({len(reverted.kept)} part(s) changed elsewhere since were kept)"


def _say_not_saved(notify: Notify, error: DataFileError) -> None:
    if isinstance(error, ReadOnly):
        notify(f"Read-only: {error.problem}. Nothing saved.", severity="warning", timeout=6)
    else:
        notify(f"Not saved: {error.describe(path_for_display(error.path))}", severity="error", timeout=8)
