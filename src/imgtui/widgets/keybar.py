"""The key bar: the keys that act on the screen it is on (the focused widget's, the screen's
and the app's shown bindings), as one line of text that fits the width.

Textual's Footer rebuilds a widget per key whenever focus moves; that was the largest single
cost of imgtui's start-up (measured ~100 ms of ~550 ms). One Static built from the same
active bindings costs almost nothing and repaints only when the keys change.

Every screen (dialogs too) has its own bar, so a dialog never shows the keys of the screen
beneath it. When the keys do not fit, they are written tighter, then the ones named in
`drop_order` are left out, first to last (they stay in help and the palette), then the last
keys, so no entry is ever cut mid-word; the command palette's ^p is always shown."""

from __future__ import annotations

from typing import Any, NamedTuple

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Input, Static

PALETTE = ("^p", "palette")


class Key(NamedTuple):
    key: str
    description: str
    enabled: bool
    binding_id: str | None


class KeyBar(Static):
    def __init__(self, *, id: str | None = None, classes: str | None = None, drop_order: tuple[str, ...] = ()):
        super().__init__(id=id, classes=classes)
        self.drop_order = drop_order
        self.keys: list[Key] = []
        self._shown: Text | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self._bindings_changed, self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        if self.keys:  # the first keys arrive after the first frame (on_mount): no update before it
            self._show()

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        typing = isinstance(screen.focused, Input)  # printable keys go into the field there
        keys: list[Key] = []
        seen: set[str] = set()
        # The focused widget's keys, then those that work everywhere (help, quit), then the screen's.
        active = sorted(
            screen.active_bindings.values(), key=lambda a: 1 if a.node is self.app else 2 if a.node is screen else 0
        )
        for _node, binding, enabled, _tooltip in active:
            if not binding.show or binding.action in seen:
                continue
            if typing and len(binding.key) == 1 and binding.key.isprintable():
                continue
            seen.add(binding.action)
            keys.append(Key(self.app.get_key_display(binding), binding.description, enabled, binding.id))
        self.keys = keys
        self._show()

    def _show(self) -> None:
        text = fit_keys(self.keys, self.size.width or self.app.size.width, self.drop_order)
        if text != self._shown:
            self._shown = text
            self.update(text)


def _render(keys: list[Key], tight: bool) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    for index, (key, description, enabled, _id) in enumerate([*keys, Key(*PALETTE, True, None)]):
        if tight:
            text.append(" " if index else "")
            text.append(key, style="bold reverse" if enabled else "dim reverse")
            text.append(f" {description}", style="" if enabled else "dim")
        else:
            text.append(f" {key} ", style="bold reverse" if enabled else "dim reverse")
            text.append(f" {description} ", style="" if enabled else "dim")
    return text


def fit_keys(keys: list[Key], width: int, drop_order: tuple[str, ...]) -> Text:
    """The keys as one line no wider than `width` where possible: roomy, then tight, then
    without the keys in `drop_order` one by one, then without the last keys."""
    text = _render(keys, tight=False)
    if text.cell_len <= width:
        return text
    shown = list(keys)
    text = _render(shown, tight=True)
    for binding_id in drop_order:
        if text.cell_len <= width:
            break
        shown = [k for k in shown if k.binding_id != binding_id]
        text = _render(shown, tight=True)
    while text.cell_len > width and shown:  # whole entries only: a cut one reads as another key
        shown.pop()
        text = _render(shown, tight=True)
    return text
