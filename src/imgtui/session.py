"""What one run of imgtui knows: the facts, the clock, the person's files and this run's
view options. One factory for the command line, the app and the tests."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from .catalog import FACTS_FOLDER, default_catalog, with_user_facts
from .clock import Clock, clock_from_environment
from .domain.flags import FlagContext, catalog_limits, flag_context
from .domain.matrix import step_states
from .domain.model import Catalog, Mode
from .domain.programs import ProgramBook
from .domain.progress import Progress
from .persistence.controller import Controller
from .persistence.paths import PROGRAMS_FILE, PROGRESS_FILE, config_dir
from .persistence.program_store import ProgramStore
from .persistence.progress_store import ProgressStore


@dataclass
class ViewOptions:
    """--mode, --rules, --match-year: for this run only, never saved. A setting the person
    changes in the app replaces its option (the option is cleared)."""

    mode: Mode | None = None
    rules: str | None = None
    match_year: int | None = None

    def apply(self, progress: Progress) -> Progress:
        progress.mode = self.mode or progress.mode
        progress.rules = self.rules or progress.rules
        progress.match_year = self.match_year or progress.match_year
        return progress


@dataclass
class Session:
    catalog: Catalog
    clock: Clock
    files: Controller
    options: ViewOptions = field(default_factory=ViewOptions)

    @property
    def config_dir(self) -> Path:
        return self.files.progress.path.parent

    def person_zone(self) -> tzinfo:
        """The person's time zone: the day two interviews share, "your time" beside a
        program's. The one place that answers it: until the time-zone setting (issue #12)
        lands it is the clock's zone, the one the countdown already calls local."""
        now = self.clock()
        zone = now.tzinfo
        assert zone is not None  # every Clock gives an aware time
        if isinstance(zone, ZoneInfo):
            return zone
        # The system clock gives a fixed offset (-05:00), which would put a March interview
        # an hour off once daylight time begins: use the machine's named zone when it agrees.
        named = _machine_zone()
        return named if named is not None and now.astimezone(named).utcoffset() == now.utcoffset() else zone

    def flag_context(self, book: ProgramBook) -> FlagContext:
        """What every program's flags are computed against (see domain.flags): the person's
        mode, whether Step 3 is done, now, their zone, the limits in data/."""
        progress = self.progress(strict=False)
        steps = step_states(self.catalog.steps_for(progress.rules, progress.mode), progress.completed)
        step3_done = any(s.step.id == "step3" and s.done for s in steps)
        return flag_context(
            book, progress.mode, step3_done, self.clock(), self.person_zone(), catalog_limits(self.catalog)
        )

    def program_specialties(self, load: bool = True) -> tuple[str, ...]:
        """The specialties of the person's program list (they decide ERAS or ResidencyCAS).
        Loads the list when `load` (the commands); the app passes False until the list has
        loaded after the first frame. A list with a problem counts as no specialties."""
        programs = self.files.programs
        if load:
            programs.ensure_loaded()
        if not programs.loaded or programs.problem is not None:
            return ()
        return tuple(sorted({p.specialty for p in programs.value.programs if p.specialty}))

    def progress(self, strict: bool = True) -> Progress:
        """The saved progress (loaded if not yet) with this run's options applied: a copy,
        so the options never reach the file. Raises the file's problem when `strict`
        (the commands); the app shows it instead and goes on read-only."""
        saved = self.files.progress.ensure_loaded()
        if strict and self.files.progress.problem is not None:
            raise self.files.progress.problem
        return self.options.apply(
            Progress(
                saved.mode,
                saved.rules,
                saved.match_year,
                dict(saved.completed),
                dict(saved.scores),
                dict(saved.document),
            )
        )


def _machine_zone() -> ZoneInfo | None:
    """The IANA zone this machine runs in ($TZ, else /etc/localtime's link), if it names one."""
    name = os.environ.get("TZ", "").removeprefix(":")
    if not name:
        try:
            name = os.readlink("/etc/localtime").partition("zoneinfo/")[2]
        except OSError:
            return None
    try:
        return ZoneInfo(name) if name else None
    except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return None


def open_session(
    options: ViewOptions | None = None,
    clock: Clock | None = None,
    folder: Path | None = None,
    catalog: Catalog | None = None,
) -> Session:
    clock = clock or clock_from_environment()
    folder = folder or config_dir()
    # The person's own facts (beside progress.toml) are applied after the start-up cache.
    catalog = catalog or with_user_facts(default_catalog(), folder / FACTS_FOLDER)

    def today() -> date:  # what the stores compare dates with: the latest date current anywhere
        from .domain.dates import latest_today

        return latest_today(clock())

    files = Controller(
        ProgressStore(folder / PROGRESS_FILE, tuple(catalog.rule_sets), today),
        ProgramStore(folder / PROGRAMS_FILE, today),
    )
    return Session(catalog, clock, files, options or ViewOptions())
