"""The app's one path from a key press to a saved change (and its undo): the controller does
the work; this turns its outcome into what the person is told.

The UI never waits for another imgtui. A save first tries the lock without waiting (it is
free nearly always: a save holds it for a millisecond). When another imgtui holds it (a
suspended `imgtui programs import`, say), the person is told so, the change is queued, and a
worker thread waits for the lock and saves; the outcome is reported on the UI thread, and the
views follow through the document's listeners. Meanwhile the app stays live and the
countdown keeps ticking. Changes to one file are saved in the order they were made."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import weakref
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, Protocol

from ..domain.patch import Applied, Edit, Reverted
from ..persistence.controller import Document, Operation, ReadOnly
from ..persistence.locked_file import DataFileError
from ..persistence.paths import path_for_display

BUSY_MESSAGE = "Another imgtui is saving this file; yours is saved as soon as it is done (keep going)."


class Notify(Protocol):
    def __call__(self, message: str, *, severity: Any = ..., timeout: float | None = ...) -> None: ...


class _Queued(NamedTuple):
    operation: Operation[Any, Any]
    notify: Notify
    said: Callable[[Any], str]  # what to tell once it is saved
    loop: asyncio.AbstractEventLoop


# Changes waiting for another imgtui to let go of a file, per document, oldest first. Only
# the UI thread touches these queues; a worker only runs the operation it is handed.
_waiting: weakref.WeakKeyDictionary[Document[Any], deque[_Queued]] = weakref.WeakKeyDictionary()


def save_change(
    notify: Notify, document: Document[Any], description: str, edits_for: Callable[[Any], Sequence[Edit]]
) -> Applied | None:
    """Make the change; on failure say why (nothing is saved then) and return None. None too
    when it had to wait for another imgtui: it is then saved in the background, and said."""
    try:
        operation = document.changing(description, edits_for)
    except DataFileError as error:
        _say_not_saved(notify, error)
        return None
    result: Applied | None = _perform(notify, document, operation, lambda applied: f"Saved: {description}")
    return result


def undo_change(notify: Notify, document: Document[Any]) -> Reverted | None:
    """Undo the last change of this window; None when there was none, it failed (said), or it
    waits for another imgtui (then it is done in the background, and said)."""
    if not document.undo_stack:
        notify("Nothing to undo.", timeout=2)
        return None
    try:
        operation = document.undoing()
    except DataFileError as error:
        _say_not_saved(notify, error)
        return None
    result: Reverted | None = _perform(
        notify, document, operation, lambda reverted: f"Undone: {reverted.applied.description}{kept_note(reverted)}"
    )
    return result


def _perform(
    notify: Notify, document: Document[Any], operation: Operation[Any, Any], said: Callable[[Any], str]
) -> Any:
    queue = _waiting.get(document)
    if not queue:  # nothing of ours is waiting: try now, without waiting
        operation.run(wait=False)
        if not operation.busy:
            try:
                return operation.finish()
            except DataFileError as error:
                _say_not_saved(notify, error)
                return None
        notify(BUSY_MESSAGE, severity="warning", timeout=4)
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:  # not inside the app's event loop (a test calling this directly): just wait
        try:
            return operation.run(wait=True).finish()
        except DataFileError as error:
            _say_not_saved(notify, error)
            return None
    queue = _waiting.setdefault(document, deque())
    queue.append(_Queued(operation, notify, said, loop))
    if len(queue) == 1:
        _start(queue[0])
    return None


def _start(item: _Queued) -> None:
    # Not a daemon: a save already under way completes even if the app is quit meanwhile.
    threading.Thread(target=_run_then_report, args=(item,), name="imgtui-save", daemon=False).start()


def _run_then_report(item: _Queued) -> None:  # on the worker thread
    item.operation.run(wait=True)  # waits for the lock (up to its timeout), then saves
    with contextlib.suppress(RuntimeError):  # RuntimeError: the app has ended; the save itself is done
        item.loop.call_soon_threadsafe(_report, item)


def _report(item: _Queued) -> None:  # back on the UI thread
    queue = _waiting.get(item.operation.document)
    if queue:
        queue.popleft()
    try:
        item.notify(item.said(item.operation.finish()), timeout=3)
    except DataFileError as error:
        _say_not_saved(item.notify, error)
    if queue:
        _start(queue[0])


def pending(document: Document[Any]) -> int:
    """How many changes to this document wait for another imgtui to finish."""
    return len(_waiting.get(document) or ())


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
