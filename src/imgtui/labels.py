"""Words and marks shared by the plain output and the app (no Textual/Rich imports)."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import NamedTuple

from .domain.timeline import Deadline
from .domain.zones import in_zone as in_zone  # re-exported: the one way a time in your zone is written

MODE_LABEL = {"non-us-img": "non-US IMG", "us-img": "US IMG"}
# Marks so that nothing projected can be mistaken for an official date: every status but
# "official" has its own.
STATUS_MARK = {
    "official": "✓",
    "reported": "•",
    "projected": "≈",
    "guide": "§",
    "derived": "→",
    "unverified": "?",
    "yours": "✎",
}
STATUS_LEGEND = (
    "✓ official · • reported (third party) · ≈ projected (from the usual pattern) · § guide (the guide) · "
    "→ derived · ? unverified (may no longer hold) · ✎ yours (your facts folder)"
)
# What each status means, said once (the app, `imgtui status`, the calendar file, `imgtui facts`).
STATUS_MEANING = {
    "official": "official: read on the issuing body's own page",
    "reported": "reported: from a third-party page",
    "projected": "projected: not yet published, from the usual pattern",
    "guide": "from the guide (Match 2019 era)",
    "derived": "derived: a latest-safe date from the guide's lead times",
    "unverified": "unverified: whether it still holds could not be confirmed",
    "yours": "yours: from your own facts folder",
}


class DateStatus(NamedTuple):
    mark: str
    short: str  # fits a table column: "projected", "passed, unconfirmed"
    meaning: str  # a sentence: what to make of the date now
    site: str | None = None  # for a passed projected date: the site to confirm it on ("nrmp.org")


def date_status(d: Deadline, now: datetime) -> DateStatus:
    """What a date's status means at `now`. A projected date that has passed was never
    confirmed here: it is not "not yet published" any more, and the reader is told where to
    confirm it."""
    mark = STATUS_MARK[d.status]
    if d.status == "projected" and d.at <= now:
        where = short_url(d.check) if d.check else "the issuing body's site"
        site = ".".join(where.split("/")[0].split(".")[-2:]) if d.check else None
        return DateStatus(mark, "passed, unconfirmed", f"passed, not confirmed here — check {where}", site)
    return DateStatus(mark, d.status, STATUS_MEANING[d.status])


def short_url(url: str) -> str:
    """A public URL as people type it: no scheme, no www."""
    for prefix in ("https://", "http://", "www."):
        url = url.removeprefix(prefix)
    return url


def deadline_when(d: Deadline) -> str:
    """'Tue 2026-09-15 12:00' in Eastern time (the issuing body's), '~' where the date is approximate."""
    approx = "~" if d.approximate else ""
    if d.all_day:
        return f"{approx}{d.day:%a %Y-%m-%d}"
    return f"{approx}{d.at:%a %Y-%m-%d %H:%M}"


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


def certify_line(certified: datetime | None, count: int, deadline: Deadline | None, now: datetime) -> str:
    """Where the rank list stands against the certification deadline (the CLI and the rank
    list view): 'Not certified: certify on NRMP R3 by Wed 2027-03-03 21:00 ET (≈ projected), 98 days left'."""
    from .domain.timeline import days_left

    if certified is not None:
        return f"✓ You marked it certified on {certified:%Y-%m-%d %H:%M} (a change needs certifying again)"
    if deadline is None:
        return "Not certified (no rank order list deadline in this rule set)"
    when = f"{deadline_when(deadline)} ET ({STATUS_MARK[deadline.status]} {deadline.status})"
    if deadline.at <= now:
        return f"Not marked certified; the certification deadline was {when}"
    left = days_left(deadline, now)
    days = "today" if left == 0 else f"{left} day{'s' if left != 1 else ''} left"
    return f"Not certified: certify on NRMP R3 by {when}, {days}" + ("" if count else " (the list is empty)")


def beyond_line(extra: int, count: int, included: int) -> str:
    """How many ranks go beyond those the NRMP registration fee covers."""
    if not extra:
        return f"{count} of the {included} ranks the NRMP registration fee covers."
    return (
        f"{extra} rank{'s' if extra != 1 else ''} beyond the {included} the registration fee covers: "
        "each costs the NRMP per-rank fee."
    )
