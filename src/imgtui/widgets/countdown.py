"""Pane 3: live countdowns to September 15, Match Day and the next deadline, then the most
urgent warnings.

One widget draws every line itself (Textual's line API): three rows of labels used to be
ten widgets, a tenth of the first frame. A tick changes only the countdown values, so it
marks just those cells dirty: the idle screen sends a dozen characters a second (this
matters over SSH), and never needs a layout pass."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from ..domain.timeline import Deadline, TimeLeft, find, time_left
from ..labels import date_status, deadline_when, local_when
from ..views import MainView
from .textgrid import Line, wrap

GAP = 2  # between the value column and the labels
SLOTS = ("september_15", "match_day", "next")
PREFIX = {"september_15": "Sep 15", "match_day": "Match Day", "next": "Next"}
FACTS_ROW = "facts"


class CountdownPane(Widget):
    BORDER_TITLE = "3 Countdown"
    COMPONENT_CLASSES: ClassVar[set[str]] = {"countdown--ticker", "countdown--warning"}
    DEFAULT_CSS = """
    CountdownPane > .countdown--ticker { text-style: bold; color: $accent; }
    CountdownPane > .countdown--warning { color: $warning; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._next: Callable[[datetime], Deadline | None] = lambda now: None
        self._zone: tzinfo | None = None
        self._targets: dict[str, Deadline | None] = {}
        self._labels: dict[str, Text] = {}
        self.tickers: dict[str, str] = {}  # slot -> the value shown now
        self.warnings: list[str] = []
        self.facts = ""  # how old the facts are: the last line, when there is room
        self._value_width = 0  # the value column: the longest value shown
        self._laid_out: tuple[int, int] | None = None  # (width, height) the rows below were made for
        self._rows: list[tuple[str | None, Line]] = []  # (slot whose value leads the row, rest)

    # -- content -------------------------------------------------------------------------
    def show(self, view: MainView) -> None:
        situation, now = view.situation, view.now
        self._next, self._zone = situation.next_ahead, view.zone
        self._targets = {
            "september_15": find(situation.deadlines, "september_15"),
            "match_day": find(situation.deadlines, "match_day"),
            "next": situation.next_ahead(now),
        }
        labels = self._describe(now)
        warnings = situation.warning_texts()
        facts = facts_line(view.catalog.reviewed, len(situation.stale_in("dates")), len(situation.stale))
        if (labels, warnings, facts) == (self._labels, self.warnings, self.facts) and self.tickers:
            self.tick(now)  # the views refresh each minute: only the running values moved
            return
        self._labels, self.tickers, self.warnings, self.facts = labels, self._values(now), warnings, facts
        self._relayout()

    def _relayout(self) -> None:
        self._value_width = max(len(v) for v in self.tickers.values()) if self.tickers else 0
        self._laid_out = None
        self.refresh()

    def _describe(self, now: datetime) -> dict[str, Text]:
        labels = {}
        for slot, deadline in self._targets.items():
            if deadline is None:
                labels[slot] = Text(
                    "No deadline ahead in this Match season." if slot == "next" else "Not in this rule set.",
                    style="dim",
                )
            else:
                labels[slot] = describe(deadline, PREFIX[slot], now, self._zone)
        return labels

    def _values(self, now: datetime) -> dict[str, str]:
        return {slot: _value(time_left(d, now)) if d else "—" for slot, d in self._targets.items()}

    def tick(self, now: datetime) -> None:
        if not self._targets:
            return
        ahead = self._next(now)
        if ahead != self._targets["next"]:  # the next deadline just passed: move on
            self._targets["next"] = ahead
            self._labels = self._describe(now)
            self.tickers = self._values(now)
            self._relayout()
            return
        values = self._values(now)
        if max(map(len, values.values())) > self._value_width:  # "10d" became "9d" is fine; the reverse is not
            self.tickers = values
            self._relayout()
            return
        for slot, value in values.items():
            if value != self.tickers.get(slot):
                self.tickers[slot] = value
                for y, (row_slot, _rest) in enumerate(self._rows):
                    if row_slot == slot:
                        self.refresh(Region(0, y, self._value_width, 1))

    # -- drawing -------------------------------------------------------------------------
    def _layout(self, width: int, height: int) -> None:
        """Each countdown is its value beside its label (wrapped); a blank line between them
        when there is room; then as many warnings as fit, one line each."""
        if self._laid_out == (width, height):
            return
        self._laid_out = (width, height)
        blocks = []
        for slot in SLOTS:
            if slot in self._labels:
                lines = wrap(self._labels[slot], max(1, width - self._value_width - GAP), self.app.console)
                blocks.append([(slot if i == 0 else "", line) for i, line in enumerate(lines)])
        used = sum(len(b) for b in blocks)
        spaced = used + len(blocks) + min(1, len(self.warnings)) <= height
        rows: list[tuple[str | None, Line]] = []
        for block in blocks:
            rows += block
            if spaced:
                rows.append(("", []))
        room = max(0, height - len(rows))
        shown = self.warnings[:room]
        for index, warning in enumerate(shown):
            more = len(self.warnings) - len(shown)
            suffix = f"  (+{more} more: press t)" if more and index == len(shown) - 1 else ""
            line = f"⚠ {warning}"
            if len(line) + len(suffix) > width:
                line = line[: max(1, width - len(suffix) - 1)] + "…"
            rows.append((None, [Segment(line + suffix)]))
        if self.facts and len(rows) < height:
            rows.append(
                (FACTS_ROW, [Segment(self.facts[: width - 1] + "…" if len(self.facts) > width else self.facts)])
            )
        self._rows = rows

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        self._layout(width, height)
        base = self.rich_style
        if y >= len(self._rows):
            return Strip.blank(width, base)
        slot, rest = self._rows[y]
        if slot is None or (slot == FACTS_ROW and self.facts.startswith("⚠")):  # a warning: the whole width
            strip = Strip(rest).apply_style(base + self.get_component_rich_style("countdown--warning"))
        elif slot == FACTS_ROW:
            strip = Strip(rest).apply_style(base + Style(dim=True))
        else:
            value = self.tickers.get(slot, "") if slot else ""
            ticker = base + self.get_component_rich_style("countdown--ticker")
            strip = Strip(
                [
                    Segment(value.ljust(self._value_width), ticker),
                    Segment(" " * GAP, base),
                    *Segment.apply_style(rest, base),
                ]
            )
        return strip.crop(0, width).extend_cell_length(width, base)


def _value(left: TimeLeft) -> str:
    """'9d 14:00:00' ticking, or '69 days ago' (the same whole days as every other surface)."""
    return left.words if left.passed else str(left)


def facts_line(reviewed: date | None, stale_dates: int, stale: int) -> str:
    """How old the facts are, and whether the dates counted down here rely on stale ones."""
    line = f"Facts as of {reviewed.isoformat()}" if reviewed else "Facts"
    if stale_dates:
        return f"⚠ {line}: {stale_dates} date{'s' if stale_dates != 1 else ''} here past their refresh period"
    if stale:
        return f"{line}; {stale} past their refresh period (imgtui facts --stale)"
    return line


def describe(deadline: Deadline, prefix: str, now: datetime, zone: tzinfo | None) -> Text:
    status = date_status(deadline, now)
    title = deadline.title if deadline.title.startswith(prefix) else f"{prefix}: {deadline.title}"
    if status.short != deadline.status:  # a projected date that passed: not confirmed here
        title += f" — check {status.site or 'the source'}"
    text = Text()
    text.append(title, style="bold")
    text.append(f"\n{deadline_when(deadline)} " + ("(all day) ET" if deadline.all_day else "ET"))
    mine = local_when(deadline, zone) if zone is not None else None
    if mine:
        text.append(f" {mine}", style="dim")
    status_style = "bold yellow" if deadline.status in ("projected", "unverified", "yours") else "dim"
    text.append(f"  {status.mark} {status.short}" + (" ~approx." if deadline.approximate else ""), style=status_style)
    return text
