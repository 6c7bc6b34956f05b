"""Interviews: when each happens (in its own zone and in the person's), which fall on the
same day, which invitations wait for an answer, and which is next. Pure: takes `now` and the
person's zone.

"The same day" is the person's calendar day: two interviews at 9:00 CT and 14:00 ET are both
on Tuesday in New York, but 20:30 and 00:30 (Wednesday) in Kolkata in winter, and both on
Tuesday there again once US daylight time begins. zoneinfo does the arithmetic."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, tzinfo
from typing import NamedTuple

from .programs import Key, Program
from .zones import in_zone, zone_info

# Interviews that may still take a day of the person's: these can collide.
ACTIVE = ("invited", "scheduled", "waitlisted")
STATUS_WORD = {
    "invited": "invited",
    "scheduled": "scheduled",
    "waitlisted": "waitlisted",
    "completed": "done",
    "declined": "declined",
    "cancelled": "cancelled",
}
FORMAT_WORD = {"virtual": "virtual", "in_person": "in person", "": ""}


class InterviewEvent(NamedTuple):
    program: Program
    at: datetime  # the start; an interview with no time starts at midnight of its day, person's zone
    all_day: bool  # no time recorded
    day: date  # the person's calendar day
    zone_given: bool  # False: a time with no zone, read on the person's clock

    @property
    def status(self) -> str:
        return self.program.interview

    @property
    def id(self) -> str:
        """Like a deadline's: 'interview.mercy hospital im.internal medicine'."""
        return "interview." + ".".join(self.program.key)

    @property
    def title(self) -> str:
        return f"Interview: {self.program.name} ({self.program.specialty})"

    def own_clock(self) -> datetime:
        """The start on the program's clock (its zone), for "9:00 CST"."""
        if self.all_day or not self.zone_given:
            return self.at
        return self.at.astimezone(zone_info(self.program.interview_zone))


def interview_event(program: Program, zone: tzinfo) -> InterviewEvent | None:
    """When the program's interview is, or None when it has no date."""
    day = program.interview_date
    if day is None:
        return None
    if program.interview_time is None:
        start = datetime.combine(day, time(0, 0), tzinfo=zone)
        return InterviewEvent(program, start, True, day, bool(program.interview_zone))
    own = zone_info(program.interview_zone) if program.interview_zone else zone
    start = datetime.combine(day, program.interview_time, tzinfo=own)
    return InterviewEvent(program, start, False, start.astimezone(zone).date(), bool(program.interview_zone))


def interview_events(programs: Iterable[Program], zone: tzinfo) -> list[InterviewEvent]:
    """Every dated interview, in time order (all of them: the timeline shows the past too)."""
    events = [e for p in programs if p.interview and (e := interview_event(p, zone)) is not None]
    # By instant as a number: comparing datetimes in different zones converts them each time.
    return sorted(events, key=lambda e: (e.at.timestamp(), e.program.name.casefold()))


class SameDay(tuple[Program, ...]):
    """The active interviews that share one of the person's days (the program asked about
    included: `others` leaves it out). One tuple per day, shared by its programs."""

    def others(self, program: Program) -> tuple[Program, ...]:
        return tuple(p for p in self if p.key != program.key)


def conflicts(programs: Iterable[Program], zone: tzinfo) -> dict[Key, SameDay]:
    """Each program whose active interview shares the person's calendar day with another's,
    mapped to that day's interviews. One pass: 5,000 programs take milliseconds."""
    by_day: dict[date, list[Program]] = {}
    for program in programs:
        if program.interview not in ACTIVE:
            continue
        event = interview_event(program, zone)
        if event is not None:
            by_day.setdefault(event.day, []).append(program)
    clashes: dict[Key, SameDay] = {}
    for same_day in by_day.values():
        if len(same_day) > 1:
            group = SameDay(same_day)
            for program in same_day:
                clashes[program.key] = group
    return clashes


def next_interview(events: list[InterviewEvent], now: datetime) -> InterviewEvent | None:
    """The first active interview still ahead (an all-day one counts until its day ends)."""
    for event in events:
        if event.status not in ACTIVE:
            continue
        end = event.at + timedelta(days=1) if event.all_day else event.at
        if end > now:
            return event
    return None


def invited_at(program: Program, zone: tzinfo) -> datetime | None:
    """When the invitation came, on the person's clock; a date alone counts from the start of
    that day, so the 48-hour flag comes early rather than late."""
    invited = program.invited_on
    if invited is None:
        return None
    if isinstance(invited, datetime):
        return invited.replace(tzinfo=zone) if invited.tzinfo is None else invited
    return datetime.combine(invited, time(0, 0), tzinfo=zone)


def invitation_flag(program: Program, now: datetime, zone: tzinfo, reply_hours: int) -> str | None:
    """An invitation not yet answered: how long it has waited against the hours programs must
    give (NRMP: no less than 48 hours; data/limits.toml)."""
    if program.interview != "invited":
        return None
    since = invited_at(program, zone)
    if since is None:
        return "interview invitation: answer it (date received not recorded)"
    waited = now - since
    hours = int(waited.total_seconds() // 3600)
    if waited >= timedelta(hours=reply_hours):
        age = f"{hours} h" if hours < 72 else f"{hours // 24} days"
        return f"invitation unanswered for {age}: programs need hold it only {reply_hours} h"
    ends = in_zone(since + timedelta(hours=reply_hours), zone)  # named, like every time in your zone
    return f"answer the invitation: the {reply_hours} h programs must give you end {ends}"


def conflict_flag(others: tuple[Program, ...], event: InterviewEvent | None) -> str:
    names = ", ".join(p.name for p in others[:2]) + (f" +{len(others) - 2}" if len(others) > 2 else "")
    on = f" ({event.day:%a %m-%d})" if event is not None else ""
    return f"interview conflict{on}: same day as {names}"


def interview_flags(
    program: Program,
    clashes: dict[Key, SameDay],
    now: datetime,
    zone: tzinfo,
    reply_hours: int,
) -> list[str]:
    flags = []
    same_day = clashes.get(program.key)
    if same_day:
        flags.append(conflict_flag(same_day.others(program), interview_event(program, zone)))
    invitation = invitation_flag(program, now, zone, reply_hours)
    if invitation:
        flags.append(invitation)
    if program.interview_time is not None and not program.interview_zone:
        flags.append("interview time has no zone: read as yours")
    if program.interview == "scheduled" and program.interview_date is None:
        flags.append("interview scheduled: no date recorded")
    return flags


def describe_interview(program: Program, zone: tzinfo) -> str:
    """'scheduled · Tue 2026-12-08 09:00 CST (10:00 EST yours) · virtual · invited 2026-11-20 ·
    thank-you sent' — the line the detail panes and the text output show."""
    parts = [STATUS_WORD.get(program.interview, program.interview) or "none"]
    event = interview_event(program, zone)
    if event is not None:
        parts.append(when(event, zone))
    if program.interview_format:
        parts.append(FORMAT_WORD[program.interview_format])
    if program.invited_on is not None:
        invited = program.invited_on
        parts.append(
            "invited " + (invited.strftime("%Y-%m-%d %H:%M") if isinstance(invited, datetime) else invited.isoformat())
        )
    if program.interview in ("completed",):
        parts.append("thank-you sent" if program.thank_you else "thank-you not sent")
    return " · ".join(parts)


def when(event: InterviewEvent, zone: tzinfo) -> str:
    """'Tue 2026-12-08 09:00 CST (10:00 EST yours)'; the day is the program's; yours is added
    where your clock differs."""
    if event.all_day:
        return f"{event.program.interview_date:%a %Y-%m-%d} (no time)"
    own = event.own_clock()
    text = f"{own:%a %Y-%m-%d %H:%M} {own.tzname() or ''}".rstrip()
    if not event.zone_given:
        return text + " (no zone given: your clock)"
    mine = event.at.astimezone(zone)
    if mine.utcoffset() != own.utcoffset() or mine.tzname() != own.tzname():
        text += f" ({in_zone(event.at, zone, own.date())} yours)"  # your zone as the status line names it
    return text
