"""Loads and validates the facts in data/ (the one place that knows the files).

Every problem is reported with the file and the key that is wrong, e.g.
``data/rules/current.toml: calendar[2].month: expected an integer 1-12, got "sept"``.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from .domain.model import (
    MODES,
    STATUSES,
    Action,
    Advice,
    CalendarRule,
    Catalog,
    ChecklistItem,
    CutOff,
    DatedFact,
    DerivedRule,
    Division,
    FactStatus,
    FeeAmount,
    FeeItem,
    FeeSchedule,
    FeeTier,
    Geography,
    ImgShare,
    LeadTime,
    Limit,
    Mode,
    OetMinimum,
    OetRecency,
    Outcome,
    Outcomes,
    OutsidePlace,
    PathwaysDeadline,
    PathwaysSeason,
    PreferenceRule,
    Provenance,
    PublishedDate,
    RefreshPeriod,
    Requirement,
    RuleSet,
    SeasonFacts,
    ServiceName,
    Services,
    SignalCount,
    SignalTable,
    SpecialtyName,
    SpecialtyService,
    StatsColumn,
    StatsRow,
    StatsTable,
    Step,
    VisaAspect,
    VisaFact,
    VisaUpdate,
    as_fact_status,
    as_mode,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CALENDAR_RULES = ("fixed", "nth_weekday", "days_after", "days_before")
WEEKEND_RULES = ("next_weekday",)
AREAS = ("dates", "pathways", "services", "rules", "visa", "outcomes", "fees", "signals", "geography")
OUTCOME_GROUPS = ("us_img", "non_us_img")
VISAS = ("j1", "h1b", "both")
_MISSING = object()
# The limits the code applies (interviews, letters, the rank list): data/limits.toml must have each.
LIMIT_IDS = ("letters_per_program", "interview_reply_hours", "ranks_included", "max_ranks")


class CatalogError(Exception):
    """A shipped data file is missing or wrong; the message names the file and key."""


def data_dir() -> Path:
    """data/ inside the installed package, or at the repository root in a source checkout."""
    packaged = Path(__file__).resolve().parent / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


class _Table:
    """A TOML table being read, which knows where it is for error messages."""

    def __init__(self, file: str, where: str, value: Any):
        self.file, self.where = file, where
        if not isinstance(value, dict):
            self.fail("", f"expected a table, got {value!r}")
        self.value: dict[str, Any] = value

    def fail(self, key: str, problem: str) -> NoReturn:
        place = ".".join(p for p in (self.where, key) if p)
        raise CatalogError(f"{self.file}: {place or '(top level)'}: {problem}")

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = _MISSING) -> Any:
        if key not in self.value:
            if default is _MISSING:
                self.fail(key, "missing")
            return default
        value = self.value[key]
        if isinstance(value, bool) and kind is not bool:
            self.fail(key, f"expected {_kind_name(kind)}, got {value!r}")
        if not isinstance(value, kind):
            self.fail(key, f"expected {_kind_name(kind)}, got {value!r}")
        return value

    def text(self, key: str) -> str:
        value: str = self.get(key, str)
        if not value.strip():
            self.fail(key, "must not be empty")
        return value

    def optional_text(self, key: str) -> str | None:
        return self.text(key) if key in self.value else None

    def ids(self, key: str, default: tuple[str, ...] | None = None) -> tuple[str, ...]:
        if default is not None and key not in self.value:
            return default
        values: list[Any] = self.get(key, list)
        for i, v in enumerate(values):
            if not isinstance(v, str) or not re.fullmatch(r"[a-z0-9_-]+", v):
                self.fail(f"{key}[{i}]", f"expected an id (a-z, 0-9, _ or -), got {v!r}")
        return tuple(values)

    def number(self, key: str, low: int, high: int) -> int:
        value: int = self.get(key, int)
        if not low <= value <= high:
            self.fail(key, f"expected an integer {low}-{high}, got {value!r}")
        return value

    def clock(self, key: str) -> time | None:
        value = self.optional_text(key)
        if value is None:
            return None
        match = re.fullmatch(r"(\d{2}):(\d{2})", value)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            self.fail(key, f"expected HH:MM (Eastern), got {value!r}")
        return time(int(match[1]), int(match[2]))

    def modes(self, key: str) -> tuple[Mode, ...]:
        modes = []
        for written in self.ids(key):
            mode = as_mode(written)
            if mode is None:
                self.fail(key, f"unknown mode {written!r}; expected {' or '.join(MODES)}")
            modes.append(mode)
        return tuple(modes)

    def provenance(self) -> Provenance:
        status = self.status()
        return Provenance(source=self.text("source"), as_of=self.day("as_of"), status=status)

    def status(self) -> FactStatus:
        written = self.text("status")
        status = as_fact_status(written)
        if status is None or status == "yours":  # "yours" is given by the loader, never written
            shipped = ", ".join(s for s in STATUSES if s != "yours")
            self.fail("status", f"expected one of {shipped}, got {written!r}")
        return status

    def day(self, key: str) -> date:
        value = self.get(key, date)
        if type(value) is not date:
            self.fail(key, f"expected a date (YYYY-MM-DD), got {value!r}")
        return value

    def optional_day(self, key: str) -> date | None:
        return self.day(key) if key in self.value else None

    def tables(self, key: str, default: list[Any] | None = None) -> list[_Table]:
        values = self.value.get(key, default) if default is not None else self.get(key, list)
        if not isinstance(values, list):
            self.fail(key, f"expected an array of tables, got {values!r}")
        return [type(self)(self.file, self.place(f"{key}[{i}]"), v) for i, v in enumerate(values)]

    def table(self, key: str) -> _Table:
        return type(self)(self.file, self.place(key), self.get(key, dict))

    def place(self, key: str) -> str:
        return f"{self.where + '.' if self.where else ''}{key}"

    def only(self, keys: tuple[str, ...]) -> None:
        """For the person's own files: a key imgtui does not know is most likely a typo."""
        for key in self.value:
            if key not in keys:
                self.fail(key, f"unknown key; expected one of {', '.join(keys)}")


class _UserTable(_Table):
    """A table of the person's own facts file: the same rules, plus text that is safe to show
    (no control or format characters), and every fact's status is "yours"."""

    def text(self, key: str) -> str:
        import unicodedata  # only the person's own files need it

        value = super().text(key)
        bad = next((c for c in value if unicodedata.category(c)[0] == "C"), None)
        if bad is not None:
            self.fail(key, f"contains a control character (U+{ord(bad):04X}); write plain text")
        return value

    def status(self) -> FactStatus:
        if "status" in self.value:  # allowed (a copied shipped entry has one), but it is yours now
            super().status()
        return "yours"


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {
        str: "a string",
        int: "an integer",
        list: "an array",
        dict: "a table",
        bool: "true or false",
        date: "a date (YYYY-MM-DD)",
        float: "a number",
    }
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _read(root: Path, relative: str) -> _Table:
    path = root / relative
    try:
        with path.open("rb") as handle:
            return _Table(relative, "", tomllib.load(handle))
    except FileNotFoundError:
        raise CatalogError(f"{relative}: missing from {root}") from None
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(f"{relative}: not valid TOML: {error}") from None


def _step(t: _Table) -> Step:
    modes = t.modes("modes")
    return Step(
        id=t.text("id"),
        title=t.text("title"),
        group=t.text("group"),
        rules=t.ids("rules"),
        modes=modes,
        after=t.ids("after"),
        why=t.text("why"),
        provenance=t.provenance(),
        satisfied_by=t.ids("satisfied_by", ()),
        counts_if_before=_cut_off(t.table("counts_if_before")) if "counts_if_before" in t.value else None,
    )


def _cut_off(t: _Table) -> CutOff:
    before = t.get("date", date)
    if type(before) is not date:
        t.fail("date", f"expected a date (YYYY-MM-DD), got {before!r}")
    return CutOff(before, t.text("text"), t.provenance())


def _calendar_rule(t: _Table) -> CalendarRule:
    rule = t.text("rule")
    if rule not in CALENDAR_RULES:
        t.fail("rule", f"expected one of {', '.join(CALENDAR_RULES)}, got {rule!r}")
    weekday = None
    if rule == "nth_weekday":
        name = t.text("weekday")
        if name not in WEEKDAYS:
            t.fail("weekday", f"expected a weekday name, got {name!r}")
        weekday = WEEKDAYS.index(name)
    dated = rule in ("fixed", "nth_weekday")
    calendar_rule = CalendarRule(
        id=t.text("id"),
        title=t.text("title"),
        rule=rule,
        provenance=t.provenance(),
        month=t.number("month", 1, 12) if dated else None,
        day=t.number("day", 1, 31) if rule == "fixed" else None,
        weekday=weekday,
        # 1-4: a fifth weekday is not in every month, and a rule must give a date every year.
        n=t.number("n", 1, 4) if rule == "nth_weekday" else None,
        year_offset=t.number("year_offset", -3, 1) if dated else 0,
        of=None if dated else t.text("of"),
        days=None if dated else t.number("days", 0, 366),
        time=t.clock("time"),
        approximate=t.get("approximate", bool, False),
        weekend=t.optional_text("weekend"),
        check=t.optional_text("check"),
    )
    if calendar_rule.weekend is not None and calendar_rule.weekend not in WEEKEND_RULES:
        t.fail("weekend", f"expected one of {', '.join(WEEKEND_RULES)}, got {calendar_rule.weekend!r}")
    if calendar_rule.weekend is not None and not dated:
        t.fail("weekend", "only a fixed or nth_weekday rule can move off a weekend")
    if calendar_rule.provenance.status == "projected" and calendar_rule.check is None:
        t.fail("check", "a projected date must say where to confirm it once published (a public URL)")
    if calendar_rule.month is not None and calendar_rule.day is not None:
        try:
            date(2000, calendar_rule.month, calendar_rule.day)  # a leap year admits Feb 29
        except ValueError:
            t.fail("day", f"no day {calendar_rule.day} in month {calendar_rule.month}")
    return calendar_rule


def _rule_set(t: _Table, step_ids: set[str]) -> RuleSet:
    requirements = tuple(Requirement(r.text("id"), r.text("title"), r.ids("steps")) for r in t.tables("requirements"))
    requirement_ids = {r.id for r in requirements}
    for r, raw in zip(requirements, t.tables("requirements"), strict=True):
        for s in r.steps:
            if s not in step_ids:
                raw.fail("steps", f"unknown step {s!r}")
    actions = []
    for a in t.tables("actions"):
        requires = a.ids("requires")
        for required in requires:
            if required not in requirement_ids:
                a.fail("requires", f"unknown requirement {required!r}")
        actions.append(
            Action(
                a.text("id"),
                a.text("title"),
                requires,
                a.provenance(),
            )
        )
    calendar = tuple(_calendar_rule(c) for c in t.tables("calendar"))
    known = {c.id for c in calendar}
    for c, raw in zip(calendar, t.tables("calendar"), strict=True):
        if c.of is not None and c.of not in known:
            raw.fail("of", f"unknown calendar id {c.of!r}")
    return RuleSet(
        id=t.text("id"),
        title=t.text("title"),
        description=t.text("description"),
        provenance=t.provenance(),
        use_published_dates=t.get("use_published_dates", bool),
        requirements=requirements,
        actions=tuple(actions),
        calendar=calendar,
        step1_pass_fail=_dated_fact(t.table("step1_pass_fail"), "since") if "step1_pass_fail" in t.value else None,
    )


def _dated_fact(t: _Table, key: str) -> DatedFact:
    return DatedFact(t.day(key), t.provenance())


def _published(t: _Table, services: Services) -> tuple[int, tuple[PublishedDate, ...]]:
    year = t.number("match_year", 2000, 2100)
    dates: list[PublishedDate] = []
    for d in t.tables("dates"):
        service = d.optional_text("service")
        if service is not None and service not in services.names:
            d.fail("service", f"unknown application service {service!r}; expected one of {', '.join(services.names)}")
        published = PublishedDate(
            _id(d, "id"), d.text("title"), d.day("date"), d.clock("time"), d.provenance(), service
        )
        if any(p.id == published.id for p in dates):
            d.fail("id", f"{published.id!r} appears twice")
        dates.append(published)
    return year, tuple(dates)


def _id(t: _Table, key: str) -> str:
    value = t.text(key)
    if not re.fullmatch(r"[a-z0-9_-]+", value):
        t.fail(key, f"expected an id (a-z, 0-9, _ or -), got {value!r}")
    return value


def _stats(t: _Table) -> tuple[StatsTable, ...]:
    tables = []
    for s in t.tables("tables"):
        ids, titles, groups = s.ids("columns"), s.get("column_titles", list), s.ids("column_groups")
        if not len(ids) == len(titles) == len(groups):
            s.fail("columns", "columns, column_titles and column_groups must have the same length")
        columns = tuple(StatsColumn(i, str(title), g) for i, title, g in zip(ids, titles, groups, strict=True))
        unit = s.text("unit")
        if unit not in ("score", "count", "percent"):
            s.fail("unit", f"expected score, count or percent, got {unit!r}")
        rows = []
        for r in s.tables("rows"):
            raw_values = r.get("values", list)
            if len(raw_values) != len(columns):
                r.fail("values", f"expected {len(columns)} values, got {len(raw_values)}")
            values: list[float | None] = []
            for i, v in enumerate(raw_values):
                if v == "N/A":
                    values.append(None)
                elif isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0:
                    values.append(v)
                else:
                    r.fail(f"values[{i}]", f'expected a number or "N/A", got {v!r}')
            uncertain = r.ids("uncertain", ())
            for u in uncertain:
                if u not in ids:
                    r.fail("uncertain", f"unknown column {u!r}")
            as_printed = r.ids("as_printed", ())
            for u in as_printed:
                if u not in ids:
                    r.fail("as_printed", f"unknown column {u!r}")
            note = r.optional_text("note")
            if (uncertain or as_printed) and not note:
                r.fail("note", "a row with uncertain or surprising cells must say why in a note")
            rows.append(StatsRow(r.text("specialty"), r.text("printed"), tuple(values), uncertain, note, as_printed))
        tables.append(
            StatsTable(
                s.text("id"), s.text("title"), unit, columns, tuple(rows), s.provenance(), s.optional_text("note")
            )
        )
    return tuple(tables)


def _visa(t: _Table) -> tuple[VisaAspect, ...]:
    def fact(a: _Table, key: str) -> VisaFact:
        sub = a.table(key)
        return VisaFact(sub.text("text"), sub.provenance())

    return tuple(
        VisaAspect(
            _id(a, "id"),
            a.text("title"),
            fact(a, "j1"),
            fact(a, "h1b"),
            fact(a, "guide") if "guide" in a.value else None,
        )
        for a in t.tables("aspects", [])
    )


def _visa_updates(t: _Table) -> tuple[VisaUpdate, ...]:
    updates = []
    for u in t.tables("updates", []):
        visa = u.text("visa")
        if visa not in VISAS:
            u.fail("visa", f"expected one of {', '.join(VISAS)}, got {visa!r}")
        updates.append(
            VisaUpdate(
                _id(u, "id"), u.text("title"), visa, u.day("on"), u.text("text"), u.text("meaning"), u.provenance()
            )
        )
    return tuple(updates)


def _unique(t: _Table, key: str, ids: list[Any]) -> None:
    seen = set()
    for i, value in enumerate(ids):
        if value in seen:
            t.fail(f"{key}[{i}]", f"{value!r} appears twice")
        seen.add(value)


# -- application services, Pathways seasons, outcomes, refresh periods --------------------


def _services(t: _Table) -> Services:
    names = {}
    for n in t.tables("names"):
        name = ServiceName(_id(n, "id"), n.text("title"), n.text("long"), n.provenance())
        names[name.id] = name
    default = t.text("default")
    if default not in names:
        t.fail("default", f"unknown application service {default!r}")
    return Services(default, names, _specialty_services(t, names))


def _specialty_services(t: _Table, names: dict[str, ServiceName] | tuple[str, ...]) -> tuple[SpecialtyService, ...]:
    specialties = []
    written: dict[str, str] = {}
    for sp in t.tables("specialties"):
        service = sp.text("service")
        if service not in names:
            sp.fail("service", f"unknown application service {service!r}; expected one of {', '.join(names)}")
        folded = tuple(n.casefold().strip() for n in sp.get("names", list) if isinstance(n, str) and n.strip())
        if len(folded) != len(sp.value["names"]) or not folded:
            sp.fail("names", "expected a non-empty array of specialty names")
        entry = SpecialtyService(
            _id(sp, "id"),
            sp.text("specialty"),
            folded,
            service,
            sp.number("from_match", 2000, 2100),
            sp.text("note"),
            sp.provenance(),
        )
        for name in (entry.specialty.casefold(), *folded):
            if written.get(name, entry.id) != entry.id:
                sp.fail("names", f"{name!r} is also a name of {written[name]!r}")
            written[name] = entry.id
        specialties.append(entry)
    _unique(t, "specialties", [s.id for s in specialties])
    return tuple(specialties)


def _pathways_season(t: _Table) -> PathwaysSeason:
    year = t.number("match_year", 2000, 2100)
    pathways = t.get("pathways", list, [])
    if not all(isinstance(p, str) and p.strip() for p in pathways):
        t.fail("pathways", "expected an array of pathway names")
    deadlines = tuple(
        PathwaysDeadline(
            _id(d, "id"), d.text("title"), d.day("date"), d.clock("time"), d.get("for_match", bool), d.provenance()
        )
        for d in t.tables("deadlines", [])
    )
    _unique(t, "deadlines", [d.id for d in deadlines])
    minimum = recency = None
    if "oet_minimum" in t.value:
        m = t.table("oet_minimum")
        minimum = OetMinimum(m.text("text"), m.provenance())
    if "oet_recency" in t.value:
        r = t.table("oet_recency")
        recency = OetRecency(r.day("taken_on_or_after"), r.text("text"), r.provenance())
    provenance = t.provenance()
    check = t.optional_text("check")
    if provenance.status == "projected" and check is None:
        t.fail("check", "a projected season must say where to confirm it (a public URL)")
    return PathwaysSeason(year, t.text("title"), tuple(pathways), deadlines, provenance, minimum, recency, year, check)


def _carry_oet_rules(seasons: list[PathwaysSeason]) -> tuple[PathwaysSeason, ...]:
    """A season whose OET rules are not published carries the last published season's,
    marked by `rules_from` (the season they come from)."""
    result: list[PathwaysSeason] = []
    last: PathwaysSeason | None = None
    for season in sorted(seasons, key=lambda p: p.match_year):
        own = season.oet_minimum is not None or season.oet_recency is not None
        if own:
            season = season._replace(rules_from=season.match_year)
            last = season
        elif last is not None:
            season = season._replace(
                oet_minimum=last.oet_minimum, oet_recency=last.oet_recency, rules_from=last.match_year
            )
        result.append(season)
    return tuple(result)


def _outcomes(t: _Table) -> Outcomes:
    return Outcomes(t.text("title"), _outcome_rows(t), _img_share(t))


def _outcome_rows(t: _Table) -> tuple[Outcome, ...]:
    rows = []
    for r in t.tables("outcomes", []):
        group = r.text("group")
        if group not in OUTCOME_GROUPS:
            r.fail("group", f"expected one of {', '.join(OUTCOME_GROUPS)}, got {group!r}")
        rate = r.get("rate", (int, float))
        if not 0 <= rate <= 100:
            r.fail("rate", f"expected a percentage 0-100, got {rate!r}")
        matched = r.number("matched", 0, 1_000_000)
        applicants = r.number("applicants", 1, 1_000_000) if "applicants" in r.value else None
        if applicants is not None:
            if matched > applicants:
                r.fail("matched", f"more matched ({matched}) than applicants ({applicants})")
            share = 100 * matched / applicants
            if abs(share - rate) > 0.05:
                r.fail("rate", f"{rate}% does not agree with {matched} of {applicants} ({share:.2f}%)")
        year = r.number("match_year", 2000, 2100)
        rows.append(Outcome(year, group, float(rate), matched, applicants, r.provenance()))
    _unique(t, "outcomes", [(o.match_year, o.group) for o in rows])
    return tuple(rows)


def _img_share(t: _Table) -> tuple[ImgShare, ...]:
    shares = []
    for r in t.tables("img_share", []):
        percent = r.get("percent", (int, float))
        if not 0 <= percent <= 100:
            r.fail("percent", f"expected a percentage 0-100, got {percent!r}")
        shares.append(ImgShare(r.number("match_year", 2000, 2100), r.text("specialty"), float(percent), r.provenance()))
    _unique(t, "img_share", [(s.match_year, s.specialty) for s in shares])
    return tuple(shares)


def _refresh(t: _Table) -> tuple[RefreshPeriod, ...]:
    periods = []
    covered: dict[str, str] = {}
    for r in t.tables("periods"):
        days = r.number("days", 1, 3650) if "days" in r.value else None
        matches = r.number("matches", 1, 10) if "matches" in r.value else None
        if (days is None) == (matches is None):
            r.fail("days", "give either days or matches")
        areas = r.ids("areas")
        for area in areas:
            if area not in AREAS:
                r.fail("areas", f"unknown area {area!r}; expected one of {', '.join(AREAS)}")
            if area in covered:
                r.fail("areas", f"{area!r} already has the period {covered[area]!r}")
            covered[area] = r.text("id")
        periods.append(RefreshPeriod(_id(r, "id"), r.text("title"), days, matches, areas))
    return tuple(periods)


def _derived(
    t: _Table, lead_ids: set[str], step_ids: set[str], rule_sets: dict[str, RuleSet]
) -> tuple[DerivedRule, ...]:
    rules = []
    raw = t.tables("derived")
    ids = {r.text("id") for r in raw}
    for r in raw:
        anchors_table = r.table("anchor")
        anchors = {}
        for rules_id, anchor in anchors_table.value.items():
            if rules_id not in rule_sets:
                anchors_table.fail(rules_id, f"unknown rule set {rules_id!r}")
            known = ids | {c.id for c in rule_sets[rules_id].calendar}
            if not isinstance(anchor, str) or anchor not in known:
                anchors_table.fail(
                    rules_id, f"unknown anchor {anchor!r}: expected a calendar id of {rules_id} or a derived id"
                )
            anchors[rules_id] = anchor
        lead = r.text("lead_time")
        if lead not in lead_ids:
            r.fail("lead_time", f"unknown lead time {lead!r}")
        for key, steps in (("step", (r.text("step"),)), ("also_steps", r.ids("also_steps", ()))):
            for step in steps:
                if step not in step_ids:
                    r.fail(key, f"unknown step {step!r}")
        modes = r.modes("modes")
        rules.append(
            DerivedRule(
                r.text("id"),
                r.text("step"),
                r.ids("also_steps", ()),
                r.text("title"),
                anchors,
                lead,
                modes,
                r.text("text"),
                _prefer(r),
            )
        )
    return tuple(rules)


PREFER = ("pathways_deadline",)


def _prefer(r: _Table) -> str | None:
    prefer = r.optional_text("prefer")
    if prefer is not None and prefer not in PREFER:
        r.fail("prefer", f"expected one of {', '.join(PREFER)}, got {prefer!r}")
    return prefer


def _timing(t: _Table) -> tuple[tuple[LeadTime, ...], tuple[Advice, ...]]:
    lead = tuple(
        LeadTime(x.text("id"), x.text("title"), x.number("days", 0, 730), x.text("text"), x.provenance())
        for x in t.tables("lead_times")
    )
    advice = []
    for a in t.tables("advice"):
        before = a.table("before")
        advice.append(
            Advice(
                a.text("id"),
                a.text("title"),
                a.text("step"),
                a.text("kind"),
                a.text("text"),
                before.number("month", 1, 12),
                before.number("day", 1, 31),
                before.number("year_offset", -3, 1),
                a.provenance(),
            )
        )
    return lead, tuple(advice)


def _limits(t: _Table) -> tuple[Limit, ...]:
    limits = []
    for x in t.tables("limits"):
        limits.append(
            Limit(x.text("id"), x.text("title"), x.number("value", 0, 100_000), x.text("text"), x.provenance())
        )
    found = {x.id for x in limits}
    for wanted in LIMIT_IDS:
        if wanted not in found:
            t.fail("limits", f"no limit with id {wanted!r} (imgtui applies it)")
    return tuple(limits)


def _checklist(t: _Table) -> tuple[ChecklistItem, ...]:
    return tuple(ChecklistItem(c.text("id"), c.text("text"), c.provenance()) for c in t.tables("checklist"))


# -- the application season: fees, signals, geography ------------------------------------


def _applies_ok(applies: str, services: Services) -> bool:
    """season | ranks | step:<id> | service:<a service id> (no regex compiled at start-up)."""
    kind, colon, what = applies.partition(":")
    if kind in ("season", "ranks"):
        return not colon
    return (kind == "step" and bool(what)) or (kind == "service" and what in services.names)


def _url(t: _Table, key: str = "source") -> str:
    """The public address a source names ("Title, https://…"): every season fact has one."""
    found = re.search(r"https?://\S+", t.text(key))
    if found is None:
        t.fail(key, f"expected a title and a public http(s) address, got {t.value[key]!r}")
    return found[0].rstrip(".,;)")


def _with_defaults(t: _Table, defaults: _Table) -> _Table:
    """An entry of a file whose source/url/as_of/status default to the file's own."""
    shared = {k: v for k, v in defaults.value.items() if k in ("source", "as_of", "status", "quote")}
    return _Table(t.file, t.where, {**shared, **t.value})


def _tiers(t: _Table) -> tuple[FeeTier, ...]:
    tiers: list[FeeTier] = []
    expected = 1
    for x in t.tables("tiers"):
        first = x.number("from", 1, 10_000)
        last = x.number("to", first, 10_000) if "to" in x.value else None
        if first != expected:
            x.fail("from", f"tiers must follow each other from 1 without gaps: expected {expected}, got {first}")
        if tiers and tiers[-1].last is None:
            x.fail("from", "a tier follows one with no upper end")
        tiers.append(FeeTier(first, last, x.number("fee", 0, 100_000), x.get("flat", bool, False)))
        expected = (last or first) + 1
    if tiers and tiers[-1].last is not None:
        t.fail("tiers", "the last tier must have no upper end (omit `to`)")
    return tuple(tiers)


def _fees(
    applications: _Table, items: _Table, step_ids: set[str], services: Services
) -> tuple[tuple[FeeSchedule, ...], tuple[FeeItem, ...]]:
    schedules = []
    for x in applications.tables("schedules"):
        service = x.text("service")
        if service not in services.names:
            x.fail("service", f"unknown application service {service!r}; expected one of {', '.join(services.names)}")
        tiers = _tiers(x)
        missing = x.optional_text("missing") or ""
        if not tiers and not missing:
            x.fail("missing", "a schedule without tiers must say what was not found")
        schedules.append(
            FeeSchedule(
                service,
                x.number("season", 2000, 2100),
                tuple(str(s) for s in x.get("specialties", list, [])),
                tiers,
                x.provenance(),
                _url(x),
                x.optional_text("quote") or "",
                missing,
            )
        )
    seen = set()
    for schedule, x in zip(schedules, applications.tables("schedules"), strict=True):
        for specialty in schedule.specialties or (None,):  # None: every specialty, never a name written
            key = (schedule.service, schedule.season, specialty)
            if key in seen:
                x.fail("season", f"a second {schedule.service} schedule for season {schedule.season}")
            seen.add(key)
    fee_items = []
    for x in items.tables("items"):
        applies = x.text("applies")
        if not _applies_ok(applies, services):
            x.fail("applies", f"expected season, ranks, step:<step id> or service:<service id>, got {applies!r}")
        if applies.startswith("step:") and applies[5:] not in step_ids:
            x.fail("applies", f"unknown step {applies[5:]!r}")
        amounts = (
            tuple(
                FeeAmount(
                    a.number("season", 2000, 2100),
                    a.number("amount", 0, 1_000_000),
                    a.provenance(),
                    _url(a),
                    a.optional_text("quote") or "",
                    a.get("standing", bool, False),
                )
                for a in x.tables("amounts")
            )
            if "amounts" in x.value
            else ()
        )
        missing = x.optional_text("missing") or ""
        if not amounts and not missing:
            x.fail("missing", "an item without amounts must say what was not found")
        if [a.season for a in amounts] != sorted({a.season for a in amounts}):
            x.fail("amounts", "amounts must be in season order, one per season")
        fee_items.append(
            FeeItem(
                x.text("id"),
                x.text("what"),
                applies,
                amounts,
                missing,
            )
        )
    ids = [i.id for i in fee_items]
    if len(ids) != len(set(ids)):
        items.fail("items", f"item ids must be unique: {', '.join(sorted({i for i in ids if ids.count(i) > 1}))}")
    return tuple(schedules), tuple(fee_items)


def _signal_table(t: _Table) -> SignalTable:
    counts = []
    for x in t.tables("counts"):
        x = _with_defaults(x, t)
        unknown = x.get("unknown", bool, False)
        gold = x.number("gold", 1, 100) if "gold" in x.value else None
        silver = x.number("silver", 1, 100) if "silver" in x.value else None
        single = x.number("signals", 1, 100) if "signals" in x.value else None
        if unknown and (gold or silver or single):
            x.fail("unknown", "an unknown count has no numbers")
        if not unknown and not ((gold and silver and not single) or (single and not gold and not silver)):
            x.fail("signals", "expected gold and silver, or signals (a single kind), or unknown = true")
        if unknown and not x.optional_text("note"):
            x.fail("note", "an unknown count must say why in a note")
        counts.append(
            SignalCount(
                x.text("specialty"),
                gold,
                silver,
                single,
                unknown,
                x.provenance(),
                _url(x),
                x.optional_text("quote") or "",
                x.optional_text("note") or "",
            )
        )
    names = [c.specialty.casefold() for c in counts]
    if len(names) != len(set(names)):
        t.fail("counts", "a specialty appears twice")
    return SignalTable(t.number("season", 2000, 2100), tuple(counts))


def _specialty_names(t: _Table) -> tuple[SpecialtyName, ...]:
    names = []
    for x in t.tables("specialties"):
        aliases = x.get("aliases", list, [])
        if not all(isinstance(a, str) and a.strip() for a in aliases):
            x.fail("aliases", "expected a list of names")
        names.append(SpecialtyName(x.text("name"), tuple(aliases), x.optional_text("signals_as")))
    return tuple(names)


def _geography(t: _Table) -> Geography:
    divisions = []
    codes: set[str] = set()
    for x in t.tables("divisions"):
        states = []
        for i, pair in enumerate(x.get("states", list)):
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(v, str) for v in pair)):
                x.fail(f"states[{i}]", f'expected ["XX", "State name"], got {pair!r}')
            code, name = pair
            if not (len(code) == 2 and code.isascii() and code.isalpha() and code.isupper()) or code in codes:
                x.fail(f"states[{i}]", f"expected a new two-letter code, got {code!r}")
            codes.add(code)
            states.append((code, name))
        divisions.append(Division(x.text("id"), x.text("name"), x.text("region"), tuple(states)))
    outside = tuple(
        OutsidePlace(
            x.text("code"), x.text("name"), x.text("text"), x.provenance(), _url(x), x.optional_text("quote") or ""
        )
        for x in t.tables("outside")
    )
    for place, x in zip(outside, t.tables("outside"), strict=True):
        if place.code in codes:
            x.fail("code", f"{place.code} is in a division")
    rule = t.table("preferences")
    return Geography(
        tuple(divisions),
        outside,
        PreferenceRule(
            rule.number("most", 1, 9),
            rule.text("text"),
            rule.provenance(),
            _url(rule),
            rule.optional_text("quote") or "",
        ),
        t.provenance(),
        _url(t),
        t.optional_text("quote") or "",
        t.optional_text("codes_source") or "",
        _url(t, "codes_source") if "codes_source" in t.value else "",
    )


T = TypeVar("T")


def _per_year(
    root: Path, read: Any, folder: str, key: str, parse: Callable[[_Table], T], year_of: Callable[[T], int]
) -> list[T]:
    """Each file of a folder holding one file per year (`matches/2027.toml`), parsed in the
    order of their names; the year the file states under `key` must be the one it is named for."""
    found = []
    for path in sorted((root / folder).glob("*.toml")):
        table = read(f"{folder}/{path.name}")
        value = parse(table)
        if str(year_of(value)) != path.stem:
            table.fail(key, f"must match the file name ({path.stem}), got {year_of(value)}")
        found.append(value)
    return found


def _season_facts(root: Path, read: Any, step_ids: set[str], services: Services) -> SeasonFacts:
    schedules, items = _fees(read("fees/applications.toml"), read("fees/items.toml"), step_ids, services)
    tables = _per_year(root, read, "signals", "season", _signal_table, lambda t: t.season)
    return SeasonFacts(
        schedules,
        items,
        tuple(tables),
        _specialty_names(read("specialty-names.toml")),
        _geography(read("geography.toml")),
    )


def load_catalog(root: Path | None = None) -> Catalog:
    """Read and validate every data file; raise CatalogError naming the file and key."""
    root = root or data_dir()

    def read(relative: str) -> _Table:
        return _read(root, relative)

    steps_file = read("steps.toml")
    steps = tuple(_step(s) for s in steps_file.tables("steps"))
    step_ids = {s.id for s in steps}

    rule_sets: dict[str, RuleSet] = {}
    for path in sorted((root / "rules").glob("*.toml")):
        rules = _rule_set(read(f"rules/{path.name}"), step_ids)
        if rules.id != path.stem:
            raise CatalogError(f"rules/{path.name}: id: must match the file name ({path.stem!r}), got {rules.id!r}")
        rule_sets[rules.id] = rules
    if not rule_sets:
        raise CatalogError(f"rules/: no rule sets in {root / 'rules'}")

    seen: dict[tuple[str, str, str], int] = {}
    for i, step in enumerate(steps):
        where = f"steps.toml: steps[{i}]"
        for r in step.rules:
            if r not in rule_sets:
                raise CatalogError(f"{where}.rules: unknown rule set {r!r}")
            for m in step.modes:
                if (r, m, step.id) in seen:
                    raise CatalogError(f"{where}.id: {step.id!r} appears twice for rules {r!r}, mode {m!r}")
                seen[(r, m, step.id)] = i
    for i, step in enumerate(steps):
        for r in step.rules:
            for m in step.modes:
                for dep in step.after:
                    if (r, m, dep) not in seen:
                        raise CatalogError(
                            f"steps.toml: steps[{i}].after: {dep!r} is not a step of rules {r!r}, mode {m!r}"
                        )

    services = _services(read("services.toml"))
    matches = _per_year(root, read, "matches", "match_year", lambda t: _published(t, services), lambda m: m[0])
    published: dict[int, tuple[PublishedDate, ...]] = dict(matches)

    seasons = _per_year(root, read, "pathways", "match_year", _pathways_season, lambda p: p.match_year)

    # Every stats file is validated (once); the newest year is the one shown.
    stats_sets = []
    for path in sorted((root / "stats").glob("*.toml")):
        table = read(f"stats/{path.name}")
        table.provenance()
        stats_sets.append((table.number("year", 1990, 2100), table.text("source"), _stats(table)))
    if not stats_sets:
        raise CatalogError(f"stats/: no statistics files in {root / 'stats'}")
    stats_year, stats_source, stats_tables = max(stats_sets, key=lambda entry: entry[0])
    timing = read("timing.toml")
    lead_times, advice = _timing(timing)
    derived = _derived(timing, {x.id for x in lead_times}, step_ids, rule_sets)
    visa = read("visa.toml")
    refresh = read("refresh.toml")
    return Catalog(
        steps=steps,
        rule_sets=rule_sets,
        published=published,
        stats_year=stats_year,
        stats_source=stats_source,
        stats=stats_tables,
        visa=_visa(visa),
        lead_times=lead_times,
        advice=advice,
        derived=derived,
        visa_updates=_visa_updates(visa),
        services=services,
        pathways=_carry_oet_rules(seasons),
        outcomes=_outcomes(read("outcomes/main-match.toml")),
        refresh=_refresh(refresh),
        reviewed=refresh.day("reviewed"),
        limits=_limits(read("limits.toml")),
        soap_checklist=_checklist(read("soap.toml")),
        season_facts=_season_facts(root, read, step_ids, services),
    )


# -- the person's own facts ------------------------------------------------------------------
# TOML files in <config dir>/imgtui/facts/ add or replace shipped facts by id, read by the
# same parsers as data/ (so the same errors, naming the file and key). Each file says what it
# holds with `kind`; every fact in it has status "yours". A file that cannot be used is
# reported and skipped whole: the shipped facts and the other files still load. They are
# applied after the start-up cache, so the cache never hides them.

FACTS_FOLDER = "facts"
MAX_USER_FACTS_BYTES = 1_000_000
USER_KINDS: dict[str, tuple[str, ...]] = {
    "match": ("kind", "match_year", "dates"),
    "pathways": (
        "kind",
        "match_year",
        "title",
        "pathways",
        "deadlines",
        "oet_minimum",
        "oet_recency",
        "check",
        "source",
        "as_of",
        "status",
    ),
    "services": ("kind", "specialties"),
    "visa": ("kind", "updates", "aspects"),
    "outcomes": ("kind", "outcomes", "img_share"),
}


def with_user_facts(catalog: Catalog, folder: Path) -> Catalog:
    """`catalog` with the person's facts files in `folder` applied, in name order."""
    from .persistence.locked_file import DataFileError, read_regular_file
    from .persistence.paths import path_for_display

    yours: list[str] = []
    problems: list[str] = []
    try:
        paths = sorted(p for p in folder.iterdir() if p.name.endswith(".toml")) if folder.exists() else []
    except OSError as error:
        paths = []
        problems.append(f"{path_for_display(folder)}: cannot be read: {error.strerror or error}")
    for path in paths:
        shown = path_for_display(path)
        try:
            data = read_regular_file(path, MAX_USER_FACTS_BYTES)
            if data is None:
                continue
            catalog, ids = _apply_user_file(catalog, _UserTable(shown, "", tomllib.loads(data.decode("utf-8"))))
            yours += ids
        except CatalogError as error:
            problems.append(str(error))
        except DataFileError as error:
            problems.append(f"{shown}: {error.problem}")
        except UnicodeDecodeError:
            problems.append(f"{shown}: not UTF-8 text")
        except tomllib.TOMLDecodeError as error:
            problems.append(f"{shown}: not valid TOML: {error}")
    return catalog._replace(yours=tuple(yours), user_problems=tuple(problems))


def _apply_user_file(catalog: Catalog, t: _Table) -> tuple[Catalog, list[str]]:
    """Parse the whole file first, then merge: a file applies completely or not at all."""
    kind = t.text("kind")
    if kind not in USER_KINDS:
        t.fail("kind", f"expected one of {', '.join(USER_KINDS)}, got {kind!r}")
    t.only(USER_KINDS[kind])
    if kind == "match":
        assert catalog.services is not None
        year, dates = _published(t, catalog.services)
        merged = {d.id: d for d in catalog.published.get(year, ())} | {d.id: d for d in dates}
        return catalog._replace(published={**catalog.published, year: tuple(merged.values())}), [
            f"match.{year}.{d.id}" for d in dates
        ]
    if kind == "pathways":
        season = _pathways_season(t)
        # Undo the carried rules before carrying again: the new season may publish or change them.
        own = [
            p if p.rules_from == p.match_year else p._replace(oet_minimum=None, oet_recency=None)
            for p in catalog.pathways
            if p.match_year != season.match_year
        ]
        return catalog._replace(pathways=_carry_oet_rules([*own, season])), [f"pathways.{season.match_year}"]
    if kind == "services":
        assert catalog.services is not None
        entries = _specialty_services(t, catalog.services.names)
        replaced = {e.id for e in entries}
        kept = tuple(e for e in catalog.services.specialties if e.id not in replaced)
        services = catalog.services._replace(specialties=(*entries, *kept))  # yours are looked up first
        return catalog._replace(services=services), [f"service.{e.id}" for e in entries]
    if kind == "visa":
        updates, aspects = _visa_updates(t), _visa(t)
        if not updates and not aspects:
            t.fail("updates", "no [[updates]] or [[aspects]] in the file")
        new_updates = {u.id: u for u in catalog.visa_updates} | {u.id: u for u in updates}
        new_aspects = {a.id: a for a in catalog.visa} | {a.id: a for a in aspects}
        ids = [f"visa.{u.id}" for u in updates] + [f"visa.aspect.{a.id}" for a in aspects]
        return catalog._replace(visa_updates=tuple(new_updates.values()), visa=tuple(new_aspects.values())), ids
    assert catalog.outcomes is not None
    rows, shares = _outcome_rows(t), _img_share(t)
    if not rows and not shares:
        t.fail("outcomes", "no [[outcomes]] or [[img_share]] in the file")
    new_rows = {(o.match_year, o.group): o for o in catalog.outcomes.rows} | {(o.match_year, o.group): o for o in rows}
    new_shares = {(s.match_year, s.specialty): s for s in catalog.outcomes.img_share} | {
        (s.match_year, s.specialty): s for s in shares
    }
    outcomes = catalog.outcomes._replace(rows=tuple(new_rows.values()), img_share=tuple(new_shares.values()))
    ids = [f"outcome.{o.match_year}.{o.group}" for o in rows] + [f"img_share.{s.match_year}" for s in shares]
    return catalog._replace(outcomes=outcomes), ids


@functools.lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """The shipped catalog, loaded once per process: from the start-up cache when there is
    one for exactly these data files and this code, else read, validated and cached."""
    import platformdirs

    root = data_dir()
    return cached_catalog(root, platformdirs.user_cache_path("imgtui", appauthor=False))


# Parsing and validating data/ is ~10 ms of a ~250 ms start-up (the TOML parser is pure
# Python); reading the cache back is ~1 ms. The cache is JSON of plain values (the catalog's
# NamedTuples as their class name and fields, dates as ISO text), rebuilt only into the
# NamedTuple classes of domain/model.py: reading it can never run code, whoever wrote the
# file (pickle could). It is used only when its key, a CRC-32 and length of the exact bytes
# it was built from (every data file and the code that reads them: this file,
# domain/model.py), matches now, so a cached catalog is always what load_catalog would return. An edited data
# file or loader is a miss, and so is any unreadable, foreign, planted or malformed cache
# file (or a FIFO, a device, a link to one): ignored and rebuilt, never an error.
_CACHE_VERSION = b"imgtui catalog cache 3 (json)\0"
_CACHE_FILE = "catalog.json"
_CACHE_LIMIT = 10_000_000
_CODE = (Path(__file__), Path(__file__).parent / "domain" / "model.py")


def cached_catalog(root: Path, cache_dir: Path) -> Catalog:
    import zlib  # already loaded by the app; hashlib would cost ~3 ms of start-up for nothing

    checksum, total = zlib.crc32(_CACHE_VERSION + sys.version.encode()), 0
    for path in (*_CODE, *sorted(root.rglob("*.toml"))):
        content = path.read_bytes()
        name = path.relative_to(root) if path.is_relative_to(root) else path.name
        checksum = zlib.crc32(content, zlib.crc32(f"\0{name}\0{len(content)}\0".encode(), checksum))
        total += len(content)
    key = f"{checksum:08x}-{total}"
    cache = cache_dir / _CACHE_FILE
    cached = _read_cache(cache, key)
    if cached is not None:
        return cached
    catalog = load_catalog(root)
    _write_cache(cache, key, catalog)
    return catalog


def _read_cache(cache: Path, key: str) -> Catalog | None:
    import json

    from .persistence.locked_file import DataFileError, read_regular_file

    try:
        data = read_regular_file(cache, _CACHE_LIMIT)  # never blocks on a FIFO, never reads without end
        if data is None or not data.startswith(b'{"key":"' + key.encode() + b'"'):
            return None
        catalog = json.loads(data, object_hook=_rebuilt)["catalog"]
    except (DataFileError, ValueError, TypeError, KeyError, RecursionError):
        return None
    return catalog if isinstance(catalog, Catalog) else None


def _model_classes() -> dict[str, type]:
    from .domain import model

    return {
        name: kind
        for name, kind in vars(model).items()
        if isinstance(kind, type) and issubclass(kind, tuple) and hasattr(kind, "_fields")
    }


def _plain(value: Any) -> Any:
    """The catalog as JSON-able values; TypeError for anything the cache does not hold."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, tuple):
        if hasattr(value, "_fields"):
            return {"n": type(value).__name__, "f": [_plain(v) for v in value]}
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {"m": [[_plain(k), _plain(v)] for k, v in value.items()]}
    if isinstance(value, date) and not isinstance(value, datetime):
        return {"d": value.isoformat()}
    if isinstance(value, time):
        return {"t": value.isoformat()}
    raise TypeError(f"the catalog cache does not hold {type(value).__name__}")


_CLASSES: dict[str, type] = {}


def _tuples(value: Any) -> Any:
    return tuple([_tuples(v) for v in value]) if type(value) is list else value


def _rebuilt(obj: dict[str, Any]) -> Any:
    if "n" in obj:
        if not _CLASSES:
            _CLASSES.update(_model_classes())
        return _CLASSES[obj["n"]](*[_tuples(v) for v in obj["f"]])  # KeyError/TypeError: a miss
    if "m" in obj:
        return {_tuples(k): _tuples(v) for k, v in obj["m"]}
    if "d" in obj:
        return date.fromisoformat(obj["d"])
    if "t" in obj:
        return time.fromisoformat(obj["t"])
    return obj  # the outer {"key": ..., "catalog": ...}


def _write_cache(cache: Path, key: str, catalog: Catalog) -> None:
    """Atomically (two instances may start at once). A catalog the cache cannot hold exactly
    is not cached, and a cache folder that cannot be written only costs the next start its
    10 ms."""
    import json

    from .persistence.locked_file import write_atomically

    try:
        text = json.dumps({"key": key, "catalog": _plain(catalog)}, separators=(",", ":"))
        if json.loads(text, object_hook=_rebuilt)["catalog"] != catalog:
            return
        cache.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(cache, text.encode("utf-8"))
    except (OSError, TypeError, ValueError, KeyError):
        pass
