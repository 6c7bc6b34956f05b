"""Words and marks shared by the plain output and the app (no Textual/Rich imports)."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from .domain.timeline import Deadline
from .domain.zones import zone_name

MODE_LABEL = {"non-us-img": "non-US IMG", "us-img": "US IMG"}
# Marks so that nothing projected can be mistaken for an official date.
STATUS_MARK = {"official": "✓", "reported": "•", "projected": "≈", "guide": "§", "derived": "→"}


def deadline_when(d: Deadline) -> str:
    """'Tue 2026-09-15 12:00' in Eastern time (the issuing body's), '~' where the date is approximate."""
    approx = "~" if d.approximate else ""
    if d.all_day:
        return f"{approx}{d.day:%a %Y-%m-%d}"
    return f"{approx}{d.at:%a %Y-%m-%d %H:%M}"


def in_zone(at: datetime, zone: tzinfo, day: date | None = None, date_only: bool = False) -> str:
    """The one way a time is shown in the person's own zone, always naming it:
    '21:30 Asia/Kolkata'; with the date when it is not on `day` ('Sat 03-20 01:30 Asia/Kolkata');
    or just the date ('Tue 2026-11-24 Asia/Kolkata')."""
    mine = at.astimezone(zone)
    if date_only:
        shown = f"{mine:%a %Y-%m-%d}"
    elif day is not None and mine.date() == day:
        shown = f"{mine:%H:%M}"
    else:
        shown = f"{mine:%a %m-%d %H:%M}"
    return f"{shown} {zone_name(zone)}"


def local_when(d: Deadline, zone: tzinfo) -> str | None:
    """A deadline in the person's zone, where that differs from Eastern time: '= 21:30
    Asia/Kolkata' for a timed one; for an all-day one, when its day ends there
    ('ends Fri 12-04 10:30 Asia/Kolkata'). None when the person's clock reads as Eastern."""
    moment = d.at if not d.all_day else d.ends
    if moment.astimezone(zone).utcoffset() == moment.utcoffset():
        return None
    if d.all_day:
        return f"ends {in_zone(moment, zone)}"
    return f"= {in_zone(moment, zone, d.day)}"
