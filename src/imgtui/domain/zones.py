"""Time zones by their IANA names (the person's chosen zone; `--tz`)."""

from __future__ import annotations

from zoneinfo import ZoneInfo


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


def zone_name(zone: object) -> str:
    """How a zone is named to the person: its IANA key, else its abbreviation or offset."""
    key = getattr(zone, "key", None)
    if isinstance(key, str):
        return key
    tzname = getattr(zone, "tzname", None)
    return (tzname(None) if tzname else None) or "local time"
