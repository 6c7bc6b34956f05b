"""The one source of "now" (and of the machine's time zone). Tests and screenshots freeze or
shift it; nothing else reads the system clock directly."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone, tzinfo

Clock = Callable[[], datetime]
NOW_VARIABLE = "IMGTUI_NOW"  # e.g. 2026-11-24T10:00:00-05:00: start the clock there (tests, screenshots)


def system_clock() -> datetime:
    return datetime.now(timezone.utc).astimezone()


def frozen_clock(at: datetime) -> Clock:
    return lambda: at


def offset_clock(start: datetime) -> Clock:
    """Starts at `start` and then runs at real speed, so a countdown still ticks."""
    began = time.monotonic()
    return lambda: start + timedelta(seconds=time.monotonic() - began)


def clock_from_environment() -> Clock:
    value = os.environ.get(NOW_VARIABLE)
    if not value:
        return system_clock
    try:
        start = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{NOW_VARIABLE}={value!r} is not an ISO 8601 date-time such as 2026-11-24T10:00:00-05:00"
        ) from None
    if start.tzinfo is None:
        raise ValueError(f"{NOW_VARIABLE}={value!r} needs a UTC offset, e.g. 2026-11-24T10:00:00-05:00")
    return offset_clock(start.astimezone())  # shown in this machine's zone, like the real clock


def system_zone() -> tzinfo:
    """The machine's time zone, by its IANA name where it has one: `TZ` when set to such a
    name (as over SSH with `SendEnv TZ`), else the zone /etc/localtime links to, else the
    C library's current offset (named by its abbreviation)."""
    from .domain.zones import zone_named

    candidates = [os.environ.get("TZ", "").removeprefix(":")]
    if not candidates[0]:
        try:
            link = os.readlink("/etc/localtime")
            candidates.append(link.split("zoneinfo/", 1)[1] if "zoneinfo/" in link else "")
        except (OSError, AttributeError):  # no link (containers, Windows)
            pass
    for name in candidates:
        if name and not name.startswith("/"):
            try:
                return zone_named(name)
            except ValueError:  # a POSIX rule such as "IST-5:30": the C library knows it
                break
    local = datetime.now(timezone.utc).astimezone().tzinfo
    return local or timezone.utc
