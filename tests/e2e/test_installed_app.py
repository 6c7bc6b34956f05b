"""The installed `imgtui` console script, in a real pseudo-terminal, as a person uses it."""

from __future__ import annotations

import json
import os
from imgtui.persistence.progress_store import tomllib  # the reader the app uses (tomli before 3.11)
from pathlib import Path

import pytest

from .terminal import Terminal, installed_imgtui

pytestmark = pytest.mark.e2e


def environment(config: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "SSH_CONNECTION")}
    env.update(XDG_CONFIG_HOME=str(config), TERM="xterm-256color", IMGTUI_NOW="2026-11-24T10:00:00-05:00",
               COLUMNS="", LINES="")
    env.update(extra)
    return env


def test_tick_switch_mode_quit_then_relaunch(isolated_config: Path):
    terminal = Terminal([str(installed_imgtui())], environment(isolated_config))
    try:
        terminal.wait_for("Checklist")
        terminal.wait_for("Get a USMLE/ECFMG ID")
        terminal.press(b" ")
        terminal.wait_for("[x] Get a USMLE/ECFMG ID")
        terminal.press(b"m")
        terminal.wait_for("US IMG ·")
        terminal.press(b"q")
        assert terminal.exit_code() == 0
    finally:
        terminal.close()
    saved = tomllib.loads((isolated_config / "imgtui" / "progress.toml").read_text())
    assert saved["mode"] == "us-img"
    assert str(saved["completed"]["usmle_id"]) == "2026-11-24"

    # Relaunched: both changes are still there.
    terminal = Terminal([str(installed_imgtui())], environment(isolated_config), size=(120, 40))
    try:
        terminal.wait_for("[x] Get a USMLE/ECFMG ID")
        assert " US IMG · rules: current · Match 2027" in terminal.text()
        terminal.press(b"q")
        assert terminal.exit_code() == 0
    finally:
        terminal.close()


def test_the_countdown_visibly_ticks(isolated_config: Path):
    terminal = Terminal([str(installed_imgtui())], environment(isolated_config), size=(120, 40))
    try:
        terminal.wait_for("Match Day")
        terminal.pump(0.3)
        first = terminal.text()
        terminal.pump(2.2)
        assert terminal.text() != first
        assert "Traceback" not in terminal.text()
        terminal.press(b"q")
        assert terminal.exit_code() == 0
    finally:
        terminal.close()


def test_no_color_and_a_tiny_window(isolated_config: Path):
    terminal = Terminal([str(installed_imgtui())], environment(isolated_config, NO_COLOR="1"), size=(30, 10))
    try:
        terminal.wait_for("larger")
        terminal.press(b"q")
        assert terminal.exit_code() == 0
        assert b"Traceback" not in terminal.output
    finally:
        terminal.close()


def test_a_corrupt_file_is_left_alone(isolated_config: Path):
    path = isolated_config / "imgtui" / "progress.toml"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"mode = [\n")
    terminal = Terminal([str(installed_imgtui())], environment(isolated_config))
    try:
        terminal.wait_for("has a problem")
        terminal.pump(0.5)  # let the dialog take focus before the key arrives
        terminal.press(b"\x1b")
        terminal.wait_until_gone("Keep read-only")
        assert "READ-ONLY" in terminal.text()
        terminal.press(b" ")
        terminal.press(b"q")
        assert terminal.exit_code() == 0
    finally:
        terminal.close()
    assert path.read_bytes() == b"mode = [\n"


def test_import_5000_filter_move_status_relaunch(isolated_config: Path, tmp_path: Path):
    import subprocess
    import sys

    make = Path(__file__).parents[2] / "benchmarks" / "make_programs.py"
    csv_path = tmp_path / "freida.csv"
    csv_path.write_text(subprocess.run([sys.executable, str(make), "5000"], capture_output=True, text=True,
                                       check=True).stdout)
    env = environment(isolated_config)
    imported = subprocess.run([str(installed_imgtui()), "programs", "import", str(csv_path)], env=env,
                              capture_output=True, text=True)
    assert imported.returncode == 0 and "5000 new" in imported.stdout

    terminal = Terminal([str(installed_imgtui())], env, size=(120, 40))
    try:
        terminal.wait_for("Get a USMLE/ECFMG ID")
        terminal.press(b"p")
        terminal.wait_for("of 5,000 shown")
        terminal.press(b"/")
        terminal.pump(0.3)
        terminal.press(b"internal medicine j1 >=5")
        terminal.wait_for("152 of 5,000 shown")
        terminal.press(b"\r")
        terminal.pump(0.3)
        terminal.press(b"]")
        terminal.pump(0.5)
        terminal.press(b"q")
        assert terminal.exit_code() == 0
    finally:
        terminal.close()
    import csv

    programs = json.loads((isolated_config / "imgtui" / "programs.json").read_text())["programs"]
    assert len(programs) == 5000
    before = {row["Program"]: row["Status"] for row in csv.DictReader(csv_path.open())}
    changed = [p for p in programs if p["status"] != before[p["name"]]]
    assert len(changed) == 1  # exactly the one program moved on, kept after quitting
    order = ["researching", "applied", "interview_offered", "interviewed", "ranked", "matched", "withdrawn"]
    assert order.index(changed[0]["status"]) == order.index(before[changed[0]["name"]]) + 1
    assert changed[0]["specialty"] == "Internal Medicine" and changed[0]["j1"] == "yes"

    terminal = Terminal([str(installed_imgtui())], env, size=(120, 40))
    try:
        terminal.wait_for("Get a USMLE/ECFMG ID")
        terminal.press(b"p")
        terminal.wait_for("of 5,000 shown")
        terminal.press(b"q")
        assert terminal.exit_code() == 0
    finally:
        terminal.close()
