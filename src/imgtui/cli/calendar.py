"""`imgtui calendar [-o FILE]`: the person's Match-year timeline as an iCalendar (RFC 5545) file."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from ..domain.interviews import FORMAT_WORD, InterviewEvent, SameDay, conflicts, interview_events
from ..domain.programs import Key, Program
from ..domain.summary import Situation, situation
from ..domain.timeline import time_left
from ..labels import MODE_LABEL, date_status, in_zone
from ..persistence.locked_file import write_atomically
from ..session import Session
from .errors import UsageError
from .output import say, write_data

REMINDER = timedelta(days=7)
INTERVIEW_REMINDER = timedelta(days=1)
IN_CALENDAR = ("scheduled", "completed")  # interviews that happen (an invitation is not yet a date)
TIMED_EVENT_LENGTH = timedelta(minutes=30)


def calendar_bytes(
    s: Situation,
    now: datetime,
    interviews: Sequence[InterviewEvent] = (),
    clashes: dict[Key, SameDay] | None = None,
) -> bytes:
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//imgtui//Match timeline//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    history = " — history, not advice" if s.history else ""
    cal.add("x-wr-calname", f"Match {s.match_year} ({MODE_LABEL[s.mode]}, {s.rules.id} rules{history})")
    if s.history:
        cal.add("x-wr-caldesc", s.history)
    stamp = now.astimezone(timezone.utc).replace(microsecond=0)  # RFC 5545: DTSTAMP is UTC
    for d in s.deadlines:
        event = icalendar.Event()
        event.add("uid", f"{d.id}-{s.match_year}-{s.rules.id}-{s.mode}@imgtui")
        event.add("dtstamp", stamp)
        status = date_status(d, now)
        mark = "" if d.status == "official" else f"{status.mark} "
        event.add("summary", f"{mark}{'~' if d.approximate else ''}{d.title}")
        if d.all_day:
            event.add("dtstart", d.day)
            event.add("dtend", d.day + timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        else:
            event.add("dtstart", d.at)  # America/New_York, with its VTIMEZONE below
            event.add("dtend", d.at + TIMED_EVENT_LENGTH)
        lines = [
            f"Status: {status.meaning}" + (" (approximate date)" if d.approximate else ""),
            f"Source: {d.provenance.source}",
            f"As of: {d.provenance.as_of.isoformat()}",
        ]
        if d.rule:
            lines.append(f"Rule: {d.rule}")
        left = time_left(d, now)
        lines.append(
            f"When this file was made ({in_zone(now, now.tzinfo or timezone.utc)}): "
            + (f"over, {left.words}" if left.passed else f"{left.words} (whole days left)")
        )
        done = d.id in s.done
        if done:  # nothing left to do for it: no reminder
            lines.append("Your step for this date is done: no reminder.")
        lines.append("Made by imgtui. Check the issuing body's site before acting on a date.")
        event.add("description", "\n".join(lines))
        event.add("categories", [d.status])
        if not done:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"In a week: {d.title}")
            alarm.add("trigger", -REMINDER)
            event.add_component(alarm)
        cal.add_component(event)
    days = [d.day for d in s.deadlines]
    for interview in interviews:
        if interview.status in IN_CALENDAR:
            same_day = (clashes or {}).get(interview.program.key)
            others = same_day.others(interview.program) if same_day else ()
            cal.add_component(_interview_event(interview, stamp, others))
            days.append(interview.day)
    if days:  # a VTIMEZONE for every zone used, covering just the years the events span
        first, last = min(days), max(days)
        cal.add_missing_timezones(date(first.year - 1, 1, 1), date(last.year + 1, 12, 31))
    data: bytes = cal.to_ical()
    return data


def _interview_event(interview: InterviewEvent, stamp: datetime, same_day: tuple[Program, ...]) -> Any:
    """A timed event in the program's own zone (TZID), or an all-day one; a reminder the day before."""
    import icalendar

    program = interview.program
    event = icalendar.Event()
    slug = "-".join("-".join("".join(c if c.isalnum() else " " for c in part).split()) for part in program.key)
    event.add("uid", f"interview-{slug}@imgtui")
    event.add("dtstamp", stamp)
    how = FORMAT_WORD[program.interview_format]
    clash = "⚠ " if same_day else ""
    event.add("summary", f"{clash}Interview: {program.name} ({program.specialty})" + (f", {how}" if how else ""))
    if interview.all_day:
        event.add("dtstart", interview.day)
        event.add("dtend", interview.day + timedelta(days=1))
    elif interview.zone_given:
        start = interview.own_clock()  # its zone, e.g. America/Chicago, with a VTIMEZONE
        event.add("dtstart", start)
        event.add("dtend", start + TIMED_EVENT_LENGTH)
    else:  # a time with no zone was read on the person's clock: say it in UTC, unambiguous
        start = interview.at.astimezone(timezone.utc)
        event.add("dtstart", start)
        event.add("dtend", start + TIMED_EVENT_LENGTH)
    lines = [f"Interview status: {interview.status}"]
    if same_day:
        lines.append("Conflict: the same day as your interview with " + ", ".join(p.name for p in same_day))
    if not interview.all_day:
        lines.append("The event marks the start; its length is not recorded.")
    if not interview.all_day and not interview.zone_given:
        lines.append("No time zone was recorded for this interview: read on your own clock.")
    if program.notes:
        lines.append(f"Notes: {program.notes}")
    lines.append("Made by imgtui from your programs.json.")
    event.add("description", "\n".join(lines))
    event.add("categories", ["interview"])
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Tomorrow: interview with {program.name}")
    alarm.add("trigger", -INTERVIEW_REMINDER)
    event.add_component(alarm)
    return event


def run_calendar(session: Session, output: str | None) -> int:
    import sys

    now = session.clock().astimezone(session.zone())
    programs = session.files.programs
    programs.ensure_loaded()
    if programs.problem is not None:
        raise programs.problem
    zone = session.zone()
    interviews = interview_events(programs.value.programs, zone)
    clashes = conflicts(programs.value.programs, zone)
    current = situation(session.catalog, session.progress(), now, session.program_specialties())
    data = calendar_bytes(current, now, interviews, clashes)
    if output is None or output == "-":  # names and notes from the person's files: shown safe on a terminal
        write_data(data)
        return 0
    try:
        write_atomically(Path(output), data, mode=None, into_devices=True)
    except OSError as error:
        raise UsageError(
            f"cannot write {output}: {error.strerror or error}; nothing written (any old file is unchanged)"
        ) from None
    say(f"Wrote {output}", sys.stderr)
    return 0
