"""#17 points 4 and 5: the README says where the files live on each platform, as platformdirs
itself decides, how to install on each, and `imgtui status` prints the path it uses."""

from __future__ import annotations

import json
from pathlib import Path

from imgtui.cli import main

from ..conftest import NOW

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def test_the_readme_names_each_platforms_folders_as_platformdirs_decides(monkeypatch):
    from platformdirs import windows
    from platformdirs.macos import MacOS
    from platformdirs.unix import Unix

    monkeypatch.delenv("XDG_CONFIG_HOME")  # as on a machine with no XDG settings
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(windows, "get_win_folder", lambda csidl: {"CSIDL_LOCAL_APPDATA": "%LOCALAPPDATA%"}[csidl])
    win = windows.Windows("imgtui", appauthor=False)
    assert win.user_config_dir.replace("/", "\\") == "%LOCALAPPDATA%\\imgtui"
    assert win.user_cache_dir.replace("/", "\\") == "%LOCALAPPDATA%\\imgtui\\Cache"
    assert "`%LOCALAPPDATA%\\imgtui\\`" in README and "`%LOCALAPPDATA%\\imgtui\\Cache\\`" in README
    mac = MacOS("imgtui", appauthor=False)
    home = str(Path.home())
    assert mac.user_config_dir == f"{home}/Library/Application Support/imgtui"
    assert mac.user_cache_dir == f"{home}/Library/Caches/imgtui"
    assert "`~/Library/Application Support/imgtui/`" in README and "`~/Library/Caches/imgtui/`" in README
    unix = Unix("imgtui", appauthor=False)
    assert (unix.user_config_dir, unix.user_cache_dir) == (f"{home}/.config/imgtui", f"{home}/.cache/imgtui")
    assert "`~/.config/imgtui/`" in README and "`~/.cache/imgtui/`" in README


def test_the_readme_installs_on_each_platform():
    assert "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/imgtui" in README
    assert "py -m venv .venv; .venv\\Scripts\\pip install .; .venv\\Scripts\\imgtui" in README
    assert "pipx install ." in README
    assert "user profile" in README and "0600" in README


def test_status_prints_the_path_it_uses(capsys, progress_path):
    assert main(["status"], clock=lambda: NOW) == 0
    assert f"Progress file: {progress_path}" in capsys.readouterr().out.replace("\n", "")  # however it wraps
    assert main(["status", "--json"], clock=lambda: NOW) == 0
    assert json.loads(capsys.readouterr().out)["progress_file"] == str(progress_path)


def test_imgtui_asks_for_the_folder_the_readme_names_on_windows_without_an_author_level(monkeypatch):
    import platformdirs
    from platformdirs import windows

    from imgtui.persistence.paths import config_dir, default_path, default_programs_path, path_for_display

    monkeypatch.setattr(windows, "get_win_folder", lambda csidl: {"CSIDL_LOCAL_APPDATA": "%LOCALAPPDATA%"}[csidl])
    monkeypatch.setattr(platformdirs, "PlatformDirs", windows.Windows)
    assert str(config_dir()).replace("/", "\\") == "%LOCALAPPDATA%\\imgtui"  # not ...\imgtui\imgtui
    assert (default_path().name, default_programs_path().parent) == ("progress.toml", config_dir())
    outside = Path.home().parent / "shared" / "progress.toml"
    assert path_for_display(outside) == str(outside)  # outside the home folder: as it is
    assert path_for_display(Path.home() / "x" / "programs.json") == str(Path("~", "x", "programs.json"))
