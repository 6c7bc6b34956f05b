"""Pane 1: the steps in order, ticked with space/enter.

The list draws itself line by line (Textual's line API) and keeps each row's rendered lines
until that row's text changes, so a tick repaints one or two rows rather than re-rendering
every option as an OptionList would."""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from ..domain.matrix import StepState
from ..views import MainView
from .line_table import MOVE_BINDINGS
from .quiet import update_if_changed
from .textgrid import wrap

GROUP_TITLES = {"ecfmg": "ECFMG certification", "application": "Application and Match",
                "visa": "Visa", "residency": "Residency"}


class Row(NamedTuple):
    id: str | None  # a step id; None for a group heading (not selectable)
    text: Text


class StepList(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {"step-list--cursor"}
    DEFAULT_CSS = """
    StepList > .step-list--cursor { background: $block-cursor-blurred-background; }
    StepList:focus > .step-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    """
    BINDINGS = [
        Binding("space", "toggle_step", "Tick/untick", id="toggle", tooltip="Mark the highlighted step done or not done"),
        Binding("enter", "toggle_step", "Tick/untick", show=False, tooltip="Same as space"),
        *MOVE_BINDINGS,
    ]
    cursor = reactive(0, always_update=True)  # index into rows, always on a step

    class Toggle(Message):
        def __init__(self, step_id: str) -> None:
            super().__init__()
            self.step_id = step_id

    class Moved(Message):
        def __init__(self, step_id: str | None) -> None:
            super().__init__()
            self.step_id = step_id

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: list[Row] = []
        self._cache: dict[tuple, list[Strip]] = {}  # (text, width, highlighted, focused) -> lines
        self._lines: list[tuple[int, int]] = []  # screen line -> (row index, line within row)
        self._laid_out_width = 0

    # -- content -------------------------------------------------------------------------
    def set_rows(self, rows: list[Row]) -> None:
        old = self.rows
        self.rows = rows
        if len(self._cache) > 500:
            self._cache.clear()
        if [r.id for r in old] != [r.id for r in rows]:
            self.cursor = self._step_near(self.cursor if old else 0, 1)
            self._layout()
            return
        width = self._laid_out_width
        changed = [i for i, (a, b) in enumerate(zip(old, rows)) if a.text != b.text]
        heights_same = all(len(self._render_row(i, width)) == sum(1 for r, _ in self._lines if r == i)
                           for i in changed)
        if not heights_same or width <= 0:
            self._layout()
            return
        # Same rows, same heights: repaint just the lines of the rows that changed.
        top = self.scroll_offset.y
        for line, (index, _offset) in enumerate(self._lines):
            if index in changed and top <= line < top + self.size.height:
                self.refresh(Region(0, line - top, self.size.width, 1))

    @property
    def current(self) -> str | None:
        return self.rows[self.cursor].id if 0 <= self.cursor < len(self.rows) else None

    def _step_near(self, index: int, direction: int) -> int:
        steps = [i for i, r in enumerate(self.rows) if r.id]
        if not steps:
            return 0
        if direction > 0:
            return next((i for i in steps if i >= index), steps[-1])
        return next((i for i in reversed(steps) if i <= index), steps[0])

    def _render_row(self, index: int, width: int) -> list[Strip]:
        row = self.rows[index]
        highlighted = index == self.cursor
        key = (row.text.plain, tuple(row.text.spans), width, highlighted, self.has_focus)
        strips = self._cache.get(key)
        if strips is None:
            base = self.rich_style
            if highlighted:
                base = base + self.get_component_rich_style("step-list--cursor")
            strips = [Strip(line).apply_style(base).extend_cell_length(width, base)
                      for line in wrap(row.text, max(1, width), self.app.console, indent=4)]
            self._cache[key] = strips
        return strips

    def _layout(self, rows_changed: bool = True) -> None:
        width = self.scrollable_content_region.width
        lines = []
        for index in range(len(self.rows)):
            for offset in range(len(self._render_row(index, width)) if width > 0 else 1):
                lines.append((index, offset))
        if not rows_changed and (width, lines) == (self._laid_out_width, self._lines):
            return  # Textual sends several same-size resizes at start-up: nothing to redo
        self._laid_out_width = width
        self._lines = lines
        self.virtual_size = Size(width, len(lines))
        self.refresh()

    def on_resize(self) -> None:
        self._layout(rows_changed=False)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._laid_out_width:
            self._layout(rows_changed=False)
        line = self.scroll_offset.y + y
        if line >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        index, offset = self._lines[line]
        strips = self._render_row(index, width)
        return strips[offset] if offset < len(strips) else Strip.blank(width, self.rich_style)

    # -- movement ------------------------------------------------------------------------
    def watch_cursor(self, old: int, index: int) -> None:
        lines = [n for n, (i, _) in enumerate(self._lines) if i == index]
        top, visible = self.scroll_offset.y, max(1, self.scrollable_content_region.height)
        if lines and lines[0] < top:
            self.scroll_to(y=lines[0], animate=False)
        elif lines and lines[-1] >= top + visible:
            self.scroll_to(y=lines[-1] - visible + 1, animate=False)
        else:  # no scroll: repaint only the rows losing and gaining the highlight
            for line, (row, _offset) in enumerate(self._lines):
                if row in (old, index) and top <= line < top + visible:
                    self.refresh(Region(0, line - top, self.size.width, 1))
        self.post_message(self.Moved(self.current))

    def action_move(self, step: int) -> None:
        steps = [i for i, r in enumerate(self.rows) if r.id]
        if not steps:
            return
        at = steps.index(self.cursor) if self.cursor in steps else 0
        self.cursor = steps[max(0, min(len(steps) - 1, at + step))]

    def action_toggle_step(self) -> None:
        if self.current:
            self.post_message(self.Toggle(self.current))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event) -> None:
        line = self.scroll_offset.y + event.y
        if 0 <= line < len(self._lines) and self.rows[self._lines[line][0]].id:
            self.cursor = self._lines[line][0]


def _prompt(state: StepState, warning: str | None) -> Text:
    step = state.step
    if state.how == "done":
        mark, detail = "[x]", state.date.isoformat() if state.date else ""
    elif state.how in ("implied", "satisfied"):
        mark, detail = "[x]", f"({state.how})"
    else:
        mark, detail = "[ ]", ""
    waiting = bool(state.waiting_on)
    text = Text.assemble((mark + " ", "bold green" if state.done else "bold"),
                         (step.title, "dim" if waiting or state.how in ("implied", "satisfied") else ""))
    if detail:
        text.append(f"  {detail}", style="green" if state.how == "done" else "dim")
    if waiting:
        text.append(" (waits)", style="dim italic")  # on an earlier step: named below when highlighted
    if warning and not state.done:
        text.append(f"\n    ⚠ {warning}", style="bold yellow")
    return text


class ChecklistPane(Vertical):
    BORDER_TITLE = "1 Checklist"

    def compose(self) -> ComposeResult:
        yield StepList(id="steps")
        yield Static(id="step-why", classes="why")

    def show(self, view: MainView) -> None:
        situation = view.situation
        warnings = situation.warnings_by_step()
        rows: list[Row] = []
        group = None
        for state in situation.steps:
            if state.step.group != group:
                group = state.step.group
                rows.append(Row(None, Text(GROUP_TITLES.get(group, group), style="bold underline")))
            rows.append(Row(state.step.id, _prompt(state, warnings.get(state.step.id))))
        self._states = {s.step.id: s for s in situation.steps}
        self.query_one(StepList).set_rows(rows)
        self._show_why()

    def on_step_list_moved(self, event: StepList.Moved) -> None:
        self._show_why()

    def _show_why(self) -> None:
        step_id = self.query_one(StepList).current
        state = getattr(self, "_states", {}).get(step_id) if step_id else None
        why = self.query_one("#step-why", Static)
        if state is None:
            update_if_changed(why, Text(""))
            return
        p = state.step.provenance
        text = Text(state.step.why)
        if state.waiting_on:
            text.append("\nWaits on: " + ", ".join(w.title for w in state.waiting_on), style="italic")
        elif state.how in ("implied", "satisfied"):
            text.append(f"\n✓ {state.how} by {state.because}", style="italic")
        text.append(f"  [{p.status}] {p.source.removeprefix('guide: ')}", style="dim")
        update_if_changed(why, text)
