"""The one way the person's files are loaded, changed, saved, undone and watched; used by
every screen of the app and by the command line. No UI here.

A `Document` is one file (progress.toml or programs.json) as this process last saw it:
- `load()` reads it; a file that cannot be used leaves the document read-only (`problem`),
  with an empty value, and is never written.
- `change(description, edits_for)` takes the lock, reads the file as it is *now*, asks
  `edits_for(current)` what to change, applies and saves it, and records the change
  (with the values it replaced) for undo.
- `undo()` is the inverse of the last change of this process, applied the same way to the
  file as it is now; a part changed elsewhere since is kept, and said so.
- `poll()` notices a change made by another process (or by hand) and reloads.
Listeners (the screens) are told after every load, change or undo.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ..domain.patch import Applied, Edit, Patchable, Refused, Reverted, apply_edits, revert
from ..domain.progress import Progress
from .locked_file import Busy, DataFileError, Fingerprint, LockedFile

if TYPE_CHECKING:  # the program list's modules load with the list, after the first frame
    from ..domain.programs import ProgramBook

V = TypeVar("V", bound=Patchable)
R = TypeVar("R")
Listener = Callable[[str], None]  # told why: "loaded", "changed", "undone", "outside"


class ReadOnly(DataFileError):
    """The file has a problem: nothing is saved until it is fixed or backed up."""


class Document(Generic[V]):
    def __init__(self, store: LockedFile[V]) -> None:
        self.store = store
        self.value: V = store.empty()
        self.problem: DataFileError | None = None
        self.warnings: list[str] = []  # odd but usable (a date in the future): shown, never refused
        self.loaded = False
        self.undo_stack: list[Applied] = []
        self._fingerprint: Fingerprint | None = None
        self._listeners: list[Listener] = []
        # Wraps every change and undo made to the value (`apply` makes it) and may refuse it
        # by raising domain.patch.Refused: nothing is saved then. The program book's guard
        # holds the signal rules (domain.signals.guard_signals), whatever path a change took.
        self.guard: Callable[[V, Callable[[], Any]], Any] | None = None

    @property
    def path(self) -> Path:
        return self.store.path

    # -- listeners -----------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _tell(self, why: str) -> None:
        for listener in list(self._listeners):
            listener(why)

    # -- reading -------------------------------------------------------------------------
    def load(self, why: str = "loaded") -> V:
        """(Re)read the file. A problem makes the document read-only, with an empty value."""
        self._fingerprint = self.store.fingerprint()
        try:
            self.value = self.store.load()
            self.problem = None
        except DataFileError as error:
            self.value, self.problem = self.store.empty(), error
        self.warnings = self.store.warnings(self.value)
        self.loaded = True
        self._tell(why)
        return self.value

    def ensure_loaded(self) -> V:
        return self.value if self.loaded else self.load()

    def poll(self) -> bool:
        """Reload when the file changed outside this process since it was last read or
        written here; True when it did."""
        if not self.loaded or self.store.fingerprint() == self._fingerprint:
            return False
        self.load("outside")
        return True

    # -- changing ------------------------------------------------------------------------
    def change(self, description: str, edits_for: Callable[[V], Sequence[Edit]], wait: bool = True) -> Applied:
        """Apply the edits `edits_for(current value)` asks for to the file as it is now, save,
        and remember the change for undo (when it changed anything). Raises DataFileError
        (ReadOnly when the file has a problem; Busy when `wait` is False and another imgtui
        holds the lock)."""
        return self.changing(description, edits_for).run(wait).finish()

    def undo(self, wait: bool = True) -> Reverted | None:
        """Take back the last change made here, where it is still in place. None when there
        is nothing to undo. Raises DataFileError; the change stays undoable then."""
        if not self.undo_stack:
            return None
        return self.undoing().run(wait).finish()

    def changing(self, description: str, edits_for: Callable[[V], Sequence[Edit]]) -> Operation[V, Applied]:
        """A change, split so that its file work (`run`, which may wait for the lock) can
        happen off the UI thread and its outcome (`finish`) on it. Raises ReadOnly."""
        self._check_writable()

        def edit(current: V) -> Applied:
            def apply() -> Applied:
                return Applied(description, apply_edits(current, list(edits_for(current))))

            return apply() if self.guard is None else self.guard(current, apply)

        def adopt(applied: Applied) -> Applied:
            if applied.edits:
                self.undo_stack.append(applied)
            self._tell("changed")
            return applied

        return Operation(self, edit, adopt)

    def undoing(self) -> Operation[V, Reverted]:
        """The undo of the last change made here, as an Operation (see `changing`). The change
        leaves the undo stack now (so a second undo takes the one before) and returns to it if
        the undo fails."""
        self._check_writable()
        last = self.undo_stack.pop()

        def adopt(reverted: Reverted) -> Reverted:
            self._tell("undone")
            return reverted

        def undo(current: V) -> Reverted:
            return revert(current, last) if self.guard is None else self.guard(current, lambda: revert(current, last))

        return Operation(self, undo, adopt, lambda: self.undo_stack.append(last))

    def back_up(self, stamp: str) -> Path:
        """Move a file that cannot be used aside and start from an empty one."""
        backup = self.store.back_up(stamp)
        self.undo_stack.clear()
        self.load()
        return backup

    def _check_writable(self) -> None:
        if self.problem is not None:
            raise ReadOnly(self.problem.path, self.problem.problem, self.problem.line)

    def _adopt(self, value: V) -> None:
        self.value, self.problem, self.loaded = value, None, True
        self.warnings = self.store.warnings(value)
        self._fingerprint = self.store.fingerprint()

    def _refused(self, error: DataFileError) -> None:
        if error.file_unusable:  # it became unusable on disk: stop writing
            self.value, self.problem = self.store.empty(), error
            self._fingerprint = self.store.fingerprint()
            self._tell("outside")


class Operation(Generic[V, R]):
    """One change or undo of a Document. `run` does the file work under the lock (it touches
    no state of the Document, so it may run on a worker thread); `finish`, on the thread that
    owns the Document, records the outcome, tells the listeners and returns the result, or
    raises the DataFileError that stopped it."""

    def __init__(
        self,
        document: Document[V],
        work: Callable[[V], R],
        adopt: Callable[[R], R],
        on_failure: Callable[[], None] | None = None,
    ) -> None:
        self.document, self.work, self.adopt, self.on_failure = document, work, adopt, on_failure
        self.outcome: tuple[V, R] | None = None
        self.error: DataFileError | None = None
        self.refused: Refused | None = None  # a rule refused it (the guard): nothing was saved

    def run(self, wait: bool = True) -> Operation[V, R]:
        try:
            self.outcome = self.document.store.update(self.work, wait=wait)
            self.error = self.refused = None
        except DataFileError as error:
            self.error = error
        except Refused as refused:
            self.refused = refused
        return self

    @property
    def busy(self) -> bool:
        """It did not run because another imgtui holds the lock (and it was not to wait)."""
        return isinstance(self.error, Busy)

    def finish(self) -> R:
        if self.refused is not None:
            if self.on_failure is not None:
                self.on_failure()
            raise self.refused
        if self.error is not None:
            if self.on_failure is not None:
                self.on_failure()
            self.document._refused(self.error)
            raise self.error
        assert self.outcome is not None, "finish() before run()"
        value, result = self.outcome
        self.document._adopt(value)
        return self.adopt(result)


class Controller:
    """The person's two files: progress (read at start) and programs (made and read when first
    wanted: the program list and its modules cost the first frame nothing)."""

    def __init__(
        self,
        progress: LockedFile[Progress],
        programs: LockedFile[ProgramBook] | Callable[[], LockedFile[ProgramBook]],
    ) -> None:
        self.progress: Document[Progress] = Document(progress)
        self._make_programs = programs
        self._programs: Document[ProgramBook] | None = None
        self._lock_wait: Callable[[], None] | None = None
        self._program_listeners: list[Listener] = []  # told once the list's document exists
        # Every change to the program list passes this guard (the signal rules; see Session).
        self.programs_guard: Callable[[ProgramBook, Callable[[], Any]], Any] | None = None

    @property
    def programs(self) -> Document[ProgramBook]:
        if self._programs is None:
            made = self._make_programs
            store = made if isinstance(made, LockedFile) else made()
            store.on_lock_wait = self._lock_wait
            self._programs = Document(store)
            self._programs.guard = self.programs_guard
            for listener in self._program_listeners:
                self._programs.subscribe(listener)
        return self._programs

    def subscribe_programs(self, listener: Listener) -> None:
        """Listen to the program list without reading it (or loading its modules) now."""
        self._program_listeners.append(listener)
        if self._programs is not None:
            self._programs.subscribe(listener)

    def unsubscribe_programs(self, listener: Listener) -> None:
        if listener in self._program_listeners:
            self._program_listeners.remove(listener)
        if self._programs is not None:
            self._programs.unsubscribe(listener)

    @property
    def programs_if_made(self) -> Document[ProgramBook] | None:
        """The program list's document if something has asked for it yet, else None."""
        return self._programs

    def poll(self) -> list[Document[Progress] | Document[ProgramBook]]:
        """The documents that changed outside this process (each reloaded)."""
        documents: list[Document[Progress] | Document[ProgramBook]] = [self.progress]
        if self._programs is not None:
            documents.append(self._programs)
        return [d for d in documents if d.poll()]

    def on_lock_wait(self, told: Callable[[], None]) -> None:
        """Call `told` whenever a save finds another imgtui holding the lock."""
        self._lock_wait = told
        self.progress.store.on_lock_wait = told
        if self._programs is not None:
            self._programs.store.on_lock_wait = told
