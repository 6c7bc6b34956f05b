"""What the main screen shows, as one value: every pane is given the same `MainView` and
takes what it needs from it (no Textual here)."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import NamedTuple

from .domain.model import Catalog
from .domain.summary import Situation


class MainView(NamedTuple):
    situation: Situation
    catalog: Catalog
    scores: dict[str, int | str]
    now: datetime
    zone: tzinfo  # the person's time zone (Session.zone)
