"""The key bar: the shown bindings of the focused widget and the app, as one line of text.

Textual's Footer rebuilds a widget per key whenever focus moves; that was the largest single
cost of imgtui's start-up (measured ~100 ms of ~550 ms). One Static built from the same
active bindings costs almost nothing and repaints only when the keys change."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._shown: Text | None = None
        self.call_after_refresh(self._bindings_changed, self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        seen: set[str] = set()
        # The focused pane's keys, then those that work everywhere (help, quit), then the screen's.
        active = sorted(
            screen.active_bindings.values(), key=lambda a: 1 if a.node is self.app else 2 if a.node is screen else 0
        )
        for _node, binding, enabled, _tooltip in active:
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            text.append(f" {self.app.get_key_display(binding)} ", style="bold reverse" if enabled else "dim reverse")
            text.append(f" {binding.description} ", style="" if enabled else "dim")
        text.append(" ^p ", style="bold reverse")  # the command palette (ctrl+p), not in active_bindings
        text.append(" palette ")
        if text != self._shown:
            self._shown = text
            self.update(text)
