"""Text input that holds still where blinking costs: frozen test runs and SSH sessions."""

from __future__ import annotations

import os

from textual.widgets import Input


class Field(Input):
    def on_mount(self) -> None:
        if not getattr(self.app, "live", True) or os.environ.get("SSH_CONNECTION"):
            self.cursor_blink = False
