"""The main screen: it owns the five panes, their layout (all at once, or one at a time
under a pane bar), the status line, the countdown's tick, and the keys that act on them.
Every pane is refreshed from one `MainView`; the panes never look anything up."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from ..domain.matrix import StepState
from ..domain.model import other_mode
from ..domain.patch import MISSING, Edit
from ..domain.progress import setting_path
from ..domain.summary import Situation, situation
from ..domain.zones import zone_name
from ..labels import MODE_LABEL
from ..persistence.paths import path_for_display
from ..session import Session
from ..views import MainView, Season
from ..widgets.checklist import ChecklistPane, StepList
from ..widgets.countdown import CountdownPane
from ..widgets.keybar import KeyBar
from ..widgets.matrix import MatrixPane
from ..widgets.panebar import PaneBar
from ..widgets.quiet import update_if_changed
from ..widgets.stats import SpecialtyTable, StatsPane
from ..widgets.visa import VisaPane
from .saving import kept_note, save_change, undo_change

PANES = (
    ("checklist", "1 Checklist"),
    ("matrix", "2 Matrix"),
    ("countdown", "3 Countdown"),
    ("visa", "4 Visa"),
    ("stats", "5 Stats"),
)
PROGRAMS_AFTER = 0.5  # seconds after start: the program list is read then (see on_mount)
WIDE = (110, 34)  # at least this many columns and rows: every pane at once
TALL = 50  # rows from which the countdown gets the room for a season's dates in full (app.tcss)
TOO_SMALL = (40, 12)
# While the window is too small every pane is hidden: only these actions may act (nothing
# may tick a step, switch the mode or open a view the person cannot see).
ACTIONS_WHEN_TOO_SMALL = frozenset({"quit", "help_quit"})


class MainScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [  # in the order the key bar shows them, after the app's own (help, quit)
        Binding("m", "switch_applicant_mode", "Mode", id="mode", tooltip="Switch US IMG ↔ non-US IMG"),
        Binding("u", "undo", "Undo", id="undo", tooltip="Undo the last change"),
        Binding("e", "edit_scores", "Scores", id="scores", tooltip="Edit my scores"),
        Binding("t", "app.timeline", "Timeline", id="timeline", tooltip="Every date of your Match year, today marked"),
        Binding("p", "app.programs", "Programs", id="programs", tooltip="My programs: add, import, filter, track"),
        Binding(
            "k", "app.rank_list", "Rank list", id="rank_list", tooltip="Your rank order list: order, flags, certified"
        ),
        Binding(
            "l",
            "app.letters",
            "Letters",
            show=False,
            id="letters",
            tooltip="Letters of recommendation and US clinical experience",
        ),
        # Not in the key bar (80 columns keep Help there): in help, the palette and the programs' bar.
        Binding(
            "c", "app.costs", "Costs", show=False, id="costs", tooltip="What the application season costs; signals"
        ),
        Binding("1", "show_pane('checklist')", "Checklist", show=False, id="pane1", tooltip="Go to the checklist"),
        Binding("2", "show_pane('matrix')", "Matrix", show=False, id="pane2", tooltip="Go to the requirement matrix"),
        Binding("3", "show_pane('countdown')", "Countdown", show=False, id="pane3", tooltip="Go to the countdown"),
        Binding("4", "show_pane('visa')", "Visa", show=False, id="pane4", tooltip="Go to J-1 vs H-1B"),
        Binding("5", "show_pane('stats')", "Stats", show=False, id="pane5", tooltip="Go to the specialty stats"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.document = session.files.progress
        self.active_pane = "checklist"
        self.situation: Situation | None = None
        self.season: Season | None = None  # from programs.json, read after the first frame
        self._programs_stale = False
        self._specialties: tuple[str, ...] = ()
        self.zone = session.zone()
        self._shown_minute: datetime | None = None
        self.too_small = False  # the panes are hidden behind a "make the window larger" note
        self._focus_when_shown: Widget | None = None  # what had focus before the note hid it

    def compose(self) -> ComposeResult:
        yield Static(id="statusbar", markup=False)
        yield PaneBar(PANES, id="pane-bar")
        with Container(id="panes"):
            # Grid order: the checklist spans the left column; see app.tcss.
            # Born with their classes: a class changed before the first frame restyles a pane twice.
            panes: tuple[tuple[str, type[Widget]], ...] = (
                ("checklist", ChecklistPane),
                ("countdown", CountdownPane),
                ("matrix", MatrixPane),
                ("stats", StatsPane),
                ("visa", VisaPane),
            )
            for pane, widget in panes:
                yield widget(id=pane, classes="pane -active" if pane == self.active_pane else "pane")
        # At 80 columns not every key fits: these go first (help and the palette list them all).
        yield KeyBar(id="keybar", drop_order=("quit", "scores", "undo", "mode", "help"))

    def on_mount(self) -> None:
        self.apply_layout(*self.app.size)  # before the first frame: one layout pass, not two
        self.document.subscribe(self._progress_changed)
        self.session.files.subscribe_programs(self._programs_changed)
        self.refresh_views()
        # The program list's specialties decide ERAS or ResidencyCAS; a list of thousands takes
        # ~60 ms to read (and its modules ~5 ms to load), so it is read half a second in, once
        # the first frames are out.
        self.set_timer(PROGRAMS_AFTER, self._read_programs)
        made = self.session.files.programs_if_made
        if made is not None and made.loaded:  # read before this screen was up (a test): after the first frame
            self.call_after_refresh(self._read_programs)
        self.call_after_refresh(self._tell_fact_problems)  # once the screen can show notices
        if self.too_small:
            self._focus_when_shown = self.query_one(StepList)
        else:
            self.query_one(StepList).focus()
        self.set_interval(1.0, self.tick)

    def _tell_fact_problems(self) -> None:
        for problem in self.session.catalog.user_problems:  # a bad facts file of yours: said, and skipped
            self.notify(f"Your facts file was not used: {problem}", severity="warning", timeout=12)

    def on_unmount(self) -> None:
        self.document.unsubscribe(self._progress_changed)
        self.session.files.unsubscribe_programs(self._programs_changed)

    def _read_programs(self) -> None:
        programs = self.session.files.programs
        if programs.loaded:  # read already (by a command, a test, another view): take it in all the same
            self._programs_changed("loaded")
        else:
            programs.load()  # tells _programs_changed

    def on_screen_resume(self) -> None:
        if self._programs_stale:
            self._programs_changed("changed")

    def _programs_changed(self, why: str) -> None:
        """The program list (read half a second in, or changed): its specialties decide ERAS or
        ResidencyCAS; its interviews and rank list are the person's season."""
        if self.app.screen is not self:  # another view is on top: catch up when this one shows again
            self._programs_stale = True
            return
        self._programs_stale = False
        from ..domain.interviews import conflicts, interview_events  # with the list: not at start-up
        from ..domain.ranklist import ranked

        book = self.session.files.programs.value
        zone = self.session.zone()
        season = Season(
            tuple(interview_events(book.programs, zone)),
            conflicts(book.programs, zone),
            len(ranked(book.programs)),
            book.certified,
            zone,
        )
        had_season = self.season is not None and bool(self.season.interviews or self.season.ranked)
        self.season = season
        specialties = self.session.program_specialties(load=False)
        new_specialties = self.situation is None or specialties != self._specialties
        if new_specialties or had_season or season.interviews or season.ranked:  # else nothing to repaint
            self.refresh_views()

    # -- what is shown -------------------------------------------------------------------
    def _progress_changed(self, why: str) -> None:
        self.refresh_views()
        if why == "outside":
            self.notify("Progress file changed outside this window: reloaded.", timeout=4)

    def refresh_views(self) -> None:
        now = self.session.clock()
        self._shown_minute = now.replace(second=0, microsecond=0)
        progress = self.session.progress(strict=False)
        self._specialties = self.session.program_specialties(load=False)
        self.situation = situation(self.session.catalog, progress, now, self._specialties)
        self.zone = self.session.zone()
        view = MainView(self.situation, self.session.catalog, progress.scores, now, self.zone, self.season)
        self.query_one(ChecklistPane).show(view)
        self.query_one(MatrixPane).show(view)
        self.query_one(CountdownPane).show(view)
        self.query_one(VisaPane).show(view)
        self.query_one(StatsPane).show(view)
        self._show_status()

    def _show_status(self) -> None:
        s = self.situation
        if s is None:
            return
        problem = self.document.problem
        where = path_for_display(self.document.path)
        done = sum(1 for st in s.steps if st.done)
        # The step count lives here, not in the checklist's border: a tick then repaints one
        # status line instead of the whole pane.
        history = " (history, not advice)" if s.history else ""
        head = (
            f" {MODE_LABEL[s.mode]} · rules: {s.rules.id}{history} · Match {s.match_year} · {done}/{len(s.steps)} done"
        )
        if problem is not None:
            head = (
                " ⚠ READ-ONLY, nothing is saved: the progress file has a problem (ctrl+p: Back up and start fresh) ·"
                + head
            )
        # The facts' age when there is room for it (the countdown says it too).
        reviewed = self.session.catalog.reviewed
        facts = f"facts as of {reviewed.isoformat()}" if reviewed else "facts"
        if s.stale:
            facts += f" (⚠ {len(s.stale)} stale)"
        status = fit_status(head, zone_name(self.zone), facts, where, self.size.width)
        bar = self.query_one("#statusbar", Static)
        update_if_changed(bar, status)
        bar.set_class(problem is not None, "read-only")

    def tick(self) -> None:
        """Once a second: the countdown's values; each new minute, everything (a warning's
        whole days left change at its deadline's minute of the day; panes repaint only what
        changed)."""
        now = self.session.clock()
        if now.replace(second=0, microsecond=0) != self._shown_minute:
            self.refresh_views()
        else:
            self.query_one(CountdownPane).tick(now)

    # -- layout --------------------------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        self.apply_layout(event.size.width, event.size.height)

    def apply_layout(self, width: int, height: int) -> None:
        too_small = width < TOO_SMALL[0] or height < TOO_SMALL[1]
        if too_small and not self.query("#too-small"):  # made when first needed: rarely
            self.mount(
                Static(
                    f"imgtui needs at least {TOO_SMALL[0]}×{TOO_SMALL[1]}: please make the window larger (q quits).",
                    id="too-small",
                )
            )
        self.set_class(too_small, "too-small")
        self._hide_panes(too_small)
        self.set_class(not (width >= WIDE[0] and height >= WIDE[1]), "narrow")
        self.set_class(height >= TALL, "tall")
        self.show_pane(self.active_pane, focus=False)
        self._show_status()  # the status line fits itself to the width

    def _hide_panes(self, hidden: bool) -> None:
        """Behind the too-small note nothing may act: the panes are disabled (so no pane can
        hold focus, and none of their keys reaches them) and `check_action` refuses the
        screen's and the app's keys but quitting. Focus comes back where it was."""
        if hidden == self.too_small:
            return
        self.too_small = hidden
        if hidden:
            self._focus_when_shown = self.focused
        for part in self.query("#panes, #pane-bar"):
            part.disabled = hidden
        if not hidden:
            target, self._focus_when_shown = self._focus_when_shown, None
            if target is None or not target.is_attached or not target.focusable:
                target = self.query_one(StepList)
            target.focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The main screen's keys, and (through the app's check_action) the app's: while the
        too-small note hides the panes, only quitting."""
        return not self.too_small or action in ACTIONS_WHEN_TOO_SMALL

    def on_pane_bar_chosen(self, event: PaneBar.Chosen) -> None:
        self.show_pane(event.pane, focus=True)

    def action_show_pane(self, pane: str) -> None:
        self.show_pane(pane, focus=True)

    def show_pane(self, pane: str, focus: bool) -> None:
        self.active_pane = pane
        for name, _title in PANES:
            self.query_one(f"#{name}").set_class(name == pane, "-active")
        self.query_one(PaneBar).active = pane
        if focus:
            target: Widget = (
                {"checklist": StepList, "stats": SpecialtyTable}.get(pane)
                and self.query_one({"checklist": StepList, "stats": SpecialtyTable}[pane])
            ) or self.query_one(f"#{pane}")
            if target.focusable:
                target.focus()

    # -- changes -------------------------------------------------------------------------
    def on_step_list_toggle(self, event: StepList.Toggle) -> None:
        if self.situation is None:
            return
        state = next(s for s in self.situation.steps if s.step.id == event.step_id)
        self.toggle_step(state)

    def toggle_step(self, state: StepState) -> None:
        path = ("completed", state.step.id)
        if state.how in ("done", "impossible"):  # ticked: space unticks
            save_change(
                self.notify, self.document, f"unticked {state.step.title}", lambda p: [Edit(path, None, MISSING)]
            )
        else:
            today = self.session.today()
            save_change(self.notify, self.document, f"ticked {state.step.title}", lambda p: [Edit(path, None, today)])

    def on_step_list_set_date(self, event: StepList.SetDate) -> None:
        """d on a done step: the day it was really done (a first launch ticks a history of
        exams "today"), or on a step an older tick fails to satisfy, that tick's date."""
        if self.situation is None:
            return
        from ..widgets.checklist import date_target
        from .dates import DateScreen

        state = next(s for s in self.situation.steps if s.step.id == event.step_id)
        target = date_target(state)
        progress = self.session.progress(strict=False)
        if target is None or target not in progress.completed:
            return
        step = self.session.catalog.step(target)
        title = step.title if step else target
        note = "; ".join(n.reason for n in state.not_counted)

        def chosen(day: date | None) -> None:
            if day is not None:
                path = ("completed", target)
                save_change(self.notify, self.document, f"date of {title}: {day}", lambda p: [Edit(path, None, day)])

        self.app.push_screen(DateScreen(title, progress.completed[target], self.session.today(), note), chosen)

    def action_switch_applicant_mode(self) -> None:
        new = other_mode(self.session.progress(strict=False).mode)
        if change_setting(self.session, self.notify, "mode", new, f"mode: {MODE_LABEL[new]}"):
            self.notify(f"Mode: {MODE_LABEL[new]}", timeout=2)

    def action_undo(self) -> None:
        reverted = undo_change(self.notify, self.document)
        if reverted is None:
            return
        # Name the state as it is now: "Undone: mode: US IMG" read as if US IMG were back.
        now = self.session.progress(strict=False)
        shown = "; ".join(self.describe(e.path, now.get(e.path)) for e in reverted.reverted) or "nothing changed"
        self.notify(f"Undone. Now: {shown}{kept_note(reverted)}", timeout=4)

    def describe(self, path: tuple[Any, ...], value: Any) -> str:
        """A part of the progress as it is now, in words (for undo messages)."""
        head = path[0]
        if head == "mode":
            return f"mode {MODE_LABEL[value]}"
        if head == "completed":
            shown = self.situation.steps if self.situation else []
            title = next((st.step.title for st in shown if st.step.id == path[1]), path[1])
            return f"{title} not done" if value is MISSING else f"{title} done {value.isoformat()}"
        if head == "scores":
            return f"{path[1]} score {'none' if value is MISSING else value}"
        if head == "match_year":
            return "target Match: the next one" if value is MISSING else f"target Match {value}"
        if path[-1] == "timezone":
            return f"time zone {'the system’s' if value is MISSING else value}"
        return f"{path[-1]} {'not set' if value is MISSING else value}"

    def action_edit_scores(self) -> None:
        from .scores import ScoresScreen

        def done(scores: dict[str, int | str | None] | None) -> None:
            if scores is None:
                return
            edits = [Edit(("scores", key), None, MISSING if value is None else value) for key, value in scores.items()]
            save_change(self.notify, self.document, "scores", lambda p: edits)

        self.app.push_screen(ScoresScreen(dict(self.session.progress(strict=False).scores)), done)


def fit_status(head: str, zone: str, facts: str, where: str, width: int) -> str:
    """The status line at `width`: everything when it fits; else, in turn, without the facts'
    age, the zone by its city ("Asia/Kolkata" → "Kolkata", the same name shortened), the file
    by its name, and no file. The file's name is never cut mid-word."""
    city = zone.rsplit("/", 1)[-1]
    name = where.replace("\\", "/").rsplit("/", 1)[-1]
    candidates = [
        (zone, facts, where),
        (zone, "", where),
        (city, "", where),
        (zone, "", name),
        (city, "", name),
        (city, "", ""),
    ]
    for shown_zone, shown_facts, shown_file in candidates:
        line = " · ".join(part for part in (head, shown_zone, shown_facts, shown_file) if part)
        if len(line) <= width:
            return line
    return line


def change_setting(session: Session, notify: Any, key: str, value: Any, description: str) -> bool:
    """Save a setting (mode, rules, Match year, theme, …): the person chose, so this run's
    command-line option for it no longer applies."""
    if hasattr(session.options, key):
        setattr(session.options, key, None)
    path = setting_path(key)
    return save_change(notify, session.files.progress, description, lambda p: [Edit(path, None, value)]) is not None
