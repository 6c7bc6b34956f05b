"""No test ever sees the real user's config or cache: HOME, XDG_CONFIG_HOME and XDG_CACHE_HOME point into tmp;
and the system time zone is Eastern (TZ), whatever the machine's."""

from __future__ import annotations

import itertools
import os
import sys
from datetime import datetime
from pathlib import Path

import pytest

from imgtui.catalog import load_catalog
from imgtui.domain.model import EASTERN

# Tests that drive a real pseudo-terminal (pty, termios, POSIX signals) are Unix-only; every
# other test runs on Windows too (the Unix-only ones inside them are skipped by name).
collect_ignore_glob = (
    ["e2e/*", "reliability/test_two_instances.py", "reliability/test_signals_and_terminals.py"]
    if sys.platform == "win32"
    else []
)

# The session this was written in: mid-season for Match 2027.
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=EASTERN)


@pytest.fixture(scope="session")
def _homes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("homes")


_NEXT_HOME = itertools.count()


@pytest.fixture(autouse=True)
def isolated_config(_homes: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own HOME (not yet created, as a new user's config folder is not): one
    folder of a session-wide tmp folder, not `tmp_path`, whose numbered folders and links
    cost ~1 ms each on every test that never asks for a tmp folder."""
    home = _homes / str(next(_NEXT_HOME)) / "home"
    home.parent.mkdir()
    # Under HOME, so the app shows a stable "~/.config/imgtui/progress.toml" in snapshots.
    config = home / ".config"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("IMGTUI_NOW", raising=False)
    monkeypatch.setenv("TZ", "America/New_York")  # the person's zone when none is saved: as NOW's
    for variable in ("NO_COLOR", "SSH_CONNECTION", "TEXTUAL_ANIMATIONS"):
        monkeypatch.delenv(variable, raising=False)
    return config


@pytest.fixture
def progress_path(isolated_config: Path) -> Path:
    return isolated_config / "imgtui" / "progress.toml"


def _catalog_scope(fixture_name: str, config: pytest.Config) -> str:
    """One catalog per session, except under mutation testing of the loader: mutmut runs only
    the tests it saw call a mutated function (MUTANT_UNDER_TEST is "stats" while it looks),
    and a catalog shared by the session is loaded in the first test alone, so every other
    test that reads it would never count against a broken loader."""
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    return "function" if mutant == "stats" or mutant.startswith("imgtui.catalog.") else "session"


@pytest.fixture(scope=_catalog_scope)
def catalog():
    return load_catalog()  # not default_catalog(): its cache would be written before HOME is isolated


@pytest.fixture
def machine_in_tokyo(monkeypatch: pytest.MonkeyPatch):
    """The machine's own time zone is Asia/Tokyo (13-14 h ahead of Eastern), so a test can show
    that a date is counted in Eastern time and not in whatever zone the computer is set to."""
    import time

    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
