#!/usr/bin/env python3
"""Count the CPU instructions from exec to the first full frame, imgtui and the minimal
Textual app, under valgrind's callgrind (Debian package `valgrind`).

    .venv/bin/python benchmarks/instructions.py

Wall-clock ratios on a shared 2-core machine move by ±0.05 between runs; instruction
counts repeat to 0.01%, so this tells whether a change to start-up helped before the
timing benchmark (run.py) can. It is a development aid: run.py is the measure of record."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
from pathlib import Path

HERE = Path(__file__).resolve().parent


def instructions(argv: list[str], env: dict[str, str]) -> int:
    with tempfile.NamedTemporaryFile(suffix=".log", delete=False) as handle:
        log = handle.name
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        f"--log-file={log}",
        sys.executable,
        str(HERE / "first_frame.py"),
        *argv,
    ]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(command[0], command, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    while True:  # drain the terminal so the program never blocks on it
        try:
            if not os.read(fd, 1 << 16):
                break
        except OSError:
            break
    os.waitpid(pid, 0)
    text = Path(log).read_text()
    os.unlink(log)
    found = re.search(r"Collected : (\d+)", text)
    if not found:
        sys.exit(f"callgrind reported nothing for {argv}:\n{text[-2000:]}")
    return int(found.group(1))


def main() -> int:
    if not shutil.which("valgrind"):
        sys.exit("valgrind not found: apt-get install valgrind")
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "HOME": home,
            "XDG_CONFIG_HOME": home,
            "XDG_CACHE_HOME": f"{home}/cache",
            "TERM": "xterm-256color",
            "PYTHONHASHSEED": "0",
        }
        env.pop("NO_COLOR", None)
        imgtui = Path(sys.executable).with_name("imgtui")
        subprocess.run([str(imgtui), "status"], env=env, stdout=subprocess.DEVNULL, check=True)  # warm the cache
        app, minimal = instructions([], env), instructions(["--minimal"], env)
    print(
        f"instructions to first frame at 120x40: imgtui {app / 1e6:,.0f}M, minimal Textual app "
        f"{minimal / 1e6:,.0f}M, ratio {app / minimal:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
