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

from ..domain.patch import Applied, Edit, Refused, Reverted
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
# The worker saving the oldest waiting change of each document (so a quit can wait for it).
_workers: weakref.WeakKeyDictionary[Document[Any], threading.Thread] = weakref.WeakKeyDictionary()


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
            except Refused as error:  # a rule (the signal counts) refuses it: nothing saved
                _say_refused(notify, error)
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
        except Refused as error:
            _say_refused(notify, error)
            return None
    queue = _waiting.setdefault(document, deque())
    queue.append(_Queued(operation, notify, said, loop))
    if len(queue) == 1:
        _start(queue[0])
    return None


def _start(item: _Queued) -> None:
    # Not a daemon: a save already under way completes even if the app is quit meanwhile.
    worker = threading.Thread(target=_run_then_report, args=(item,), name="imgtui-save", daemon=False)
    _workers[item.operation.document] = worker
    worker.start()


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
    except Refused as error:
        _say_refused(item.notify, error)
    if queue:
        _start(queue[0])


def save_waiting_changes_at_exit(say: Callable[[str], None]) -> int:
    """After the app has ended: every change still waiting for another imgtui is saved all the
    same, in the order it was made, by a thread that keeps the process alive until it is done
    (the oldest one's worker is already at it: the rest follow it). What cannot be saved (the
    lock is still held when its wait times out) is said through `say`, naming the change.
    Returns how many changes were waiting."""
    count = 0
    for document, queue in list(_waiting.items()):
        items = list(queue)
        queue.clear()  # a late report from the running worker must not start the next one too
        if not items:
            continue
        count += len(items)
        threading.Thread(
            target=_save_in_order,
            args=(_workers.get(document), [item.operation for item in items], say),
            name="imgtui-save-at-exit",
            daemon=False,
        ).start()
    return count


def _save_in_order(
    running: threading.Thread | None, operations: list[Operation[Any, Any]], say: Callable[[str], None]
) -> None:
    if running is not None:
        running.join()  # the oldest change, already being saved by its worker
    for operation in operations[1:]:
        operation.run(wait=True)
    for operation in operations:
        if operation.error is not None:
            say(f"not saved: {operation.error.describe(path_for_display(operation.error.path))}")
        elif operation.refused is not None:
            say(f"not saved: {operation.refused}")


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


def _say_refused(notify: Notify, error: Refused) -> None:
    """A rule refused the change (a signal beyond the count, …): nothing was saved."""
    notify(f"Not saved: {error}", severity="error", timeout=12)
