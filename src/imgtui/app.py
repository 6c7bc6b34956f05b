"""The App: the session, the person's files (one controller), the command palette and
navigation between screens. What is on a screen belongs to that screen (screens/)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import ThemeProvider

from .domain.model import other_mode
from .domain.patch import MISSING
from .domain.plan import plan
from .domain.progress import Progress
from .domain.summary import rules_history
from .domain.zones import zone_name
from .labels import MODE_LABEL
from .sanitize import visible
from .screens.main import MainScreen, change_setting
from .screens.saving import save_waiting_changes_at_exit
from .session import Session
from .startup import resume_garbage_collection

DEFAULT_THEME = "textual-dark"
OLD_THEMES = {"dark": "textual-dark", "light": "textual-light"}  # what files saved before Textual's picker
WATCH_INTERVAL = 2.0  # seconds between looks for changes made by another imgtui or by hand


def theme_of(progress: Progress, available: Iterable[str]) -> str:
    """The Textual theme for the saved `theme` setting: a name Textual's picker saved, or the
    "dark"/"light" of older files; one this Textual does not have is the default."""
    saved = progress.document.get("theme", "dark")
    theme = OLD_THEMES.get(saved, saved) if isinstance(saved, str) else DEFAULT_THEME
    return theme if theme in available else DEFAULT_THEME


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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The app's keys (help, the palette, and the screens' `app.` actions) follow the main
        screen's rule while it hides its panes behind the too-small note."""
        screen = self.screen_stack[-1] if self.screen_stack else None
        if isinstance(screen, MainScreen):
            return screen.check_action(action, parameters)
        return True

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
        self._apply_saved_theme()

    def _apply_saved_theme(self) -> None:
        theme = theme_of(self.files.progress.value, self.available_themes)
        if self.theme != theme:
            self.theme = theme

    # -- the one theme picker: Textual's, every theme it has, the choice saved -----------
    def search_themes(self) -> None:
        from textual.command import CommandPalette

        self.push_screen(CommandPalette(providers=[SavedThemeProvider], placeholder="Search for themes…"))

    def search_zones(self) -> None:
        """Every IANA zone, searchable (the list is read only when wanted: ~600 names)."""
        from zoneinfo import available_timezones

        from textual.command import SimpleCommand

        def chosen(name: str) -> None:
            self.set_setting("timezone", name, f"time zone: {name}")

        names = sorted(n for n in available_timezones() if "/" in n and not n.startswith(("Etc/", "SystemV/")))
        self.search_commands(
            [SimpleCommand(name, partial(chosen, name)) for name in [*names, "UTC"]],
            placeholder="Search time zones, e.g. Kolkata, Lagos, New_York…",
        )

    def choose_theme(self, name: str) -> None:
        """A theme chosen in the picker: shown at once, saved as one undoable change."""
        self.theme = name
        self.set_setting("theme", name, f"theme: {name}")

    def on_command_palette_closed(self, event: Any) -> None:
        if not event.option_selected:  # a picker that previews must not leave its preview behind
            self._apply_saved_theme()

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
            season = self.main_screen.season
            checklist = self.session.catalog.soap_checklist
            self.push_screen(TimelineScreen(situation, self.session.clock, self.session.zone(), season, checklist))

    def action_programs(self) -> None:
        from .screens.programs import ProgramsScreen

        self.push_screen(ProgramsScreen(self.session))

    def action_rank_list(self) -> None:
        from .screens.ranklist import RankListScreen

        self.push_screen(RankListScreen(self.session, self.main_screen.situation))

    def action_letters(self) -> None:
        from .screens.letters import LettersScreen

        self.push_screen(LettersScreen(self.session))

    def action_costs(self) -> None:
        from .screens.costs import CostsScreen

        if not isinstance(self.screen, CostsScreen):
            self.push_screen(CostsScreen(self.session))

    def choose_division(self, division_id: str) -> None:
        """Add or remove a geographic preference (a Census division), or no preference."""
        from .domain.geography import PREFERENCE_KEY, preference_words, toggled

        geography = self.session.geography
        try:
            chosen = toggled(self.session.chosen_divisions(), division_id, geography)
        except ValueError as error:
            self.notify(str(error), severity="warning", timeout=6)
            return
        words = preference_words(chosen, geography)
        self.set_setting(PREFERENCE_KEY, list(chosen), f"geographic preferences: {words}")
        self.notify(f"Geographic preferences: {words}", timeout=4)

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
        for command in super().get_system_commands(screen):
            if command.title == "Theme":  # Textual's, unsaved: replaced by the saving one below
                yield SystemCommand("Theme", "Choose a theme (every theme Textual has; saved)", self.search_themes)
            else:
                yield command
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
                catalog = self.session.catalog
                history = rules_history(
                    catalog, rules.id, progress.mode, plan(catalog, rules.id, progress.mode, current_year)
                )
                yield SystemCommand(
                    f"Switch rule set: {rules.id}",
                    (f"HISTORY for Match {current_year}, not advice. " if history else "") + rules.description,
                    lambda r=rules.id: self.set_setting("rules", r, f"rules: {r}"),
                )
        zone = progress.document.get("timezone")
        yield SystemCommand(
            "Set time zone…",
            f"Show times in your own zone (now {zone_name(self.session.zone())}; saved): search IANA zones",
            self.search_zones,
        )
        if zone:
            yield SystemCommand(
                "Time zone: use the system's",
                f"Forget the saved {zone}; follow this machine's zone (TZ)",
                lambda: self.set_setting("timezone", MISSING, "time zone: the system's"),
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
        yield SystemCommand(
            "Costs of the season",
            "ERAS fees per specialty, token, NRMP and exam fees, with sources; signals",
            self.action_costs,
        )
        yield from self._division_commands()
        if self.files.progress.problem is not None:
            yield SystemCommand(
                "Back up and start fresh",
                "Rename the problem file beside it and start a new one",
                self.action_explain_problem,
            )

    def _division_commands(self) -> Iterable[SystemCommand]:
        from .domain.geography import NO_PREFERENCE

        geography = self.session.geography
        chosen = self.session.chosen_divisions()
        rule = geography.preference
        for division in geography.divisions:
            states = ", ".join(code for code, _name in division.states)
            if division.id in chosen:
                yield SystemCommand(
                    f"Geographic preference: remove {division.name}",
                    f"{division.region}: {states}",
                    lambda d=division.id: self.choose_division(d),
                )
            else:
                yield SystemCommand(
                    f"Geographic preference: add {division.name}",
                    f"{division.region}: {states} · up to {rule.most} divisions ({rule.provenance.source})",
                    lambda d=division.id: self.choose_division(d),
                )
        yield SystemCommand(
            "Geographic preference: no preference" if chosen != (NO_PREFERENCE,) else "Geographic preference: clear",
            "No division preference: shown to every program you apply to",
            lambda: self.choose_division(NO_PREFERENCE),
        )


class SavedThemeProvider(ThemeProvider):
    """Textual's theme list, but choosing one saves it (ImgtuiApp.choose_theme)."""

    @property
    def commands(self) -> list[tuple[str, Callable[[], None]]]:
        app = self.app
        assert isinstance(app, ImgtuiApp)
        return [(name, partial(app.choose_theme, name)) for name in sorted(app.available_themes)]


def run_app(session: Session) -> int:
    app = ImgtuiApp(session)
    try:
        app.run()
    except OSError:  # the terminal went away (SSH dropped) while Textual was restoring it
        return 128 + getattr(signal, "SIGHUP", 1)
    finally:
        _save_what_waits()
    return app.return_code or 0


def _save_what_waits() -> None:
    """Changes made while another imgtui held a file are saved even though the app has quit."""

    def say(message: str) -> None:
        with contextlib.suppress(OSError, ValueError):  # no terminal left to say it on
            print(f"imgtui: {visible(message)}", file=sys.stderr, flush=True)

    waiting = save_waiting_changes_at_exit(say)
    if waiting:
        say(f"saving {waiting} change(s) that wait for another imgtui to finish with the file…")
