"""The facts imgtui knows, as immutable values built by the catalog from data/.

Immutable records here and in the rest of the domain are NamedTuples: they are defined at
every start-up, ~6x cheaper than frozen dataclasses. State that changes (Progress, the
stores' books) is a dataclass."""

import datetime as _dt
from datetime import date, datetime, time
from typing import Literal, NamedTuple, get_args
from zoneinfo import ZoneInfo

EASTERN = ZoneInfo("America/New_York")
Mode = Literal["non-us-img", "us-img"]
MODES: tuple[Mode, ...] = get_args(Mode)
# official: read on the issuing body's own page; reported: a third party; projected: from a
# pattern, not published; guide: as the guide says; derived: computed from other facts;
# unverified: was true, and whether it still holds could not be confirmed; yours: from the
# person's own facts folder (they vouch for it).
FactStatus = Literal["official", "reported", "projected", "guide", "derived", "unverified", "yours"]
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


class CutOff(NamedTuple):
    """A step that satisfies others (see Step.satisfied_by) counts only when dated before
    `before`: Step 2 CS after it was discontinued is not a pass that can have happened."""

    before: date
    text: str  # why, said to the person
    provenance: Provenance


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
    counts_if_before: CutOff | None = None  # when this step satisfies others


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
    time: _dt.time | None = None
    approximate: bool = False
    weekend: str | None = None  # "next_weekday": a Saturday or Sunday moves to the Monday
    check: str | None = None  # where to confirm the date once published (a public URL)


class PublishedDate(NamedTuple):
    id: str
    title: str
    date: _dt.date
    time: _dt.time | None
    provenance: Provenance
    service: str | None = None  # an application service's own date (shown to its applicants)


class DatedFact(NamedTuple):
    on: date
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
    step1_pass_fail: DatedFact | None = None  # Step 1 pass/fail only since: its means are history


class StatsRow(NamedTuple):
    specialty: str
    printed: str
    values: tuple[float | None, ...]  # None is the guide's "N/A": missing, never zero
    uncertain: tuple[str, ...] = ()
    note: str | None = None
    as_printed: tuple[str, ...] = ()  # read exactly, but surprising: the note says why


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
    note: str | None = None

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


class VisaUpdate(NamedTuple):
    """Something that changed for J-1 or H-1B applicants, with what it means for them."""

    id: str
    title: str
    visa: str  # j1 | h1b | both
    on: date  # when it took effect or happened
    text: str
    meaning: str
    provenance: Provenance


class ServiceName(NamedTuple):
    id: str  # eras | residencycas
    title: str
    long: str
    provenance: Provenance


class SpecialtyService(NamedTuple):
    """A specialty whose programs use an application service other than the default."""

    id: str
    specialty: str
    names: tuple[str, ...]  # how it may be written in a program list, folded to lower case
    service: str
    from_match: int
    note: str
    provenance: Provenance


class Services(NamedTuple):
    default: str
    names: dict[str, ServiceName]
    specialties: tuple[SpecialtyService, ...]


class PathwaysDeadline(NamedTuple):
    id: str
    title: str
    date: _dt.date
    time: _dt.time | None
    for_match: bool  # the deadline to take part in that Match (not only the season's close)
    provenance: Provenance


class OetMinimum(NamedTuple):
    text: str
    provenance: Provenance


class OetRecency(NamedTuple):
    taken_on_or_after: date
    text: str
    provenance: Provenance


class PathwaysSeason(NamedTuple):
    match_year: int
    title: str
    pathways: tuple[str, ...]  # () when which pathways are offered is not known
    deadlines: tuple[PathwaysDeadline, ...]
    provenance: Provenance
    oet_minimum: OetMinimum | None
    oet_recency: OetRecency | None
    rules_from: int  # the season whose OET rules these are (an earlier one when unpublished)
    check: str | None = None


class Outcome(NamedTuple):
    match_year: int
    group: str  # us_img | non_us_img
    rate: float  # percent matched to a PGY-1 position
    matched: int
    applicants: int | None
    provenance: Provenance


class ImgShare(NamedTuple):
    match_year: int
    specialty: str
    percent: float
    provenance: Provenance


class Outcomes(NamedTuple):
    title: str
    rows: tuple[Outcome, ...]
    img_share: tuple[ImgShare, ...]


class RefreshPeriod(NamedTuple):
    id: str
    title: str
    days: int | None  # stale this many days after as_of, or
    matches: int | None  # once this many Match Days have passed since as_of
    areas: tuple[str, ...]


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
    # "pathways_deadline": ECFMG's published deadline for taking part in that Match, where
    # the season's Pathways file has one, replaces anchor minus lead time.
    prefer: str | None = None


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


# -- the application season: fees, program signals, geography (see data/fees, data/signals,
#    data/geography.toml). Seasons are named by their Match: ERAS 2026 season = Match 2026.


class FeeTier(NamedTuple):
    first: int
    last: int | None  # None: no upper end
    fee: int  # per program from first to last, or once for the whole tier when `flat`
    flat: bool = False


class FeeSchedule(NamedTuple):
    """An application service's per-program fees for one season, counted per specialty."""

    service: str  # an application service's id (services.toml): eras | residencycas
    season: int
    specialties: tuple[str, ...]  # () = every specialty the service carries
    tiers: tuple[FeeTier, ...]  # () = looked for, not found (`missing` says so)
    provenance: Provenance
    url: str
    quote: str = ""
    missing: str = ""


class FeeAmount(NamedTuple):
    season: int
    amount: int  # US dollars
    provenance: Provenance
    url: str
    quote: str = ""
    standing: bool = False  # holds until changed (an "effective from" fee, a current price page)


class FeeItem(NamedTuple):
    id: str
    what: str
    applies: str  # season | step:<step id> | service:<name> | ranks
    amounts: tuple[FeeAmount, ...]
    missing: str = ""  # why there is no amount


class SignalCount(NamedTuple):
    specialty: str
    gold: int | None
    silver: int | None
    signals: int | None  # the specialty's single kind
    unknown: bool  # the count for this season was looked for and not found
    provenance: Provenance
    url: str
    quote: str = ""
    note: str = ""


class SignalTable(NamedTuple):
    season: int
    counts: tuple[SignalCount, ...]


class SpecialtyName(NamedTuple):
    name: str
    aliases: tuple[str, ...]
    signals_as: str | None = None  # the signal-table row that covers it


class Division(NamedTuple):
    id: str
    name: str
    region: str
    states: tuple[tuple[str, str], ...]  # (two-letter code, name)


class OutsidePlace(NamedTuple):
    """A place with programs that is in no Census division (Puerto Rico)."""

    code: str
    name: str
    text: str
    provenance: Provenance
    url: str
    quote: str = ""


class PreferenceRule(NamedTuple):
    most: int  # divisions a person may choose
    text: str
    provenance: Provenance
    url: str
    quote: str = ""


class Geography(NamedTuple):
    divisions: tuple[Division, ...]
    outside: tuple[OutsidePlace, ...]
    preference: PreferenceRule
    provenance: Provenance
    url: str
    quote: str = ""
    codes_source: str = ""
    codes_url: str = ""


class SeasonFacts(NamedTuple):
    schedules: tuple[FeeSchedule, ...] = ()
    items: tuple[FeeItem, ...] = ()
    signals: tuple[SignalTable, ...] = ()
    names: tuple[SpecialtyName, ...] = ()
    geography: Geography | None = None


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
    visa_updates: tuple[VisaUpdate, ...] = ()
    services: Services | None = None
    pathways: tuple[PathwaysSeason, ...] = ()
    outcomes: Outcomes | None = None
    refresh: tuple[RefreshPeriod, ...] = ()
    reviewed: date | None = None  # the day the shipped facts were last checked as a whole
    # The person's own facts folder: what it added or replaced ("kind:id"), and the files
    # that could not be used (each "file: key: reason"); the shipped facts load regardless.
    yours: tuple[str, ...] = ()
    user_problems: tuple[str, ...] = ()
    limits: tuple[Limit, ...] = ()  # data/limits.toml
    soap_checklist: tuple[ChecklistItem, ...] = ()  # data/soap.toml: unmatched on Monday of Match Week
    season_facts: SeasonFacts = SeasonFacts()  # fees, signals, geography (the application season)

    def limit(self, limit_id: str) -> Limit:
        """A limit the loader guarantees is there (LIMIT_IDS in catalog.py)."""
        return next(x for x in self.limits if x.id == limit_id)

    def steps_for(self, rules: str, mode: Mode) -> list[Step]:
        return [s for s in self.steps if rules in s.rules and mode in s.modes]

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def stats_table(self, table_id: str) -> StatsTable:
        return next(t for t in self.stats if t.id == table_id)

    def pathways_for(self, match_year: int) -> PathwaysSeason | None:
        return next((p for p in self.pathways if p.match_year == match_year), None)


def eastern(day: date, at: time | None) -> datetime:
    """The instant of an Eastern-time event; an all-day date starts at midnight Eastern."""
    return datetime.combine(day, at or time(0, 0), tzinfo=EASTERN)
