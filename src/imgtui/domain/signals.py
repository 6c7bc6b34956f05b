"""Program signals: how many each specialty allows in a season (gold and silver, or a
single kind), how many the person has used, and the rules every change is held to. Pure.

- A specialty's count is its season's, else the last earlier season's, marked projected;
  a specialty in no table (or whose count for the season was looked for and not found)
  takes no signal.
- Signals go to an institution, not a track (AAMC): two programs of one institution in one
  specialty cannot both hold a signal. A program's institution is its Institution field,
  or its name when that is blank.
- A withdrawn program keeps its signal: a signal cannot be reassigned (AAMC).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from .model import SeasonFacts, SignalCount
from .patch import Refused
from .programs import Key, Program, ProgramBook, merge_row
from .season import Chosen, latest_for, normal, source_title, specialty_names

if TYPE_CHECKING:
    from .programs_csv import ImportResult

TWO_TIER = ("gold", "silver")
SINGLE = ("yes",)
R = TypeVar("R")


class _Dated(NamedTuple):
    season: int
    row: SignalCount


class Allowance(NamedTuple):
    specialty: str  # the signal table's row
    season: int  # the season asked for
    row: SignalCount | None  # the table's row; None: in no table up to this season
    chosen: Chosen | None

    @property
    def known(self) -> bool:
        return self.row is not None and not self.row.unknown

    @property
    def kinds(self) -> tuple[str, ...]:
        if self.row is None or self.row.unknown:
            return ()
        return TWO_TIER if self.row.gold else SINGLE

    def limit(self, kind: str) -> int:
        if self.row is None or kind not in self.kinds:
            return 0
        return {"gold": self.row.gold, "silver": self.row.silver, "yes": self.row.signals}[kind] or 0

    @property
    def status(self) -> str | None:
        if self.row is None or self.chosen is None:
            return None
        return self.chosen.status(self.row.provenance.status)

    def words(self) -> str:
        """'3 gold + 12 silver', '5', or 'none'."""
        if not self.known:
            return "none"
        if self.kinds == TWO_TIER:
            return f"{self.limit('gold')} gold + {self.limit('silver')} silver"
        return str(self.limit("yes"))

    def basis(self) -> str:
        """Whose count this is: 'AAIM: …, official; the 2026 season's count, projected: 2027's is not published'."""
        if self.row is None or self.chosen is None:
            return f"{self.specialty} is in no signal table up to the {self.season} season: no signals"
        if self.row.unknown:
            return f"{self.row.note} ({source_title(self.row.provenance.source)})"
        own = f"{source_title(self.row.provenance.source)}, {self.row.provenance.status}"
        return own + (f"; {self.chosen.label('count')}" if self.chosen.projected else "")


def allowance(facts: SeasonFacts, specialty: str, season: int) -> Allowance:
    names = specialty_names(facts.names)
    group = names.signal_group(specialty)
    dated = [
        _Dated(table.season, count)
        for table in facts.signals
        for count in table.counts
        if names.same(count.specialty, group)
    ]
    found = latest_for(season, dated)
    if found is None:
        return Allowance(group, season, None, None)
    return Allowance(group, season, found[0].row, found[1])


def kind_word(kind: str) -> str:
    return "" if kind == "yes" else f"{kind} "


# -- what is used ----------------------------------------------------------------------


class SignalUse(NamedTuple):
    allowance: Allowance
    listed: int  # programs of the specialty (its row) in the list
    signalled: tuple[Program, ...]

    def used(self, kind: str) -> tuple[Program, ...]:
        return tuple(p for p in self.signalled if p.signal == kind)

    def left(self, kind: str) -> int:
        return max(0, self.allowance.limit(kind) - len(self.used(kind)))

    def words(self, names: bool = True) -> str:
        """'gold 2 of 3 (A, B) · silver 0 of 12 · 13 left', or why there are none."""
        allowed = self.allowance
        if not allowed.known:
            return f"no signals: {allowed.basis()}"
        parts = []
        for kind in allowed.kinds:
            used = self.used(kind)
            listed = f" ({', '.join(p.name for p in used)})" if used and names else ""
            parts.append(f"{kind_word(kind)}{len(used)} of {allowed.limit(kind)}{listed}")
        left = sum(self.left(k) for k in allowed.kinds)
        over = f" · ⚠ over the count: {', '.join(self.over())}" if self.over() else ""
        return " · ".join(parts) + f" · {left} left{over}"

    def over(self) -> list[str]:
        """Kinds used beyond the count (possible only through a hand-edited file or new data)."""
        kinds = self.allowance.kinds
        over = [k for k in kinds if len(self.used(k)) > self.allowance.limit(k)]
        return over + sorted({p.signal for p in self.signalled if p.signal not in kinds})


def next_signal(use: SignalUse, program: Program) -> str | None:
    """The signal the signal key gives `program` next: none → gold → silver → none (one kind:
    none → yes → none), skipping a kind whose count the person's other programs of the
    specialty have used up; None when nothing else is left (no signal, and every kind used)."""
    allowed = use.allowance
    cycle = ("", *allowed.kinds)
    at = cycle.index(program.signal) if program.signal in cycle else 0
    for step in range(1, len(cycle) + 1):
        kind = cycle[(at + step) % len(cycle)]
        others = [p for p in use.used(kind) if p.key != program.key] if kind else []
        if not kind or len(others) < allowed.limit(kind):
            return None if kind == program.signal else kind
    return None


def signal_usage(
    facts: SeasonFacts, season: int, programs: Iterable[Program], everything: bool = False
) -> list[SignalUse]:
    """Per specialty (signal table row) in `programs` — or, with `everything`, per row of
    the season's tables too — what is allowed, used and left."""
    names = specialty_names(facts.names)
    listed: dict[str, int] = {}
    signalled: dict[str, list[Program]] = {}
    for program in programs:  # 5,000 programs: a count each, a list only of the signalled
        group = names.signal_group(program.specialty)
        listed[group] = listed.get(group, 0) + 1
        if program.signal:
            signalled.setdefault(group, []).append(program)
    if everything:
        for table in facts.signals:
            if table.season <= season:
                for count in table.counts:
                    listed.setdefault(names.signal_group(count.specialty), 0)
    return [
        SignalUse(allowance(facts, group, season), count, tuple(signalled.get(group, ())))
        for group, count in sorted(listed.items(), key=lambda kv: kv[0].casefold())
    ]


# -- the rules every change is held to -----------------------------------------------------


def _names(programs: Iterable[Program]) -> str:
    return ", ".join(p.name for p in programs) or "none yet"


def signal_problems(facts: SeasonFacts, season: int, before: Iterable[Program], after: Iterable[Program]) -> list[str]:
    """What a change breaks, from the programs `before` and `after` it (only signalled ones
    matter). Only what the change itself brings is refused: a problem already in the file
    (edited by hand, or a count lowered by new data) does not block unrelated edits."""
    names = specialty_names(facts.names)
    was = {p.key: p for p in before if p.signal}
    now = {p.key: p for p in after if p.signal}

    def group(p: Program) -> str:
        return names.signal_group(p.specialty)

    def state(p: Program) -> tuple[str, str, str]:
        return (normal(group(p)), p.signal, normal(p.institution_name))

    changed = [k for k, p in now.items() if k not in was or state(was[k]) != state(p)]
    problems: list[str] = []
    touched: dict[str, Allowance] = {}
    for key in changed:
        program = now[key]
        allowed = touched.setdefault(normal(group(program)), allowance(facts, program.specialty, season))
        if not allowed.known:
            problems.append(
                f"{program.name}: {allowed.specialty} takes no signal in the ERAS {season} season ({allowed.basis()})"
            )
            continue
        if program.signal not in allowed.kinds:
            problems.append(
                f"{program.name}: {allowed.specialty} signals are gold or silver ({allowed.words()}): choose one"
                if allowed.kinds == TWO_TIER
                else f"{program.name}: {allowed.specialty} has one kind of signal ({allowed.words()}): mark it yes"
            )
            continue
        here = normal(program.institution_name)
        shared = [q for q in now.values() if q.key != key and state(q)[0] == state(program)[0] and state(q)[2] == here]
        if shared:
            problems.append(
                f"{program.name}: {shared[0].institution_name} already holds your {allowed.specialty} signal "
                f"(on {_names(shared)}): signals go to an institution, not a track"
            )
    for allowed in touched.values():
        if not allowed.known:
            continue
        row = normal(allowed.specialty)
        for kind in allowed.kinds:
            had = [p for p in was.values() if state(p)[0] == row and p.signal == kind]
            has = [p for p in now.values() if state(p)[0] == row and p.signal == kind]
            limit = allowed.limit(kind)
            if len(has) > limit and len(has) > len(had):
                problems.append(
                    f"{allowed.specialty} allows {limit} {kind_word(kind)}signal{'s' if limit != 1 else ''} "
                    f"in the ERAS {season} season ({allowed.basis()}); already signalled: {_names(had)}"
                )
    return problems


def guard_signals(facts: SeasonFacts, season: int, book: ProgramBook, apply: Callable[[], R]) -> R:
    """Make a change to the program book (`apply`), then refuse it (raise Refused) when it
    breaks a signal rule. The caller saves nothing when this raises."""
    before = [p for p in book.programs if p.signal]
    result = apply()
    problems = signal_problems(facts, season, before, [p for p in book.programs if p.signal])
    if problems:
        raise Refused("; ".join(problems))
    return result


def screen_rows(
    facts: SeasonFacts, season: int, book: ProgramBook, imported: ImportResult
) -> tuple[list[tuple[Program, frozenset[str]]], list[str]]:
    """An import's rows, in order, as they would merge into `book`: those that keep every
    signal rule, and a problem for each that does not, like the file's other problems:
    'line 7: Signal: Mercy IM (Internal Medicine): …' (its line, its column, its program)."""
    signalled: dict[Key, Program] = {p.key: p for p in book.programs if p.signal}
    pending: dict[Key, Program] = {}
    good, problems = [], []
    for index, (program, present) in enumerate(imported.rows):
        current = pending.get(program.key) or book.find(program.key)
        merged = program if current is None else merge_row(current, program, present)
        if merged.signal or merged.key in signalled:
            after = {k: p for k, p in signalled.items() if k != merged.key}
            if merged.signal:
                after[merged.key] = merged
            found = signal_problems(facts, season, signalled.values(), after.values())
            if found:
                where = imported.where(index, "signal")
                named = f"{program.name} ({program.specialty})"
                problems += [
                    f"{where}: {problem}" if problem.startswith(f"{program.name}: ") else f"{where}: {named}: {problem}"
                    for problem in found
                ]
                continue
            signalled = after
        pending[merged.key] = merged
        good.append((program, present))
    return good, problems
