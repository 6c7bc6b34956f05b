"""The base of imgtui's line-drawn lists (the checklist, the stats and program tables): rows
drawn with Textual's line API, a row cursor moved by the keys below, the highlighted row
kept in view, and only the rows whose highlight changed repainted."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.reactive import reactive
from textual.scroll_view import ScrollView

MOVE_BINDINGS: list[BindingType] = [
    Binding("up", "move(-1)", "Up", show=False),
    Binding("down", "move(1)", "Down", show=False),
    Binding("pageup", "move(-20)", "Page up", show=False),
    Binding("pagedown", "move(20)", "Page down", show=False),
    Binding("home", "move(-1000000)", "First", show=False),
    Binding("end", "move(1000000)", "Last", show=False),
]


class CursorList(ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = MOVE_BINDINGS
    HEADER_LINES: ClassVar[int] = 0  # fixed lines above the scrolling rows (a table's header)
    cursor = reactive(0, always_update=True)  # a row index

    # -- what a list says about its rows (subclasses) -----------------------------------
    def row_count(self) -> int:
        raise NotImplementedError

    def can_hold_cursor(self, index: int) -> bool:
        """False for rows the cursor skips (a group heading)."""
        return True

    def row_span(self, index: int) -> tuple[int, int]:
        """(first line, number of lines) of a row in the scrolling area."""
        return index, 1

    def cursor_moved(self) -> None:
        """Tell the parent (each list posts its own message)."""

    # -- movement ------------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        rows = [i for i in range(self.row_count()) if self.can_hold_cursor(i)]
        if not rows:
            return
        at = rows.index(self.cursor) if self.cursor in rows else 0
        self.cursor = rows[max(0, min(len(rows) - 1, at + step))]

    def watch_cursor(self, old: int, new: int) -> None:
        top = self.scroll_offset.y
        visible = max(1, self.scrollable_content_region.height - self.HEADER_LINES)
        first, count = self.row_span(new) if new < self.row_count() else (0, 0)
        if count and first < top:
            self.scroll_to(y=first, animate=False)
        elif count and first + count - 1 >= top + visible:
            self.scroll_to(y=first + count - visible, animate=False)
        else:  # no scroll: repaint only the rows losing and gaining the highlight
            for index in {old, new}:
                self.refresh_row(index)
        self.cursor_moved()

    def refresh_row(self, index: int) -> None:
        """Repaint the lines of one row, where they are on screen."""
        if not 0 <= index < self.row_count():
            return
        first, count = self.row_span(index)
        top = self.scroll_offset.y
        visible = max(1, self.scrollable_content_region.height - self.HEADER_LINES)
        for line in range(first, first + count):
            if top <= line < top + visible:
                self.refresh(Region(0, line - top + self.HEADER_LINES, self.size.width, 1))

    def on_focus(self) -> None:
        self.refresh()  # the cursor's colour follows focus

    def on_blur(self) -> None:
        self.refresh()
