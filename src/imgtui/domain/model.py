"""The facts imgtui knows, as immutable values built by the catalog from data/.

Immutable records here and in the rest of the domain are NamedTuples: they are defined at
every start-up, ~6x cheaper than frozen dataclasses. State that changes (Progress, the
stores' books) is a dataclass."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Literal, NamedTuple, get_args
from zoneinfo import ZoneInfo

EASTERN = ZoneInfo("America/New_York")
Mode = Literal["non-us-img", "us-img"]
MODES: tuple[Mode, ...] = get_args(Mode)
FactStatus = Literal["official", "reported", "projected", "guide", "derived"]
STATUSES: tuple[FactStatus, ...] = get_args(FactStatus)


def other_mode(mode: Mode) -> Mode:
    return "us-img" if mode == "non-us-img" else "non-us-img"


def as_mode(value: object) -> Mode | None:
    """The mode `value` names, or None (for validating files and options)."""
    return next((m for m in MODES if m == value), None)


def as_fact_status(value: object) -> FactStatus | None:
    return next((s for s in STATUSES if s == value), None)


MODE_GROUP: dict[Mode, str] = {"us-img": "us_img", "non-us-img": "non_us_img"}


class Provenance(NamedTuple):
    source: str
    as_of: date
    status: FactStatus


class Step(NamedTuple):
    id: str
    title: str
    group: str
    rules: tuple[str, ...]
    modes: tuple[Mode, ...]
    after: tuple[str, ...]
    why: str
    provenance: Provenance
    satisfied_by: tuple[str, ...] = ()


class Requirement(NamedTuple):
    id: str
    title: str
    steps: tuple[str, ...]


class Action(NamedTuple):
    id: str
    title: str
    requires: tuple[str, ...]
    provenance: Provenance
    printed: str | None = None
    reading: str | None = None


class CalendarRule(NamedTuple):
    """How to place a dated event in Match year Y when no published date exists."""

    id: str
    title: str
    rule: str  # fixed | nth_weekday | days_after | days_before
    provenance: Provenance
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # Monday = 0
    n: int | None = None
    year_offset: int = 0
    of: str | None = None
    days: int | None = None
    time: time | None = None
    approximate: bool = False


class PublishedDate(NamedTuple):
    id: str
    title: str
    date: date
    time: time | None
    provenance: Provenance


class RuleSet(NamedTuple):
    id: str
    title: str
    description: str
    provenance: Provenance
    use_published_dates: bool
    requirements: tuple[Requirement, ...]
    actions: tuple[Action, ...]
    calendar: tuple[CalendarRule, ...]


class StatsRow(NamedTuple):
    specialty: str
    printed: str
    values: tuple[float | None, ...]  # None is the guide's "N/A": missing, never zero
    uncertain: tuple[str, ...] = ()
    note: str | None = None


class StatsColumn(NamedTuple):
    id: str
    title: str
    group: str  # us_senior | us_img | non_us_img | img


class StatsTable(NamedTuple):
    id: str
    title: str
    unit: str  # score | count | percent
    columns: tuple[StatsColumn, ...]
    rows: tuple[StatsRow, ...]
    provenance: Provenance

    def column_index(self, column_id: str) -> int:
        return [c.id for c in self.columns].index(column_id)


class VisaFact(NamedTuple):
    text: str
    provenance: Provenance


class VisaAspect(NamedTuple):
    id: str
    title: str
    j1: VisaFact
    h1b: VisaFact
    guide: VisaFact | None = None


class LeadTime(NamedTuple):
    id: str
    title: str
    days: int
    text: str
    provenance: Provenance


class Advice(NamedTuple):
    id: str
    title: str
    step: str
    kind: str  # ideal | required
    text: str
    month: int
    day: int
    year_offset: int
    provenance: Provenance


class DerivedRule(NamedTuple):
    """A latest-safe date: an anchor date (per rule set) minus a lead time."""

    id: str
    step: str
    also_steps: tuple[str, ...]
    title: str
    anchors: dict[str, str]  # rule set id -> calendar or derived id
    lead_time: str
    modes: tuple[Mode, ...]
    text: str


class Limit(NamedTuple):
    """A number the season's rules set (4 letters per program, 48 hours, 20 ranks, ...)."""

    id: str
    title: str
    value: int
    text: str
    provenance: Provenance


class ChecklistItem(NamedTuple):
    id: str
    text: str
    provenance: Provenance


class Catalog(NamedTuple):
    steps: tuple[Step, ...]
    rule_sets: dict[str, RuleSet]
    published: dict[int, tuple[PublishedDate, ...]]
    stats_year: int
    stats_source: str
    stats: tuple[StatsTable, ...]
    visa: tuple[VisaAspect, ...]
    lead_times: tuple[LeadTime, ...]
    advice: tuple[Advice, ...]
    derived: tuple[DerivedRule, ...] = ()
    limits: tuple[Limit, ...] = ()  # data/limits.toml
    soap_checklist: tuple[ChecklistItem, ...] = ()  # data/soap.toml: unmatched on Monday of Match Week

    def limit(self, limit_id: str) -> Limit:
        """A limit the loader guarantees is there (LIMIT_IDS in catalog.py)."""
        return next(x for x in self.limits if x.id == limit_id)

    def steps_for(self, rules: str, mode: Mode) -> list[Step]:
        return [s for s in self.steps if rules in s.rules and mode in s.modes]

    def stats_table(self, table_id: str) -> StatsTable:
        return next(t for t in self.stats if t.id == table_id)


def eastern(day: date, at: time | None) -> datetime:
    """The instant of an Eastern-time event; an all-day date starts at midnight Eastern."""
    return datetime.combine(day, at or time(0, 0), tzinfo=EASTERN)
