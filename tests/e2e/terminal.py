"""Run a real program in a real pseudo-terminal and read its screen with pyte."""

from __future__ import annotations

import os
import pty
import select
import signal
import struct
import sys
import termios
import fcntl
import time
from pathlib import Path

import pyte


def installed_imgtui() -> Path:
    """The console script installed beside this Python (the README's `pip install .`)."""
    script = Path(sys.executable).parent / "imgtui"
    if not script.exists():
        raise RuntimeError(f"{script} is missing: install the package (pip install '.[test]') before the tests")
    return script


class Terminal:
    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24)):
        self.columns, self.lines = size
        self.screen = pyte.Screen(self.columns, self.lines)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # child
            try:
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", self.lines, self.columns, 0, 0))

    def pump(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            self.output.extend(data)
            self.stream.feed(data)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, words: str, timeout: float = 15.0) -> float:
        start = time.monotonic()
        while words not in self.text():
            if time.monotonic() - start > timeout:
                raise AssertionError(f"{words!r} did not appear within {timeout} s; screen:\n{self.text()}")
            self.pump(0.02)
        return time.monotonic() - start

    def wait_until_gone(self, words: str, timeout: float = 15.0) -> None:
        start = time.monotonic()
        while words in self.text():
            if time.monotonic() - start > timeout:
                raise AssertionError(f"{words!r} still on screen after {timeout} s:\n{self.text()}")
            self.pump(0.02)

    def press(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def exit_code(self, timeout: float = 10.0) -> int:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.05)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise AssertionError(f"did not exit within {timeout} s; screen:\n{self.text()}")

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)
