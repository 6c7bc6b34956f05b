"""The App: the session, the person's files (one controller), the command palette and
navigation between screens. What is on a screen belongs to that screen (screens/)."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Iterable
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from .domain.model import other_mode
from .domain.progress import Progress
from .labels import MODE_LABEL
from .screens.main import MainScreen, change_setting
from .session import Session
from .startup import resume_garbage_collection

THEMES = {"dark": "textual-dark", "light": "textual-light"}
WATCH_INTERVAL = 2.0  # seconds between looks for changes made by another imgtui or by hand


def theme_of(progress: Progress) -> str:
    """The Textual theme for the saved `theme` setting (validated when the file is read)."""
    chosen = progress.document.get("theme", "dark")
    return THEMES.get(chosen, THEMES["dark"]) if isinstance(chosen, str) else THEMES["dark"]


class ImgtuiApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "imgtui"
    BINDINGS: ClassVar[list[BindingType]] = [  # the key bar shows these first, then the screen's own
        Binding("question_mark,f1", "help", "Help", id="help", tooltip="Show every key"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit (everything is already saved)"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.files = session.files
        if os.environ.get("SSH_CONNECTION"):
            self.animation_level = "none"  # every animation frame costs bytes over SSH
        self.files.progress.subscribe(self._progress_changed)
        self.files.progress.load()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Messages quote file paths, program names, CSV headers and errors: plain text, never
        markup (whatever a caller asks), with anything a terminal would obey made visible."""
        from .sanitize import visible  # here, not at start-up: the first notification is later

        super().notify(
            visible(message, newlines=True), title=visible(title), severity=severity, timeout=timeout, markup=False
        )

    def get_default_screen(self) -> Screen[Any]:
        return MainScreen(self.session)

    def on_mount(self) -> None:
        self._handle_signals()
        self.set_interval(WATCH_INTERVAL, self.files.poll)
        if self.files.progress.problem is not None:
            self.call_after_refresh(self.action_explain_problem)
        for warning in self.files.progress.warnings:  # odd but usable: said, never refused
            self.notify(f"progress.toml: {warning}", severity="warning", timeout=10)
        self.call_after_refresh(resume_garbage_collection)

    def _progress_changed(self, why: str) -> None:
        theme = theme_of(self.files.progress.value)
        if self.theme != theme:
            self.theme = theme

    def _handle_signals(self) -> None:
        """SIGTERM, and SIGHUP when an SSH link drops: leave cleanly. Every change is already on
        disk (each is saved as it is made), so there is nothing to flush; exit without a traceback."""
        try:
            loop = asyncio.get_running_loop()
            for name in ("SIGTERM", "SIGHUP"):  # no SIGHUP on Windows
                number: int | None = getattr(signal, name, None)
                if number is not None:
                    loop.add_signal_handler(number, self.exit, None, 128 + number)
        except (NotImplementedError, RuntimeError):  # Windows' event loops have no signal handlers
            pass

    # -- navigation ----------------------------------------------------------------------
    @property
    def main_screen(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def action_timeline(self) -> None:
        from .screens.timeline import TimelineScreen

        situation = self.main_screen.situation
        if situation is not None:
            self.push_screen(
                TimelineScreen(
                    situation,
                    self.session.clock(),
                    self.main_screen.season,
                    self.session.catalog.soap_checklist,
                )
            )

    def action_programs(self) -> None:
        from .screens.programs import ProgramsScreen

        self.push_screen(ProgramsScreen(self.session))

    def action_rank_list(self) -> None:
        from .screens.ranklist import RankListScreen

        self.push_screen(RankListScreen(self.session, self.main_screen.situation))

    def action_letters(self) -> None:
        from .screens.letters import LettersScreen

        self.push_screen(LettersScreen(self.session))

    def action_help(self) -> None:
        from .screens.help import HelpScreen, help_sections

        self.push_screen(HelpScreen(help_sections(self)))

    def action_explain_problem(self) -> None:
        from .screens.problem import ProblemScreen

        document = self.files.progress
        if document.problem is None:
            return

        def chosen(fresh: bool | None) -> None:
            if not fresh:
                return
            from .persistence.locked_file import DataFileError

            try:
                backup = document.back_up(self.session.clock().strftime("%Y%m%d-%H%M%S"))
            except DataFileError as error:
                self.notify(f"Not backed up: {error.problem}", severity="error", timeout=8)
                return
            self.notify(f"Backed up to {backup.name}; starting fresh.", timeout=6)

        self.push_screen(ProblemScreen(document.problem), chosen)

    # -- the command palette -------------------------------------------------------------
    def set_setting(self, key: str, value: Any, description: str) -> None:
        change_setting(self.session, self.notify, key, value, description)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        now = self.session.clock()
        progress = self.session.progress(strict=False)
        current_year = progress.target_year(now)
        for year in range(now.year - 1, now.year + 5):
            if year != current_year:
                yield SystemCommand(
                    f"Set target Match year {year}",
                    f"Plan for the {year} Main Residency Match",
                    lambda y=year: self.set_setting("match_year", y, f"target Match {y}"),
                )
        for rules in self.session.catalog.rule_sets.values():
            if rules.id != progress.rules:
                yield SystemCommand(
                    f"Switch rule set: {rules.id}",
                    rules.description,
                    lambda r=rules.id: self.set_setting("rules", r, f"rules: {r}"),
                )
        if isinstance(screen, MainScreen):
            yield SystemCommand("Edit my scores", "Step 1, Step 2 CK, Step 3", screen.action_edit_scores)
            other = other_mode(progress.mode)
            yield SystemCommand(
                f"Switch mode: {MODE_LABEL[other]}",
                "Changes steps, stats columns and visa content",
                screen.action_switch_applicant_mode,
            )
            yield SystemCommand("Undo last change", "Take back the last tick or setting", screen.action_undo)
        yield SystemCommand("Open my rank list", "Order, flags, the certified mark (k)", self.action_rank_list)
        yield SystemCommand(
            "Open letters and clinical experience",
            "Letters of recommendation, USCE, programs missing them (l)",
            self.action_letters,
        )
        for name in THEMES:
            yield SystemCommand(
                f"Switch theme: {name}",
                f"Use the {name} theme (saved)",
                lambda n=name: self.set_setting("theme", n, f"{n} theme"),
            )
        if self.files.progress.problem is not None:
            yield SystemCommand(
                "Back up and start fresh",
                "Rename the problem file beside it and start a new one",
                self.action_explain_problem,
            )


def run_app(session: Session) -> int:
    app = ImgtuiApp(session)
    try:
        app.run()
    except OSError:  # the terminal went away (SSH dropped) while Textual was restoring it
        return 128 + getattr(signal, "SIGHUP", 1)
    return app.return_code or 0
