"""Text input that holds still where blinking costs or shows nothing: SSH sessions and headless runs."""

from __future__ import annotations

import os

from textual.widgets import Input


class Field(Input):
    def on_mount(self) -> None:
        # Over SSH every blink is bytes on the wire; without a real terminal nobody sees it.
        if self.app.is_headless or os.environ.get("SSH_CONNECTION"):
            self.cursor_blink = False
