"""#17 point 2: no Unix-only name on a shared path. With fcntl, signal.SIGHUP and os.getuid
made unavailable (as on Windows) every module imports, `imgtui status --json` works, and a
save takes the Windows lock (msvcrt) — there is no unlocked path."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SIMULATION = textwrap.dedent("""
    import importlib, json, os, pkgutil, signal, sys
    sys.path.insert(0, sys.argv[1])
    import asyncio, subprocess  # the stdlib probes `msvcrt` to tell Windows: let it see the real platform
    from tests import fake_windows
    calls = []
    fake_windows.install(calls=calls)
    assert not hasattr(signal, "SIGHUP") and not hasattr(os, "getuid")
    import imgtui
    for module in pkgutil.walk_packages(imgtui.__path__, "imgtui."):
        if module.name != "imgtui.__main__":  # importing that one runs imgtui
            importlib.import_module(module.name)
    from imgtui.cli import main
    command = sys.argv[2:]
    code = main(command, clock=None)
    sys.stdout.flush()
    print("LOCK CALLS", calls, file=sys.stderr)
    sys.exit(code)
""")


def simulate(*command: str, env_home: Path) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, "HOME": str(env_home), "XDG_CONFIG_HOME": str(env_home / ".config"),
           "XDG_CACHE_HOME": str(env_home / ".cache"), "IMGTUI_NOW": "2026-11-24T10:00:00-05:00"}
    return subprocess.run([sys.executable, "-c", SIMULATION, str(Path(__file__).parents[2]), *command],
                          capture_output=True, text=True, env=env, timeout=120)


def test_status_json_on_a_simulated_windows(tmp_path: Path):
    result = simulate("status", "--json", env_home=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["mode"] == "non-us-img" and data["progress_file"].endswith("progress.toml")


def test_a_save_on_a_simulated_windows_takes_the_msvcrt_lock(tmp_path: Path):
    csv_path = tmp_path / "list.csv"
    csv_path.write_text("Program,Specialty\nMercy IM,Internal Medicine\n")
    result = simulate("programs", "import", str(csv_path), env_home=tmp_path)
    assert result.returncode == 0 and "1 new" in result.stdout, result.stderr
    assert "LOCK CALLS [2, 0]" in result.stderr  # LK_NBLCK then LK_UNLCK: locked, then released
    assert (tmp_path / ".config" / "imgtui" / "programs.json").is_file()


def test_without_any_file_lock_nothing_is_saved(tmp_path: Path, monkeypatch):
    """A platform with neither fcntl nor msvcrt cannot save: never an unlocked write."""
    from imgtui.persistence.locked_file import DataFileError
    from imgtui.persistence.program_store import ProgramStore

    monkeypatch.setitem(sys.modules, "fcntl", None)
    monkeypatch.setitem(sys.modules, "msvcrt", None)
    store = ProgramStore(tmp_path / "programs.json", lambda: __import__("datetime").date(2026, 11, 25))
    with pytest.raises(DataFileError, match="neither fcntl nor msvcrt"):
        store.update(lambda book: None)
    assert not (tmp_path / "programs.json").exists()
