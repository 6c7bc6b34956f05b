"""`imgtui calendar [-o FILE]`: the person's Match-year timeline as an iCalendar (RFC 5545) file."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from ..domain.summary import Situation, situation
from ..domain.timeline import time_left
from ..labels import MODE_LABEL, date_status, in_zone
from ..persistence.locked_file import write_atomically
from ..session import Session
from .errors import UsageError

REMINDER = timedelta(days=7)
TIMED_EVENT_LENGTH = timedelta(minutes=30)


def calendar_bytes(s: Situation, now: datetime) -> bytes:
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
    if s.deadlines:  # a VTIMEZONE covering just the years the events span
        first, last = s.deadlines[0].day, s.deadlines[-1].day
        cal.add_missing_timezones(date(first.year - 1, 1, 1), date(last.year + 1, 12, 31))
    data: bytes = cal.to_ical()
    return data


def run_calendar(session: Session, output: str | None) -> int:
    import sys

    now = session.clock().astimezone(session.zone())
    data = calendar_bytes(situation(session.catalog, session.progress(), now, session.program_specialties()), now)
    if output is None or output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    try:
        write_atomically(Path(output), data, mode=None, into_devices=True)
    except OSError as error:
        raise UsageError(
            f"cannot write {output}: {error.strerror or error}; nothing written (any old file is unchanged)"
        ) from None
    print(f"Wrote {output}", file=sys.stderr)
    return 0
