"""The application season's shared rules: which season's figure applies to the season
asked for, and specialty names as the fee and signal tables write them. Pure.

A season is named by its Match: the ERAS 2027 season (applications from June 2026) is
Match 2027, so the person's target Match year is the season imgtui plans. For a season
with no published figure the last earlier one is used and marked projected: never shown
as official for a season it was not published for."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import NamedTuple, Protocol, TypeVar

from .model import FactStatus, SpecialtyName


class _Seasonal(Protocol):
    @property
    def season(self) -> int: ...


S = TypeVar("S", bound=_Seasonal)


class Chosen(NamedTuple):
    """What applies to `season`: a figure of `from_season` (≤ season)."""

    season: int
    from_season: int
    projected: bool  # from an earlier season: the asked season's was not published

    def status(self, own: FactStatus) -> FactStatus:
        return "projected" if self.projected else own

    def label(self, what: str = "figure") -> str:
        """'the 2026 season's figure, projected: 2027's is not published' or 'the 2027 season's figure'."""
        if self.projected:
            return f"the {self.from_season} season's {what}, projected: {self.season}'s is not published"
        return f"the {self.season} season's {what}"


def latest_for(season: int, entries: Iterable[S], standing: bool = False) -> tuple[S, Chosen] | None:
    """The entry of `season`, else the last earlier one (projected unless `standing`: a
    figure that holds until changed). None when every entry is later."""
    best: S | None = None
    for entry in entries:
        if entry.season <= season and (best is None or entry.season > best.season):
            best = entry
    if best is None:
        return None
    return best, Chosen(season, best.season, best.season < season and not standing)


def source_title(source: str) -> str:
    """A source without its address ("AAMC: Fees…, https://…" → "AAMC: Fees…"): the address
    is shown apart (--json `url`) or not at all where room is short."""
    return re.split(r",\s*https?://", source, maxsplit=1)[0]


def season_name(season: int) -> str:
    return f"Match {season} = ERAS {season} season"


# -- specialty names -------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def normal(text: str) -> str:
    """A name for comparing: any case, '&' read as 'and', punctuation and runs of spaces
    as one space ("OB/GYN" = "ob gyn")."""
    text = text.casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


class SpecialtyNames:
    """Specialty names as people write them, folded to the tables' names."""

    def __init__(self, names: tuple[SpecialtyName, ...]) -> None:
        self._canonical: dict[str, str] = {}
        self._signals_as: dict[str, str] = {}
        self._seen: dict[str, str] = {}
        self._groups: dict[str, str] = {}
        for entry in names:
            for written in (entry.name, *entry.aliases):
                self._canonical[normal(written)] = entry.name
            if entry.signals_as:
                self._signals_as[normal(entry.name)] = entry.signals_as

    def canonical(self, specialty: str) -> str:
        """The table's name for `specialty`, else the specialty as written (trimmed). Fees
        are counted per canonical name."""
        found = self._seen.get(specialty)  # 5,000 programs have a dozen spellings: fold each once
        if found is None:
            found = self._seen[specialty] = self._canonical.get(normal(specialty), " ".join(specialty.split()))
        return found

    def signal_group(self, specialty: str) -> str:
        """The signal table's row for `specialty` (shared by e.g. diagnostic and
        interventional radiology)."""
        found = self._groups.get(specialty)
        if found is None:
            name = self.canonical(specialty)
            found = self._groups[specialty] = self._signals_as.get(normal(name), name)
        return found

    def same(self, a: str, b: str) -> bool:
        return normal(self.canonical(a)) == normal(self.canonical(b))


@functools.lru_cache(maxsize=8)
def specialty_names(names: tuple[SpecialtyName, ...]) -> SpecialtyNames:
    return SpecialtyNames(names)
