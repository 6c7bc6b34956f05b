"""`imgtui ranklist [--json]` and `imgtui ranklist export FILE.csv`: the rank order list in
order (rank, program, specialty, status), with the count beyond the ranks the NRMP
registration fee covers and the certify-by deadline while the list is not certified."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.flags import FlagContext, program_flags
from ..domain.programs import Program, ProgramBook
from ..domain.ranklist import beyond_included, ranked
from ..domain.summary import situation
from ..domain.timeline import Deadline, days_left, find
from ..labels import beyond_line, certify_line
from ..persistence.locked_file import write_atomically
from ..sanitize import visible
from ..session import Session
from .errors import UsageError
from .output import say, write_data, write_json


def run_ranklist(session: Session, args: Any) -> int:
    book = _book(session)
    order = ranked(book.programs)
    context = session.flag_context(book)
    flags = {p.key: program_flags(p, context) for p in order}
    if getattr(args, "ranklist_command", None) == "export":
        return _export(order, flags, args.path)
    now = session.clock()
    current = situation(session.catalog, session.progress(), now, session.program_specialties())
    deadline = find(current.deadlines, "rank_order_list_deadline")
    if args.json:  # exact: the stored text, UTF-8
        write_json(rank_list_json(book, order, flags, context, deadline, now))
        return 0
    _print(book, order, flags, context, deadline, now)
    return 0


def _book(session: Session) -> ProgramBook:
    document = session.files.programs
    document.ensure_loaded()
    if document.problem is not None:
        raise document.problem
    return document.value


def rank_list_json(
    book: ProgramBook,
    order: list[Program],
    flags: dict[tuple[str, str], list[str]],
    context: FlagContext,
    deadline: Deadline | None,
    now: datetime,
) -> dict[str, Any]:
    limits = context.limits
    return {
        "count": len(order),
        "certified": book.certified.isoformat(timespec="minutes") if book.certified else None,
        "certify_by": None
        if deadline is None
        else {
            "id": deadline.id,
            "at": deadline.at.isoformat(),
            "status": deadline.status,
            "days_left": days_left(deadline, now),
        },
        "ranks_included": limits.ranks_included,
        "beyond_included": beyond_included(len(order), limits.ranks_included),
        "beyond_included_cost": "each rank beyond those the registration fee covers costs the NRMP per-rank fee",
        "max_ranks": limits.max_ranks,
        "programs": [
            {
                "rank": place,
                "program": p.name,
                "specialty": p.specialty,
                "status": p.status,
                "interview": p.interview or None,
                "notes": p.notes,
                "flags": flags.get(p.key, []),
            }
            for place, p in enumerate(order, 1)
        ],
    }


def _print(
    book: ProgramBook,
    order: list[Program],
    flags: dict[tuple[str, str], list[str]],
    context: FlagContext,
    deadline: Deadline | None,
    now: datetime,
) -> None:
    from .output import console as plain_console

    console = plain_console()
    console.print(f"Rank order list: {len(order)} program{'s' if len(order) != 1 else ''}")
    console.print(certify_line(book.certified, len(order), deadline, now), soft_wrap=True)
    extra = beyond_included(len(order), context.limits.ranks_included)
    console.print(beyond_line(extra, len(order), context.limits.ranks_included), soft_wrap=True)
    if not order:
        console.print("Nothing ranked yet: press k in the app, or import a CSV with a Rank column.")
        return
    console.print()
    width = len(str(len(order)))
    for place, p in enumerate(order, 1):  # names, notes and flags come from the person's file: shown, never obeyed
        interview = f" · interview {p.interview}" if p.interview else ""
        line = f"{place:>{width}}. {visible(p.name)} · {visible(p.specialty)} · {p.status.replace('_', ' ')}"
        console.print(line + interview, soft_wrap=True)
        for flag in flags.get(p.key, []):
            console.print(f"{'':>{width}}  ⚠ {visible(flag)}", soft_wrap=True)


def _export(order: list[Program], flags: dict[tuple[str, str], list[str]], target: str) -> int:
    from ..domain.programs_csv import write_rank_list

    text = write_rank_list(order, flags)
    if target == "-":  # CSV is UTF-8 by definition, whatever the console's encoding
        write_data(text)
        return 0
    try:
        write_atomically(Path(target), text.encode("utf-8"), mode=None, into_devices=True)
    except OSError as error:
        raise UsageError(
            f"cannot write {target}: {error.strerror or error}; nothing written (any old file is unchanged)"
        ) from None
    say(f"Wrote {len(order)} ranked program(s) to {target}.", sys.stderr)
    return 0
