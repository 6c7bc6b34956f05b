"""The person's rank order list: each program's `rank` is its place (a sort key kept with the
program, so it survives renames, imports and exports); moving, adding and removing are
patches computed from the book as it is on disk when saved, so two windows moving ranks keep
each other's moves. Pure.

NRMP rules that matter here (data/limits.toml): the registration fee covers 20 programs on
the primary list, each beyond costs an extra per-rank fee; a list holds at most 300 ranks;
a certified list that is changed in any way must be certified again to count."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from .patch import MISSING, Edit
from .programs import Key, Program, ProgramBook

CERTIFIED = ("rank_list", "certified")
# Programs you can rank: those you interviewed at (programs rank only applicants they interviewed).
INTERVIEWED_STATUSES = ("interviewed", "ranked", "matched")


class RankError(ValueError):
    pass


def ranked(programs: Iterable[Program]) -> list[Program]:
    """The list in order: by rank; equal ranks (an import's, a partly undone move) keep the
    order of the book."""
    return sorted((p for p in programs if p.rank is not None), key=lambda p: p.rank or 0)


def interviewed(program: Program) -> bool:
    return program.interview == "completed" or program.status in INTERVIEWED_STATUSES


def candidates(programs: Iterable[Program]) -> list[Program]:
    """Programs interviewed at and not ranked yet, by name."""
    return sorted((p for p in programs if p.rank is None and interviewed(p)), key=lambda p: p.name.casefold())


def _renumbered(order: Sequence[Program]) -> list[Edit]:
    """Ranks 1..n for the order given: only the programs whose number changes."""
    return [Edit((p.key, "rank"), p.rank, place) for place, p in enumerate(order, 1) if p.rank != place]


def _uncertified(book: ProgramBook) -> list[Edit]:
    """A changed list must be certified again on NRMP R3: the person's mark goes."""
    return [Edit(CERTIFIED, book.certified, MISSING)] if book.certified is not None else []


def move_edits(book: ProgramBook, key: Key, step: int) -> list[Edit]:
    """Move a ranked program `step` places (negative: up, towards 1)."""
    order = ranked(book.programs)
    at = next((i for i, p in enumerate(order) if p.key == key), None)
    if at is None:
        return []
    to = max(0, min(len(order) - 1, at + step))
    if to == at:
        return []
    order.insert(to, order.pop(at))
    return _renumbered(order) + _uncertified(book)


def add_edits(book: ProgramBook, key: Key, max_ranks: int) -> list[Edit]:
    """Put a program at the bottom of the list; RankError when the list is full."""
    program = book.find(key)
    if program is None or program.rank is not None:
        return []
    order = ranked(book.programs)
    if len(order) >= max_ranks:
        raise RankError(f"a rank order list holds at most {max_ranks} programs (NRMP)")
    return [*_renumbered(order), Edit((key, "rank"), None, len(order) + 1), *_uncertified(book)]


def remove_edits(book: ProgramBook, key: Key) -> list[Edit]:
    program = book.find(key)
    if program is None or program.rank is None:
        return []
    rest = [p for p in ranked(book.programs) if p.key != key]
    return [Edit((key, "rank"), program.rank, None), *_renumbered(rest), *_uncertified(book)]


def certify_edits(book: ProgramBook, when: datetime | None) -> list[Edit]:
    """Record (or, with None, take back) the person's own "I certified it on R3" mark."""
    return [Edit(CERTIFIED, book.certified, MISSING if when is None else when)]


def with_uncertify(book: ProgramBook, edits: list[Edit]) -> list[Edit]:
    """Edits that change any rank (an import, the program form) also take back the mark."""
    if any(len(e.path) == 2 and e.path[1] == "rank" for e in edits):
        return edits + _uncertified(book)
    return edits


def beyond_included(count: int, included: int) -> int:
    """Ranks past those the registration fee covers: each costs the NRMP's per-rank fee."""
    return max(0, count - included)
