"""Where the person's files live: the platform's config folder (platformdirs decides)."""

from __future__ import annotations

from pathlib import Path

PROGRESS_FILE = "progress.toml"
PROGRAMS_FILE = "programs.json"


def config_dir() -> Path:
    import platformdirs

    return platformdirs.user_config_path("imgtui", appauthor=False)


def default_path() -> Path:
    return config_dir() / PROGRESS_FILE


def default_programs_path() -> Path:
    return config_dir() / PROGRAMS_FILE


def path_for_display(path: Path) -> str:
    """~/… for paths under the home folder: shorter, and the same on every account."""
    home = Path.home()
    try:
        return str(Path("~") / path.relative_to(home))
    except ValueError:
        return str(path)
