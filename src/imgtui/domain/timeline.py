"""Dates of a Match season: published where known, projected by the rule set's calendar
rules otherwise (and marked so), and the one definition of the time left until a deadline
(pure: takes `now`)."""

from __future__ import annotations

import calendar as _calendar
from datetime import date, datetime, time, timedelta, timezone
from typing import NamedTuple

from .model import CalendarRule, Catalog, Provenance, eastern


class Deadline(NamedTuple):
    id: str
    title: str
    day: date
    time: time | None  # Eastern wall-clock time; None = all day
    provenance: Provenance
    approximate: bool = False
    rule: str | None = None  # the calendar rule that projected it, if projected
    check: str | None = None  # where to confirm a projected date once published

    @property
    def at(self) -> datetime:
        return eastern(self.day, self.time)

    @property
    def all_day(self) -> bool:
        return self.time is None

    @property
    def ends(self) -> datetime:
        """When it is over: a timed deadline at its minute; an all-day one at the end of its
        day in Eastern time (the date itself still counts)."""
        return self.at if self.time is not None else eastern(self.day + timedelta(days=1), None)

    @property
    def status(self) -> str:
        return self.provenance.status


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    day = first + timedelta(days=offset + 7 * (n - 1))
    if day.month != month:
        raise ValueError(f"there is no {n}th weekday {weekday} in {year}-{month:02d}")
    return day


def _project(rule: CalendarRule, match_year: int, resolved: dict[str, Deadline]) -> date:
    """The date a rule gives in Match year `match_year` (the catalog guarantees the fields
    each kind of rule needs)."""
    if rule.rule in ("fixed", "nth_weekday"):
        return _off_weekend(_dated(rule, match_year), rule.weekend)
    assert rule.of is not None and rule.days is not None
    base = resolved[rule.of].day
    return base + timedelta(days=rule.days if rule.rule == "days_after" else -rule.days)


def _dated(rule: CalendarRule, match_year: int) -> date:
    year = match_year + rule.year_offset
    if rule.rule == "fixed":
        assert rule.month is not None and rule.day is not None
        last = _calendar.monthrange(year, rule.month)[1]
        return date(year, rule.month, min(rule.day, last))
    assert rule.month is not None and rule.weekday is not None and rule.n is not None
    return _nth_weekday(year, rule.month, rule.weekday, rule.n)


def _off_weekend(day: date, weekend: str | None) -> date:
    """ "next_weekday": a Saturday or a Sunday becomes the Monday after (NRMP opened Match
    2025 registration on Monday 2024-09-16 because the 15th was a Sunday)."""
    if weekend == "next_weekday" and day.weekday() >= 5:
        return day + timedelta(days=7 - day.weekday())
    return day


def season(catalog: Catalog, rules_id: str, match_year: int) -> list[Deadline]:
    """Every dated event of Match `match_year` under `rules_id`, in time order."""
    rules = catalog.rule_sets[rules_id]
    published = {d.id: d for d in catalog.published.get(match_year, ())} if rules.use_published_dates else {}
    by_id = {r.id: r for r in rules.calendar}
    resolved: dict[str, Deadline] = {}

    def resolve(rule: CalendarRule) -> Deadline:
        if rule.id in resolved:
            return resolved[rule.id]
        if rule.id in published:
            p = published[rule.id]
            deadline = Deadline(p.id, rule.title, p.date, p.time, p.provenance)
        else:
            if rule.of:
                resolve(by_id[rule.of])
            deadline = Deadline(
                rule.id,
                rule.title,
                _project(rule, match_year, resolved),
                rule.time,
                rule.provenance,
                rule.approximate,
                rule.rule + (" (next weekday if on a weekend)" if rule.weekend else ""),
                rule.check,
            )
        resolved[rule.id] = deadline
        return deadline

    for rule in rules.calendar:
        resolve(rule)
    for p in published.values():
        if p.id not in resolved:
            resolved[p.id] = Deadline(p.id, p.title, p.date, p.time, p.provenance)
    return sorted(resolved.values(), key=lambda d: (d.at, d.id))


def find(deadlines: list[Deadline], deadline_id: str) -> Deadline | None:
    return next((d for d in deadlines if d.id == deadline_id), None)


def next_ahead(deadlines: list[Deadline], now: datetime) -> Deadline | None:
    """The first deadline not yet over (an all-day one counts until its day ends)."""
    return next((d for d in deadlines if d.ends > now), None)


DAY = 86400  # seconds


class TimeLeft(NamedTuple):
    """The time left until a deadline is over, or since it was. `days` is whole days of 24
    hours (remaining, or elapsed once passed): the one number every surface shows."""

    passed: bool
    days: int
    hours: int
    minutes: int
    seconds: int

    @property
    def signed_days(self) -> int:
        """Whole days left; negative once passed (0 with `passed` = under a day ago)."""
        return -self.days if self.passed else self.days

    def __str__(self) -> str:
        """For a ticking countdown: '9d 14:00:00', or 'passed 69 days ago'."""
        if self.passed:
            return "passed <1 day ago" if self.days == 0 else f"passed {days_words(self.days)} ago"
        return f"{self.days}d {self.hours:02d}:{self.minutes:02d}:{self.seconds:02d}"

    @property
    def words(self) -> str:
        """For a sentence: 'in 9 days', 'in less than a day', '69 days ago'."""
        if self.passed:
            return "less than a day ago" if self.days == 0 else f"{days_words(self.days)} ago"
        return "in less than a day" if self.days == 0 else f"in {days_words(self.days)}"

    @property
    def short(self) -> str:
        """For a narrow column: '9d', '<1d', '69d ago'."""
        if self.passed:
            return "<1d ago" if self.days == 0 else f"{self.days}d ago"
        return "<1d" if self.days == 0 else f"{self.days}d"


def days_words(n: int) -> str:
    """'1 day', '16 days' (and '-1 day'): the one way a count of days is said."""
    return f"{n} day{'s' if abs(n) != 1 else ''}"


def countdown(target: datetime, now: datetime) -> TimeLeft:
    """Time left until the instant `target` (real elapsed time, so DST changes are counted right)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    # Subtract in UTC: Python ignores DST when both sides share one tzinfo object.
    delta = (target.astimezone(timezone.utc) - now.astimezone(timezone.utc)).total_seconds()
    if delta <= 0:
        return TimeLeft(True, int(-delta) // DAY, 0, 0, 0)
    days, rest = divmod(int(delta), DAY)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    return TimeLeft(False, days, hours, minutes, seconds)


def time_left(deadline: Deadline, now: datetime) -> TimeLeft:
    """The one definition of the time left until a deadline: until it is over (`ends`)."""
    return countdown(deadline.ends, now)


def days_left(deadline: Deadline, now: datetime) -> int:
    """Whole days left until the deadline is over; negative (days since) once it passed."""
    return time_left(deadline, now).signed_days
