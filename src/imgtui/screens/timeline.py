"""The personal timeline: every date of the Match year, one line each, today marked; the
highlighted entry's detail (its rule, source and your time) below. The time left ticks."""

from __future__ import annotations

from datetime import tzinfo
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.widgets import Static

from ..clock import Clock
from ..domain.model import EASTERN
from ..domain.summary import Situation
from ..domain.timeline import Deadline, time_left
from ..labels import STATUS_LEGEND, date_status, deadline_when, in_zone, local_when
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


class TimelineList(LineTable):
    """One line per entry; the TODAY row cannot hold the cursor."""

    def can_hold_cursor(self, index: int) -> bool:
        return self.rows[index] is not TODAY


class TimelineScreen(ModalScreen[None]):
    CSS_PATH = "screens.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,t", "dismiss", "Close", id="timeline_close", tooltip="Back to the main view")
    ]

    def __init__(self, situation: Situation, clock: Clock, zone: tzinfo) -> None:
        super().__init__()
        self.situation, self.clock, self.zone = situation, clock, zone
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
    def _fill(self) -> None:
        rows: list[Deadline | None] = []
        for d in self.situation.deadlines:
            if TODAY not in rows and not time_left(d, self.now).passed:
                rows.append(TODAY)
            rows.append(d)
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
        legend = f"{STATUS_LEGEND} · ~ approximate · ⚠ behind or close · ✔ your step is done"
        update_if_changed(self.query_one("#timeline-legend", Static), Text(legend, style="dim"))
        listing.refresh()
        self._show_detail()

    def _cells(self, d: Deadline | None) -> list[Cell]:
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

    # -- ticking -------------------------------------------------------------------------
    def tick(self) -> None:
        """Once a second: the Left cells on screen (and the detail); when an entry's time
        runs out, the rows (today moves)."""
        before, self.now = self.now, self.clock()
        passed = [time_left(d, before).passed for d in self.situation.deadlines]
        if passed != [time_left(d, self.now).passed for d in self.situation.deadlines]:
            self._fill()
            return
        listing = self.query_one(TimelineList)
        x = sum(c.width + 1 for c in listing.columns[:3]) - listing.scroll_offset.x
        width = listing.columns[3].width if len(listing.columns) > 3 else 0
        listing.refresh(Region(x, 1, width, max(0, listing.size.height - 1)))
        self._show_detail()
