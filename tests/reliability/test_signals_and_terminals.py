"""SIGTERM and SIGHUP (the SSH link drops) end the app cleanly with what was ticked on disk;
no terminal, a dumb terminal or a tiny one get a clear message, never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
from imgtui.persistence.progress_store import tomllib  # the reader the app uses (tomli before 3.11)
from pathlib import Path

import pytest

from ..e2e.terminal import Terminal, installed_imgtui
from ..e2e.test_installed_app import environment


@pytest.mark.parametrize("number", [signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)])
def test_signal_after_a_tick_exits_cleanly_with_the_tick_saved(isolated_config: Path, number):
    terminal = Terminal([str(installed_imgtui())], environment(isolated_config))
    try:
        terminal.wait_for("Get a USMLE/ECFMG ID")
        terminal.pump(0.3)
        terminal.press(b" ")
        terminal.wait_for("[x] Get a USMLE/ECFMG ID")
        os.kill(terminal.pid, number)
        code = terminal.exit_code()
    finally:
        terminal.close()
    assert code == 128 + number
    assert b"Traceback" not in terminal.output
    saved = tomllib.loads((isolated_config / "imgtui" / "progress.toml").read_text())
    assert "usmle_id" in saved["completed"]


def test_no_terminal_says_to_use_status(isolated_config: Path):
    result = subprocess.run([str(installed_imgtui())], env=environment(isolated_config),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert result.returncode == 2 and "imgtui status" in result.stderr and "Traceback" not in result.stderr


def test_dumb_terminal_says_to_use_status(isolated_config: Path):
    terminal = Terminal([str(installed_imgtui())], environment(isolated_config, TERM="dumb"))
    try:
        assert terminal.exit_code() == 2
    finally:
        terminal.close()
    assert b"imgtui status" in terminal.output and b"Traceback" not in terminal.output


def test_resize_storm(isolated_config: Path):
    import fcntl
    import struct
    import termios

    terminal = Terminal([str(installed_imgtui())], environment(isolated_config))
    try:
        terminal.wait_for("Get a USMLE/ECFMG ID")
        for columns, lines in [(30, 8), (200, 60), (80, 24), (39, 11), (120, 40), (10, 3), (80, 24)] * 5:
            fcntl.ioctl(terminal.fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
            os.kill(terminal.pid, signal.SIGWINCH)
            terminal.pump(0.02)
        terminal.pump(1.0)
        terminal.press(b"q")
        assert terminal.exit_code() == 0
    finally:
        terminal.close()
    assert b"Traceback" not in terminal.output
