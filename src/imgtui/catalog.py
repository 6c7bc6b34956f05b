"""Loads and validates the facts in data/ (the one place that knows the files).

Every problem is reported with the file and the key that is wrong, e.g.
``data/rules/current.toml: calendar[2].month: expected an integer 1-12, got "sept"``.
"""

from __future__ import annotations

import functools
import re
import sys
from datetime import date, time
from pathlib import Path
from typing import Any, NoReturn

from .domain.model import (
    MODES,
    STATUSES,
    Action,
    Advice,
    CalendarRule,
    Catalog,
    ChecklistItem,
    DerivedRule,
    LeadTime,
    Limit,
    Mode,
    Provenance,
    PublishedDate,
    Requirement,
    RuleSet,
    StatsColumn,
    StatsRow,
    StatsTable,
    Step,
    VisaAspect,
    VisaFact,
    as_fact_status,
    as_mode,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CALENDAR_RULES = ("fixed", "nth_weekday", "days_after", "days_before")
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
        written = self.text("status")
        status = as_fact_status(written)
        if status is None:
            self.fail("status", f"expected one of {', '.join(STATUSES)}, got {written!r}")
        as_of = self.get("as_of", date)
        if type(as_of) is not date:
            self.fail("as_of", f"expected a date (YYYY-MM-DD), got {as_of!r}")
        return Provenance(source=self.text("source"), as_of=as_of, status=status)

    def tables(self, key: str) -> list[_Table]:
        values = self.get(key, list)
        return [
            _Table(self.file, f"{self.where + '.' if self.where else ''}{key}[{i}]", v) for i, v in enumerate(values)
        ]

    def table(self, key: str) -> _Table:
        return _Table(self.file, f"{self.where + '.' if self.where else ''}{key}", self.get(key, dict))


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
    )


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
        n=t.number("n", 1, 5) if rule == "nth_weekday" else None,
        year_offset=t.number("year_offset", -3, 1) if dated else 0,
        of=None if dated else t.text("of"),
        days=None if dated else t.number("days", 0, 366),
        time=t.clock("time"),
        approximate=t.get("approximate", bool, False),
    )
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
    )


def _published(t: _Table) -> tuple[int, tuple[PublishedDate, ...]]:
    year = t.number("match_year", 2000, 2100)
    dates = []
    for d in t.tables("dates"):
        day = d.get("date", date)
        if type(day) is not date:
            d.fail("date", f"expected a date (YYYY-MM-DD), got {day!r}")
        dates.append(PublishedDate(d.text("id"), d.text("title"), day, d.clock("time"), d.provenance()))
    return year, tuple(dates)


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
            note = r.optional_text("note")
            if uncertain and not note:
                r.fail("note", "a row with uncertain cells must say why in a note")
            rows.append(StatsRow(r.text("specialty"), r.text("printed"), tuple(values), uncertain, note))
        tables.append(StatsTable(s.text("id"), s.text("title"), unit, columns, tuple(rows), s.provenance()))
    return tuple(tables)


def _visa(t: _Table) -> tuple[VisaAspect, ...]:
    def fact(a: _Table, key: str) -> VisaFact:
        sub = a.table(key)
        return VisaFact(sub.text("text"), sub.provenance())

    return tuple(
        VisaAspect(
            a.text("id"),
            a.text("title"),
            fact(a, "j1"),
            fact(a, "h1b"),
            fact(a, "guide") if "guide" in a.value else None,
        )
        for a in t.tables("aspects")
    )


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
            )
        )
    return tuple(rules)


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

    published: dict[int, tuple[PublishedDate, ...]] = {}
    for path in sorted((root / "matches").glob("*.toml")):
        table = read(f"matches/{path.name}")
        year, dates = _published(table)
        if str(year) != path.stem:
            table.fail("match_year", f"must match the file name ({path.stem}), got {year}")
        published[year] = dates

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
    return Catalog(
        steps=steps,
        rule_sets=rule_sets,
        published=published,
        stats_year=stats_year,
        stats_source=stats_source,
        stats=stats_tables,
        visa=_visa(read("visa.toml")),
        lead_times=lead_times,
        advice=advice,
        derived=derived,
        limits=_limits(read("limits.toml")),
        soap_checklist=_checklist(read("soap.toml")),
    )


@functools.lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """The shipped catalog, loaded once per process: from the start-up cache when there is
    one for exactly these data files and this code, else read, validated and cached."""
    import platformdirs

    root = data_dir()
    return cached_catalog(root, platformdirs.user_cache_path("imgtui", appauthor=False))


# Parsing and validating data/ is ~10 ms of a ~250 ms start-up (the TOML parser is pure
# Python); unpickling the result is ~0.5 ms. The cache holds, beside the catalog, the exact
# bytes it was built from: every data file and the code that reads them (this file,
# domain/model.py). It is used only when those bytes are identical now, so a cached catalog
# is always what load_catalog would return; an edited data file or loader is simply a
# miss, and so is any unreadable or foreign cache file, never an error.
_CACHE_VERSION = b"imgtui catalog cache 2\0"
_CODE = (Path(__file__), Path(__file__).parent / "domain" / "model.py")


def cached_catalog(root: Path, cache_dir: Path) -> Catalog:
    import pickle

    source = [_CACHE_VERSION, sys.version.encode()]
    for path in (*_CODE, *sorted(root.rglob("*.toml"))):
        content = path.read_bytes()
        name = path.relative_to(root) if path.is_relative_to(root) else path.name
        source += [f"\0{name}\0{len(content)}\0".encode(), content]
    key = b"".join(source)
    cache = cache_dir / "catalog.pickle"
    try:
        cached_key, catalog = pickle.loads(cache.read_bytes())
        if cached_key == key and isinstance(catalog, Catalog):
            return catalog
    except Exception:
        pass
    catalog = load_catalog(root)
    _write_cache(cache, pickle.dumps((key, catalog), protocol=pickle.HIGHEST_PROTOCOL))
    return catalog


def _write_cache(cache: Path, data: bytes) -> None:
    """Atomically (two instances may start at once); a cache folder that cannot be written
    only costs the next start its 10 ms."""
    import os
    import tempfile

    try:
        cache.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=cache.parent, prefix=".catalog-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, cache)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        pass
