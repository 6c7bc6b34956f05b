"""Geographic preferences: a program's state (two-letter code or name) mapped to its U.S.
Census division, the divisions the person chooses (ERAS takes up to three, or no
preference), and what that makes of each program. Pure.

Puerto Rico is in no Census division (U.S. Census Bureau): its programs get none, never a
guessed one. A state imgtui does not know is flagged, not guessed."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from .model import Division, Geography, OutsidePlace

PREFERENCE_KEY = "preferred_divisions"  # in progress.toml: a list of division ids
NO_PREFERENCE = "no_preference"
FILTER_PREFIXES = ("division:", "div:")
DC_SPELLINGS = frozenset({"washington dc", "d c", "washington d c"})


def normal_state(text: str) -> str:
    """'N.Y.', 'ny', ' New  York ' → comparable spellings ('ny', 'new york')."""
    return " ".join(text.casefold().replace(".", "").replace(",", " ").split())


def division_key(word: str) -> str:
    """A division's name or id as the filter words it: 'Middle Atlantic', 'middle_atlantic',
    'middle atlantic' → 'middle-atlantic'."""
    return "-".join(word.casefold().replace("_", " ").replace("-", " ").split())


class Place(NamedTuple):
    written: str
    code: str | None = None
    name: str | None = None
    division: Division | None = None
    outside: OutsidePlace | None = None  # known, and in no division (Puerto Rico)

    @property
    def blank(self) -> bool:
        return not self.written.strip()

    @property
    def unknown(self) -> bool:
        return not self.blank and self.code is None


class Places:
    """The states (and DC, Puerto Rico) by code and name, and the filter words."""

    def __init__(self, geography: Geography) -> None:
        self.geography = geography
        self._places: dict[str, tuple[str, str, Division | None, OutsidePlace | None]] = {}
        self._words: dict[str, Division] = {}
        for division in geography.divisions:
            for code, name in division.states:
                for spelling in (code, name):
                    self._places[normal_state(spelling)] = (code, name, division, None)
            words = {division.id, division.id.replace("_", "-"), normal_state(division.name).replace(" ", "-")}
            for word in words:
                self._words[word] = division
        for spelling in DC_SPELLINGS:
            self._places[spelling] = self._places["dc"]
        for place in geography.outside:
            for spelling in (place.code, place.name):
                self._places[normal_state(spelling)] = (place.code, place.name, None, place)

    def place(self, state: str) -> Place:
        found = self._places.get(normal_state(state))
        if found is None:
            return Place(state)
        return Place(state, *found)

    def division(self, division_id: str) -> Division | None:
        return next((d for d in self.geography.divisions if d.id == division_id), None)

    def division_for_word(self, token: str) -> Division | None:
        """A filter word that selects a division: `division:pacific` (or `div:`) with a
        division's name or the unique start of one (`division:middle`), or a division's name
        written with hyphens (`middle-atlantic`, `new-england`)."""
        for prefix in FILTER_PREFIXES:
            if token.startswith(prefix):
                found = self.divisions_named(token[len(prefix) :])
                return found[0] if len(found) == 1 else None
        return self._words.get(token) if "-" in token else None

    def divisions_named(self, word: str) -> list[Division]:
        """The divisions a word names: the one whose id or name it is (words joined by -, _
        or spaces, any case), else every one whose name starts with it."""
        key = division_key(word)
        exact = self._words.get(key)
        if exact is not None:
            return [exact]
        return [d for d in self.geography.divisions if any(w.startswith(key) for w in self._names_of(d))]

    def _names_of(self, division: Division) -> list[str]:
        return [word for word, named in self._words.items() if named is division]

    def filter_prefix(self, token: str) -> str | None:
        """`division:` or `div:` when a filter word begins with it."""
        return next((prefix for prefix in FILTER_PREFIXES if token.startswith(prefix)), None)

    def named_division(self, word: str) -> Division | str:
        """The one division `word` names (after `division:`), or what to tell the person:
        that it names none, or which ones it could be."""
        found = self.divisions_named(word)
        if len(found) == 1:
            return found[0]
        if not division_key(word) or len(found) == len(self.geography.divisions):
            return f"division: one of {self.division_words()}"
        if found:
            return f"division '{word}' could be {' or '.join(division_key(d.id) for d in found)}"
        return f"no division '{word}' — one of {self.division_words()}"

    def division_words(self) -> str:
        """'new-england, middle-atlantic, …': how to write each division in the filter."""
        return ", ".join(division_key(d.id) for d in self.geography.divisions)

    def in_division(self, division: Division) -> Callable[[str], bool]:
        """A test of a program's state (as written) for the filter: in this division?"""
        spellings = self.spellings(division)
        return lambda state: normal_state(state) in spellings

    def spellings(self, division: Division) -> frozenset[str]:
        """Every way of writing the division's states, normalised (for the filter)."""
        spelled = {s for code, name in division.states for s in (normal_state(code), normal_state(name))}
        if any(code == "DC" for code, _ in division.states):
            spelled |= DC_SPELLINGS
        return frozenset(spelled)


@functools.lru_cache(maxsize=4)
def places(geography: Geography) -> Places:
    return Places(geography)


# -- the person's preferences ------------------------------------------------------------


def chosen_divisions(document: Mapping[str, Any], geography: Geography) -> tuple[str, ...]:
    """The division ids (or just NO_PREFERENCE) saved in the progress file: known ids, in
    order, at most as many as ERAS takes. Anything else there is ignored."""
    saved = document.get(PREFERENCE_KEY, [])
    if not isinstance(saved, list):
        return ()
    if NO_PREFERENCE in saved:
        return (NO_PREFERENCE,)
    known = {d.id for d in geography.divisions}
    ids: list[str] = []
    for value in saved:
        if isinstance(value, str) and value in known and value not in ids:
            ids.append(value)
    return tuple(ids[: geography.preference.most])


def toggled(chosen: tuple[str, ...], division_id: str, geography: Geography) -> tuple[str, ...]:
    """`chosen` with `division_id` added or removed (NO_PREFERENCE replaces every division and
    a division replaces it). Raises ValueError beyond the most ERAS takes."""
    if division_id == NO_PREFERENCE:
        return () if chosen == (NO_PREFERENCE,) else (NO_PREFERENCE,)
    current = tuple(d for d in chosen if d != NO_PREFERENCE)
    if division_id in current:
        return tuple(d for d in current if d != division_id)
    most = geography.preference.most
    if len(current) >= most:
        names = ", ".join(_name(geography, d) for d in current)
        raise ValueError(f"ERAS takes up to {most} divisions ({names} chosen): remove one first")
    return (*current, division_id)


def _name(geography: Geography, division_id: str) -> str:
    return next((d.name for d in geography.divisions if d.id == division_id), division_id)


def preference_words(chosen: tuple[str, ...], geography: Geography) -> str:
    if not chosen:
        return "none chosen"
    if chosen == (NO_PREFERENCE,):
        return "no preference (shown to every program)"
    return ", ".join(_name(geography, d) for d in chosen)


def place_flags(place: Place, chosen: tuple[str, ...]) -> list[str]:
    """What the program's state makes of it, given the chosen divisions."""
    if place.unknown:
        return [f"unknown state {place.written.strip()!r}: no Census division"]
    divisions = tuple(d for d in chosen if d != NO_PREFERENCE)
    if not divisions:
        return []
    if place.outside is not None:
        return [f"{place.outside.name}: in no Census division"]
    if place.division is None:
        return ["no state: its Census division is unknown"]
    if place.division.id not in divisions:
        return [f"outside your divisions ({place.division.name})"]
    return []
