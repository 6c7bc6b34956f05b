"""The full-screen app. Widgets stay thin: every fact and decision comes from domain/."""

from __future__ import annotations

import asyncio
import os
import signal
from dataclasses import dataclass
from typing import Callable, Iterable

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import Static

from .cli import Session, path_for_display
from .clock import Clock
from .domain.model import MODES
from .domain.progress import Progress
from .domain.summary import Situation, situation
from .labels import MODE_LABEL
from .launch import resume_garbage_collection
from .store import ProgressFileError
from .widgets.checklist import ChecklistPane, StepList
from .widgets.countdown import CountdownPane
from .widgets.keybar import KeyBar
from .widgets.quiet import update_if_changed
from .widgets.matrix import MatrixPane
from .widgets.panebar import PaneBar
from .widgets.stats import StatsPane, StatsTable
from .widgets.visa import VisaPane

PANES = (("checklist", "1 Checklist"), ("matrix", "2 Matrix"), ("countdown", "3 Countdown"),
         ("visa", "4 Visa"), ("stats", "5 Stats"))
WIDE = (110, 34)  # at least this many columns and rows: every pane at once
TOO_SMALL = (40, 12)
THEMES = {"dark": "textual-dark", "light": "textual-light"}


@dataclass
class Change:
    """One saved change and how to take it back."""

    description: str
    apply: Callable[[Progress], None]
    undo: Callable[[Progress], None] | None = None


class MainScreen(Screen):
    def compose(self) -> ComposeResult:
        yield Static(id="statusbar", markup=False)
        yield PaneBar(PANES, id="pane-bar")
        with Container(id="panes"):
            # Grid order: the checklist spans the left column; see app.tcss.
            # Born with their classes: a class changed before the first frame restyles a pane twice.
            for pane, widget in (("checklist", ChecklistPane), ("countdown", CountdownPane), ("matrix", MatrixPane),
                                 ("stats", StatsPane), ("visa", VisaPane)):
                yield widget(id=pane, classes="pane -active" if pane == self.app.active_pane else "pane")
        yield KeyBar(id="keybar")

    def on_mount(self) -> None:
        self.app.apply_layout(*self.app.size)  # before the first frame: one layout pass, not two
        self.app.start()

    def on_resize(self, event) -> None:
        self.app.apply_layout(event.size.width, event.size.height)

    def on_pane_bar_chosen(self, event: PaneBar.Chosen) -> None:
        self.app.show_pane(event.pane, focus=True)

    def on_step_list_toggle(self, event: StepList.Toggle) -> None:
        self.app.toggle_step(event.step_id)


class ImgtuiApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "imgtui"
    BINDINGS = [  # in the order the key bar shows them: the most needed first
        Binding("question_mark,f1", "help", "Help", id="help", tooltip="Show every key"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit (everything is already saved)"),
        Binding("m", "switch_mode", "Mode", id="mode", tooltip="Switch US IMG ↔ non-US IMG"),
        Binding("u", "undo", "Undo", id="undo", tooltip="Undo the last change"),
        Binding("e", "edit_scores", "Scores", id="scores", tooltip="Edit my scores"),
        Binding("t", "timeline", "Timeline", id="timeline", tooltip="Every date of your Match year, today marked"),
        Binding("p", "programs", "Programs", id="programs", tooltip="My programs: add, import, filter, track"),
        Binding("1", "show_pane('checklist')", "Checklist", show=False, id="pane1", tooltip="Go to the checklist"),
        Binding("2", "show_pane('matrix')", "Matrix", show=False, id="pane2", tooltip="Go to the requirement matrix"),
        Binding("3", "show_pane('countdown')", "Countdown", show=False, id="pane3", tooltip="Go to the countdown"),
        Binding("4", "show_pane('visa')", "Visa", show=False, id="pane4", tooltip="Go to J-1 vs H-1B"),
        Binding("5", "show_pane('stats')", "Stats", show=False, id="pane5", tooltip="Go to the specialty stats"),
    ]

    # Keys that act on the main view. Over another screen they do nothing (and leave its key
    # bar): a mode switch behind the Programs view would leave its fit flags stale, an undo
    # behind a dialog would change what the dialog is about.
    MAIN_VIEW_ACTIONS = frozenset({"switch_mode", "undo", "edit_scores", "timeline", "programs", "show_pane"})

    def __init__(self, session: Session, clock: Clock | None = None, live: bool = True) -> None:
        super().__init__()
        self.session = session
        self.catalog = session.catalog
        self.store = session.store
        self.clock = clock or session.clock
        self.live = live  # False in snapshot tests: no timers, a frozen picture
        self.overrides = {"mode": session.mode, "rules": session.rules, "match_year": session.match_year}
        self.undo_stack: list[Change] = []
        self.problem: ProgressFileError | None = None
        self.active_pane = "checklist"
        self.situation: Situation | None = None
        if os.environ.get("SSH_CONNECTION"):
            self.animation_level = "none"  # every animation frame costs bytes over SSH
        self._load()

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Messages quote file paths, program names and errors: plain text, never markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # -- state ---------------------------------------------------------------------------
    def _load(self) -> None:
        try:
            progress = self.store.load()
            self.problem = None
        except ProgressFileError as error:
            progress, self.problem = Progress(), error
        self._fingerprint = self.store.fingerprint()
        self._adopt(progress)

    def _adopt(self, progress: Progress) -> None:
        for key, value in self.overrides.items():
            if value is not None:
                setattr(progress, key, value)
        self.progress = progress
        theme = THEMES.get(progress.document.get("theme", "dark"), THEMES["dark"])
        if self.theme != theme:
            self.theme = theme

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in self.MAIN_VIEW_ACTIONS or isinstance(self.screen, MainScreen)

    def get_default_screen(self) -> Screen:
        return MainScreen()

    def start(self) -> None:
        """Called once the main screen exists."""
        self._handle_signals()
        self.refresh_views()
        self.query_one(StepList).focus()
        if self.live:
            self.set_interval(1.0, self._tick)
            self.set_interval(2.0, self._watch_file)
        if self.problem is not None:
            self.call_after_refresh(self._explain_problem)
        self.call_after_refresh(resume_garbage_collection)

    def _handle_signals(self) -> None:
        """SIGTERM, and SIGHUP when an SSH link drops: leave cleanly. Every change is already on
        disk (each is saved as it is made), so there is nothing to flush; exit without a traceback."""
        try:
            loop = asyncio.get_running_loop()
            for number in (signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(number, lambda n=number: self.exit(return_code=128 + n))
        except (NotImplementedError, RuntimeError, AttributeError):  # pragma: no cover - not on Unix
            pass

    def refresh_views(self) -> None:
        now = self.clock()
        self._shown_day = now.date()
        self.situation = situation(self.catalog, self.progress, now)
        s = self.situation
        screen = self.screen_stack[0]
        screen.query_one(ChecklistPane).show(s, s.warnings_by_step())
        screen.query_one(MatrixPane).show(s)
        screen.query_one(CountdownPane).show(s, now)
        screen.query_one(VisaPane).show(s.mode, self.catalog.visa)
        screen.query_one(StatsPane).show(self.catalog, s.mode, s.rules.id, self.progress.scores)
        self._show_status()

    def _show_status(self) -> None:
        s, screen = self.situation, self.screen_stack[0]
        where = path_for_display(self.store.path)
        done = sum(1 for st in s.steps if st.done)
        # The step count lives here, not in the checklist's border: a tick then repaints one
        # status line instead of the whole pane.
        status = f" {MODE_LABEL[s.mode]} · rules: {s.rules.id} · Match {s.match_year} · {done}/{len(s.steps)} done · "
        if self.problem is not None:
            status = " ⚠ READ-ONLY, nothing is saved: the progress file has a problem (ctrl+p: Back up and start fresh) ·" + status
        room = self.size.width - len(status)
        if len(where) > room > 8:  # keep the file's name in view on narrow terminals
            where = "…" + where[-(room - 1):]
        status += where
        bar = screen.query_one("#statusbar", Static)
        update_if_changed(bar, status)
        bar.set_class(self.problem is not None, "read-only")

    def _tick(self) -> None:
        now = self.clock()
        if now.date() != self._shown_day:  # past midnight: warnings and "days ago" move on
            self.refresh_views()
        else:
            self.screen_stack[0].query_one(CountdownPane).tick(now)

    def _watch_file(self) -> None:
        """Pick up changes made by another imgtui or by hand."""
        fingerprint = self.store.fingerprint()
        if fingerprint != self._fingerprint:
            self._load()
            self.refresh_views()
            self.notify("Progress file changed outside this window: reloaded.", timeout=4)

    # -- changes -------------------------------------------------------------------------
    def save(self, change: Change, record_undo: bool = True) -> bool:
        if self.problem is not None:
            self.notify(f"Read-only: {self.problem.problem}. Nothing saved.", severity="warning", timeout=6)
            return False
        try:
            progress = self.store.update(change.apply)
        except ProgressFileError as error:
            if error.file_unusable:  # changed on disk into something unusable: stop writing
                self.problem = error
                self.refresh_views()
            self.notify(f"Not saved: {error.describe(path_for_display(error.path))}", severity="error", timeout=8)
            return False
        except OSError as error:
            self.notify(f"Not saved: {error.strerror or error}", severity="error", timeout=8)
            return False
        self._fingerprint = self.store.fingerprint()
        if record_undo and change.undo is not None:
            self.undo_stack.append(change)
        self._adopt(progress)
        self.refresh_views()
        return True

    def toggle_step(self, step_id: str) -> None:
        state = next(s for s in self.situation.steps if s.step.id == step_id)
        if state.how == "done":
            when = state.date
            self.save(Change(f"unticked {state.step.title}",
                             lambda p: p.completed.pop(step_id, None),
                             lambda p: p.completed.__setitem__(step_id, when)))
        else:
            today = self.clock().date()
            self.save(Change(f"ticked {state.step.title}",
                             lambda p: p.completed.__setitem__(step_id, today),
                             lambda p: p.completed.pop(step_id, None)))

    def _set(self, key: str, value, description: str) -> None:
        old = getattr(self.progress, key)
        self.overrides[key] = None  # the person chose: this run's command-line option no longer applies
        self.save(Change(description, lambda p: setattr(p, key, value), lambda p: setattr(p, key, old)))

    def action_switch_mode(self) -> None:
        new = MODES[1 - MODES.index(self.progress.mode)]
        self._set("mode", new, f"mode: {MODE_LABEL[new]}")
        self.notify(f"Mode: {MODE_LABEL[new]}", timeout=2)

    def set_rules(self, rules: str) -> None:
        self._set("rules", rules, f"rules: {rules}")

    def set_match_year(self, year: int) -> None:
        self._set("match_year", year, f"target Match {year}")

    def set_theme(self, name: str) -> None:
        old = self.progress.document.get("theme")

        def restore(p: Progress) -> None:
            if old is None:
                p.document.pop("theme", None)
            else:
                p.document["theme"] = old

        self.save(Change(f"{name} theme", lambda p: p.document.__setitem__("theme", name), restore))

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify("Nothing to undo.", timeout=2)
            return
        change = self.undo_stack.pop()
        if self.save(Change(f"undo {change.description}", change.undo), record_undo=False):
            self.notify(f"Undone: {change.description}", timeout=3)

    def action_edit_scores(self) -> None:
        def done(scores: dict | None) -> None:
            if scores is None:
                return
            old = dict(self.progress.scores)

            def apply(p: Progress) -> None:
                for key, value in scores.items():
                    if value is None:
                        p.scores.pop(key, None)
                    else:
                        p.scores[key] = value

            def undo(p: Progress) -> None:
                for key in scores:
                    p.scores.pop(key, None)
                p.scores.update({k: v for k, v in old.items() if k in scores})

            self.save(Change("scores", apply, undo))

        from .screens.scores import ScoresScreen

        self.push_screen(ScoresScreen(dict(self.progress.scores)), done)

    # -- panes and layout ----------------------------------------------------------------
    def apply_layout(self, width: int, height: int) -> None:
        screen = self.screen_stack[0]
        too_small = width < TOO_SMALL[0] or height < TOO_SMALL[1]
        if too_small and not screen.query("#too-small"):  # made when first needed: rarely
            screen.mount(Static(f"imgtui needs at least {TOO_SMALL[0]}×{TOO_SMALL[1]}: please make the window "
                                "larger.", id="too-small"))
        screen.set_class(too_small, "too-small")
        screen.set_class(not (width >= WIDE[0] and height >= WIDE[1]), "narrow")
        self.show_pane(self.active_pane, focus=False)
        if self.situation is not None:
            self._show_status()  # the status line fits itself to the width

    def action_show_pane(self, pane: str) -> None:
        self.show_pane(pane, focus=True)

    def show_pane(self, pane: str, focus: bool) -> None:
        self.active_pane = pane
        screen = self.screen_stack[0]
        for name, _title in PANES:
            screen.query_one(f"#{name}").set_class(name == pane, "-active")
        screen.query_one(PaneBar).active = pane
        if focus:
            target = {"checklist": StepList, "stats": StatsTable}.get(pane)
            widget = screen.query_one(target) if target else screen.query_one(f"#{pane}")
            if widget.focusable:
                widget.focus()

    def action_timeline(self) -> None:
        from .screens.timeline import TimelineScreen

        self.push_screen(TimelineScreen(self.situation, self.clock()))

    def action_programs(self) -> None:
        from .program_store import ProgramStore, default_programs_path
        from .screens.programs import ProgramsScreen

        store = ProgramStore(default_programs_path(), lambda: self.clock().date())
        step3 = any(s.step.id == "step3" and s.done for s in self.situation.steps)
        self.push_screen(ProgramsScreen(store, self.progress.mode, step3, self.catalog, lambda: self.clock().date()))

    def action_help(self) -> None:
        from .screens.programs import ProgramsScreen

        sections = [
            ("Everywhere", [*self._described(self.BINDINGS),
                            ("ctrl+p", Binding("ctrl+p", "command_palette", "Command palette",
                                               tooltip="Match year, rule set, scores, theme, undo…")),
                            ("tab", Binding("tab", "focus_next", "Next pane", tooltip="Move focus to the next pane"))]),
            ("Checklist", [*self._described(StepList.BINDINGS),
                           ("↑ ↓", Binding("up", "move", "Move", tooltip="Highlight another step"))]),
            ("Specialty stats", self._described(StatsTable.BINDINGS)),
            ("Visa pane", self._described(VisaPane.BINDINGS)),
            ("My programs (p)", self._described(ProgramsScreen.BINDINGS)),
        ]
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen(sections))

    def _described(self, bindings: Iterable[Binding]) -> list[tuple[str, Binding]]:
        rows = []
        for binding in bindings:
            if not binding.show and not binding.tooltip:  # cursor keys and aliases: not news
                continue
            keys = " / ".join(self.get_key_display(Binding(k, binding.action)) for k in binding.key.split(","))
            rows.append((keys, binding))
        return rows

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        now = self.clock()
        current_year = self.situation.match_year if self.situation else now.year
        for year in range(now.year - 1, now.year + 5):
            if year != current_year:
                yield SystemCommand(f"Set target Match year {year}", f"Plan for the {year} Main Residency Match",
                                    lambda y=year: self.set_match_year(y))
        for rules in self.catalog.rule_sets.values():
            if rules.id != self.progress.rules:
                yield SystemCommand(f"Switch rule set: {rules.id}", rules.description, lambda r=rules.id: self.set_rules(r))
        yield SystemCommand("Edit my scores", "Step 1, Step 2 CK, Step 3", self.action_edit_scores)
        other = MODES[1 - MODES.index(self.progress.mode)]
        yield SystemCommand(f"Switch mode: {MODE_LABEL[other]}", "Changes steps, stats columns and visa content",
                            self.action_switch_mode)
        for name in THEMES:
            yield SystemCommand(f"Switch theme: {name}", f"Use the {name} theme (saved)", lambda n=name: self.set_theme(n))
        yield SystemCommand("Undo last change", "Take back the last tick or setting", self.action_undo)
        if self.problem is not None:
            yield SystemCommand("Back up and start fresh", "Rename the problem file beside it and start a new one",
                                self._explain_problem)

    def _explain_problem(self) -> None:
        def chosen(fresh: bool | None) -> None:
            if fresh:
                backup = self.store.back_up(self.clock().strftime("%Y%m%d-%H%M%S"))
                self._load()
                self.refresh_views()
                self.notify(f"Backed up to {backup.name}; starting fresh.", timeout=6)

        from .screens.problem import ProblemScreen

        self.push_screen(ProblemScreen(self.problem), chosen)


def run_app(session: Session) -> int:
    app = ImgtuiApp(session)
    try:
        app.run()
    except OSError:  # the terminal went away (SSH dropped) while Textual was restoring it
        return 128 + signal.SIGHUP
    return app.return_code or 0
