"""Every flag a program carries, in one place, so the program list, the rank list, the
command line and the detail panes say the same: fit (visa, stale site), its interview
(same-day conflict, unanswered invitation), what it requires (letters, USCE) and where it
is (a state imgtui does not know, outside the Census divisions the person chose).
Build a `FlagContext` once per change of the list; then `program_flags` is cheap."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime, tzinfo
from typing import NamedTuple

from .geography import Places, place_flags
from .interviews import SameDay, conflicts, interview_flags
from .model import Catalog, Mode
from .programs import Key, Program, ProgramBook, fit_flags
from .readiness import LetterIndex, experience_kinds, letter_index, requirement_flags


class Limits(NamedTuple):
    """The numbers of data/limits.toml the flags apply."""

    letters_per_program: int
    interview_reply_hours: int
    ranks_included: int
    max_ranks: int


def catalog_limits(catalog: Catalog) -> Limits:
    """The limits as the catalog has them (the loader guarantees each id)."""
    return Limits(*(catalog.limit(name).value for name in Limits._fields))


class FlagContext(NamedTuple):
    mode: Mode
    step3_done: bool
    now: datetime
    zone: tzinfo  # the person's time zone: "the same day" is their day
    limits: Limits
    clashes: dict[Key, SameDay]
    letters: LetterIndex
    experience: set[str]  # kinds of US clinical experience begun
    places: Places | None = None  # states to Census divisions (issue #14); None: no place flags
    divisions: tuple[str, ...] = ()  # the divisions the person chose (geographic preferences)


def flag_context(
    book: ProgramBook,
    mode: Mode,
    step3_done: bool,
    now: datetime,
    zone: tzinfo,
    limits: Limits,
    places: Places | None = None,
    divisions: tuple[str, ...] = (),
) -> FlagContext:
    today = now.astimezone(zone).date()
    return FlagContext(
        mode,
        step3_done,
        now,
        zone,
        limits,
        conflicts(book.programs, zone),
        letter_index(book.letters.values()),
        experience_kinds(book.experiences.values(), today),
        places,
        divisions,
    )


def program_flags(program: Program, context: FlagContext) -> list[str]:
    today = context.now.astimezone(context.zone).date()
    return [
        *interview_flags(program, context.clashes, context.now, context.zone, context.limits.interview_reply_hours),
        *requirement_flags(
            program,
            context.letters.for_program(program.key),
            context.experience,
            context.limits.letters_per_program,
        ),
        *fit_flags(program, context.mode, context.step3_done, today),
        *(place_flags(context.places.place(program.state), context.divisions) if context.places else ()),
    ]


def all_flags(book: ProgramBook, context: FlagContext) -> dict[Key, list[str]]:
    return {p.key: program_flags(p, context) for p in book.programs}


class FlagsByProgram(Mapping[Key, list[str]]):
    """Each program's flags, computed the first time they are asked for: a list of 5,000
    draws forty rows at a time, so a change costs the rows shown, not the whole list."""

    def __init__(
        self,
        programs: Iterable[Program],
        context: FlagContext,
        more: Callable[[Program], list[str]] | None = None,  # a view's own flags, after the rest
    ) -> None:
        self._programs = {p.key: p for p in programs}
        self._context, self._more = context, more
        self._done: dict[Key, list[str]] = {}

    def __getitem__(self, key: Key) -> list[str]:
        flags = self._done.get(key)
        if flags is None:
            program = self._programs[key]
            flags = program_flags(program, self._context) + (self._more(program) if self._more else [])
            self._done[key] = flags
        return flags

    def __iter__(self) -> Iterator[Key]:
        return iter(self._programs)

    def __len__(self) -> int:
        return len(self._programs)
