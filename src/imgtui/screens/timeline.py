"""The personal timeline: every date of the Match year, top to bottom, with today marked."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..domain.summary import Situation
from ..domain.timeline import countdown
from ..labels import STATUS_LEGEND, date_status, deadline_when

STATUS_STYLE = {
    "projected": "yellow",
    "derived": "cyan",
    "official": "green",
    "reported": "",
    "guide": "magenta",
    "unverified": "bold red",
    "yours": "bold blue",
}


def timeline_table(s: Situation, now: datetime) -> Table:
    behind = {w.deadline.id for w in s.warnings}
    table = Table(box=None, show_header=True, expand=True, pad_edge=False, padding=(0, 1))
    table.add_column("", width=1, no_wrap=True)
    table.add_column("When (ET)", no_wrap=True)
    table.add_column("What", ratio=1)
    table.add_column("Left", justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    today_shown = False
    for d in s.deadlines:
        if not today_shown and d.at > now:
            table.add_row(
                Text("▶", style="bold reverse"),
                Text(f"{now:%a %Y-%m-%d}", style="bold reverse"),
                Text("TODAY", style="bold reverse"),
                "",
                "",
            )
            today_shown = True
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
    if not today_shown:
        table.add_row(
            Text("▶", style="bold reverse"),
            Text(f"{now:%a %Y-%m-%d}", style="bold reverse"),
            Text("TODAY (every date of this Match year has passed)", style="bold reverse"),
            "",
            "",
        )
    return table


class TimelineScreen(ModalScreen[None]):
    CSS_PATH = "screens.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,t", "dismiss", "Close timeline")]

    def __init__(self, situation: Situation, now: datetime) -> None:
        super().__init__()
        self.situation, self.now = situation, now

    def compose(self) -> ComposeResult:
        s = self.situation
        with VerticalScroll(id="timeline-box") as box:
            box.border_title = f"Timeline: Match {s.match_year} · {s.rules.id} rules (t or esc to close)"
            yield Static(
                Text(
                    f"{STATUS_LEGEND} (latest-safe: anchor minus a lead time, rule shown) · ~ approximate · "
                    "⚠ you are behind or close",
                    style="dim",
                )
            )
            yield Static(timeline_table(s, self.now))
