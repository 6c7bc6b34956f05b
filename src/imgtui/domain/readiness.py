"""What each program gets and needs: which letters go to it (at most four through ERAS,
data/limits.toml), and whether the letters and US clinical experience it says it requires
(its `letters_required` and `usce_required`) are in hand. Pure: takes `today`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from .letters import ClinicalExperience, Key, Letter, LetterError
from .programs import Program

ORDINAL = {1: "1st", 2: "2nd", 3: "3rd"}


def fold(key: Key) -> Key:
    """A letter's (name, specialty) as written, matched like Program.key."""
    return (key[0].casefold().strip(), key[1].casefold().strip())


class LetterIndex(NamedTuple):
    """Letters by the program they go to, built once for the whole list."""

    to_all: tuple[Letter, ...]
    by_program: dict[Key, tuple[Letter, ...]]

    def for_program(self, key: Key) -> tuple[Letter, ...]:
        return self.to_all + self.by_program.get(key, ())


def letter_index(letters: Iterable[Letter]) -> LetterIndex:
    to_all: list[Letter] = []
    by_program: dict[Key, list[Letter]] = {}
    for letter in letters:
        if letter.to_all:
            to_all.append(letter)
        else:
            for key in {fold(k) for k in letter.programs}:
                by_program.setdefault(key, []).append(letter)
    return LetterIndex(tuple(to_all), {k: tuple(v) for k, v in by_program.items()})


def resolve_programs(text: str, programs: list[Program]) -> tuple[bool, tuple[Key, ...]]:
    """What the "Goes to" field of the letter form says: "all", or program names separated by
    ";" ("Name (Specialty)" where two programs share a name). (to_all, keys as written)."""
    written = text.strip()
    if written.casefold() in ("all", "all programs", "*"):
        return True, ()
    by_name: dict[str, list[Program]] = {}
    for program in programs:
        by_name.setdefault(program.name.casefold().strip(), []).append(program)
    keys: list[Key] = []
    for part in (p.strip() for p in written.split(";")):
        if not part:
            continue
        found = []
        if part.endswith(")") and "(" in part:  # "Name (Specialty)"
            name, specialty = part[: part.rindex("(")].strip(), part[part.rindex("(") + 1 : -1].strip()
            found = [
                p for p in by_name.get(name.casefold(), []) if p.specialty.casefold().strip() == specialty.casefold()
            ]
        if not found:  # a name that itself ends in parentheses, or a plain name
            found = by_name.get(part.casefold(), [])
        if not found:
            raise LetterError("programs", f"no program named {part!r} on your list (names separated by ;, or all)")
        if len(found) > 1:
            choices = "; ".join(f"{p.name} ({p.specialty})" for p in found)
            raise LetterError("programs", f"{part!r} is more than one program: write one of {choices}")
        keys.append((found[0].name, found[0].specialty))
    return False, tuple(dict.fromkeys(keys))


def check_letter_limit(letter: Letter, others: Iterable[Letter], programs: list[Program], limit: int) -> None:
    """Refuse a letter that would give any program more than `limit` (ERAS: 4), naming the
    first such program. `others` are the letters already kept, this one excluded."""
    index = letter_index(o for o in others if o.id != letter.id)
    # (the key, the program as the letter writes it: a program no longer on the list is named so)
    targets = (
        [(p.key, (p.name, p.specialty)) for p in programs] if letter.to_all else [(fold(k), k) for k in letter.programs]
    )
    names = {p.key: p for p in programs}
    for key, written in targets:
        count = len(index.for_program(key)) + 1
        if count > limit:
            program = names.get(key)
            shown = f"{program.name} ({program.specialty})" if program else f"{written[0]} ({written[1]})"
            raise LetterError(
                "programs",
                f"{shown} would get a {ORDINAL.get(count, f'{count}th')} letter: ERAS assigns at most {limit} "
                "to one program",
            )


def experience_kinds(experiences: Iterable[ClinicalExperience], today: date) -> set[str]:
    """The kinds of experience begun by `today` (a planned rotation does not count yet)."""
    return {e.kind for e in experiences if e.start is None or e.start <= today}


def requirement_flags(program: Program, letters: tuple[Letter, ...], kinds: set[str], limit: int) -> list[str]:
    """What the program says it requires and the person lacks."""
    flags = []
    if len(letters) > limit:  # a hand-edited file: the forms refuse this
        flags.append(f"gets {len(letters)} letters: ERAS sends at most {limit}")
    needed = program.letters_required
    if needed:
        received = sum(1 for letter in letters if letter.received)
        if needed > limit:
            flags.append(f"says it requires {needed} letters: ERAS sends at most {limit}")
        elif len(letters) < needed:
            flags.append(f"letters: {len(letters)} of {needed} required assigned")
        elif received < needed:
            flags.append(f"letters: {received} of {needed} required received")
    if program.usce_required == "yes":
        if not kinds:
            flags.append("requires US clinical experience: none recorded")
        elif kinds == {"observership"}:
            flags.append("requires US clinical experience: only observerships recorded (ask if they count)")
    return flags


def programs_missing(
    programs: Iterable[Program], index: LetterIndex, kinds: set[str], limit: int
) -> list[tuple[Program, list[str]]]:
    """Every program that lacks something it requires, with what."""
    found = []
    for program in programs:
        flags = requirement_flags(program, index.for_program(program.key), kinds, limit)
        if flags:
            found.append((program, flags))
    return found


def goes_to_text(letter: Letter) -> str:
    """The "Goes to" field as the letter form shows it."""
    return "all" if letter.to_all else "; ".join(f"{name} ({specialty})" for name, specialty in letter.programs)
