"""Pane 1: the steps in order, ticked with space/enter.

The list draws itself line by line (Textual's line API) and keeps each row's rendered lines
until that row's text changes, so a tick repaints one or two rows rather than re-rendering
every option as an OptionList would."""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Static

from ..domain.matrix import StepState
from ..views import MainView
from .cursor_list import MOVE_BINDINGS, CursorList
from .quiet import update_if_changed
from .textgrid import wrap

GROUP_TITLES = {
    "ecfmg": "ECFMG certification",
    "application": "Application and Match",
    "visa": "Visa",
    "residency": "Residency",
}


class Row(NamedTuple):
    id: str | None  # a step id; None for a group heading (not selectable)
    text: Text
    dated: bool = False  # has a done date the person can set (d)


class StepList(CursorList):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"step-list--cursor"}
    DEFAULT_CSS = """
    StepList > .step-list--cursor { background: $block-cursor-blurred-background; }
    StepList:focus > .step-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space", "toggle_step", "Tick/untick", id="toggle", tooltip="Mark the highlighted step done or not done"
        ),
        Binding("enter", "toggle_step", "Tick/untick", show=False, tooltip="Same as space"),
        Binding(
            "d",
            "set_date",
            "Date",
            id="set_date",
            tooltip="Set the real date a done step was done (or a Step 2 CS pass that does not count)",
        ),
        *MOVE_BINDINGS,
    ]

    class Toggle(Message):
        def __init__(self, step_id: str) -> None:
            super().__init__()
            self.step_id = step_id

    class Moved(Message):
        def __init__(self, step_id: str | None) -> None:
            super().__init__()
            self.step_id = step_id

    class SetDate(Message):
        def __init__(self, step_id: str) -> None:
            super().__init__()
            self.step_id = step_id

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[Row] = []
        # (text, spans, width, highlighted, focused) -> the row's lines, kept while the text is the same
        self._cache: LRUCache[tuple[object, ...], list[Strip]] = LRUCache(500)
        self._lines: list[tuple[int, int]] = []  # scrolling line -> (row index, line within row)
        self._spans: dict[int, tuple[int, int]] = {}  # row index -> (first line, number of lines)
        self._laid_out_width = 0

    # -- content -------------------------------------------------------------------------
    def set_rows(self, rows: list[Row]) -> None:
        old = self.rows
        self.rows = rows
        if [r.dated for r in old] != [r.dated for r in rows]:
            self.refresh_bindings()
        if [r.id for r in old] != [r.id for r in rows]:
            self.cursor = self._step_near(self.cursor if old else 0)
            self._layout()
            return
        width = self._laid_out_width
        changed = [i for i, (a, b) in enumerate(zip(old, rows, strict=True)) if a.text != b.text]
        heights_same = all(len(self._render_row(i, width)) == self.row_span(i)[1] for i in changed)
        if not heights_same or width <= 0:
            self._layout()
            return
        for index in changed:  # same rows, same heights: repaint just the rows that changed
            self.refresh_row(index)

    @property
    def current(self) -> str | None:
        return self.rows[self.cursor].id if 0 <= self.cursor < len(self.rows) else None

    def row_count(self) -> int:
        return len(self.rows)

    def can_hold_cursor(self, index: int) -> bool:
        return self.rows[index].id is not None

    def row_span(self, index: int) -> tuple[int, int]:
        return self._spans.get(index, (0, 0))

    def cursor_moved(self) -> None:
        self.post_message(self.Moved(self.current))
        self.refresh_bindings()  # d acts only on a step with a date

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "set_date":
            return 0 <= self.cursor < len(self.rows) and self.rows[self.cursor].dated
        return True

    def _step_near(self, index: int) -> int:
        steps = [i for i, r in enumerate(self.rows) if r.id]
        return next((i for i in steps if i >= index), steps[-1]) if steps else 0

    def _render_row(self, index: int, width: int) -> list[Strip]:
        row = self.rows[index]
        highlighted = index == self.cursor
        key = (row.text.plain, tuple(row.text.spans), width, highlighted, self.has_focus)
        strips = self._cache.get(key)
        if strips is None:
            base = self.rich_style
            if highlighted:
                base = base + self.get_component_rich_style("step-list--cursor")
            strips = [
                Strip(line).apply_style(base).extend_cell_length(width, base)
                for line in wrap(row.text, max(1, width), self.app.console, indent=4)
            ]
            self._cache[key] = strips
        return strips

    def _layout(self, rows_changed: bool = True) -> None:
        width = self.scrollable_content_region.width
        lines: list[tuple[int, int]] = []
        spans: dict[int, tuple[int, int]] = {}
        for index in range(len(self.rows)):
            count = len(self._render_row(index, width)) if width > 0 else 1
            spans[index] = (len(lines), count)
            lines.extend((index, offset) for offset in range(count))
        if not rows_changed and (width, lines) == (self._laid_out_width, self._lines):
            return  # Textual sends several same-size resizes at start-up: nothing to redo
        self._laid_out_width = width
        self._lines, self._spans = lines, spans
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

    def action_toggle_step(self) -> None:
        if self.current:
            self.post_message(self.Toggle(self.current))

    def action_set_date(self) -> None:
        if self.current:
            self.post_message(self.SetDate(self.current))

    def on_click(self, event: events.Click) -> None:
        line = self.scroll_offset.y + event.y
        if 0 <= line < len(self._lines) and self.rows[self._lines[line][0]].id:
            self.cursor = self._lines[line][0]


def _prompt(state: StepState, warning: str | None, rule: str | None = None) -> Text:
    step = state.step
    if state.how == "done":
        mark, detail = "[x]", state.date.isoformat() if state.date else ""
    elif state.how in ("implied", "satisfied"):
        mark, detail = "[x]", f"({state.how})"
    elif state.how == "impossible":  # ticked on a day it cannot have happened: said below
        mark, detail = "[!]", ""
    else:
        mark, detail = "[ ]", ""
    waiting = bool(state.waiting_on)
    text = Text.assemble(
        (mark + " ", "bold green" if state.done else "bold red" if state.how == "impossible" else "bold"),
        (step.title, "dim" if waiting or state.how in ("implied", "satisfied") else ""),
    )
    if detail:
        text.append(f"  {detail}", style="green" if state.how == "done" else "dim")
    if waiting:
        text.append(" (waits)", style="dim italic")  # on an earlier step: named below when highlighted
    for refused in state.not_counted:
        text.append(
            f"\n    ✗ {refused.step.title} {refused.dated.isoformat()}: does not count (only before "
            f"{refused.before.isoformat()})",
            style="bold red",
        )
    if rule:  # a published rule says this done step will not count: shown even when ticked
        text.append(f"\n    ⚠ {rule}", style="bold yellow")
    elif warning and not state.done:
        text.append(f"\n    ⚠ {warning}", style="bold yellow")
    return text


def date_target(state: StepState) -> str | None:
    """The ticked step whose date `d` sets from this row: the step itself, or a ticked older
    step that does not count for it (Step 2 CS after it ended)."""
    if state.how in ("done", "impossible"):
        return state.step.id
    return state.not_counted[0].step.id if state.not_counted else None


class ChecklistPane(Vertical):
    BORDER_TITLE = "1 Checklist"

    def compose(self) -> ComposeResult:
        yield StepList(id="steps")
        yield Static(id="step-why", classes="why")

    def show(self, view: MainView) -> None:
        situation = view.situation
        warnings = situation.warnings_by_step()
        rules = {step_id: w.short for w in situation.rule_warnings for step_id in w.step_ids}
        rows: list[Row] = []
        group = None
        for state in situation.steps:
            if state.step.group != group:
                group = state.step.group
                rows.append(Row(None, Text(GROUP_TITLES.get(group, group), style="bold underline")))
            rows.append(
                Row(
                    state.step.id,
                    _prompt(state, warnings.get(state.step.id), rules.get(state.step.id)),
                    date_target(state) is not None,
                )
            )
        self._states = {s.step.id: s for s in situation.steps}
        # Steps whose facts are past their refresh period (their why line says so).
        self._stale = {
            (f.id.split(".")[1], f.provenance) for f in situation.stale_in("rules") if f.id.startswith("step.")
        }
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
        for refused in state.not_counted:
            text.append(f"\n✗ {refused.reason} (d sets its date)", style="red")
        text.append(f"  [{p.status}] {p.source.removeprefix('guide: ')}", style="dim")
        if (state.step.id, p) in getattr(self, "_stale", set()):
            text.append(f"  ⚠ as of {p.as_of.isoformat()}: past its refresh period, check the source", style="yellow")
        update_if_changed(why, text)
