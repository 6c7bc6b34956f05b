"""What one run of imgtui knows: the facts, the clock, the person's files and this run's
view options. One factory for the command line, the app and the tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .catalog import FACTS_FOLDER, default_catalog, with_user_facts
from .clock import Clock, clock_from_environment, system_zone
from .domain.matrix import step_states
from .domain.model import Catalog, Geography, Mode
from .domain.progress import Progress
from .domain.zones import zone_named
from .persistence.controller import Controller
from .persistence.paths import PROGRAMS_FILE, PROGRESS_FILE, config_dir
from .persistence.progress_store import ProgressStore

if TYPE_CHECKING:  # the season's modules load when first used (the list is read after the first frame)
    from .domain.costs import Costs
    from .domain.flags import FlagContext
    from .domain.geography import Places
    from .domain.programs import Program, ProgramBook
    from .domain.signals import SignalUse
    from .persistence.program_store import ProgramStore

R = TypeVar("R")


@dataclass
class ViewOptions:
    """--mode, --rules, --match-year, --tz: for this run only, never saved. A setting the
    person changes in the app replaces its option (the option is cleared)."""

    mode: Mode | None = None
    rules: str | None = None
    match_year: int | None = None
    timezone: str | None = None  # an IANA name (validated by the command line)

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

    def flag_context(self, book: ProgramBook) -> FlagContext:
        """What every program's flags are computed against (see domain.flags): the person's
        mode, whether Step 3 is done, now, their zone, the limits in data/."""
        from .domain.flags import catalog_limits, flag_context

        progress = self.progress(strict=False)
        steps = step_states(self.catalog.steps_for(progress.rules, progress.mode), progress.completed)
        step3_done = any(s.step.id == "step3" and s.done for s in steps)
        limits = catalog_limits(self.catalog)
        # Where each program is (issue #14): its state's Census division against the person's choice.
        places, divisions = self.places(), self.chosen_divisions()
        return flag_context(book, progress.mode, step3_done, self.clock(), self.zone(), limits, places, divisions)

    def program_specialties(self, load: bool = True) -> tuple[str, ...]:
        """The specialties of the person's program list (they decide ERAS or ResidencyCAS).
        Loads the list when `load` (the commands); the app passes False until the list has
        loaded after the first frame. A list with a problem counts as no specialties."""
        programs = self.files.programs if load else self.files.programs_if_made
        if load and programs is not None:
            programs.ensure_loaded()
        if programs is None or not programs.loaded or programs.problem is not None:
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

    def zone(self) -> tzinfo:
        """The person's time zone: --tz, else the progress file's `timezone`, else the
        machine's (which honours TZ)."""
        name = self.options.timezone or self.progress(strict=False).document.get("timezone")
        if name:
            try:
                return zone_named(name)
            except ValueError:  # a file that says so is read-only with its problem shown
                pass
        return system_zone()

    def today(self) -> date:
        """Today in the person's own zone (the day a tick records)."""
        return self.clock().astimezone(self.zone()).date()

    # -- the application season (fees, signals, geography) --------------------------------
    def season(self) -> int:
        """The season planned: the target Match year (the ERAS 2027 season is Match 2027)."""
        return self.progress(strict=False).target_year(self.clock())

    def programs(self) -> list[Program]:
        """The program list (loaded if not yet); raises its file's problem (the commands)."""
        document = self.files.programs
        document.ensure_loaded()
        if document.problem is not None:
            raise document.problem
        return document.value.programs

    def costs(self, programs: list[Program]) -> Costs:
        from .domain.costs import season_costs
        from .domain.matrix import step_states

        progress = self.progress(strict=False)
        steps = self.catalog.steps_for(progress.rules, progress.mode)
        ahead = [s.step.id for s in step_states(steps, progress.completed) if not s.done]
        from .domain.flags import catalog_limits

        included = catalog_limits(self.catalog).ranks_included  # data/limits.toml (NRMP)
        return season_costs(self.catalog.season_facts, self.season(), programs, ahead, self.catalog.services, included)

    def signals(self, programs: list[Program], everything: bool = False) -> list[SignalUse]:
        from .domain.signals import signal_usage

        return signal_usage(self.catalog.season_facts, self.season(), programs, everything)

    @property
    def geography(self) -> Geography:
        geography = self.catalog.season_facts.geography
        assert geography is not None, "the catalog loads data/geography.toml"
        return geography

    def places(self) -> Places:
        from .domain.geography import places

        return places(self.geography)

    def chosen_divisions(self) -> tuple[str, ...]:
        from .domain.geography import chosen_divisions

        return chosen_divisions(self.progress(strict=False).document, self.geography)

    def guard_programs(self, book: ProgramBook, apply: Callable[[], R]) -> R:
        """Every change to the program list, from any path, keeps the signal rules."""
        from .domain.signals import guard_signals

        return guard_signals(self.catalog.season_facts, self.season(), book, apply)


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

    def program_store() -> ProgramStore:
        from .persistence.program_store import ProgramStore

        return ProgramStore(folder / PROGRAMS_FILE, today)

    files = Controller(ProgressStore(folder / PROGRESS_FILE, tuple(catalog.rule_sets), today), program_store)
    session = Session(catalog, clock, files, options or ViewOptions())
    files.programs_guard = session.guard_programs
    return session
