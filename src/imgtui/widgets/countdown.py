"""Pane 3: live countdowns to September 15, Match Day and the next deadline, then the most
urgent warnings. In the interview season (the person has interviews or a rank list) the next
interview and, while the rank list is not marked certified, its certify-by deadline come
first: the pane is short, and those are the dates that cost a position.

When the countdowns do not all fit the pane's height (the wide layout's short row, a
season's five dates, a far time zone's longer lines), they are compacted rather than cut:
each becomes one line (its value and title, with its status mark), the most important
first, and then as many as fit get their date lines back. Match Day is never dropped.

One widget draws every line itself (Textual's line API): three rows of labels used to be
ten widgets, a tenth of the first frame. A tick changes only the countdown values, so it
marks just those cells dirty: the idle screen sends a dozen characters a second (this
matters over SSH), and never needs a layout pass."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, ClassVar, TypeAlias

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from ..domain.timeline import Deadline, TimeLeft, countdown, find, time_left
from ..labels import date_status, deadline_when, local_when
from ..sanitize import visible
from ..views import MainView, Season
from .textgrid import Line, wrap

if TYPE_CHECKING:  # interviews exist only once the program list is read, after the first frame
    from ..domain.interviews import InterviewEvent, SameDay
    from ..domain.programs import Key

GAP = 2  # between the value column and the labels
SLOTS = ("september_15", "match_day", "next")  # in this order, top to bottom
SEASON_SLOTS = ("interview", "certify", "next", "match_day", "september_15")  # when the person has a season
# Which countdown keeps its date lines first when the pane is short: what costs a position
# soonest; September 15 (registration opens) matters least once the season is under way.
IMPORTANCE = SEASON_SLOTS
PREFIX = {"september_15": "Sep 15", "match_day": "Match Day", "next": "Next", "certify": "Certify"}
FACTS_ROW = "facts"
Target: TypeAlias = "Deadline | InterviewEvent"


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
        self._targets: dict[str, Target | None] = {}
        self._season: Season | None = None
        self._labels: dict[str, Text] = {}
        self._short: dict[str, tuple[Text, str]] = {}  # slot -> its one-line title, and a mark kept at its end
        self.tickers: dict[str, str] = {}  # slot -> the value shown now
        self.warnings: list[str] = []
        self.facts = ""  # how old the facts are: the last line, when there is room
        self._value_width = 0  # the value column: the longest value shown
        self._laid_out: tuple[int, int] | None = None  # (width, height) the rows below were made for
        self._rows: list[tuple[str | None, Line]] = []  # (slot whose value leads the row, rest)

    # -- content -------------------------------------------------------------------------
    def show(self, view: MainView) -> None:
        situation, now = view.situation, view.now
        self._next, self._zone, self._season = situation.next_ahead, view.zone, view.season
        found: dict[str, Target | None] = {
            "september_15": find(situation.deadlines, "september_15"),
            "match_day": find(situation.deadlines, "match_day"),
            "next": situation.next_ahead(now),
        }
        season = view.season
        if season is not None and (season.interviews or season.ranked):
            certify = find(situation.deadlines, "rank_order_list_deadline")
            if season.certified is None and certify is not None and not time_left(certify, now).passed:
                found["certify"] = certify
            found["interview"] = _next_interview(season, now)
            september = found["september_15"]
            if isinstance(september, Deadline) and time_left(september, now).passed:
                del found["september_15"]  # passed: the season's own dates matter more in a short pane
            self._targets = {slot: found[slot] for slot in SEASON_SLOTS if slot in found}
        else:
            self._targets = {slot: found[slot] for slot in SLOTS}
        labels = self._describe(now)
        warnings = situation.warning_texts()
        facts = facts_line(view.catalog.reviewed, len(situation.stale_in("dates")), len(situation.stale))
        if (labels, warnings, facts) == (self._labels, self.warnings, self.facts) and self.tickers:
            self.tick(now)  # the views refresh each minute: only the running values moved
            return
        self._labels, self.tickers, self.warnings, self.facts = labels, self._values(now), warnings, facts
        self._short = self._describe_short(now)
        self._relayout()

    def _relayout(self) -> None:
        self._value_width = max(len(v) for v in self.tickers.values()) if self.tickers else 0
        self._laid_out = None
        self.refresh()

    def _describe(self, now: datetime) -> dict[str, Text]:
        labels = {}
        for slot, target in self._targets.items():
            if target is not None and not isinstance(target, Deadline):  # an interview
                season = self._season
                assert season is not None and self._zone is not None
                labels[slot] = describe_interview(target, season.clashes, self._zone)
            elif target is None:
                labels[slot] = Text(
                    "No interview ahead."
                    if slot == "interview"
                    else "No deadline ahead in this Match season."
                    if slot == "next"
                    else "Not in this rule set.",
                    style="dim",
                )
            elif slot == "certify":
                ranked = self._season.ranked if self._season else 0
                title = f"Certify your rank list: {ranked} ranked, not marked certified"
                labels[slot] = describe(target._replace(title=title), "Certify", now, self._zone)
            else:
                labels[slot] = describe(target, PREFIX[slot], now, self._zone)
        return labels

    def _describe_short(self, now: datetime) -> dict[str, tuple[Text, str]]:
        """Each countdown in one line, for a pane too short for their date lines: the title
        and, kept at the end however the title is cut, the date's status mark (nothing
        projected may read as official) or an interview's same-day warning."""
        short: dict[str, tuple[Text, str]] = {}
        for slot, label in self._labels.items():
            target = self._targets.get(slot)
            title = Text(label.plain.split("\n", 1)[0], style="bold" if target is not None else "dim")
            if isinstance(target, Deadline):
                status = date_status(target, now)
                short[slot] = (title, f" {status.mark}" + (" ~approx." if target.approximate else ""))
            else:
                clash = "⚠" in label.plain.split("\n", 1)[-1] if target is not None else False
                short[slot] = (title, " ⚠ same day" if clash else "")
        return short

    def _values(self, now: datetime) -> dict[str, str]:
        return {slot: _value(_left(target, now)) if target else "—" for slot, target in self._targets.items()}

    def tick(self, now: datetime) -> None:
        if not self._targets:
            return
        ahead = self._next(now)
        season = self._season
        interview = _next_interview(season, now) if season and "interview" in self._targets else None
        if ahead != self._targets["next"] or interview is not self._targets.get("interview", interview):
            self._targets["next"] = ahead  # the next deadline or interview just passed: move on
            if "interview" in self._targets:
                self._targets["interview"] = interview
            self._labels = self._describe(now)
            self._short = self._describe_short(now)
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
        when there is room; then as many warnings as fit, one line each. When the labels do
        not fit, the countdowns are compacted (`_fit`)."""
        if self._laid_out == (width, height):
            return
        self._laid_out = (width, height)
        label_width = max(1, width - self._value_width - GAP)
        full = {
            slot: wrap(self._labels[slot], label_width, self.app.console)
            for slot in self._targets
            if slot in self._labels
        }
        used = sum(len(lines) for lines in full.values())
        if used <= height:
            blocks = [self._block(slot, full[slot]) for slot in full]
        else:
            blocks = [
                self._block(slot, full[slot] if whole else [self._short_line(slot, label_width)])
                for slot, whole in fit_countdowns({slot: len(lines) for slot, lines in full.items()}, height)
            ]
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

    @staticmethod
    def _block(slot: str, lines: list[Line]) -> list[tuple[str | None, Line]]:
        """A countdown's rows: its value leads the first."""
        return [(slot if i == 0 else "", line) for i, line in enumerate(lines)]

    def _short_line(self, slot: str, width: int) -> Line:
        title, mark = self._short[slot]
        title = title.copy()
        if title.cell_len + len(mark) > width:
            title.truncate(max(1, width - len(mark)), overflow="ellipsis")
        title.append(mark, style="bold yellow" if "⚠" in mark else "dim")
        return wrap(title, width, self.app.console)[0]

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


def fit_countdowns(heights: dict[str, int], room: int) -> list[tuple[str, bool]]:
    """Which countdowns a pane `room` lines high shows, in their order, and which of them
    whole (True) rather than as one line: every one as a line first (when even that is too
    many, Match Day stays and then the most important others), then, most important first
    (IMPORTANCE), each that still fits gets its full height back."""
    ranked = sorted(heights, key=lambda slot: (slot != "match_day", IMPORTANCE.index(slot)))
    slots = [slot for slot in heights if slot in ranked[: max(0, room)]]
    used = len(slots)
    whole = set()
    for slot in sorted(slots, key=IMPORTANCE.index):
        if used + heights[slot] - 1 <= room:
            whole.add(slot)
            used += heights[slot] - 1
    return [(slot, slot in whole) for slot in slots]


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


def _left(target: Target, now: datetime) -> TimeLeft:
    """A deadline's time left (the one rule: until it is over); an interview's, until it begins."""
    return time_left(target, now) if isinstance(target, Deadline) else countdown(target.at, now)


def _next_interview(season: Season, now: datetime) -> InterviewEvent | None:
    from ..domain.interviews import next_interview  # loaded with the program list

    return next_interview(list(season.interviews), now)


def describe_interview(event: InterviewEvent, clashes: dict[Key, SameDay], zone: tzinfo) -> Text:
    """'Interview: Mercy Hospital IM' / 'Tue 2026-12-08 09:00 CST (10:00 EST yours)', and a
    same-day conflict when there is one."""
    from ..domain.interviews import when

    text = Text()
    text.append(f"Interview: {visible(event.program.name)}", style="bold")
    text.append(f"\n{when(event, zone)}")
    if event.status != "scheduled":
        text.append(f"  {event.status}", style="dim")
    same_day = clashes.get(event.program.key)
    others = same_day.others(event.program) if same_day else ()
    if others:
        text.append(f"\n⚠ same day as {visible(', '.join(p.name for p in others))}", style="bold yellow")
    return text
