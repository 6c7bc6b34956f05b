"""Updating a Static normally costs a layout pass over the whole screen. Skip the update when
nothing changed, and skip the layout when the widget's size cannot depend on its content
(fixed height and width in app.tcss). This keeps a key press to repainting what changed."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from textual.visual import VisualType
from textual.widgets import Static

_SHOWN: WeakKeyDictionary[Static, object] = WeakKeyDictionary()  # widget -> what it shows now


def update_if_changed(widget: Static, content: VisualType) -> None:
    if widget in _SHOWN and _SHOWN[widget] == content:
        return
    _SHOWN[widget] = content
    height, width = widget.styles.height, widget.styles.width
    fixed = height is not None and not height.is_auto and width is not None and not width.is_auto
    widget.update(content, layout=not fixed)
