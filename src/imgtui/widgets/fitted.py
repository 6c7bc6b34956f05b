"""Lines laid out for the width the layout gives them: side-by-side columns of wrapped text
(the matrix, the visa table) whose line breaks depend on the pane's width.

The lines are built inside Textual's layout pass (get_content_height is asked for a width
before anything is drawn), so they are in the very first frame, and a resize is one layout
pass rather than a resize handler that updates content and asks for a second one. Only the
lines on screen are turned into strips (the visa table is ~130 lines, 3 of them visible)."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from textual.cache import LRUCache
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from .textgrid import Line

Build = Callable[[int], list[Line]]


class FittedText(Widget):
    DEFAULT_CSS = "FittedText { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._key: Hashable = None
        self._build: Build | None = None
        self._built: LRUCache[int, list[Line]] = LRUCache(4)  # width -> lines

    def show(self, key: Hashable, build: Build) -> None:
        """`build(width)` makes the lines; `key` says what they depend on besides the width,
        so an unchanged key does nothing. The layout is redone only if the height changes at
        the current width (a tick that unblocks an action repaints in place)."""
        if key == self._key:
            return
        width = self.content_region.width
        before = len(self.lines_for(width)) if width > 0 else None
        self._key, self._build = key, build
        self._built.clear()
        after = len(self.lines_for(width)) if width > 0 else None
        self.refresh(layout=before is None or before != after)

    def lines_for(self, width: int) -> list[Line]:
        if self._build is None or width <= 0:
            return []
        lines = self._built.get(width)
        if lines is None:
            lines = self._built[width] = self._build(width)
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines_for(width))

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        lines = self.lines_for(width)
        base = self.rich_style
        if y >= len(lines):
            return Strip.blank(width, base)
        return Strip(lines[y]).apply_style(base).crop(0, width).extend_cell_length(width, base)
