"""Letters of recommendation and US clinical experience (USCE): the records the person keeps
beside their programs (programs.json, top-level "letters" and "clinical_experience"), and
their validation, shared by the forms and the file. Pure: takes `today`.

A letter goes to every program ("all") or to the programs it names (by name and specialty,
as Key tuples); how many a program may receive is a fact (data/limits.toml), checked in
readiness.py, which knows the programs."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, NamedTuple

Key = tuple[str, str]  # (name, specialty) as the person wrote them; matched case-blind
EXPERIENCE_KINDS = ("hands-on", "observership", "externship")
KIND_WORDS = {
    "hands-on": "hands-on",
    "hands on": "hands-on",
    "handson": "hands-on",
    "clerkship": "hands-on",
    "rotation": "hands-on",
    "observership": "observership",
    "observer": "observership",
    "externship": "externship",
    "extern": "externship",
}
MAX_TEXT = 2000


class LetterError(ValueError):
    """A field of a letter or an experience that does not validate; `field` names it."""

    def __init__(self, field_name: str, problem: str):
        super().__init__(f"{field_name}: {problem}")
        self.field, self.problem = field_name, problem


class Letter(NamedTuple):
    id: str
    writer: str
    title: str = ""
    specialty: str = ""
    us: str = "unknown"  # yes / no / unknown: written by a US physician
    requested_on: date | None = None
    received_on: date | None = None  # received, or uploaded to ERAS by the writer
    to_all: bool = False  # goes to every program on the list
    programs: tuple[Key, ...] = ()  # else: these programs

    @property
    def received(self) -> bool:
        return self.received_on is not None


class ClinicalExperience(NamedTuple):
    id: str
    where: str
    kind: str  # one of EXPERIENCE_KINDS
    start: date | None = None
    end: date | None = None
    notes: str = ""


LETTER_FIELDS = ("writer", "title", "specialty", "us", "requested_on", "received_on", "programs")
LETTER_TITLES = {
    "writer": "Writer",
    "title": "Writer's title",
    "specialty": "Specialty",
    "us": "US letter",
    "requested_on": "Requested on",
    "received_on": "Received / uploaded on",
    "programs": "Goes to",
}
EXPERIENCE_FIELDS = ("where", "kind", "start", "end", "notes")
EXPERIENCE_TITLES = {"where": "Where", "kind": "Kind", "start": "From", "end": "To", "notes": "Notes"}


def _text(raw: Any, name: str, required: bool = False) -> str:
    value = "" if raw is None else str(raw).strip()
    if required and not value:
        raise LetterError(name, "is required")
    if len(value) > MAX_TEXT:
        raise LetterError(name, f"is {len(value):,} characters long (at most {MAX_TEXT:,})")
    return value


def _yes_no(raw: Any, name: str) -> str:
    value = "" if raw is None else str(raw).strip().casefold()
    if value in ("", "unknown", "?"):
        return "unknown"
    if value in ("yes", "y", "true", "1", "us"):
        return "yes"
    if value in ("no", "n", "false", "0"):
        return "no"
    raise LetterError(name, f"expected yes, no or unknown, got {raw!r}")


def parse_day(raw: Any, name: str, latest: date | None) -> date | None:
    """A date as typed or stored (YYYY-MM-DD); not after `latest` when given."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, date):
        value = raw
    else:
        try:
            value = date.fromisoformat(str(raw).strip())
        except ValueError:
            raise LetterError(name, f"expected a date such as 2026-11-02, got {raw!r}") from None
    if latest is not None and value > latest:
        raise LetterError(name, f"{value.isoformat()} is in the future")
    return value


def parse_letter(values: dict[str, Any], today: date | None, letter_id: str) -> Letter:
    """A letter from a form or a stored record. `programs` is "all" (or True in `to_all`) or
    a list of [name, specialty] pairs; names typed in a form are resolved in readiness.py."""
    requested = parse_day(values.get("requested_on"), "requested_on", today)
    received = parse_day(values.get("received_on"), "received_on", today)
    if requested and received and received < requested:
        raise LetterError("received_on", f"{received.isoformat()} is before it was requested ({requested.isoformat()})")
    raw_programs = values.get("programs", ())
    to_all = bool(values.get("to_all")) or raw_programs == "all"
    programs: list[Key] = []
    if not to_all:
        if not isinstance(raw_programs, (list, tuple)):
            raise LetterError("programs", 'expected "all" or a list of [program, specialty] pairs')
        for pair in raw_programs:
            if (
                not isinstance(pair, (list, tuple))
                or len(pair) != 2
                or not all(isinstance(part, str) and part.strip() for part in pair)
            ):
                raise LetterError("programs", f"expected [program, specialty], got {pair!r:.60}")
            programs.append((pair[0], pair[1]))
    return Letter(
        id=letter_id,
        writer=_text(values.get("writer"), "writer", required=True),
        title=_text(values.get("title"), "title"),
        specialty=_text(values.get("specialty"), "specialty"),
        us=_yes_no(values.get("us"), "us"),
        requested_on=requested,
        received_on=received,
        to_all=to_all,
        programs=tuple(programs),
    )


def parse_kind(raw: Any) -> str:
    value = re.sub(r"[\s_]+", " ", "" if raw is None else str(raw).strip().casefold())
    kind = KIND_WORDS.get(value)  # every spelling with a hyphen is there with a space too
    if kind is None:
        raise LetterError("kind", f"expected {', '.join(EXPERIENCE_KINDS)}, got {raw!r}")
    return kind


def parse_experience(values: dict[str, Any], experience_id: str) -> ClinicalExperience:
    """An experience may be planned: its dates can be in the future."""
    start = parse_day(values.get("start"), "start", None)
    end = parse_day(values.get("end"), "end", None)
    if start and end and end < start:
        raise LetterError("end", f"{end.isoformat()} is before it starts ({start.isoformat()})")
    return ClinicalExperience(
        id=experience_id,
        where=_text(values.get("where"), "where", required=True),
        kind=parse_kind(values.get("kind")),
        start=start,
        end=end,
        notes=_text(values.get("notes"), "notes"),
    )


def letter_record(letter: Letter) -> dict[str, Any]:
    return {
        "id": letter.id,
        "writer": letter.writer,
        "title": letter.title,
        "specialty": letter.specialty,
        "us": letter.us,
        "requested_on": letter.requested_on.isoformat() if letter.requested_on else None,
        "received_on": letter.received_on.isoformat() if letter.received_on else None,
        "programs": "all" if letter.to_all else [list(key) for key in letter.programs],
    }


def experience_record(experience: ClinicalExperience) -> dict[str, Any]:
    return {
        "id": experience.id,
        "where": experience.where,
        "kind": experience.kind,
        "start": experience.start.isoformat() if experience.start else None,
        "end": experience.end.isoformat() if experience.end else None,
        "notes": experience.notes,
    }


def next_id(prefix: str, taken: set[str]) -> str:
    """'L3' after L1 and L2: computed under the file's lock from what is on disk, so two
    windows adding at once get different ids."""
    numbers = (i[len(prefix) :] for i in taken if i.startswith(prefix))
    number = 1 + max((int(n) for n in numbers if n.isascii() and n.isdigit()), default=0)
    return f"{prefix}{number}"
