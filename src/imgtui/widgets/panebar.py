"""The narrow layout's pane switcher: one line of pane titles, the shown one highlighted.

Textual's Tabs is ten widgets (scroll container, bars, an animated underline) that the wide
layout never shows yet composes, styles and lays out at every start-up. One line of text
does the same job here: keys 1–5 or a click choose the pane."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

GAP = "  "


class PaneBar(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"pane-bar--active"}
    DEFAULT_CSS = """
    PaneBar { height: 1; width: 1fr; }
    PaneBar > .pane-bar--active { text-style: bold reverse; }
    """
    active = reactive("")

    class Chosen(Message):
        def __init__(self, pane: str) -> None:
            super().__init__()
            self.pane = pane

    def __init__(self, panes: tuple[tuple[str, str], ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.panes = panes

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        active = self.get_component_rich_style("pane-bar--active")
        for index, (pane, title) in enumerate(self.panes):
            if index:
                text.append(GAP)
            text.append(f" {title} ", style=active if pane == self.active else "")
        return text

    def pane_at(self, x: int) -> str | None:
        """The pane whose title is drawn at column x (gaps belong to no pane)."""
        start = 0
        for pane, title in self.panes:
            end = start + len(title) + 2
            if start <= x < end:
                return pane
            start = end + len(GAP)
        return None

    def on_click(self, event: events.Click) -> None:
        pane = self.pane_at(event.x)
        if pane is not None:
            self.post_message(self.Chosen(pane))
