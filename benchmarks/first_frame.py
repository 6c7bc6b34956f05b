"""Run imgtui (or, with --minimal, the minimal Textual app) until its first full frame is
written to the terminal, then exit at once: the unit of work that benchmarks/instructions.py
counts. Needs a terminal (instructions.py gives it a pty)."""

from __future__ import annotations

import os
import runpy
import sys
from pathlib import Path

from textual.drivers.linux_driver import LinuxDriver

FRAME_BYTES = 3000  # the first write this large is the first frame (Textual writes it whole)

_write = LinuxDriver.write


def _exit_after_first_frame(self, data: str) -> None:
    _write(self, data)
    if len(data) >= FRAME_BYTES:
        self.flush()
        os._exit(0)


LinuxDriver.write = _exit_after_first_frame

if __name__ == "__main__":
    if sys.argv[1:] == ["--minimal"]:
        runpy.run_path(str(Path(__file__).with_name("minimal_app.py")), run_name="__main__")
    else:
        sys.argv = ["imgtui"]
        from imgtui.launch import main

        main()
