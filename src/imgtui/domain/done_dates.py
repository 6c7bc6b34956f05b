"""The date a step was done, as the person types it (the app's date field, `imgtui tick --on`)."""

from __future__ import annotations

from datetime import date

EARLIEST = date(1950, 1, 1)  # older than any exam or diploma a person would still track


def parse_done_date(text: str, today: date) -> date:
    """A date from EARLIEST to `today` (the person's own today); ValueError saying what is wrong."""
    written = text.strip()
    try:
        day = date.fromisoformat(written)
    except ValueError:
        raise ValueError(f"expected a date as YYYY-MM-DD, such as {today.isoformat()}, got {written!r}") from None
    if len(written) != 10:  # fromisoformat also takes 20261125 and 2026-W48-3
        raise ValueError(f"expected a date as YYYY-MM-DD, such as {today.isoformat()}, got {written!r}")
    if day > today:
        raise ValueError(f"{day.isoformat()} is after today ({today.isoformat()})")
    if day < EARLIEST:
        raise ValueError(f"{day.isoformat()} is before {EARLIEST.isoformat()}")
    return day
