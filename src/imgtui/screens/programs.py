"""My programs: the guide's "IMG-friendly list in 5 minutes", kept, filtered and tracked."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Static

from ..domain.costs import Costs
from ..domain.dates import latest_today
from ..domain.flags import FlagsByProgram
from ..domain.interviews import describe_interview
from ..domain.model import MODE_GROUP
from ..domain.patch import MISSING, Applied, Edit
from ..domain.programs import (
    FIELDS,
    STATUSES,
    TITLES,
    Key,
    Program,
    ProgramBook,
    ProgramError,
    form_edits,
    import_changes,
    import_summary,
    interview_problem,
    merge_edits,
    next_status,
    parse_filter,
    parse_program,
    sort_programs,
    status_words,
    to_record,
)
from ..domain.ranklist import with_uncertify
from ..domain.season import normal, season_name, specialty_names
from ..domain.services import service_for
from ..domain.signals import SignalUse, allowance, next_signal, screen_rows, signal_problems
from ..domain.stats import format_value
from ..persistence.locked_file import DataFileError, read_import_file, write_atomically
from ..sanitize import visible
from ..session import Session
from ..widgets.field import Field
from ..widgets.keybar import KeyBar
from ..widgets.program_list import LEGEND, ROOMY, ProgramList
from ..widgets.quiet import update_if_changed
from .saving import kept_note, save_change, undo_change

SORTS = ("name", "specialty", "img_pct", "status", "checked", "interview_date", "rank")
HINTS = {
    "j1": "yes / no / unknown",
    "h1b": "yes / no / unknown",
    "img_pct": "0-100",
    "min_step": "1-300",
    "interviews": "a whole number",
    "status": ", ".join(status_words(s) for s in STATUSES),
    "checked": "YYYY-MM-DD, not in the future",
    "interview_status": "invited / scheduled / waitlisted / completed / declined / cancelled",
    "interview_date": "YYYY-MM-DD",
    "interview_time": "as the program wrote it: 9:00 AM CT, 14:00 ET",
    "interview_zone": "CT, ET, MT, PT, AKT, HT or America/Chicago; may be in the time",
    "invited_on": "YYYY-MM-DD, or 2026-11-20 14:05 on your clock",
    "interview_format": "virtual / in person",
    "thank_you": "yes / no",
    "rank": "your place for it: 1 = first choice",
    "letters_required": "how many the program asks for",
    "usce_required": "yes / no / unknown",
    "will_apply": "yes / no: counted in the costs with the programs applied to",
    "signal": "gold / silver, or yes where the specialty has one kind; blank: none",
    "institution": "where the signal goes; blank: the program's name",
}


class ProgramsScreen(Screen[None]):
    CSS_PATH = "screens.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,p", "app.pop_screen", "Back", id="programs_back", tooltip="Back to the main view"),
        Binding("a", "add", "Add", id="programs_add", tooltip="Add a program"),
        Binding("enter", "edit", "Edit", id="programs_edit", tooltip="Edit the highlighted program"),
        Binding(
            "s",
            "signal",
            "Signal",
            id="programs_signal",
            tooltip="Signal the highlighted program: gold → silver → none (or on/off for a single kind)",
        ),
        # Not in the key bar (it would not fit 80 columns); in help, the README and the form.
        Binding(
            "w",
            "will_apply",
            "Will apply",
            show=False,
            id="programs_will_apply",
            tooltip="Mark or unmark: I will apply here",
        ),
        Binding("c", "app.costs", "Costs", id="programs_costs", tooltip="What the season costs; signals per specialty"),
        Binding(
            "right_square_bracket",
            "status(1)",
            "Status →",
            id="programs_next",
            tooltip="Move the highlighted program to the next status",
        ),
        Binding("left_square_bracket", "status(-1)", "← Status", id="programs_prev", tooltip="Back one status"),
        Binding("d", "delete", "Delete", id="programs_delete", tooltip="Delete (asks first; u undoes)"),
        Binding(
            "o", "sort", "Sort", id="programs_sort", tooltip="Sort by name, specialty, % IMG, status, date checked"
        ),
        Binding("u", "undo", "Undo", id="programs_undo", tooltip="Undo the last change here"),
        Binding("slash", "filter", "Filter", id="programs_filter", tooltip="Focus the filter"),
        Binding("i", "import_csv", "Import", id="programs_import", tooltip="Import programs from a CSV file"),
        Binding("x", "export_csv", "Export", id="programs_export", tooltip="Export every program to a CSV file"),
        Binding("k", "app.rank_list", "Rank list", show=False, id="programs_ranks", tooltip="Your rank order list"),
        Binding(
            "l", "app.letters", "Letters", show=False, id="programs_letters", tooltip="Letters and clinical experience"
        ),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.document = session.files.programs
        self.catalog = session.catalog
        progress = session.progress(strict=False)
        self.mode = progress.mode
        self.match_year = progress.target_year(session.clock())
        self.sort_index = 0
        self.flags: Mapping[Key, list[str]] = {}
        self.haystacks: dict[Key, str] = {}
        self.places = session.places()
        self.facts = session.catalog.season_facts
        self.season_costs: Costs | None = None
        self.signal_uses: dict[str, SignalUse] = {}

    def today(self) -> date:
        return self.session.clock().date()

    def latest_today(self) -> date:
        """What a typed or imported date may not be after: the latest date current anywhere."""
        return latest_today(self.session.clock())

    def compose(self) -> ComposeResult:
        yield Static(id="programs-status", markup=False)
        yield Field(
            placeholder="Filter: words, j1 or h1b, >=5 (% IMG), a status, division:pacific — e.g. internal j1 >=5",
            id="programs-filter",
        )
        yield ProgramList(id="program-list")
        yield Static(LEGEND, id="program-legend", markup=False)
        yield Static(id="program-detail")
        # At 80 columns not every key fits: these go first (help and the palette list them all).
        yield KeyBar(
            id="programs-keybar",
            drop_order=(
                "quit",
                "programs_export",
                "programs_import",
                "programs_prev",
                "programs_sort",
                "programs_undo",
                "programs_delete",
            ),
        )

    def on_resize(self) -> None:
        # Abbreviated statuses and flag symbols below 120 columns: their legend with them.
        self.query_one("#program-legend").display = self.size.width < ROOMY + 2

    def on_mount(self) -> None:
        self.document.subscribe(self._programs_changed)
        self.session.files.progress.subscribe(self._programs_changed)  # divisions chosen, Match year
        self.document.ensure_loaded()
        for warning in self.document.warnings[:3]:  # odd but usable: said, never refused
            self.notify(f"programs.json: {warning}", severity="warning", timeout=8)
        if len(self.document.warnings) > 3:
            self.notify(f"… and {len(self.document.warnings) - 3} more dates in the future", severity="warning")
        self._index()
        self.refilter()
        self.query_one(ProgramList).focus()

    def on_unmount(self) -> None:
        self.document.unsubscribe(self._programs_changed)
        self.session.files.progress.unsubscribe(self._programs_changed)

    # -- data ----------------------------------------------------------------------------
    @property
    def book(self) -> ProgramBook:
        return self.document.value

    def _programs_changed(self, why: str) -> None:
        if not self.is_mounted:
            return
        keep = self.query_one(ProgramList).current
        self._index()
        self.refilter(keep.key if keep else None)
        if why == "outside":
            self.notify("Program list changed outside this window: reloaded.", timeout=4)

    def _index(self) -> None:
        # Interviews, letters, fit, place: every flag, worked out for the rows drawn (FlagsByProgram).
        self.flags = FlagsByProgram(self.book.programs, self.session.flag_context(self.book))
        self.haystacks = {p.key: p.haystack() for p in self.book.programs}
        # The season beside the list: per specialty, what one more program costs and the signals.
        self.season_costs = self.session.costs(self.book.programs)
        self.signal_uses = {normal(u.allowance.specialty): u for u in self.session.signals(self.book.programs)}

    def refilter(self, keep: Key | None = None) -> None:
        chosen = parse_filter(self.query_one("#programs-filter", Input).value, self.places)
        rows = [p for p in self.book.programs if chosen.matches(p, self.haystacks[p.key])]
        rows = sort_programs(rows, SORTS[self.sort_index], descending=SORTS[self.sort_index] == "img_pct")
        listing = self.query_one(ProgramList)
        listing.show_programs(rows, self.flags, keep or (listing.current.key if listing.current else None))
        total = len(self.book.programs)
        status = f" My programs: {len(rows):,} of {total:,} shown · "
        for problem in chosen.problems:  # a division word that names none: said, not silently 0 shown
            status += f"⚠ {visible(problem)} · "
        status += f"sorted by {TITLES[SORTS[self.sort_index]]}"
        if self.document.problem:
            status = f" ⚠ READ-ONLY: {visible(self.document.problem.problem)} ·" + status
        update_if_changed(self.query_one("#programs-status", Static), status)
        self.show_detail(listing.current)

    def change(self, description: str, edits_for: Callable[[ProgramBook], Sequence[Edit]]) -> Applied | None:
        return save_change(self.notify, self.document, description, edits_for)

    # -- display -------------------------------------------------------------------------
    def on_line_table_moved(self, event: ProgramList.Moved) -> None:
        self.show_detail(self.query_one(ProgramList).current)

    def show_detail(self, program: Program | None) -> None:
        detail = self.query_one("#program-detail", Static)
        if program is None:
            update_if_changed(
                detail,
                Text("No program selected. a adds one; `imgtui programs import FILE.csv` imports a list.", style="dim"),
            )
            return
        place = self.places.place(program.state)
        where = place.division.name if place.division else (place.outside.name if place.outside else "")
        text = Text.assemble(  # every value from the person's file made visible, never obeyed
            (visible(program.name), "bold"),
            f" · {visible(program.specialty)}",
            f" · {visible(', '.join(x for x in (program.city, program.state) if x))}",
            f" · {where} division\n" if place.division else (f" · {where}\n" if where else "\n"),
        )
        text.append(
            f"J-1 {program.j1} · H-1B {program.h1b} · % IMG "
            f"{'?' if program.img_pct is None else format(program.img_pct, 'g')} · min score "
            f"{program.min_step or '?'} · interviews {program.interviews if program.interviews is not None else '?'}"
            f" · status {program.status.replace('_', ' ')}{' · will apply' if program.will_apply else ''}"
            f" · site checked {program.checked.isoformat() if program.checked else 'never'}"
        )
        signal = {"gold": "gold signal", "silver": "silver signal", "yes": "signal"}.get(program.signal)
        text.append(f" · {signal} (to {visible(program.institution_name)})\n" if signal else "\n")
        if program.interview or program.rank is not None:
            rank = f" · rank {program.rank}" if program.rank is not None else ""
            text.append(f"Interview: {describe_interview(program, self.session.zone())}{rank}\n")
        for flag in self.flags.get(program.key, []):
            text.append(f"⚠ {visible(flag)}\n", style="bold yellow")  # a conflict names another program
        text.append_text(self.application_service(program.specialty))
        text.append_text(self.season_lines(program))
        text.append_text(self.specialty_stats(program.specialty))
        if program.notes:
            text.append(f"\nNotes: {visible(program.notes, newlines=True)}", style="italic")
        update_if_changed(detail, text)

    def season_lines(self, program: Program) -> Text:
        """The program's specialty in the season: what one more program costs, the signals."""
        text = Text()
        if self.season_costs is not None:
            fee = self.season_costs.specialty_fee(program.specialty, self.facts)
            paid = "fee unknown" if fee.fee is None else f"${fee.fee:,}"
            fees = f"{fee.programs} you apply to, {paid}"
            line = f"{season_name(self.season_costs.season)}: {fee.specialty}: {fees} · {fee.next_words()}"
            text.append(visible(line) + "\n")
        names = specialty_names(self.facts.names)
        use = self.signal_uses.get(normal(names.signal_group(program.specialty)))
        if use is not None:
            allowed = use.allowance
            line = f"Signals, {allowed.specialty}: {allowed.words()} · {use.words()}"
            text.append(visible(line) + "\n", style="magenta")
        return text

    def application_service(self, specialty: str) -> Text:
        """ERAS or ResidencyCAS for this program's specialty in the person's Match year."""
        services = self.catalog.services
        if services is None:
            return Text("")
        choice = service_for(services, specialty, self.match_year)
        if choice.because is None:
            where = (
                f"Apply through {choice.service.title} (the usual service for {visible(specialty) or 'this specialty'})"
            )
        else:
            because = choice.because
            where = f"Apply through {choice.service.title}: {because.note} [{because.provenance.status}]"
        return Text(f"{where}; the program's listing in NRMP's Program Directory names its service.\n", style="cyan")

    def specialty_stats(self, specialty: str) -> Text:
        group = MODE_GROUP[self.mode]
        names = specialty_names(self.facts.names)  # "OB/GYN" is the table's Obstetrics and Gynecology, as for fees
        parts = []
        for table_id, column, label in (
            ("positions_filled_by_imgs", "all_img", "positions filled by IMGs"),
            ("positions_filled_by_imgs", group, "by " + ("US" if group == "us_img" else "non-US") + " IMGs"),
            ("step2ck_img_outcome", f"{group}_matched", "CK matched"),
            ("step2ck_img_outcome", f"{group}_unmatched", "CK unmatched"),
        ):
            table = self.catalog.stats_table(table_id)
            row = next((r for r in table.rows if names.same(r.specialty, specialty)), None)
            if row is None:
                return Text(f"The guide's 2018 tables have no row for {visible(repr(specialty))}.", style="dim")
            value = format_value(table, row.values[table.column_index(column)])
            parts.append(f"{label} {value}{'?' if column in row.uncertain else ''}")
        return Text(
            f"{visible(specialty)}, 2018, from the guide (CK: NRMP Charting Outcomes; % filled: a table whose source "
            "the guide does not name): " + " · ".join(parts),
            style="cyan",
        )

    # -- actions -------------------------------------------------------------------------
    def action_filter(self) -> None:
        self.query_one("#programs-filter", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "programs-filter":
            self.refilter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "programs-filter":
            self.query_one(ProgramList).focus()

    def action_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self.refilter()

    def action_status(self, step: int) -> None:
        program = self.query_one(ProgramList).current
        if program is None:
            return
        moved = next_status(program, step)
        if moved.status == program.status:
            return
        applied = self.change(
            f"{program.name}: {moved.status}", lambda b: [Edit((program.key, "status"), None, moved.status)]
        )
        if applied is not None:
            said = moved.status.replace("_", " ") if applied.edits else "not changed (deleted or moved elsewhere)"
            self.notify(f"{program.name}: {said}", timeout=2)

    def action_signal(self) -> None:
        program = self.query_one(ProgramList).current
        if program is None:
            return
        use = self.signal_uses.get(normal(specialty_names(self.facts.names).signal_group(program.specialty)))
        if use is None:  # not indexed yet: as if none of the specialty's signals were used
            use = SignalUse(allowance(self.facts, program.specialty, self.session.season()), 1, ())
        allowed = use.allowance
        if not allowed.known and not program.signal:
            self.notify(f"{allowed.specialty} takes no signal: {allowed.basis()}", severity="warning", timeout=8)
            return
        after = next_signal(use, program)  # a kind used up is skipped: gold all used gives silver
        if after is None:
            self.notify(
                f"Not saved: every {allowed.specialty} signal is used ({use.words(names=False)})",
                severity="warning",
                timeout=8,
            )
            return
        if self.change(
            f"{program.name}: signal {after or 'none'}", lambda b: [Edit((program.key, "signal"), None, after)]
        ):
            shown = {"gold": "gold signal", "silver": "silver signal", "yes": "signal"}.get(after, "no signal")
            self.notify(f"{program.name}: {shown}", timeout=2)

    def action_will_apply(self) -> None:
        program = self.query_one(ProgramList).current
        if program is None:
            return
        after = not program.will_apply
        if self.change(
            f"{program.name}: {'will apply' if after else 'not planned'}",
            lambda b: [Edit((program.key, "will_apply"), None, after)],
        ):
            self.notify(f"{program.name}: {'will apply' if after else 'no longer planned'}", timeout=2)

    def check_signal(self, old: Program | None, new: Program) -> str | None:
        """What the signal rules say of saving `new` over `old` (for the form), or None."""
        before = [p for p in self.book.programs if p.signal]
        gone = {new.key, *((old.key,) if old else ())}
        after = [p for p in before if p.key not in gone] + ([new] if new.signal else [])
        problems = signal_problems(self.facts, self.session.season(), before, after)
        return "; ".join(problems) or None

    def action_add(self) -> None:
        self.app.push_screen(
            ProgramForm(None, self.latest_today, lambda new: self.check_signal(None, new)), self._saved_form
        )

    def action_edit(self) -> None:
        program = self.query_one(ProgramList).current
        if program is not None:
            self.app.push_screen(
                ProgramForm(program, self.latest_today, lambda new: self.check_signal(program, new)),
                lambda new: self._saved_form(new, program),
            )

    def _saved_form(self, new: Program | None, old: Program | None = None) -> None:
        if new is None:
            return
        self.change(f"saved {new.name}", lambda b: with_uncertify(b, form_edits(b, old, new)))
        self.refilter(new.key)

    def action_delete(self) -> None:
        program = self.query_one(ProgramList).current
        if program is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes and self.change(f"deleted {program.name}", lambda b: [Edit((program.key,), None, MISSING)]):
                self.notify(f"Deleted {program.name} (u undoes)", timeout=4)

        self.app.push_screen(ConfirmScreen(f"Delete {program.name} ({program.specialty})?"), confirmed)

    def action_undo(self) -> None:
        reverted = undo_change(self.notify, self.document)
        if reverted is not None:
            now = "; ".join(self.describe(e) for e in reverted.reverted) or "nothing changed"
            self.notify(f"Undone. Now: {now}{kept_note(reverted)}", timeout=4)

    def describe(self, edit: Edit) -> str:
        """The part of the program list an undone edit touched, as it is now, in words (for
        undo messages); a program no longer in the list is named as it was written."""
        path = edit.path
        key = path[0]
        assert isinstance(key, tuple)
        program = self.book.find(key)
        written = next((v for v in (edit.old, edit.new) if isinstance(v, Program)), None)
        name = program.name if program else written.name if written else str(key[0])
        if len(path) == 1:
            return f"{name} {'in your list' if program else 'not in your list'}"
        value = self.book.get(path)
        if path[1] == "status" and isinstance(value, str):
            return f"{name}: {status_words(value)}"
        return f"{name}: {TITLES.get(str(path[-1]), path[-1])} {'not set' if value in (MISSING, None, '') else value}"

    def action_import_csv(self) -> None:
        def chosen(path: str | None) -> None:
            if path:
                self.import_csv(Path(path).expanduser())
            elif path == "":
                self.notify("Nothing imported: no file given.", timeout=4)

        self.app.push_screen(
            PathScreen(
                "Import programs from a CSV file (header row; see README for columns)", "~/Downloads/freida.csv"
            ),
            chosen,
        )

    def import_csv(self, path: Path) -> None:
        from ..domain.programs_csv import CsvError, read_programs

        try:
            result = read_programs(read_import_file(path), self.latest_today())
        except DataFileError as error:
            self.notify(f"Cannot import {path}: {error.problem}", severity="error", timeout=8)
            return
        except CsvError as error:
            self.notify(f"{path.name}: {error}", severity="error", timeout=10)
            return
        rows, signal_problems = screen_rows(self.facts, self.session.season(), self.book, result)
        problems = result.problems + signal_problems
        if problems:  # as on the command line: all or nothing, every bad line named
            shown = "\n".join(problems[:5]) + (f"\n… and {len(problems) - 5} more" if len(problems) > 5 else "")
            self.notify(
                f"{path.name}: nothing imported, {len(result.problems) + len(result.rows) - len(rows)} "
                f"bad row(s):\n{shown}\n"
                "Fix them, or use `imgtui programs import --skip-invalid`.",
                severity="error",
                timeout=15,
            )
            return
        applied = self.change(
            f"import of {path.name}", lambda book: with_uncertify(book, merge_edits(book, result.rows))
        )
        if applied is None:
            return
        added, updated, fields = import_summary(applied)
        kept = f"; kept columns: {', '.join(result.unknown_columns)}" if result.unknown_columns else ""
        changes = import_changes(applied, self.book)
        named = f": {'; '.join(changes[:3])}{'; …' if len(changes) > 3 else ''}" if changes else ""
        self.notify(
            f"Imported {len(result.rows)} row(s) from {path.name}: {added} new, {updated} updated "
            f"({fields} field(s)){named}{kept} (u undoes)",
            timeout=6,
        )

    def action_export_csv(self) -> None:
        def chosen(path: str | None) -> None:
            if path is None:  # esc
                return
            from ..domain.programs_csv import write_programs

            target = Path(path).expanduser()
            try:
                write_atomically(
                    target, write_programs(self.book.programs).encode("utf-8"), mode=None, into_devices=True
                )
            except OSError as error:
                self.notify(
                    f"Cannot write {target}: {error.strerror or error}; nothing written", severity="error", timeout=8
                )
                return
            self.notify(f"Wrote {len(self.book.programs)} program(s) to {target}", timeout=5)

        self.app.push_screen(
            PathScreen("Export every program to a CSV file", "~/programs.csv", default="~/programs.csv"), chosen
        )


def _as_text(value: object) -> str:
    if isinstance(value, bool):  # thank-you sent
        return "yes" if value else "no"
    return "" if value is None else (format(value, "g") if isinstance(value, float) else str(value))


class PathScreen(ModalScreen[str | None]):
    """Returns the path typed; with the field left empty, `default` if there is one, else ""
    (the caller says nothing was done); None on esc."""

    CSS_PATH = "screens.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, example: str, default: str | None = None) -> None:
        super().__init__()
        self.question, self.example, self.default = question, example, default

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(visible(self.question), classes="title", markup=False)
            placeholder = f"{self.default} (enter for this)" if self.default else self.example
            yield Field(placeholder=placeholder, id="path")
            yield Static("enter: go · esc: cancel", classes="hint")
        yield KeyBar(classes="dialog-keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or self.default or "")

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    CSS_PATH = "screens.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "answer(False)", "No"),
        Binding("y", "answer(True)", "Yes"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(visible(self.question), classes="title", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button("Yes (y)", id="yes", variant="error")
                yield Button("No (n)", id="no", variant="primary")
        yield KeyBar(classes="dialog-keys")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


def focus_to_type(field: Input) -> None:
    """A form's first field, focused as it opens: typing goes there (after what it holds)."""
    field.select_on_focus = False
    field.focus()
    field.cursor_position = len(field.value)


def close_form(form: ModalScreen[Any], changed: bool, question: str) -> None:
    """Esc on a form: close it; on a changed one, only after asking (`question`), so nothing
    typed is lost by a stray key."""
    if not changed:
        form.dismiss(None)
        return

    def answered(discard: bool | None) -> None:
        if discard:
            form.dismiss(None)

    form.app.push_screen(ConfirmScreen(question), answered)


class ProgramForm(ModalScreen[Program | None]):
    """Add or edit one program; validated by the same rules as the CSV import, and its signal
    by the signal rules (`check`: a problem to show, or None)."""

    CSS_PATH = "screens.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        program: Program | None,
        today: Callable[[], date],
        check: Callable[[Program], str | None] = lambda program: None,
    ) -> None:
        super().__init__()
        self.program, self.today, self.check = program, today, check
        self.original: dict[str, str] = {}  # each field as stored, shown made visible

    def compose(self) -> ComposeResult:
        record = (
            to_record(self.program) if self.program else {"status": "researching", "j1": "unknown", "h1b": "unknown"}
        )
        self.original = {name: _as_text(record.get(name)) for name in FIELDS}
        with VerticalScroll(id="program-form"):
            yield Static("Edit program" if self.program else "Add a program", classes="title")
            for name in FIELDS:
                value = record.get(name)
                if name == "status" and isinstance(value, str):
                    value = status_words(value)  # as the list prints it
                yield Label(
                    f"{TITLES[name]}"
                    + (f" ({HINTS[name]})" if name in HINTS else "")
                    + (" *" if name in ("name", "specialty") else "")
                )
                # Shown with control characters made visible; an untouched field keeps its value (_save).
                yield Field(value=visible(_as_text(value)), id=f"pf-{name}")
                yield Static("", id=f"pf-error-{name}", classes="error", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield KeyBar(classes="dialog-keys")

    def on_mount(self) -> None:
        # Typing right after `a` goes into the name, not nowhere (and an edit adds to it).
        focus_to_type(self.query_one("#pf-name", Input))
        self.opened_with = self.values()

    def values(self) -> dict[str, str]:
        return {name: self.query_one(f"#pf-{name}", Input).value for name in FIELDS}

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self._save() if event.button.id == "save" else self.action_cancel()

    def on_input_submitted(self) -> None:
        self._save()

    def action_cancel(self) -> None:
        close_form(self, self.values() != self.opened_with, "Discard the changes to this program?")

    def _save(self) -> None:
        values = self.values()
        for name, shown in values.items():  # unchanged: the stored text, not its visible form
            if shown == visible(self.original.get(name, "")):
                values[name] = self.original.get(name, "")
        for name in FIELDS:
            self.query_one(f"#pf-error-{name}", Static).update("")
        try:
            program = parse_program(values, self.today(), self.program.extra if self.program else None)
            problem = interview_problem(program)
            if problem is not None:
                raise problem
        except ProgramError as error:
            self.query_one(f"#pf-error-{error.field}", Static).update(f"✗ {error.problem}")
            self.query_one(f"#pf-{error.field}", Input).focus()
            return
        refused = self.check(program)  # the signal rules (domain.signals), before anything is saved
        if refused is not None:
            self.query_one("#pf-error-signal", Static).update(f"✗ {visible(refused)}")
            self.query_one("#pf-signal", Input).focus()
            return
        self.dismiss(program)
