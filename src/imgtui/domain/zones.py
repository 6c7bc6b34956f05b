"""Time zones: the person's own (by its IANA name; `--tz`), and clock times and zones as
programs write them ("9:00 AM CT", "14:00 ET", "America/Chicago"), read into a `time` and an
IANA zone name. Pure; zoneinfo only.

US programs name their zone by its short name. A short name is read as the zone's wall
clock (CT is Chicago time, standard or daylight as the date has it): "9:00 AM CST" written in
July means 9:00 Central daylight time, which is what the program meant."""

from __future__ import annotations

import re
from datetime import date, datetime, time, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Short names -> IANA zones (the wall clock of the zone, whatever the season).
ABBREVIATIONS = {
    "ET": "America/New_York",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "EASTERN": "America/New_York",
    "CT": "America/Chicago",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "CENTRAL": "America/Chicago",
    "MT": "America/Denver",
    "MST": "America/Denver",
    "MDT": "America/Denver",
    "MOUNTAIN": "America/Denver",
    "PT": "America/Los_Angeles",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "PACIFIC": "America/Los_Angeles",
    "AKT": "America/Anchorage",
    "AKST": "America/Anchorage",
    "AKDT": "America/Anchorage",
    "HT": "Pacific/Honolulu",
    "HST": "Pacific/Honolulu",
    "UTC": "UTC",
    "GMT": "UTC",
}
ZONE_HINT = "CT, ET, MT, PT, AKT, HT or a zone name such as America/Chicago"
_CLOCK = re.compile(
    r"(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2}))?\s*(?P<half>[ap]\.?\s*m\.?)?(?:\s+(?P<zone>[A-Za-z_/+\-]+))?",
    re.IGNORECASE,
)


class ZoneError(ValueError):
    pass


@lru_cache(maxsize=256)
def zone_info(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def normalize_zone(text: str) -> str:
    """The IANA name for what a program wrote ("CT", "cst", "America/Chicago"); raise
    ZoneError for anything else."""
    written = text.strip()
    if not written:
        raise ZoneError(f"expected a time zone ({ZONE_HINT})")
    short = ABBREVIATIONS.get(written.upper().replace(".", ""))
    if short:
        return short
    if "/" in written and ".." not in written and not written.startswith("/"):
        try:
            zone_info(written)
            return written
        except (ZoneInfoNotFoundError, ValueError):
            pass
    raise ZoneError(f"unknown time zone {text!r}: expected {ZONE_HINT}")


def parse_clock(text: str) -> tuple[time, str | None]:
    """'9:00 AM CT' -> (09:00, 'America/Chicago'); '14:00' -> (14:00, None); '2 pm ET',
    '9.30am', '0930' is not accepted (ambiguous). Raise ZoneError with the reason."""
    written = text.strip()
    match = _CLOCK.fullmatch(written)
    if not match:
        raise ZoneError(f"expected a time such as 9:00 AM CT or 14:00, got {text!r}")
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    half = (match["half"] or "").lower().replace(".", "").replace(" ", "")
    if half:
        if not 1 <= hour <= 12:
            raise ZoneError(f"{text!r}: with AM/PM the hour is 1-12")
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif match["minute"] is None:
        raise ZoneError(f"expected a time such as 9:00 AM CT or 14:00, got {text!r}")
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ZoneError(f"{text!r} is not a time of day")
    zone = normalize_zone(match["zone"]) if match["zone"] else None
    return time(hour, minute), zone


# -- the person's chosen zone (issue #12: the progress file's key, `--tz`) -----------------


def zone_named(name: object) -> ZoneInfo:
    """The IANA zone `name` (e.g. "Asia/Kolkata"); ValueError saying what is wrong otherwise."""
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"expected a time zone name such as Asia/Kolkata, got {name!r}")
    try:
        return ZoneInfo(name.strip())
    except (ValueError, KeyError, OSError):  # not found (a KeyError), malformed, or a folder of the database
        raise ValueError(
            f"unknown time zone {name!r}: expected an IANA name such as Asia/Kolkata or America/New_York"
        ) from None


# Other IANA names of UTC (a machine's /etc/localtime often links to Etc/UTC): named as the
# palette and --tz name it, so one zone never appears as both "UTC" and "Etc/UTC".
UTC_ALIASES = frozenset({"Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu"})


def zone_name(zone: object) -> str:
    """How the person's zone is named, everywhere on screen: its IANA key (UTC for its
    aliases), else its abbreviation or offset."""
    key = getattr(zone, "key", None)
    if isinstance(key, str):
        return "UTC" if key in UTC_ALIASES else key
    tzname = getattr(zone, "tzname", None)
    return (tzname(None) if tzname else None) or "local time"


def in_zone(at: datetime, zone: tzinfo, day: date | None = None, date_only: bool = False) -> str:
    """The one way a time is shown in the person's own zone, always naming it (zone_name):
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
