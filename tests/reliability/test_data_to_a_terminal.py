"""QA 2026-11-26 #1: data a command writes to standard output (CSV, iCalendar, JSON) comes from
the person's files. On a terminal it must not drive it (a program name holding an escape
sequence cleared the screen, retitled the window and wrote `rm -rf ~` to the clipboard); to a
file or a pipe it stays exact, byte for byte. Run as a person runs it: the installed command,
in a real pseudo-terminal, and through a real pipe."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from imgtui.cli import main

from ..conftest import NOW
from ..e2e.terminal import Terminal, installed_imgtui

CLIPBOARD = "Evil \x1b]52;c;cm0gLXJmIH4=\x07Hospital"  # OSC 52: the clipboard gets "rm -rf ~"
CLEAR = "Clear \x1b[2J Screen Med"
TITLE = "Title \x1b]2;PWNED\x07 Center"
# The 8-bit CSI and a right-to-left override: not C0 controls, so JSON leaves them raw.
EIGHT_BIT = "Bidi \u202edlrow C1 \x9b2J"
CSV = (
    "Program,Specialty,Rank,Interview date,Interview time,Interview zone,Notes\n"
    f'"{CLIPBOARD}",Internal Medicine,1,2026-12-10,09:00,America/Chicago,"n \x1b]2;PWNED\x07"\n'
    f'"{CLEAR}",Internal Medicine,2,2026-12-11,,,\n'
    f'"{TITLE}",Family Medicine,3,,,,\n'
    f'"{EIGHT_BIT}",Family Medicine,,,,,\n'
)
# What a terminal would act on, as the bytes a UTF-8 terminal receives.
DRIVES = (b"\x1b", b"\x07", "\x9b".encode(), "\u202e".encode())


@pytest.fixture
def evil_list(tmp_path: Path, capsys) -> Path:
    source = tmp_path / "evil.csv"
    source.write_text(CSV, encoding="utf-8")
    assert main(["programs", "import", str(source)], clock=lambda: NOW) == 0
    capsys.readouterr()
    return Path(os.environ["XDG_CONFIG_HOME"])


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env.update(TERM="xterm-256color", IMGTUI_NOW=NOW.isoformat(), LANG="C.UTF-8", LC_ALL="C.UTF-8", **extra)
    env["PYTHONHASHSEED"] = "0"  # icalendar orders its VTIMEZONEs by a set: one order for every run
    return env


def on_a_terminal(*argv: str, size: tuple[int, int] = (200, 50), **env: str) -> tuple[bytes, Terminal]:
    """What `imgtui ARGV` writes to a terminal, and the terminal after it."""
    terminal = Terminal([str(installed_imgtui()), *argv], environment(**env), size=size)
    try:
        assert terminal.exit_code() == 0, terminal.text()
        terminal.pump(5)  # the rest of the output, up to the end of the terminal's stream
    finally:
        terminal.close()
    return bytes(terminal.output), terminal


def through_a_pipe(*argv: str) -> bytes:
    script = Path(sys.executable).parent / "imgtui"
    result = subprocess.run([str(script), *argv], capture_output=True, env=environment(), timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    "argv", [["programs", "export", "-"], ["ranklist", "export", "-"], ["calendar"], ["calendar", "-o", "-"]]
)
def test_data_on_a_terminal_is_shown_and_cannot_drive_it(evil_list, argv):
    shown, terminal = on_a_terminal(*argv)
    assert not [sequence for sequence in DRIVES if sequence in shown]
    assert terminal.screen.title == ""  # no OSC 2 reached it
    screen = shown.decode("utf-8")  # all of it: a calendar is longer than the screen
    assert "␛]52" in screen and "␛[2J" in screen and "␛]2" in screen  # made visible, not obeyed
    if argv[0] == "programs":
        assert "\\u202e" in screen and "\\x9b2J" in screen
        assert "␍" not in screen  # CSV's line ends are line ends, not a visible CR


@pytest.mark.parametrize(
    ("argv", "to_file"),
    [
        (["programs", "export", "-"], ["programs", "export"]),
        (["ranklist", "export", "-"], ["ranklist", "export"]),
        (["calendar"], ["calendar", "-o"]),
    ],
)
def test_data_to_a_pipe_or_a_file_is_exact(evil_list, tmp_path, argv, to_file):
    piped = through_a_pipe(*argv)
    written = tmp_path / "out"
    through_a_pipe(*to_file, str(written))
    assert piped == written.read_bytes()
    if argv[0] == "calendar":  # the interviews' names (iCalendar escapes ';' in text: `\\;`)
        assert CLEAR.encode() in piped and b"Evil \x1b]52\\;c\\;" in piped
    else:
        assert CLIPBOARD.encode() in piped and TITLE.encode() in piped
        assert ("\u202e".encode() in piped and "\x9b".encode() in piped) == (argv[0] == "programs")


def test_json_on_a_terminal_escapes_what_it_would_obey_and_reads_back_the_same(evil_list):
    shown, _ = on_a_terminal("programs", "list", "--json")
    assert not [sequence for sequence in DRIVES if sequence in shown]
    text = shown.decode("utf-8").replace("\r\n", "\n")  # the terminal's own line ends
    assert "\\u202e" in text and "\\u009b" in text and "\\u001b" in text  # JSON's escapes
    assert [p["name"] for p in json.loads(text)] == [CLIPBOARD, CLEAR, TITLE, EIGHT_BIT]  # the same values
    piped = through_a_pipe("programs", "list", "--json")  # to a program: the stored text, UTF-8
    assert "\u202e".encode() in piped and "\x9b".encode() in piped
    assert [p["name"] for p in json.loads(piped)] == [CLIPBOARD, CLEAR, TITLE, EIGHT_BIT]


def test_json_on_a_terminal_in_another_encoding_stays_json(evil_list):
    """A console in cp437 gets JSON escapes for what it cannot show, not mojibake or stand-ins."""
    shown, _ = on_a_terminal("programs", "list", "--json", PYTHONIOENCODING="cp437")
    assert not [sequence for sequence in DRIVES if sequence in shown]
    shown.decode("ascii")  # ESC, the override and the C1 CSI all escaped; the rest is ASCII
    names = [p["name"] for p in json.loads(shown.decode("cp437").replace("\r\n", "\n"))]
    assert names == [CLIPBOARD, CLEAR, TITLE, EIGHT_BIT]


def test_text_on_a_terminal_still_fits_its_width():
    """QA #18 made a pipe's output unwrapped; a terminal's keeps its width."""
    shown, _ = on_a_terminal("facts", size=(80, 24))
    lines = re.sub(r"\x1b\[[0-9;]*m", "", shown.decode("utf-8")).split("\r\n")  # the text, without its styles
    assert len(lines) > 100 and max(len(line) for line in lines) <= 80
