"""`imgtui letters [--json]`: letters of recommendation, US clinical experience, and the
programs that lack letters or USCE they say they require."""

from __future__ import annotations

from ..domain.flags import catalog_limits
from ..domain.letters import ClinicalExperience, Letter, experience_record, letter_record
from ..domain.programs import Program, ProgramBook
from ..domain.readiness import experience_kinds, letter_index, programs_missing
from ..sanitize import visible
from ..session import Session
from .output import write_json


def run_letters(session: Session, as_json: bool) -> int:
    document = session.files.programs
    document.ensure_loaded()
    if document.problem is not None:
        raise document.problem
    book = document.value
    limit = catalog_limits(session.catalog).letters_per_program
    today = session.clock().astimezone(session.zone()).date()
    index = letter_index(book.letters.values())
    missing = programs_missing(book.programs, index, experience_kinds(book.experiences.values(), today), limit)
    if as_json:
        data = {
            "letters": [
                {**letter_record(x), "program_count": len(book.programs) if x.to_all else len(x.programs)}
                for x in book.letters.values()
            ],
            "clinical_experience": [experience_record(e) for e in book.experiences.values()],
            "letters_per_program": limit,
            "programs_missing": [
                {"program": p.name, "specialty": p.specialty, "missing": flags} for p, flags in missing
            ],
        }
        write_json(data)  # exact: the stored text, UTF-8
        return 0
    _print(book, missing, limit)
    return 0


def goes_to(letter: Letter, book: ProgramBook) -> str:
    if letter.to_all:
        return f"all programs ({len(book.programs)})"
    names = [name for name, _specialty in letter.programs]
    return ", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "") if names else "none yet"


def experience_dates(e: ClinicalExperience) -> str:
    start = e.start.isoformat() if e.start else "?"
    end = e.end.isoformat() if e.end else "…"
    return f"{start} to {end}"


def _print(book: ProgramBook, missing: list[tuple[Program, list[str]]], limit: int) -> None:
    from rich.table import Table

    from .output import console as plain_console

    console = plain_console()  # writers, places and notes come from the person's file: shown, never obeyed
    console.print(f"Letters of recommendation: {len(book.letters)} (ERAS sends at most {limit} to one program)")
    if book.letters:
        table = Table(show_edge=False, pad_edge=False)
        for title in ("Writer", "Title", "Specialty", "US", "Requested", "Received", "Goes to"):
            table.add_column(title)
        for x in book.letters.values():
            table.add_row(
                visible(x.writer),
                visible(x.title),
                visible(x.specialty),
                x.us,
                x.requested_on.isoformat() if x.requested_on else "",
                x.received_on.isoformat() if x.received_on else "not yet",
                visible(goes_to(x, book)),
            )
        console.print(table)
    console.print()
    console.print(f"US clinical experience: {len(book.experiences)}")
    if book.experiences:
        table = Table(show_edge=False, pad_edge=False)
        for title in ("Where", "Kind", "When", "Notes"):
            table.add_column(title)
        for e in book.experiences.values():
            table.add_row(visible(e.where), e.kind, experience_dates(e), visible(e.notes))
        console.print(table)
    console.print()
    if not missing:
        console.print("No program lacks letters or US clinical experience it says it requires.")
        return
    console.print(f"Programs missing what they require: {len(missing)}")
    for program, flags in missing:
        console.print(f"  ⚠ {visible(program.name)} ({visible(program.specialty)}): {visible('; '.join(flags))}")
