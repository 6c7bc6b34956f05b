"""Letters of recommendation and US clinical experience: add, edit, delete (u undoes), and
the programs that lack letters or USCE they say they require. Kept in programs.json beside
the programs, under the same contract (atomic saves, undo as an inverse patch, two windows)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Static

from ..domain.dates import latest_today
from ..domain.flags import catalog_limits
from ..domain.letters import (
    EXPERIENCE_FIELDS,
    EXPERIENCE_KINDS,
    EXPERIENCE_TITLES,
    LETTER_FIELDS,
    LETTER_TITLES,
    ClinicalExperience,
    Letter,
    LetterError,
    next_id,
    parse_experience,
    parse_letter,
)
from ..domain.patch import MISSING, Applied, Edit
from ..domain.programs import ProgramBook
from ..domain.readiness import (
    check_letter_limit,
    experience_kinds,
    goes_to_text,
    letter_index,
    programs_missing,
    resolve_programs,
)
from ..persistence.locked_file import DataFileError
from ..sanitize import visible
from ..session import Session
from ..widgets.field import Field
from ..widgets.keybar import KeyBar
from ..widgets.letter_list import ExperienceList, LetterList
from ..widgets.quiet import update_if_changed
from .saving import kept_note, save_change, undo_change

LETTER_HINTS = {
    "us": "yes / no",
    "requested_on": "YYYY-MM-DD",
    "received_on": "YYYY-MM-DD: received, or uploaded by the writer",
    "programs": "all, or names separated by ; — Name (Specialty) where two share a name",
}
EXPERIENCE_HINTS = {"kind": " / ".join(EXPERIENCE_KINDS), "start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}


class LettersScreen(Screen[None]):
    CSS_PATH = "screens.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [  # the most used first: the key bar is cut at 80 columns
        Binding("a", "add", "Add", id="letters_add", tooltip="Add a letter (or, in the lower list, an experience)"),
        Binding("enter", "edit", "Edit", id="letters_edit", tooltip="Edit the highlighted letter or experience"),
        Binding("d", "delete", "Delete", id="letters_delete", tooltip="Delete (asks first; u undoes)"),
        Binding("u", "undo", "Undo", id="letters_undo", tooltip="Undo the last change here"),
        Binding("tab", "app.focus_next", "Switch", id="letters_switch", tooltip="Letters ↔ clinical experience"),
        Binding("escape,l", "app.pop_screen", "Back", id="letters_back", tooltip="Back"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.document = session.files.programs
        self.limit = catalog_limits(session.catalog).letters_per_program

    def compose(self) -> ComposeResult:
        yield Static(id="letters-status", markup=False)
        yield LetterList(id="letter-list")
        yield ExperienceList(id="experience-list")
        yield Static(id="letters-detail")
        yield KeyBar(id="letters-keybar")

    def on_mount(self) -> None:
        self.document.subscribe(self._programs_changed)
        self.document.ensure_loaded()
        self.rebuild()
        self.query_one(LetterList).focus()

    def on_unmount(self) -> None:
        self.document.unsubscribe(self._programs_changed)

    @property
    def book(self) -> ProgramBook:
        return self.document.value

    def persons_today(self) -> date:
        return self.session.clock().astimezone(self.session.zone()).date()

    def today(self) -> date:
        """The latest date current anywhere: what a typed date may not pass."""
        return latest_today(self.session.clock())

    def _programs_changed(self, why: str) -> None:
        if self.is_mounted:
            self.rebuild()
            if why == "outside":
                self.notify("Changed outside this window: reloaded.", timeout=4)

    def rebuild(self) -> None:
        book = self.book
        letters_list = self.query_one(LetterList)
        keep_letter = letters_list.current.id if letters_list.current else None
        experience_list = self.query_one(ExperienceList)
        keep_experience = experience_list.current.id if experience_list.current else None
        goes_to = {
            x.id: f"all programs ({len(book.programs)})" if x.to_all else goes_to_text(x) or "none yet"
            for x in book.letters.values()
        }
        letters_list.show_letters(list(book.letters.values()), goes_to, keep_letter)
        experience_list.show_experiences(list(book.experiences.values()), keep_experience)
        missing = programs_missing(
            book.programs,
            letter_index(book.letters.values()),
            experience_kinds(book.experiences.values(), self.session.clock().astimezone(self.session.zone()).date()),
            self.limit,
        )
        received = sum(1 for x in book.letters.values() if x.received)
        status = (
            f" Letters: {len(book.letters)} ({received} received; ERAS sends at most {self.limit} per program)"
            f" · US clinical experience: {len(book.experiences)}"
        )
        if self.document.problem:
            status = f" ⚠ READ-ONLY: {self.document.problem.problem} ·" + status
        update_if_changed(self.query_one("#letters-status", Static), status)
        detail = Text()
        if not book.letters and not book.experiences:
            detail.append("a adds a letter (in the lower list: an experience); tab switches lists.\n", style="dim")
        if missing:
            detail.append(f"Programs missing what they require: {len(missing)}\n", style="bold")
            for program, flags in missing[:4]:
                shown = f"⚠ {program.name} ({program.specialty}): {'; '.join(flags)}"
                detail.append(visible(shown) + "\n", style="bold yellow")  # names from the person's file
            if len(missing) > 4:
                detail.append(f"… and {len(missing) - 4} more (`imgtui letters`)", style="dim")
        else:
            detail.append("No program lacks letters or US clinical experience it says it requires.", style="dim")
        update_if_changed(self.query_one("#letters-detail", Static), detail)

    # -- changes -------------------------------------------------------------------------
    def change(self, description: str, edits_for: Callable[[ProgramBook], Sequence[Edit]]) -> Applied | None:
        return save_change(self.notify, self.document, description, edits_for)

    def _in_experiences(self) -> bool:
        return self.query_one(ExperienceList).has_focus

    def action_add(self) -> None:
        if self._in_experiences():
            self.app.push_screen(ExperienceForm(None), self._saved_experience)
        else:
            self.app.push_screen(LetterForm(None, self.book, self.today, self.limit), self._saved_letter)

    def action_edit(self) -> None:
        if self._in_experiences():
            experience = self.query_one(ExperienceList).current
            if experience is not None:
                self.app.push_screen(ExperienceForm(experience), self._saved_experience)
        else:
            letter = self.query_one(LetterList).current
            if letter is not None:
                self.app.push_screen(LetterForm(letter, self.book, self.today, self.limit), self._saved_letter)

    def _saved_letter(self, letter: Letter | None) -> None:
        if letter is None:
            return
        limit, path = self.limit, self.document.path

        def edits(book: ProgramBook) -> list[Edit]:
            kept = letter if letter.id else letter._replace(id=next_id("L", set(book.letters)))
            try:  # checked again on the file as it is when saved: another window may have added one
                check_letter_limit(kept, book.letters.values(), book.programs, limit)
            except LetterError as error:  # said as "Not saved: …", even from a save that waited for the lock
                raise DataFileError(path, error.problem, file_unusable=False) from None
            return [Edit(("letters", kept.id), book.letters.get(kept.id, MISSING), kept)]

        self.change(f"letter from {letter.writer}", edits)

    def _saved_experience(self, experience: ClinicalExperience | None) -> None:
        if experience is None:
            return

        def edits(book: ProgramBook) -> list[Edit]:
            kept = experience if experience.id else experience._replace(id=next_id("U", set(book.experiences)))
            return [Edit(("clinical_experience", kept.id), book.experiences.get(kept.id, MISSING), kept)]

        self.change(f"clinical experience at {experience.where}", edits)

    def action_delete(self) -> None:
        from .programs import ConfirmScreen

        path: tuple[str, str]
        if self._in_experiences():
            experience = self.query_one(ExperienceList).current
            if experience is None:
                return
            path, what = ("clinical_experience", experience.id), f"the experience at {experience.where}"
        else:
            letter = self.query_one(LetterList).current
            if letter is None:
                return
            path, what = ("letters", letter.id), f"the letter from {letter.writer}"

        def confirmed(yes: bool | None) -> None:
            if yes and self.change(f"deleted {what}", lambda book: [Edit(path, None, MISSING)]):
                self.notify(f"Deleted {what} (u undoes)", timeout=4)

        self.app.push_screen(ConfirmScreen(f"Delete {what}?"), confirmed)

    def action_undo(self) -> None:
        reverted = undo_change(self.notify, self.document)
        if reverted is not None:
            self.notify(f"Undone: {reverted.applied.description}{kept_note(reverted)}", timeout=3)


class RecordForm(ModalScreen[Any]):
    """A small form validated by the domain's rules; the first problem is shown at its field."""

    CSS_PATH = "screens.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    TITLE_TEXT = ""
    WHAT = "record"  # in "Discard the changes to this …?"
    FIELDS: tuple[str, ...] = ()
    TITLES: ClassVar[dict[str, str]] = {}
    HINTS: ClassVar[dict[str, str]] = {}
    REQUIRED: tuple[str, ...] = ()

    def values(self) -> dict[str, str]:
        raise NotImplementedError

    def validate(self, values: dict[str, str]) -> Any:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        values = self.values()
        self.original = values  # as stored; shown with control characters made visible
        with VerticalScroll(id="program-form"):
            yield Static(self.TITLE_TEXT, classes="title", markup=False)
            for name in self.FIELDS:
                hint = f" ({self.HINTS[name]})" if name in self.HINTS else ""
                yield Label(f"{self.TITLES[name]}{hint}{' *' if name in self.REQUIRED else ''}", markup=False)
                yield Field(value=visible(values.get(name, "")), id=f"rf-{name}")
                yield Static("", id=f"rf-error-{name}", classes="error", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield KeyBar(classes="dialog-keys")  # the form's keys, not the list's beneath it

    def on_mount(self) -> None:
        from .programs import focus_to_type

        focus_to_type(self.query_one(f"#rf-{self.FIELDS[0]}", Input))  # typing after `a` goes somewhere
        self.opened_with = self.typed()

    def typed(self) -> dict[str, str]:
        return {name: self.query_one(f"#rf-{name}", Input).value for name in self.FIELDS}

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self._save() if event.button.id == "save" else self.action_cancel()

    def on_input_submitted(self) -> None:
        self._save()

    def action_cancel(self) -> None:
        from .programs import close_form

        close_form(self, self.typed() != self.opened_with, f"Discard the changes to this {self.WHAT}?")

    def _save(self) -> None:
        values = self.typed()
        for name, shown in values.items():  # unchanged: the stored text, not its visible form
            if shown == visible(self.original.get(name, "")):
                values[name] = self.original.get(name, "")
        for name in self.FIELDS:
            self.query_one(f"#rf-error-{name}", Static).update("")
        try:
            record = self.validate(values)
        except LetterError as error:
            shown = error.field if error.field in self.FIELDS else self.FIELDS[0]
            self.query_one(f"#rf-error-{shown}", Static).update(f"✗ {error.problem}")
            self.query_one(f"#rf-{shown}", Input).focus()
            return
        self.dismiss(record)


class LetterForm(RecordForm):
    WHAT = "letter"
    FIELDS = LETTER_FIELDS
    TITLES: ClassVar[dict[str, str]] = LETTER_TITLES
    HINTS: ClassVar[dict[str, str]] = LETTER_HINTS
    REQUIRED = ("writer",)

    def __init__(self, letter: Letter | None, book: ProgramBook, today: Callable[[], date], limit: int) -> None:
        super().__init__()
        self.letter, self.book, self.today, self.limit = letter, book, today, limit
        self.TITLE_TEXT = "Edit letter" if letter else "Add a letter of recommendation"

    def values(self) -> dict[str, str]:
        x = self.letter
        if x is None:
            return {"us": "unknown", "programs": "all"}
        return {
            "writer": x.writer,
            "title": x.title,
            "specialty": x.specialty,
            "us": x.us,
            "requested_on": x.requested_on.isoformat() if x.requested_on else "",
            "received_on": x.received_on.isoformat() if x.received_on else "",
            "programs": goes_to_text(x),
        }

    def validate(self, values: dict[str, str]) -> Letter:
        to_all, keys = resolve_programs(values["programs"], self.book.programs)
        record: dict[str, Any] = {**values, "programs": "all" if to_all else [list(k) for k in keys]}
        letter = parse_letter(record, self.today(), self.letter.id if self.letter else "")
        check_letter_limit(letter, self.book.letters.values(), self.book.programs, self.limit)
        return letter


class ExperienceForm(RecordForm):
    WHAT = "experience"
    FIELDS = EXPERIENCE_FIELDS
    TITLES: ClassVar[dict[str, str]] = EXPERIENCE_TITLES
    HINTS: ClassVar[dict[str, str]] = EXPERIENCE_HINTS
    REQUIRED = ("where", "kind")

    def __init__(self, experience: ClinicalExperience | None) -> None:
        super().__init__()
        self.experience = experience
        self.TITLE_TEXT = "Edit clinical experience" if experience else "Add US clinical experience"

    def values(self) -> dict[str, str]:
        e = self.experience
        if e is None:
            return {"kind": "hands-on"}
        return {
            "where": e.where,
            "kind": e.kind,
            "start": e.start.isoformat() if e.start else "",
            "end": e.end.isoformat() if e.end else "",
            "notes": e.notes,
        }

    def validate(self, values: dict[str, str]) -> ClinicalExperience:
        return parse_experience(values, self.experience.id if self.experience else "")
