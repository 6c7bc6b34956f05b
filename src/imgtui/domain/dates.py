"""Which calendar dates are "today" somewhere: a date the person wrote is only in the future
when it is not yet that date anywhere on Earth.

Civil time zones run from UTC-12 (Baker Island) to UTC+14 (Kiribati's Line Islands), so at
any instant two or three calendar dates are current somewhere. A "last checked" date of
today in Kiritimati, typed by someone in Los Angeles, is not in the future."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

LATEST_ZONE = timezone(timedelta(hours=14))  # Pacific/Kiritimati


def latest_today(now: datetime) -> date:
    """The latest calendar date that is current somewhere at `now`."""
    return now.astimezone(LATEST_ZONE).date()
