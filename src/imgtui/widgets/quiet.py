"""Updating a Static normally costs a layout pass over the whole screen. Skip the update when
nothing changed, and skip the layout when the widget's size cannot depend on its content
(fixed height and width in app.tcss). This keeps a key press to repainting what changed."""

from __future__ import annotations

from textual.widgets import Static


def update_if_changed(widget: Static, content, lines: int | None = None) -> None:
    """`lines`: the content's exact height when the caller has laid it out (pre-wrapped);
    the widget is then sized to it and a layout pass happens only when that changes."""
    if getattr(widget, "_imgtui_shown", None) == content:
        return
    widget._imgtui_shown = content
    if lines is not None and widget.styles.height is not None and widget.styles.height.cells == lines:
        widget.update(content, layout=False)
        return
    if lines is not None:
        widget.styles.height = lines
    height, width = widget.styles.height, widget.styles.width
    fixed = height is not None and not height.is_auto and width is not None and not width.is_auto
    widget.update(content, layout=not fixed)
