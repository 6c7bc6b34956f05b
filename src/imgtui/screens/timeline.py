"""The personal timeline: every date of the Match year, one line each, today marked; the
highlighted entry's detail (its rule, source and your time) below. The time left ticks.
The person's interviews are among the dates (each on its program's clock, a same-day
conflict flagged), and under Monday of Match Week, what SOAP needs ready for someone who did
not match, one item a line (the detail gives its source)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.widgets import Static

from ..clock import Clock
from ..domain.interviews import FORMAT_WORD, InterviewEvent, when
from ..domain.model import EASTERN, ChecklistItem
from ..domain.summary import Situation
from ..domain.timeline import Deadline, TimeLeft, countdown, time_left
from ..labels import STATUS_LEGEND, STATUS_MARK, date_status, deadline_when, in_zone, local_when
from ..sanitize import visible
from ..views import Season
from ..widgets.keybar import KeyBar
from ..widgets.line_table import Cell, Column, LineTable
from ..widgets.quiet import update_if_changed

STATUS_STYLE = {
    "projected": Style(color="yellow"),
    "derived": Style(color="cyan"),
    "official": Style(color="green"),
    "reported": None,
    "guide": Style(color="magenta"),
    "unverified": Style(color="red", bold=True),
    "yours": Style(color="blue", bold=True),
}
TODAY = None  # the row marking today (not selectable)
ROOMY = 100  # content columns from which weekdays, "passed N days ago" and status words fit
BEHIND, PASSED, DONE = Style(color="yellow", bold=True), Style(dim=True), Style(color="green")
TODAY_STYLE = Style(bold=True, reverse=True)
INTERVIEW, CLASH = Style(color="cyan"), Style(color="yellow", bold=True)
SOAP_MONDAY = "match_week_begins"  # Monday of Match Week: the SOAP checklist goes under it


class SoapItem(NamedTuple):
    """A line of the unmatched-on-Monday checklist, under Monday of Match Week."""

    item: ChecklistItem
    first: bool

    @property
    def id(self) -> str:  # every timeline row has an id and a one-line title
        return f"soap_checklist.{self.item.id}"

    @property
    def title(self) -> str:
        return self.item.text


Row = Deadline | InterviewEvent | SoapItem | None


class TimelineList(LineTable):
    """One line per entry; the TODAY row cannot hold the cursor."""

    def can_hold_cursor(self, index: int) -> bool:
        return self.rows[index] is not TODAY


class TimelineScreen(ModalScreen[None]):
    CSS_PATH = "screens.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,t", "dismiss", "Close", id="timeline_close", tooltip="Back to the main view")
    ]

    def __init__(
        self,
        situation: Situation,
        clock: Clock,
        zone: tzinfo,
        season: Season | None = None,
        checklist: Sequence[ChecklistItem] = (),
    ) -> None:
        super().__init__()
        self.situation, self.clock, self.zone = situation, clock, zone
        self.season, self.checklist = season, checklist
        self.now = clock()
        self.behind = {w.deadline.id for w in situation.warnings}
        self.roomy = True  # wide enough for weekdays, "passed N days ago" and status words (_layout)

    def compose(self) -> ComposeResult:
        s = self.situation
        with Vertical(id="timeline-box") as box:
            history = " · HISTORY, not advice" if s.history else ""
            box.border_title = f"Timeline: Match {s.match_year} · {s.rules.id} rules{history} (t or esc closes)"
            yield Static(id="timeline-legend")
            yield TimelineList(id="timeline-list")
            yield Static(id="timeline-detail")
        yield KeyBar(classes="dialog-keys")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(TimelineList).focus()
        self.set_interval(1.0, self.tick)

    # -- rows ----------------------------------------------------------------------------
    def _entries(self) -> list[Deadline | InterviewEvent]:
        """The season's dates and, between its first and last, the person's interviews."""
        entries: list[Deadline | InterviewEvent] = [*self.situation.deadlines]
        if self.season is not None and entries:
            first, last = self.situation.deadlines[0].at, self.situation.deadlines[-1].at
            entries += [e for e in self.season.interviews if first <= e.at <= last]
        return sorted(entries, key=lambda e: e.at.timestamp())

    def _fill(self) -> None:
        rows: list[Row] = []
        for entry in self._entries():
            if TODAY not in rows and not _left(entry, self.now).passed:
                rows.append(TODAY)
            rows.append(entry)
            if isinstance(entry, Deadline) and entry.id == SOAP_MONDAY:
                rows += [SoapItem(item, i == 0) for i, item in enumerate(self.checklist)]
        if TODAY not in rows:
            rows.append(TODAY)
        listing = self.query_one(TimelineList)
        current = listing.rows[listing.cursor] if 0 <= listing.cursor < len(listing.rows) else TODAY
        if current is TODAY or current not in rows:  # start at the next entry ahead (or the last one)
            after = rows.index(TODAY) + 1
            current = rows[after] if after < len(rows) else rows[after - 2] if after >= 2 else TODAY
        listing.set_rows(rows, self._cells, rows.index(current))
        self._layout()

    def on_resize(self) -> None:
        self._layout()

    def _layout(self) -> None:
        listing = self.query_one(TimelineList)
        width = max(40, listing.scrollable_content_region.width or self.size.width - 6)
        roomy = width >= ROOMY
        fixed = [
            Column("mark", "", 1),
            Column("when", "When (ET)", 20 if roomy else 16),
            Column("left", "Left", 19 if roomy else 13, right=True),
            Column("status", "Status" if roomy else "", 11 if roomy else 1),
        ]
        what = max(12, width - sum(c.width + 1 for c in fixed) - 1)
        listing.set_columns([fixed[0], fixed[1], Column("what", "What", what), *fixed[2:]])
        self.roomy = roomy
        legend = (
            f"{STATUS_LEGEND} · ~ approximate · ⚠ behind or close · ✔ your step is done · "
            "◆ your interview (its program's clock; ⚠ another the same day) · ☐ if you did not match"
        )
        if len(legend) > 2 * (self.size.width or width) - 12:  # two lines (three at 80 columns): every mark, briefly
            legend = (
                "✓ official · • reported · ≈ projected · § guide · → derived · ? unverified · ✎ yours · "
                "~ approximate · ⚠ behind or close · ✔ done · ◆ your interview (⚠ same day as another) · "
                "☐ if not matched"
            )
        update_if_changed(self.query_one("#timeline-legend", Static), Text(legend, style="dim"))
        listing.refresh()
        self._show_detail()

    def _cells(self, d: Row) -> list[Cell]:
        if isinstance(d, InterviewEvent):
            return self._interview_cells(d)
        if isinstance(d, SoapItem):
            fact_status = d.item.provenance.status
            mark = f"{STATUS_MARK[fact_status]} {fact_status}" if self.roomy else STATUS_MARK[fact_status]
            return [
                ("", None),
                ("  if not matched" if d.first else "", PASSED),
                (f"☐ {d.item.text}", None),
                ("", None),
                (
                    f"{STATUS_MARK[fact_status]} {fact_status}" if self.roomy else STATUS_MARK[fact_status],
                    STATUS_STYLE.get(fact_status),
                ),
            ]
        if d is None:  # TODAY
            eastern = self.now.astimezone(EASTERN)
            when = f"{eastern:%a %Y-%m-%d %H:%M}" if self.roomy else f"{eastern:%Y-%m-%d %H:%M}"
            return [
                ("▶", TODAY_STYLE),
                (when, TODAY_STYLE),
                (f"TODAY · now {in_zone(self.now, self.zone)}", TODAY_STYLE),
                ("", None),
                ("", None),
            ]
        left = time_left(d, self.now)
        done, behind = d.id in self.situation.done, d.id in self.behind
        mark, mark_style = ("⚠", BEHIND) if behind else ("✔", DONE) if done else ("│" if left.passed else "┃", PASSED)
        style = PASSED if left.passed and not behind else None
        when = deadline_when(d) if self.roomy else deadline_when(d).split(" ", 1)[1]
        shown_left = str(left) if self.roomy or not left.passed else left.short
        shown = date_status(d, self.now)
        status = f"{shown.mark} {shown.short}" if self.roomy else shown.mark
        return [
            (mark, mark_style),
            (when, style),
            (d.title, style),
            (shown_left, style),
            (status, STATUS_STYLE.get(d.status)),
        ]

    def _interview_cells(self, event: InterviewEvent) -> list[Cell]:
        """On the program's clock, its zone named ('2026-12-08 09:00 CST'): the column is ET
        for deadlines; the detail adds yours."""
        program = event.program
        left = countdown(event.at, self.now)
        clash = self._same_day(event)
        own = event.own_clock()
        if event.all_day:
            shown = f"{event.day:%a %Y-%m-%d}" if self.roomy else f"{event.day:%Y-%m-%d}"
        else:
            clock = f"{own:%Y-%m-%d %H:%M}" if self.roomy else f"{own:%m-%d %H:%M}"  # the zone takes the weekday's room
            shown = f"{clock} {own.tzname() or ''}"
        style = PASSED if left.passed or event.status in ("declined", "cancelled") else None
        how = FORMAT_WORD[program.interview_format]
        what = f"Interview: {visible(program.name)}" + (f" ({how})" if how else "")
        return [
            ("⚠" if clash else "◆", CLASH if clash else INTERVIEW),
            (shown.rstrip(), style),
            (what, style),
            (str(left) if self.roomy or not left.passed else left.short, style),
            (f"◆ {event.status}" if self.roomy else "◆", INTERVIEW),
        ]

    def _same_day(self, event: InterviewEvent) -> tuple[object, ...]:
        same_day = self.season.clashes.get(event.program.key) if self.season else None
        return same_day.others(event.program) if same_day else ()

    # -- detail --------------------------------------------------------------------------
    def on_line_table_moved(self, event: LineTable.Moved) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        listing = self.query_one(TimelineList)
        d = listing.rows[listing.cursor] if 0 <= listing.cursor < len(listing.rows) else None
        detail = self.query_one("#timeline-detail", Static)
        if d is None:
            update_if_changed(detail, Text(""))
            return
        if isinstance(d, InterviewEvent):
            update_if_changed(detail, self._interview_detail(d))
            return
        if isinstance(d, SoapItem):
            text = Text("If you did not match on Monday — what SOAP needs ready:", style="bold")
            text.append(f"\n☐ {d.item.text}")
            fact = d.item.provenance
            text.append(f"\n{STATUS_MARK[fact.status]} {fact.status} · Source: {fact.source}", style="dim")
            update_if_changed(detail, text)
            return
        left = time_left(d, self.now)
        status = date_status(d, self.now)
        text = Text(d.title, style="bold")
        text.append(f"  {status.mark} {status.short}" + (" ~approximate" if d.approximate else ""))
        if d.id in self.behind:
            text.append("  ⚠ you are behind or close", style="bold yellow")
        elif d.id in self.situation.done:
            text.append("  ✔ your step is done", style="green")
        mine = local_when(d, self.zone)
        text.append(
            f"\n{deadline_when(d)} "
            + ("(all day) ET" if d.all_day else "ET")
            + (f" {mine}" if mine else "")
            + f" · {'over, ' if left.passed else ''}{left.words}"
        )
        if status.short != d.status:  # a projected date that passed: where to confirm it
            text.append(f"\n{status.meaning}", style="yellow italic")
        text.append(f"\n{'Rule' if d.status == 'derived' else 'Source'}: {d.provenance.source}", style="dim")
        text.append(f" (as of {d.provenance.as_of.isoformat()})", style="dim")
        update_if_changed(detail, text)

    def _interview_detail(self, event: InterviewEvent) -> Text:
        program = event.program
        text = Text(f"Interview: {visible(program.name)} ({visible(program.specialty)})", style="bold")
        text.append(f"  ◆ {event.status}")
        others = self._same_day(event)
        if others:
            names = ", ".join(p.name for p in others if hasattr(p, "name"))
            text.append(f"  ⚠ the same day as {visible(names)}", style="bold yellow")
        how = FORMAT_WORD[program.interview_format]
        left = countdown(event.at, self.now)
        text.append(f"\n{when(event, self.zone)}" + (f" · {how}" if how else "") + f" · {left.words}")
        if program.notes:
            text.append(f"\nNotes: {visible(program.notes)}", style="italic")
        return text

    # -- ticking -------------------------------------------------------------------------
    def tick(self) -> None:
        """Once a second: the Left cells on screen (and the detail); when an entry's time
        runs out, the rows (today moves)."""
        before, self.now = self.now, self.clock()
        entries = self._entries()
        if [_left(e, before).passed for e in entries] != [_left(e, self.now).passed for e in entries]:
            self._fill()
            return
        listing = self.query_one(TimelineList)
        x = sum(c.width + 1 for c in listing.columns[:3]) - listing.scroll_offset.x
        width = listing.columns[3].width if len(listing.columns) > 3 else 0
        listing.refresh(Region(x, 1, width, max(0, listing.size.height - 1)))
        self._show_detail()


def _left(entry: Deadline | InterviewEvent, now: datetime) -> TimeLeft:
    """A deadline's time left (the one rule: until it is over); an interview's, until it begins."""
    return time_left(entry, now) if isinstance(entry, Deadline) else countdown(entry.at, now)
