"""The rank order list: the programs interviewed at, in the person's order, moved with keys;
flags and notes beside each; how many ranks go beyond those the NRMP registration fee covers;
the certify-by deadline while the person has not marked the list certified. Stored with the
programs (each program's `rank`), so it is saved, undone and shared between windows like
every other change."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from ..domain.dates import latest_today
from ..domain.flags import FlagsByProgram, catalog_limits
from ..domain.interviews import describe_interview
from ..domain.patch import Applied, Edit
from ..domain.programs import Key, Program, ProgramBook, program_edits
from ..domain.ranklist import (
    RankError,
    add_edits,
    beyond_included,
    candidates,
    certify_edits,
    interviewed,
    move_edits,
    ranked,
    remove_edits,
    with_uncertify,
)
from ..domain.summary import Situation
from ..domain.timeline import days_left, find
from ..labels import STATUS_MARK, deadline_when
from ..persistence.locked_file import DataFileError, write_atomically
from ..sanitize import visible
from ..session import Session
from ..widgets.keybar import KeyBar
from ..widgets.quiet import update_if_changed
from ..widgets.rank_list import RankList, Row
from .saving import kept_note, save_change, undo_change

NOT_INTERVIEWED = "no completed interview recorded here"


class RankListScreen(Screen[None]):
    CSS_PATH = "screens.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [  # the most used first: the key bar is cut at 80 columns
        Binding(
            "shift+up,K",
            "move(-1)",
            "Up",
            key_display="⇧↑",
            id="ranks_up",
            tooltip="Move the highlighted program up one place (also K)",
        ),
        Binding(
            "shift+down,J",
            "move(1)",
            "Down",
            key_display="⇧↓",
            id="ranks_down",
            tooltip="Move the highlighted program down one place (also J)",
        ),
        Binding("a", "add", "Rank", id="ranks_add", tooltip="Put the highlighted program at the bottom of the list"),
        Binding("d,delete", "remove", "Unrank", id="ranks_remove", tooltip="Take the program off the list (u undoes)"),
        Binding(
            "c",
            "certified",
            "Certified",
            id="ranks_certified",
            tooltip="Mark (or unmark) the list as certified on NRMP R3 — you certify there, not here",
        ),
        Binding("u", "undo", "Undo", id="ranks_undo", tooltip="Undo the last change here"),
        Binding("enter", "edit", "Edit", id="ranks_edit", tooltip="Edit the highlighted program (notes, interview…)"),
        Binding("x", "export_csv", "Export", id="ranks_export", tooltip="Write the list, in order, to a CSV file"),
        Binding("l", "app.letters", "Letters", id="ranks_letters", tooltip="Letters and US clinical experience"),
        Binding("escape,k", "app.pop_screen", "Back", id="ranks_back", tooltip="Back"),
    ]

    def __init__(self, session: Session, situation: Situation | None) -> None:
        super().__init__()
        self.session = session
        self.document = session.files.programs
        self.deadline = find(situation.deadlines, "rank_order_list_deadline") if situation else None
        self.limits = catalog_limits(session.catalog)
        self.flags: Mapping[Key, list[str]] = {}
        self.order: list[Program] = []

    def compose(self) -> ComposeResult:
        yield Static(id="ranks-status", markup=False)
        yield RankList(id="rank-list")
        yield Static(id="rank-detail")
        yield KeyBar(id="ranks-keybar")

    def on_mount(self) -> None:
        self.document.subscribe(self._programs_changed)
        self.document.ensure_loaded()
        self.rebuild()
        self.query_one(RankList).focus()

    def on_unmount(self) -> None:
        self.document.unsubscribe(self._programs_changed)

    @property
    def book(self) -> ProgramBook:
        return self.document.value

    def _programs_changed(self, why: str) -> None:
        if not self.is_mounted:
            return
        self.rebuild()
        if why == "outside":
            self.notify("Program list changed outside this window: reloaded.", timeout=4)

    def rebuild(self, keep: Key | None = None) -> None:
        listing = self.query_one(RankList)
        current = listing.current
        keep = keep or (current[1].key if current else None)
        self.order = ranked(self.book.programs)
        waiting = candidates(self.book.programs)
        self.flags = FlagsByProgram(
            [*self.order, *waiting],
            self.session.flag_context(self.book),
            lambda p: [NOT_INTERVIEWED] if p.rank is not None and not interviewed(p) else [],
        )
        rows: list[Row] = [(place, p) for place, p in enumerate(self.order, 1)] + [(None, p) for p in waiting]
        listing.show_rows(rows, self.flags, self.limits.ranks_included, keep)
        self.show_status(len(waiting))
        self.show_detail(listing.current)

    def show_status(self, waiting: int) -> None:
        """Two short lines (they must fit 80 columns): the count and the fee, the certify-by date."""
        included = self.limits.ranks_included
        count = len(self.order)
        extra = beyond_included(count, included)
        line = f" Rank list: {count} ranked"
        if extra:
            line += f" · {extra} beyond the {included} the fee covers ($: each costs the NRMP per-rank fee)"
        else:
            line += f" · the NRMP fee covers {included}"
        if waiting:
            line += f" · {waiting} to rank (+): a"
        line += "\n " + self.certify_status()
        if self.document.problem:
            line = f" ⚠ READ-ONLY: {self.document.problem.problem}\n" + line
        update_if_changed(self.query_one("#ranks-status", Static), line)

    def certify_status(self) -> str:
        certified, deadline, now = self.book.certified, self.deadline, self.session.clock()
        if certified is not None:
            return f"✓ marked certified {certified:%Y-%m-%d %H:%M} · a change needs certifying again on R3"
        if deadline is None:
            return "not certified"
        mark = f"{STATUS_MARK[deadline.status]} {deadline.status}"
        if deadline.at <= now:
            return f"not marked certified · the deadline was {deadline_when(deadline)} ET {mark}"
        left = days_left(deadline, now)
        return f"NOT certified: certify on R3 by {deadline_when(deadline)} ET {mark} · {left}d left"

    def on_line_table_moved(self, event: RankList.Moved) -> None:
        self.show_detail(self.query_one(RankList).current)

    def show_detail(self, row: Row | None) -> None:
        detail = self.query_one("#rank-detail", Static)
        if row is None:
            update_if_changed(
                detail,
                Text(
                    "Nothing to rank yet: programs you interviewed at (interview completed, or status interviewed) "
                    "appear here; a Rank column in `imgtui programs import` sets the order.",
                    style="dim",
                ),
            )
            return
        place, program = row
        text = Text.assemble(
            (f"#{place} " if place else "not ranked · ", "bold"),
            (visible(program.name), "bold"),
            f" · {visible(program.specialty)}",
            f" · {visible(', '.join(x for x in (program.city, program.state) if x))}\n"
            if program.city or program.state
            else "\n",
        )
        text.append(f"Interview: {describe_interview(program, self.session.zone())}\n")
        for flag in self.flags.get(program.key, []):
            text.append(f"⚠ {visible(flag)}\n", style="bold yellow")
        if program.notes:
            text.append(f"Notes: {visible(program.notes, newlines=True)}", style="italic")
        update_if_changed(detail, text)

    # -- changes -------------------------------------------------------------------------
    def change(self, description: str, edits_for: Callable[[ProgramBook], Sequence[Edit]]) -> Applied | None:
        return save_change(self.notify, self.document, description, edits_for)

    def _current(self) -> Row | None:
        return self.query_one(RankList).current

    def action_move(self, step: int) -> None:
        row = self._current()
        if row is None or row[0] is None:
            return
        key = row[1].key
        # Computed on the list as it is on disk when saved: another window's moves are kept.
        applied = self.change(f"moved {row[1].name}", lambda book: move_edits(book, key, step))
        if applied and applied.edits:  # the list was rebuilt when the change was saved (the cursor kept)
            self._said_uncertified(applied)

    def action_add(self) -> None:
        row = self._current()
        if row is None or row[0] is not None:
            return
        key, limit, path = row[1].key, self.limits.max_ranks, self.document.path
        if len(self.order) >= limit:
            self.notify(f"A rank order list holds at most {limit} programs (NRMP).", severity="warning", timeout=6)
            return

        def edits(book: ProgramBook) -> list[Edit]:
            try:  # checked again on the file as it is when saved: another window may have ranked meanwhile
                return add_edits(book, key, limit)
            except RankError as error:  # said as "Not saved: …", even from a save that waited for the lock
                raise DataFileError(path, str(error), file_unusable=False) from None

        applied = self.change(f"ranked {row[1].name}", edits)
        if applied and applied.edits:
            self._said_uncertified(applied)

    def action_remove(self) -> None:
        row = self._current()
        if row is None or row[0] is None:
            return
        key = row[1].key
        applied = self.change(f"unranked {row[1].name}", lambda book: remove_edits(book, key))
        if applied and applied.edits:
            self.notify(f"{row[1].name} is off the list (u undoes)", timeout=3)
            self._said_uncertified(applied)

    def action_certified(self) -> None:
        when = None if self.book.certified else self.session.clock()
        if self.change("certified mark", lambda book: certify_edits(book, when)):
            self.notify(
                "Marked certified (you certify on NRMP R3; any change here takes the mark back)"
                if when
                else "Certified mark taken back",
                timeout=5,
            )

    def _said_uncertified(self, applied: Applied) -> None:
        if any(e.path == ("rank_list", "certified") for e in applied.edits):
            self.notify("The list changed: certify it again on NRMP R3 (mark taken back)", severity="warning")

    def action_edit(self) -> None:
        from .programs import ProgramForm

        row = self._current()
        if row is None:
            return
        old = row[1]

        def saved(new: Program | None) -> None:
            if new is not None:
                self.change(f"saved {new.name}", lambda book: with_uncertify(book, program_edits(old, new)))
                self.rebuild(keep=new.key)

        self.app.push_screen(ProgramForm(old, lambda: latest_today(self.session.clock())), saved)

    def action_undo(self) -> None:
        reverted = undo_change(self.notify, self.document)
        if reverted is not None:
            self.notify(f"Undone: {reverted.applied.description}{kept_note(reverted)}", timeout=3)

    def action_export_csv(self) -> None:
        from ..domain.programs_csv import write_rank_list
        from .programs import PathScreen

        def chosen(path: str | None) -> None:
            if not path:
                return
            target = Path(path).expanduser()
            try:
                text = write_rank_list(self.order, {p.key: self.flags[p.key] for p in self.order})
                write_atomically(target, text.encode("utf-8"), mode=None)
            except OSError as error:
                self.notify(f"Cannot write {target}: {error.strerror or error}; nothing written", severity="error")
                return
            self.notify(f"Wrote {len(self.order)} ranked program(s) to {target}", timeout=5)

        self.app.push_screen(PathScreen("Export the rank list, in order, to a CSV file", "~/rank-list.csv"), chosen)
