"""The personal timeline: every date of the Match year, top to bottom, with today marked; the
person's interviews among them (each in its own zone, conflicts flagged); and in the week of
Match Day, under Monday, what SOAP needs ready for someone who did not match."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..domain.interviews import FORMAT_WORD, InterviewEvent, when
from ..domain.model import ChecklistItem
from ..domain.summary import Situation
from ..domain.timeline import Deadline, countdown
from ..labels import STATUS_LEGEND, STATUS_MARK, date_status, deadline_when
from ..sanitize import visible
from ..views import Season

STATUS_STYLE = {
    "projected": "yellow",
    "derived": "cyan",
    "official": "green",
    "reported": "",
    "guide": "magenta",
    "unverified": "bold red",
    "yours": "bold blue",
}


SOAP_MONDAY = "match_week_begins"  # Monday of Match Week: the SOAP checklist goes under it


def timeline_table(
    s: Situation, now: datetime, season: Season | None = None, checklist: Sequence[ChecklistItem] = ()
) -> Table:
    behind = {w.deadline.id for w in s.warnings}
    table = Table(box=None, show_header=True, expand=True, pad_edge=False, padding=(0, 1))
    table.add_column("", width=1, no_wrap=True)
    table.add_column("When (ET)", no_wrap=True)
    table.add_column("What", ratio=1)
    table.add_column("Left", justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    entries: list[Deadline | InterviewEvent] = [*s.deadlines]
    if season is not None and s.deadlines:  # the interviews of this Match year's season
        first, last = s.deadlines[0].at, s.deadlines[-1].at
        entries += [e for e in season.interviews if first <= e.at <= last]
    entries.sort(key=lambda e: e.at)
    today_shown = False
    for entry in entries:
        if not today_shown and entry.at > now:
            table.add_row(
                Text("▶", style="bold reverse"),
                Text(f"{now:%a %Y-%m-%d}", style="bold reverse"),
                Text("TODAY", style="bold reverse"),
                "",
                "",
            )
            today_shown = True
        if isinstance(entry, InterviewEvent):
            assert season is not None
            _interview_row(table, entry, season, now)
            continue
        d = entry
        passed = d.at <= now
        mark = "⚠" if d.id in behind else ("│" if passed else "┃")
        style = "dim" if passed and d.id not in behind else ""
        title = Text(d.title, style=style)
        status = date_status(d, now)
        if d.rule and d.status == "derived":
            title.append(f"\n{d.provenance.source}", style="dim italic")
        elif status.short != d.status:  # a projected date that passed: where to confirm it
            title.append(f"\n{status.meaning}", style="yellow italic")
        table.add_row(
            Text(mark, style="bold yellow" if d.id in behind else "dim"),
            Text(deadline_when(d), style=style),
            title,
            Text(str(countdown(d.at, now)), style=style),
            Text(f"{status.mark} {status.short}", style=STATUS_STYLE.get(d.status, "")),
        )
        if d.id == SOAP_MONDAY and checklist:
            _soap_checklist(table, checklist)
    if not today_shown:
        table.add_row(
            Text("▶", style="bold reverse"),
            Text(f"{now:%a %Y-%m-%d}", style="bold reverse"),
            Text("TODAY (every date of this Match year has passed)", style="bold reverse"),
            "",
            "",
        )
    return table


def _interview_row(table: Table, event: InterviewEvent, season: Season, now: datetime) -> None:
    """An interview: when on the program's clock (and yours), a conflict if another shares your day."""
    program = event.program
    passed = event.at <= now
    same_day = season.clashes.get(program.key)
    others = same_day.others(program) if same_day else ()
    style = "dim" if passed or event.status in ("declined", "cancelled") else ""
    what = Text(f"Interview: {visible(program.name)} ({visible(program.specialty)})", style=style or "bold")
    how = FORMAT_WORD[program.interview_format]
    what.append(f"\n{when(event, season.zone)}" + (f" · {how}" if how else ""), style="dim")
    if others:
        what.append(f"\n⚠ same day as {visible(', '.join(p.name for p in others))}", style="bold yellow")
    table.add_row(
        Text("⚠" if others else "◆", style="bold yellow" if others else "cyan"),
        Text(_own_when(event), style=style),
        what,
        Text(str(countdown(event.at, now)), style=style),
        Text(f"◆ {event.status}", style="cyan"),
    )


def _own_when(event: InterviewEvent) -> str:
    """On the program's clock, zone named: 'Tue 2026-12-08 09:00 CST' (the column is ET for deadlines)."""
    if event.all_day:
        return f"{event.day:%a %Y-%m-%d}"
    own = event.own_clock()
    return f"{own:%a %Y-%m-%d %H:%M} {own.tzname() or ''}".rstrip()


def _soap_checklist(table: Table, checklist: Sequence[ChecklistItem]) -> None:
    """Under Monday of Match Week: what SOAP needs ready if you did not match."""
    block = Text()
    block.append("If you did not match on Monday — what SOAP needs ready:", style="bold")
    for item in checklist:
        block.append(f"\n☐ {item.text} ")
        block.append(f"{STATUS_MARK[item.provenance.status]} {item.provenance.status}", style="dim")
    table.add_row("", "", block, "", "")


class TimelineScreen(ModalScreen[None]):
    CSS_PATH = "screens.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,t", "dismiss", "Close timeline")]

    def __init__(
        self,
        situation: Situation,
        now: datetime,
        season: Season | None = None,
        checklist: Sequence[ChecklistItem] = (),
    ) -> None:
        super().__init__()
        self.situation, self.now = situation, now
        self.season, self.checklist = season, checklist

    def compose(self) -> ComposeResult:
        s = self.situation
        with VerticalScroll(id="timeline-box") as box:
            box.border_title = f"Timeline: Match {s.match_year} · {s.rules.id} rules (t or esc to close)"
            yield Static(
                Text(
                    f"{STATUS_LEGEND} (latest-safe: anchor minus a lead time, rule shown) · ~ approximate · "
                    "⚠ you are behind or close · ◆ your interview (its own zone; ⚠ another the same day)",
                    style="dim",
                )
            )
            yield Static(timeline_table(s, self.now, self.season, self.checklist))
