"""Text that is laid out for the width the layout gives it: side-by-side columns of wrapped
text (the matrix, the visa table) whose line breaks depend on the pane's width.

The text is built inside Textual's layout pass (get_content_height is asked for a width
before anything is drawn), so it is in the very first frame, and a resize is one layout
pass rather than a resize handler that updates content and asks for a second one."""

from __future__ import annotations

from typing import Callable, Hashable

from rich.text import Text
from textual.widget import Widget

Build = Callable[[int], Text]


class FittedText(Widget):
    DEFAULT_CSS = "FittedText { height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._key: Hashable = None
        self._build: Build | None = None
        self._built: dict[int, Text] = {}  # width -> text; a few widths at most

    def show(self, key: Hashable, build: Build) -> None:
        """`build(width)` makes the text; `key` says what it depends on besides the width,
        so an unchanged key does nothing. The layout is redone only if the height changes
        at the current width (a tick that unblocks an action repaints in place)."""
        if key == self._key:
            return
        width = self.content_region.width
        before = self.text_for(width).plain.count("\n") if width > 0 else None
        self._key, self._build, self._built = key, build, {}
        after = self.text_for(width).plain.count("\n") if width > 0 else None
        self.refresh(layout=before is None or before != after)

    def text_for(self, width: int) -> Text:
        if self._build is None or width <= 0:
            return Text("")
        if width not in self._built:
            if len(self._built) > 4:
                self._built.clear()
            self._built[width] = self._build(width)
        return self._built[width]

    def get_content_height(self, container, viewport, width: int) -> int:
        text = self.text_for(width)
        return text.plain.count("\n") + 1 if text.plain else 0

    def render(self) -> Text:
        return self.text_for(self.content_region.width)
