"""What the main screen shows, as one value: every pane is given the same `MainView` and
takes what it needs from it (no Textual here)."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, NamedTuple

from .domain.model import Catalog
from .domain.summary import Situation

if TYPE_CHECKING:  # the season's modules load with the program list, after the first frame
    from .domain.interviews import InterviewEvent, SameDay
    from .domain.programs import Key


class Season(NamedTuple):
    """The person's own season from programs.json: their interviews and rank list. Read after
    the first frame (the program list may be thousands long), so a view may have none yet."""

    interviews: tuple[InterviewEvent, ...]  # every dated interview, in time order
    clashes: dict[Key, SameDay]  # same-day conflicts, in the person's zone
    ranked: int  # programs on the rank list
    certified: datetime | None  # the person's "certified on NRMP R3" mark
    zone: tzinfo  # the person's time zone


class MainView(NamedTuple):
    situation: Situation
    catalog: Catalog
    scores: dict[str, int | str]
    now: datetime
    zone: tzinfo  # the person's time zone (Session.zone)
    season: Season | None = None
