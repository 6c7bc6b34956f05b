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
