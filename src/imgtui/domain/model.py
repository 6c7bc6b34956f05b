"""The facts imgtui knows, as immutable values built by the catalog from data/."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

EASTERN = ZoneInfo("America/New_York")
MODES = ("non-us-img", "us-img")
STATUSES = ("official", "reported", "projected", "guide", "derived")
MODE_GROUP = {"us-img": "us_img", "non-us-img": "non_us_img"}


@dataclass(frozen=True)
class Provenance:
    source: str
    as_of: date
    status: str


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    group: str
    rules: tuple[str, ...]
    modes: tuple[str, ...]
    after: tuple[str, ...]
    why: str
    provenance: Provenance
    satisfied_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Requirement:
    id: str
    title: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class Action:
    id: str
    title: str
    requires: tuple[str, ...]
    provenance: Provenance
    printed: str | None = None
    reading: str | None = None


@dataclass(frozen=True)
class CalendarRule:
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


@dataclass(frozen=True)
class PublishedDate:
    id: str
    title: str
    date: date
    time: time | None
    provenance: Provenance


@dataclass(frozen=True)
class RuleSet:
    id: str
    title: str
    description: str
    provenance: Provenance
    use_published_dates: bool
    requirements: tuple[Requirement, ...]
    actions: tuple[Action, ...]
    calendar: tuple[CalendarRule, ...]


@dataclass(frozen=True)
class StatsRow:
    specialty: str
    printed: str
    values: tuple[float | None, ...]  # None is the guide's "N/A": missing, never zero
    uncertain: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class StatsColumn:
    id: str
    title: str
    group: str  # us_senior | us_img | non_us_img | img


@dataclass(frozen=True)
class StatsTable:
    id: str
    title: str
    unit: str  # score | count | percent
    columns: tuple[StatsColumn, ...]
    rows: tuple[StatsRow, ...]
    provenance: Provenance

    def column_index(self, column_id: str) -> int:
        return [c.id for c in self.columns].index(column_id)


@dataclass(frozen=True)
class VisaFact:
    text: str
    provenance: Provenance


@dataclass(frozen=True)
class VisaAspect:
    id: str
    title: str
    j1: VisaFact
    h1b: VisaFact
    guide: VisaFact | None = None


@dataclass(frozen=True)
class LeadTime:
    id: str
    title: str
    days: int
    text: str
    provenance: Provenance


@dataclass(frozen=True)
class Advice:
    id: str
    title: str
    step: str
    kind: str  # ideal | required
    text: str
    month: int
    day: int
    year_offset: int
    provenance: Provenance


@dataclass(frozen=True)
class DerivedRule:
    """A latest-safe date: an anchor date (per rule set) minus a lead time."""

    id: str
    step: str
    also_steps: tuple[str, ...]
    title: str
    anchors: dict[str, str]  # rule set id -> calendar or derived id
    lead_time: str
    modes: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Catalog:
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
    files: tuple[str, ...] = field(default=())

    def steps_for(self, rules: str, mode: str) -> list[Step]:
        return [s for s in self.steps if rules in s.rules and mode in s.modes]

    def stats_table(self, table_id: str) -> StatsTable:
        return next(t for t in self.stats if t.id == table_id)


def eastern(day: date, at: time | None) -> datetime:
    """The instant of an Eastern-time event; an all-day date starts at midnight Eastern."""
    return datetime.combine(day, at or time(0, 0), tzinfo=EASTERN)
