"""Words and marks shared by the plain output and the app (no Textual/Rich imports)."""

from __future__ import annotations

from datetime import datetime, tzinfo

from .domain.timeline import Deadline

MODE_LABEL = {"non-us-img": "non-US IMG", "us-img": "US IMG"}
# Marks so that nothing projected can be mistaken for an official date.
STATUS_MARK = {"official": "✓", "reported": "•", "projected": "≈", "guide": "§", "derived": "→"}


def deadline_when(d: Deadline, tz_local: tzinfo | None = None) -> str:
    """'Tue 2026-09-15 12:00' in Eastern time (or another zone), '~' where the date is approximate."""
    approx = "~" if d.approximate else ""
    if d.all_day:
        return f"{approx}{d.day:%a %Y-%m-%d}"
    at: datetime = d.at if tz_local is None else d.at.astimezone(tz_local)
    return f"{approx}{at:%a %Y-%m-%d %H:%M}"
