"""Processes killed at any point of a save leave the old file or the new one, never a torn
one, and nothing that confuses the next start."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from imgtui.persistence.progress_store import tomllib  # the reader the app uses (tomli before 3.11)
from datetime import date
from pathlib import Path

from imgtui.persistence.progress_store import ProgressStore

SAVER = textwrap.dedent("""
    import sys
    from datetime import date
    from pathlib import Path
    from imgtui.persistence.progress_store import ProgressStore
    store = ProgressStore(Path(sys.argv[1]), ("current", "guide-2019"), lambda: date(2026, 11, 24))
    i = 0
    while True:
        i += 1
        # Each save writes a self-consistent state: counter n and n steps named up to it.
        def change(p, i=i):
            p.document["counter"] = i
            p.completed.clear()
            p.completed.update({f"step_{k:04d}": date(2026, 1, 1) for k in range(i % 200)})
            p.document["padding"] = "x" * (i % 5000)
        store.update(change)
""")


def test_sigkill_mid_save_never_tears_the_file(tmp_path: Path):
    path = tmp_path / "imgtui" / "progress.toml"
    rng = random.Random(1)
    kills = 0
    deadline = time.monotonic() + 6  # bounded: a few seconds of kills
    while time.monotonic() < deadline and kills < 40:
        process = subprocess.Popen([sys.executable, "-c", SAVER, str(path)])
        time.sleep(rng.uniform(0.15, 0.5))  # start-up, then somewhere inside a stream of saves
        process.send_signal(signal.SIGKILL)
        process.wait()
        kills += 1
        if not path.exists():
            continue
        data = tomllib.loads(path.read_text())  # parses: never torn
        counter = data["counter"]
        assert len(data["completed"]) == counter % 200  # the whole of one save, not a mix
        assert len(data["padding"]) == counter % 5000
    assert kills >= 5 and path.exists()
    # Leftover temp files (a kill between write and rename) are harmless and cleaned up.
    store = ProgressStore(path, ("current", "guide-2019"), lambda: date(2026, 11, 24))
    store.update(lambda p: p.completed.__setitem__("usmle_id", date(2026, 1, 1)))
    assert not list(path.parent.glob("*.tmp"))
    assert sorted(p.name for p in path.parent.iterdir()) == [".progress.toml.lock", "progress.toml"]
    assert os.stat(path).st_mode & 0o777 == 0o600
