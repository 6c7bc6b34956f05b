"""#11 point 12: a lock held by another imgtui (a suspended `imgtui programs import`) never
freezes the app: the person is told, the app stays live, and the change is saved as soon as
the other lets go."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from imgtui.persistence.paths import default_path
from imgtui.persistence.progress_store import tomllib

from ..tui.helpers import make_app, shown_notifications

HOLDER = """
import sys, time
from pathlib import Path
from imgtui.persistence.locking import exclusive_lock
with exclusive_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold_lock(path: Path, seconds: float) -> subprocess.Popen:
    """Another process holding the progress file's lock, as a running imgtui save would."""
    path.parent.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path.parent / f".{path.name}.lock"), str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def saved_steps() -> set[str]:
    path = default_path()
    return set(tomllib.loads(path.read_text())["completed"]) if path.exists() else set()


async def test_a_held_lock_does_not_freeze_the_app_and_the_tick_is_saved_after():
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        holder = hold_lock(default_path(), 2.5)
        try:
            started = time.monotonic()
            await pilot.press("space")  # tick the first step while the lock is held
            await pilot.pause()
            assert time.monotonic() - started < 1.0  # not the 10 s lock timeout, not 2.5 s
            assert any("Another imgtui is saving" in text for text in shown_notifications(app))
            assert saved_steps() == set()  # not yet: the other still holds the lock
            await pilot.press("3")  # the app answers keys meanwhile
            await pilot.pause()
            assert app.screen.query_one("#countdown").has_class("-active")
            assert holder.poll() is None  # and all of that happened while the lock was held
        finally:
            holder.wait(10)
        for _ in range(50):  # saved once the other lets go, and shown
            await pilot.pause(0.1)
            if saved_steps():
                break
        assert saved_steps() == {"usmle_id"}
        await pilot.pause(0.2)
        assert any(text.startswith("Saved: ticked") for text in shown_notifications(app))
        assert "usmle_id" in app.files.progress.value.completed and app.files.progress.undo_stack


async def test_every_change_made_while_waiting_is_saved():
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        holder = hold_lock(default_path(), 1.5)
        try:
            await pilot.press("space", "down", "down", "space", "m")  # two ticks and a mode switch, queued
            await pilot.pause()
        finally:
            holder.wait(10)
        for _ in range(50):
            await pilot.pause(0.1)
            if default_path().exists() and 'mode = "us-img"' in default_path().read_text():
                break
        saved = tomllib.loads(default_path().read_text())
        assert set(saved["completed"]) == {"usmle_id", "status_verification"} and saved["mode"] == "us-img"


async def test_changes_still_waiting_when_the_person_quits_are_saved_after_the_app_ends():
    """Quit while two ticks wait for another imgtui: both are on disk once it lets go."""
    import threading

    from imgtui.screens.saving import save_waiting_changes_at_exit

    app = make_app()
    holder = None
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        holder = hold_lock(default_path(), 1.5)
        await pilot.press("space", "down", "down", "space")  # two ticks, queued behind the lock
        await pilot.pause()
        assert saved_steps() == set()
    said: list[str] = []
    try:
        assert save_waiting_changes_at_exit(said.append) == 2  # the app has ended; none is lost
        assert saved_steps() == set() and holder.poll() is None  # still held: they wait
    finally:
        holder.wait(10)
    for thread in threading.enumerate():
        if thread.name in ("imgtui-save", "imgtui-save-at-exit"):
            thread.join(15)
    assert saved_steps() == {"usmle_id", "status_verification"} and said == []
    assert save_waiting_changes_at_exit(said.append) == 0  # nothing waits twice
