"""Changes as patches: what one change did, field by field, so that undo can be its exact
inverse applied to the file as it is now.

A value that can be patched (the progress, the program book) addresses its parts by a path
of keys and implements `get(path)` (MISSING when absent) and `put(path, value)` (MISSING
removes). A change records, for every part it touched, the value before and after. Undo
puts back the value before only where the part still holds the value after: what another
window or command changed since is kept."""

from __future__ import annotations

from typing import Any, NamedTuple, Protocol

Path = tuple[Any, ...]


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"

    def __reduce__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()  # an absent key, distinct from every stored value (None included)


class Patchable(Protocol):
    def get(self, path: Path) -> Any: ...

    def put(self, path: Path, value: Any) -> None: ...


class Edit(NamedTuple):
    path: Path
    old: Any
    new: Any


class Applied(NamedTuple):
    """A change as it was made: its description and the edits, with the values they replaced."""

    description: str
    edits: tuple[Edit, ...]


class Reverted(NamedTuple):
    applied: Applied  # the change that was undone
    reverted: tuple[Edit, ...]  # the edits undone (old and new as in the original change)
    kept: tuple[Edit, ...]  # edits left alone: changed elsewhere since


def apply_edits(value: Patchable, wanted: list[Edit] | tuple[Edit, ...]) -> tuple[Edit, ...]:
    """Put each edit's new value; return the edits that changed something, with the value
    each replaced (an edit's own `old` is ignored: the value now is what gets recorded)."""
    done = []
    for edit in wanted:
        before = value.get(edit.path)
        if before != edit.new or type(before) is not type(edit.new):
            value.put(edit.path, edit.new)
            if edit.new is not MISSING and value.get(edit.path) is MISSING:
                continue  # its container is gone (a program deleted elsewhere): nothing changed
            done.append(Edit(edit.path, before, edit.new))
    return tuple(done)


def revert(value: Patchable, applied: Applied) -> Reverted:
    """Undo `applied` where its values are still in place, newest edit first."""
    reverted, kept = [], []
    for edit in reversed(applied.edits):
        now = value.get(edit.path)
        if now == edit.new and type(now) is type(edit.new):
            value.put(edit.path, edit.old)
            reverted.append(edit)
        else:
            kept.append(edit)
    return Reverted(applied, tuple(reverted), tuple(kept))
