"""Pane 3: live countdowns. Only the small value widgets change each second, so a tick
repaints a dozen characters, not the pane (this matters over SSH)."""

from __future__ import annotations

from datetime import datetime, tzinfo

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static

from ..domain.summary import Situation
from ..domain.timeline import Deadline, countdown, find, next_ahead
from ..labels import STATUS_MARK, deadline_when
from .quiet import update_if_changed


class Ticker(Widget):
    """The changing part of one countdown. Fixed size, so a new value repaints just these
    cells: no layout pass, which would also repaint every scrollbar on screen."""

    _text = ""

    def render(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.refresh()


class CountdownPane(Vertical):
    BORDER_TITLE = "3 Countdown"
    SLOTS = ("september_15", "match_day", "next")

    def compose(self) -> ComposeResult:
        for slot in self.SLOTS:
            with Horizontal(classes="count-row"):
                yield Ticker(id=f"tick-{slot}", classes="ticker")
                yield Static(id=f"label-{slot}", classes="count-label")
        yield Static(id="count-warnings", markup=False)

    def show(self, situation: Situation, now: datetime) -> None:
        self._deadlines = situation.deadlines
        self._targets: dict[str, Deadline | None] = {
            "september_15": find(situation.deadlines, "september_15"),
            "match_day": find(situation.deadlines, "match_day"),
            "next": next_ahead(situation.deadlines, now),
        }
        self._describe(now)
        self.tick(now)
        lines = [f"⚠ {w.text}" for w in situation.warnings[:2]]
        if len(situation.warnings) > 2:
            lines[-1] += f"  (+{len(situation.warnings) - 2} more: press t)"
        update_if_changed(self.query_one("#count-warnings", Static), "\n".join(lines))

    def _describe(self, now: datetime) -> None:
        local = now.tzinfo
        self._described_next = self._targets["next"]
        for slot, deadline in self._targets.items():
            label = self.query_one(f"#label-{slot}", Static)
            if deadline is None:
                update_if_changed(label, Text("No deadline ahead in this Match season.", style="dim")
                                  if slot == "next" else Text("Not in this rule set.", style="dim"))
                continue
            prefix = {"september_15": "Sep 15", "match_day": "Match Day", "next": "Next"}[slot]
            update_if_changed(label, describe(deadline, prefix, local))

    def tick(self, now: datetime) -> None:
        targets = getattr(self, "_targets", None)
        if targets is None:
            return
        ahead = next_ahead(self._deadlines, now)
        if ahead is not self._described_next:  # the next deadline just passed: move on
            targets["next"] = ahead
            self._describe(now)
        for slot, deadline in targets.items():
            self.query_one(f"#tick-{slot}", Ticker).set_text(str(countdown(deadline.at, now)) if deadline else "—")


def describe(deadline: Deadline, prefix: str, local: tzinfo | None) -> Text:
    mark = STATUS_MARK[deadline.status]
    title = deadline.title if deadline.title.startswith(prefix) else f"{prefix}: {deadline.title}"
    text = Text(title, style="bold")
    text.append(f"\n{deadline_when(deadline)} " + ("(all day) ET" if deadline.all_day else "ET"))
    if not deadline.all_day and local is not None:
        mine = deadline.at.astimezone(local)
        if mine.utcoffset() != deadline.at.utcoffset():
            shown = f"{mine:%H:%M}" if mine.date() == deadline.day else f"{mine:%a %m-%d %H:%M}"
            text.append(f" = {shown} local", style="dim")
    status_style = "bold yellow" if deadline.status == "projected" else "dim"
    text.append(f"  {mark} {deadline.status}" + (" ~approx." if deadline.approximate else ""), style=status_style)
    return text
