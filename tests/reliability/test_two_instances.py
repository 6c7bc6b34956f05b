"""Two imgtui sessions at once (two SSH logins), as real processes in real ptys."""

from __future__ import annotations

from imgtui.persistence.progress_store import tomllib  # the reader the app uses (tomli before 3.11)
from contextlib import contextmanager
from pathlib import Path

from ..e2e.terminal import Terminal, installed_imgtui
from ..e2e.test_installed_app import environment

DOWN = b"\x1b[B"


def start(config: Path) -> Terminal:
    terminal = Terminal([str(installed_imgtui())], environment(config))
    terminal.wait_for("Get a USMLE/ECFMG ID")
    terminal.pump(0.3)
    return terminal


@contextmanager
def two_sessions(config: Path):
    """Two imgtui windows on one progress file; both must quit with q and exit 0."""
    first, second = start(config), start(config)
    try:
        yield first, second
        for terminal in (first, second):
            terminal.press(b"q")
        assert first.exit_code() == 0 and second.exit_code() == 0
    finally:
        first.close()
        second.close()


def saved(config: Path) -> dict:
    return tomllib.loads((config / "imgtui" / "progress.toml").read_text())


def test_each_ticks_a_different_step_and_both_are_kept(isolated_config: Path):
    with two_sessions(isolated_config) as (first, second):
        first.press(b" ")  # the first step: Get a USMLE/ECFMG ID
        first.wait_for("[x] Get a USMLE/ECFMG ID")
        second.press(DOWN + DOWN)  # Status verification (the third step)
        second.pump(0.3)
        second.press(b" ")
        second.wait_for("[x] Status verification")
        # The first window learns of the second's tick without being touched.
        first.wait_for("[x] Status verification", timeout=8)
    assert set(saved(isolated_config)["completed"]) == {"usmle_id", "status_verification"}


def test_the_same_step_in_both_last_change_wins(isolated_config: Path):
    with two_sessions(isolated_config) as (first, second):
        first.press(b" ")
        first.wait_for("[x] Get a USMLE/ECFMG ID")
        second.wait_for("[x] Get a USMLE/ECFMG ID", timeout=8)  # reloaded from disk
        second.press(b" ")  # untick in the second window: the later change
        second.wait_for("[ ] Get a USMLE/ECFMG ID")
        first.wait_for("[ ] Get a USMLE/ECFMG ID", timeout=8)
    assert saved(isolated_config)["completed"] == {}


def test_two_windows_moving_ranks_keep_each_others_moves(isolated_config: Path):
    """Each window shows A B C D; the first moves A down, the second moves
    D up, whether or not it has reloaded yet. Each move is applied to the file as it is when
    saved, so both are kept (tests/unit/test_ranklist.py holds the stale case exactly)."""
    import json

    programs = [{"name": name, "specialty": "Internal Medicine", "rank": i, "interview_status": "completed",
                 "checked": "2026-10-01"} for i, name in enumerate(["Alpha IM", "Bravo IM", "Charlie IM", "Delta IM"], 1)]
    path = isolated_config / "imgtui" / "programs.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"schema": 1, "programs": programs}))
    with two_sessions(isolated_config) as (first, second):
        for terminal in (first, second):
            terminal.press(b"k")
            terminal.wait_for("Rank list: 4 ranked")
        second.press(DOWN * 3)  # the second window's cursor on Delta IM
        second.pump(0.3)
        first.press(b"J")  # Alpha IM down one: Bravo Alpha Charlie Delta
        first.wait_for("1 Bravo IM")
        second.press(b"K")  # Delta IM up one, on the file as it is now: Bravo Alpha Delta Charlie
        second.wait_for("3 Delta IM")
        first.wait_for("3 Delta IM", timeout=8)  # the first window reloads the second's move
        for terminal in (first, second):
            terminal.press(b"\x1b")  # back to the main view, where q quits
            terminal.wait_for("Get a USMLE/ECFMG ID")
    saved = json.loads(path.read_text())["programs"]
    order = [p["name"] for p in sorted(saved, key=lambda p: p["rank"])]
    assert order == ["Bravo IM", "Alpha IM", "Delta IM", "Charlie IM"]
