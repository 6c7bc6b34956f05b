"""The person's own program list (the guide's "IMG-friendly list in 5 minutes"): validation
shared by the CSV import and the edit form, filters, and fit flags. Pure: takes `today`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, get_args

from .letters import (
    ClinicalExperience,
    Letter,
    LetterError,
    experience_record,
    letter_record,
    parse_experience,
    parse_letter,
)
from .model import Mode
from .patch import MISSING, Applied, Edit, Path
from .zones import ZoneError, normalize_zone, parse_clock

if TYPE_CHECKING:
    from .geography import Places

ProgramStatus = Literal["researching", "applied", "interview_offered", "interviewed", "ranked", "matched", "withdrawn"]
STATUSES: tuple[ProgramStatus, ...] = get_args(ProgramStatus)
# The interview with this program (blank: none yet). declined: by you; cancelled: by either side.
InterviewStatus = Literal["", "invited", "scheduled", "waitlisted", "completed", "declined", "cancelled"]
INTERVIEW_STATUSES: tuple[InterviewStatus, ...] = get_args(InterviewStatus)
INTERVIEW_FORMATS = ("virtual", "in_person")
FIELDS = (
    "name",
    "specialty",
    "city",
    "state",
    "j1",
    "h1b",
    "img_pct",
    "min_step",
    "interviews",
    "status",
    "checked",
    "notes",
    # Interviews, the rank list and what the program requires (issue #15).
    "interview_status",
    "interview_date",
    "interview_time",
    "interview_zone",
    "invited_on",
    "interview_format",
    "thank_you",
    "rank",
    "letters_required",
    "usce_required",
    # The application season (issue 14): appended, so older files and exports still read.
    "will_apply",
    "signal",
    "institution",
)
TITLES = {
    "name": "Program",
    "specialty": "Specialty",
    "city": "City",
    "state": "State",
    "j1": "J-1",
    "h1b": "H-1B",
    "img_pct": "% IMG",
    "min_step": "Min score",
    "interviews": "Interviews",
    "status": "Status",
    "checked": "Site checked",
    "notes": "Notes",
    "interview_status": "Interview",
    "interview_date": "Interview date",
    "interview_time": "Interview time",
    "interview_zone": "Interview zone",
    "invited_on": "Invited on",
    "interview_format": "Interview format",
    "thank_you": "Thank-you sent",
    "rank": "Rank",
    "letters_required": "Letters required",
    "usce_required": "USCE required",
    "will_apply": "Apply",
    "signal": "Signal",
    "institution": "Institution",
}
IDENTITY = ("name", "specialty")  # what makes two rows the same program (Program.key)
# A program's signal: "gold" / "silver" (two-tier specialties) or "yes" (a single kind).
SIGNAL_WORDS = {"gold": "gold", "g": "gold", "silver": "silver", "s": "silver", "signal": "yes", "signaled": "yes"}
YES = {"yes", "y", "true", "1", "x", "sponsors"}
NO = {"no", "n", "false", "0", "none"}
MAX_TEXT = 2000  # a field longer than this is not a program's name or a note
STALE_DAYS = 365


class ProgramError(ValueError):
    def __init__(self, field_name: str, problem: str):
        super().__init__(f"{field_name}: {problem}")
        self.field, self.problem = field_name, problem


@dataclass(frozen=True)
class Program:
    name: str
    specialty: str
    city: str = ""
    state: str = ""
    j1: str = "unknown"
    h1b: str = "unknown"
    img_pct: float | None = None
    min_step: int | None = None
    interviews: int | None = None
    status: ProgramStatus = "researching"
    checked: date | None = None
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # columns imgtui does not know
    interview_status: InterviewStatus = ""
    interview_date: date | None = None
    interview_time: time | None = None  # the program's wall clock in interview_zone
    interview_zone: str = ""  # an IANA zone ("America/Chicago"); "" when not given
    invited_on: date | datetime | None = None  # a date, or a naive date-time on the person's clock
    interview_format: str = ""  # virtual | in_person | ""
    thank_you: bool = False
    rank: int | None = None  # place on the person's rank order list (a sort key; None: not ranked)
    letters_required: int | None = None  # letters the program says it requires
    usce_required: str = "unknown"  # yes / no / unknown: the program requires US clinical experience
    # The application season. will_apply: the person plans to apply (counted in the costs
    # with the programs applied to). signal: "", "gold", "silver" or "yes". institution:
    # where a signal goes (signals go to an institution, not a track); blank = the name.
    will_apply: bool = False
    signal: str = ""
    institution: str = ""

    @property
    def interview(self) -> InterviewStatus:
        """The interview's status; a date with no status counts as scheduled."""
        if self.interview_status:
            return self.interview_status
        return "scheduled" if self.interview_date is not None else ""

    @cached_property
    def key(self) -> tuple[str, str]:
        """Same name and specialty = the same program (imports update it, never duplicate)."""
        return (self.name.casefold().strip(), self.specialty.casefold().strip())

    def haystack(self) -> str:
        return f"{self.name} {self.specialty} {self.city} {self.state} {self.notes} {self.institution}".casefold()

    @property
    def institution_name(self) -> str:
        """Where this program's signal goes: its institution, or its own name when blank."""
        return self.institution or self.name


def _text(raw: Any, name: str, required: bool = False) -> str:
    value = "" if raw is None else str(raw).strip()
    if required and not value:
        raise ProgramError(name, "is required")
    if len(value) > MAX_TEXT:
        raise ProgramError(name, f"is {len(value):,} characters long (at most {MAX_TEXT:,})")
    return value


def _visa(raw: Any, name: str) -> str:
    value = "" if raw is None else str(raw).strip().casefold()
    if value in ("", "unknown", "?", "n/a", "na"):
        return "unknown"
    if value in YES:
        return "yes"
    if value in NO:
        return "no"
    raise ProgramError(name, f"expected yes, no or unknown, got {raw!r}")


def _number(raw: Any, name: str, low: float, high: float) -> float | None:
    text = "" if raw is None else str(raw).strip().rstrip("%").strip()
    if "," in text and "." not in text:  # a decimal comma (12,5 %), as European spreadsheets write it
        text = text.replace(",", ".")
    if text in ("", "n/a", "N/A", "NA", "-"):
        return None
    try:
        value = float(text)
    except ValueError:
        raise ProgramError(name, f"expected a number from {low:g} to {high:g}, got {raw!r}") from None
    if not low <= value <= high or value != value:
        raise ProgramError(name, f"expected a number from {low:g} to {high:g}, got {raw!r}")
    return value


def _whole(raw: Any, name: str, low: int, high: int) -> int | None:
    text = "" if raw is None else str(raw).strip().rstrip("%").strip()
    if text in ("", "n/a", "N/A", "NA", "-"):
        return None
    try:
        value = int(text)
    except ValueError:
        raise ProgramError(name, f"expected a whole number from {low} to {high}, got {raw!r}") from None
    if not low <= value <= high:
        raise ProgramError(name, f"expected a number from {low} to {high}, got {raw!r}")
    return value


def _signal(raw: Any) -> str:
    value = "" if raw is None else str(raw).strip().casefold()
    if value in ("", "none", "-") or value in NO:
        return ""
    if value in SIGNAL_WORDS:
        return SIGNAL_WORDS[value]
    if value in YES:
        return "yes"
    raise ProgramError("signal", f"expected gold, silver, yes (a specialty's single kind) or blank, got {raw!r}")


def as_status(value: object) -> ProgramStatus | None:
    return next((s for s in STATUSES if s == value), None)


def status_words(status: str) -> str:
    """A status as the app prints it: "interview offered"."""
    return status.replace("_", " ")


def parse_status(raw: Any) -> ProgramStatus | None:
    """A status written as its id ("interview_offered") or as printed ("interview offered",
    "Interview-offered"); None when it is neither."""
    return as_status(re.sub(r"[\s-]+", "_", "" if raw is None else str(raw).strip().casefold()))


def _status(raw: Any) -> ProgramStatus:
    if raw is None or not str(raw).strip():
        return "researching"
    status = parse_status(raw)
    if status is None:
        raise ProgramError("status", f"expected one of {', '.join(map(status_words, STATUSES))}, got {raw!r}")
    return status


def _date(raw: Any, today: date | None) -> date | None:
    if raw is None or isinstance(raw, date):
        value = raw
    else:
        text = str(raw).strip()
        if not text:
            return None
        try:
            value = date.fromisoformat(text)
        except ValueError:
            raise ProgramError("checked", f"expected a date such as 2026-11-02, got {raw!r}") from None
    if value is not None and today is not None and value > today:
        raise ProgramError("checked", f"{value.isoformat()} is in the future")
    return value


def _interview_status(raw: Any) -> InterviewStatus:
    value = re.sub(r"[\s-]+", "_", "" if raw is None else str(raw).strip().casefold())
    if value in ("", "none", "no"):
        return ""
    aliases = {
        "invite": "invited",
        "offered": "invited",
        "interview_offered": "invited",
        "booked": "scheduled",
        "accepted": "scheduled",
        "done": "completed",
        "interviewed": "completed",
        "waitlist": "waitlisted",
        "wait_listed": "waitlisted",
        "canceled": "cancelled",
        "rejected": "declined",
    }
    value = aliases.get(value, value)
    status = next((s for s in INTERVIEW_STATUSES if s and s == value), None)
    if status is None:
        raise ProgramError(
            "interview_status", f"expected one of {', '.join(s for s in INTERVIEW_STATUSES if s)}, got {raw!r}"
        )
    return status


def _day(raw: Any, name: str) -> date | None:
    if raw is None or isinstance(raw, date):
        return raw
    text = str(raw).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ProgramError(name, f"expected a date such as 2026-12-08, got {raw!r}") from None


def _invited_on(raw: Any, today: date | None) -> date | datetime | None:
    """A date, or a date and time on the person's own clock ('2026-11-20 14:05'); not in the
    future when typed or imported (`today`), never refused when saved (None)."""
    if raw is None or (isinstance(raw, date) and not isinstance(raw, datetime)):
        value: date | datetime | None = raw
    elif isinstance(raw, datetime):
        value = raw.replace(tzinfo=None, second=0, microsecond=0)
    else:
        text = str(raw).strip()
        if not text:
            return None
        try:
            value = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text.replace(" ", "T", 1))
        except ValueError:
            raise ProgramError(
                "invited_on", f"expected a date such as 2026-11-20, or 2026-11-20 14:05, got {raw!r}"
            ) from None
        if isinstance(value, datetime):
            value = value.replace(tzinfo=None, second=0, microsecond=0)  # the wall clock as written
    if value is not None and today is not None:
        day = value.date() if isinstance(value, datetime) else value
        if day > today + timedelta(days=1):  # a day of slack for zones ahead
            raise ProgramError("invited_on", f"{day.isoformat()} is in the future")
    return value


def _clock_and_zone(raw_time: Any, raw_zone: Any) -> tuple[time | None, str]:
    zone = ""
    zone_text = "" if raw_zone is None else str(raw_zone).strip()
    if zone_text:
        try:
            zone = normalize_zone(zone_text)
        except ZoneError as error:
            raise ProgramError("interview_zone", str(error)) from None
    if raw_time is None or isinstance(raw_time, time):
        return raw_time, zone
    text = str(raw_time).strip()
    if not text:
        return None, zone
    try:
        at, written_zone = parse_clock(text)
    except ZoneError as error:
        raise ProgramError("interview_time", str(error)) from None
    if written_zone and zone and written_zone != zone:
        raise ProgramError("interview_zone", f"{zone_text!r} disagrees with the zone in the time ({text!r})")
    return at, zone or written_zone or ""


def _interview_format(raw: Any) -> str:
    value = re.sub(r"[\s_-]+", " ", "" if raw is None else str(raw).strip().casefold())
    if value in ("", "unknown", "?"):
        return ""
    if value in ("virtual", "online", "video", "zoom", "remote"):
        return "virtual"
    if value in ("in person", "inperson", "on site", "onsite", "on campus"):
        return "in_person"
    raise ProgramError("interview_format", f"expected virtual or in person, got {raw!r}")


def _yes(raw: Any, name: str) -> bool:
    if isinstance(raw, bool):
        return raw
    value = "" if raw is None else str(raw).strip().casefold()
    if value in YES or value == "sent":
        return True
    if value in NO or value in ("", "not sent"):
        return False
    raise ProgramError(name, f"expected yes or no, got {raw!r}")


def present_fields(values: dict[str, Any]) -> frozenset[str]:
    """The fields a CSV row fills: its non-blank cells, and the zone when the time cell
    carries one ("9:00 AM CT"). An import changes only these in a program already listed."""
    present = {name for name, cell in values.items() if str(cell).strip()}
    if "interview_time" in present:
        try:
            if parse_clock(str(values["interview_time"]))[1]:
                present.add("interview_zone")
        except ZoneError:
            pass
    return frozenset(present)


def interview_problem(program: Program) -> ProgramError | None:
    """What the form insists on that a partial CSV row need not say: an interview time
    needs its date and its zone (programs write "9:00 AM CT")."""
    if program.interview_time is not None and program.interview_date is None:
        return ProgramError("interview_date", "needed with an interview time")
    if program.interview_time is not None and not program.interview_zone:
        return ProgramError("interview_zone", "needed with an interview time: CT, ET, MT, PT, AKT, HT or America/…")
    return None


def parse_program(values: dict[str, Any], today: date | None, extra: dict[str, str] | None = None) -> Program:
    """Validate one program (a CSV row, a form, a saved record); raise ProgramError naming the field.
    `today`: the latest date current anywhere (dates.latest_today), for what the person types
    or imports; None for a saved record, whose dates are never refused (see future_checks)."""
    interview_time, interview_zone = _clock_and_zone(values.get("interview_time"), values.get("interview_zone"))
    return Program(
        name=_text(values.get("name"), "name", required=True),
        specialty=_text(values.get("specialty"), "specialty", required=True),
        city=_text(values.get("city"), "city"),
        state=_text(values.get("state"), "state"),
        j1=_visa(values.get("j1"), "j1"),
        h1b=_visa(values.get("h1b"), "h1b"),
        img_pct=_number(values.get("img_pct"), "img_pct", 0, 100),
        min_step=_whole(values.get("min_step"), "min_step", 1, 300),
        interviews=_whole(values.get("interviews"), "interviews", 0, 10000),
        status=_status(values.get("status")),
        checked=_date(values.get("checked"), today),
        notes=_text(values.get("notes"), "notes"),
        extra=dict(extra or {}),
        interview_status=_interview_status(values.get("interview_status")),
        interview_date=_day(values.get("interview_date"), "interview_date"),
        interview_time=interview_time,
        interview_zone=interview_zone,
        invited_on=_invited_on(values.get("invited_on"), today),
        interview_format=_interview_format(values.get("interview_format")),
        thank_you=_yes(values.get("thank_you"), "thank_you"),
        rank=_whole(values.get("rank"), "rank", 1, 100_000),
        letters_required=_whole(values.get("letters_required"), "letters_required", 0, 20),
        usce_required=_visa(values.get("usce_required"), "usce_required"),
        will_apply=_yes(values.get("will_apply"), "will_apply"),
        signal=_signal(values.get("signal")),
        institution=_text(values.get("institution"), "institution"),
    )


def future_checks(programs: Iterable[Program], today: date) -> list[str]:
    """Warnings (never errors: a stored date never locks the list) for "last checked" dates
    after `today`, the latest date current anywhere."""
    return [
        f"{p.name} ({p.specialty}): site checked {p.checked.isoformat()}, which is in the future"
        for p in programs
        if p.checked is not None and p.checked > today
    ]


def to_record(program: Program) -> dict[str, Any]:
    """As stored (JSON) and exported: plain values, dates as ISO text."""
    record = {name: getattr(program, name) for name in FIELDS}
    record["checked"] = program.checked.isoformat() if program.checked else None
    record["interview_date"] = program.interview_date.isoformat() if program.interview_date else None
    record["interview_time"] = program.interview_time.strftime("%H:%M") if program.interview_time else None
    invited = program.invited_on
    record["invited_on"] = (
        None
        if invited is None
        else invited.strftime("%Y-%m-%d %H:%M")
        if isinstance(invited, datetime)
        else invited.isoformat()
    )
    if program.extra:
        record["extra"] = dict(program.extra)
    return record


# The season's fields (issues #14 and #15) are saved only when set: a programs.json of
# someone who does not use them stays as it was, and 5,000 programs do not carry ten empty keys.
SEASON_FIELDS = (
    "interview_status",
    "interview_date",
    "interview_time",
    "interview_zone",
    "invited_on",
    "interview_format",
    "thank_you",
    "rank",
    "letters_required",
    "usce_required",
    # and the application season's (issue #14), likewise
    "will_apply",
    "signal",
    "institution",
)


def to_stored_record(program: Program) -> dict[str, Any]:
    """As saved in programs.json: to_record without the season's fields left at their default."""
    record = to_record(program)
    for name in SEASON_FIELDS:
        if record[name] == Program.__dataclass_fields__[name].default:
            del record[name]
    return record


def next_status(program: Program, step: int) -> Program:
    index = STATUSES.index(program.status)
    return replace(program, status=STATUSES[max(0, min(len(STATUSES) - 1, index + step))])


# -- filters ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    words: tuple[str, ...] = ()
    specialty: str | None = None
    visa: str | None = None  # "j1" | "h1b"
    min_img_pct: float | None = None
    status: ProgramStatus | None = None
    in_division: Callable[[str], bool] | None = None  # is a program's state in the chosen division?
    problems: tuple[str, ...] = ()  # words the filter could not use, said to the person (not filtered on)

    def matches(self, program: Program, haystack: str | None = None) -> bool:
        if self.specialty and self.specialty.casefold() not in program.specialty.casefold():
            return False
        if self.visa and getattr(program, self.visa) != "yes":
            return False
        if self.min_img_pct is not None and (program.img_pct is None or program.img_pct < self.min_img_pct):
            return False
        if self.status and program.status != self.status:
            return False
        if self.in_division is not None and not self.in_division(program.state):
            return False
        text = haystack if haystack is not None else program.haystack()
        return all(word in text for word in self.words)


def parse_filter(text: str, places: Places | None = None) -> Filter:
    """The filter box: words match name/specialty/city/notes; `j1`/`h1b` keep sponsors of that
    visa; `>=5` or `>=5%` a minimum % IMG; a status name (or `status:applied`) that status;
    with `places`, a Census division: `division:` (or `div:`) and its name as typed, spaces
    and all (`division:middle atlantic`), or the unique start of it (`division:middle`), or
    its name with hyphens (`middle-atlantic`). A division word that names none (or more than
    one) is not filtered on: `problems` says why. "internal medicine j1 >=5" is the guide's search."""
    words: list[str] = []
    visa: str | None = None
    min_pct: float | None = None
    status: ProgramStatus | None = None
    division: Callable[[str], bool] | None = None
    problems: list[str] = []
    text = text.casefold()
    for known in STATUSES:  # a status as printed ("interview offered") is one token
        if "_" in known:
            text = re.sub(r"\b" + r"[\s-]+".join(known.split("_")) + r"\b", known, text)
    tokens = [token.strip(",") for token in text.split()]
    while tokens:
        token = tokens.pop(0)
        prefix = places.filter_prefix(token) if places is not None else None
        if places is not None and prefix is not None:
            name = token[len(prefix) :]
            # The name goes on over spaces while the words still begin a division's name.
            while tokens and places.divisions_named(f"{name} {tokens[0]}"):
                name = f"{name} {tokens.pop(0)}".strip()
            found = places.named_division(name)
            if isinstance(found, str):
                problems.append(found)
            else:
                division = places.in_division(found)
        elif places is not None and (chosen := places.division_for_word(token)) is not None:
            division = places.in_division(chosen)
        elif token in ("j1", "j-1"):
            visa = "j1"
        elif token in ("h1b", "h-1b"):
            visa = "h1b"
        elif match := re.fullmatch(r"(?:>=|≥|img>=|%>=)(\d+(?:\.\d+)?)%?", token):
            min_pct = float(match[1])
        elif (named := as_status(token.removeprefix("status:").replace("-", "_"))) is not None:
            status = named
        elif token:
            words.append(token)
    return Filter(tuple(words), None, visa, min_pct, status, division, tuple(problems))


def filter_programs(programs: Iterable[Program], chosen: Filter) -> list[Program]:
    return [p for p in programs if chosen.matches(p)]


def sort_programs(programs: list[Program], column: str, descending: bool = False) -> list[Program]:
    """Missing values last, whatever the direction."""
    present = [p for p in programs if getattr(p, column) not in (None, "")]
    missing = [p for p in programs if getattr(p, column) in (None, "")]

    def key(p: Program) -> Any:
        value = getattr(p, column)
        return value.casefold() if isinstance(value, str) else value

    return sorted(present, key=key, reverse=descending) + missing


# -- fit flags -------------------------------------------------------------------------


def fit_flags(program: Program, mode: Mode, step3_done: bool, today: date) -> list[str]:
    """What imgtui already knows that makes this program a poor or uncertain fit."""
    flags = []
    if mode == "non-us-img":
        if program.j1 == "no" and program.h1b == "no":
            flags.append("sponsors no visa")
        elif program.h1b == "yes" and program.j1 != "yes" and not step3_done:
            flags.append("H-1B only: needs Step 3 first")
    if program.checked is None or (today - program.checked).days > STALE_DAYS:
        flags.append(
            "re-check the program's site (visa info over a year old)"
            if program.checked
            else "re-check the program's site (never checked)"
        )
    return flags


# -- the list as a patchable value ---------------------------------------------------------

Key = tuple[str, str]


@dataclass
class ProgramBook:
    """The person's programs in their order, addressable for patches (see patch.py):
    (key,) is a whole program, (key, field) one field, (key, "extra", column) a kept column.
    Beside them, under string heads: ("letters", id) a letter, ("clinical_experience", id)
    an experience, ("rank_list", "certified") when the person certified the rank list."""

    programs: list[Program] = field(default_factory=list)
    document: dict[str, Any] = field(default_factory=dict)  # unknown top-level keys of the file, kept
    letters: dict[str, Letter] = field(default_factory=dict)  # by id, in the order added
    experiences: dict[str, ClinicalExperience] = field(default_factory=dict)
    certified: datetime | None = None  # the person's own mark: rank list certified on NRMP R3

    def __post_init__(self) -> None:
        self._positions: dict[Key, int] | None = None

    def index(self, key: Key) -> int | None:
        if self._positions is None:  # built once, so importing 5,000 programs is not 5,000 scans
            self._positions = {p.key: i for i, p in enumerate(self.programs)}
        return self._positions.get(key)

    def find(self, key: Key) -> Program | None:
        at = self.index(key)
        return None if at is None else self.programs[at]

    def upsert(self, program: Program) -> bool:
        """Add, or replace the program with the same name and specialty; True when added."""
        at = self.index(program.key)
        if at is None:
            assert self._positions is not None
            self._positions[program.key] = len(self.programs)
            self.programs.append(program)
            return True
        self.programs[at] = program
        return False

    def remove(self, key: Key) -> Program | None:
        at = self.index(key)
        if at is None:
            return None
        self._positions = None  # later positions shift
        return self.programs.pop(at)

    def get(self, path: Path) -> Any:
        if isinstance(path[0], str):
            return self._get_beside(path)
        program = self.find(path[0])
        if program is None:
            return MISSING
        if len(path) == 1:
            return program
        if path[1] == "extra":
            return program.extra.get(path[2], MISSING)
        return getattr(program, path[1])

    def put(self, path: Path, value: Any) -> None:
        if isinstance(path[0], str):
            self._put_beside(path, value)
            return
        if len(path) == 1:
            if value is MISSING:
                self.remove(path[0])
            else:
                self.upsert(value)
            return
        program = self.find(path[0])
        if program is None:  # deleted elsewhere meanwhile: a field of it has nowhere to go
            return
        if path[1] == "extra":
            extra = dict(program.extra)
            if value is MISSING:
                extra.pop(path[2], None)
            else:
                extra[path[2]] = value
            self.upsert(replace(program, extra=extra))
        else:
            self.upsert(replace(program, **{path[1]: value}))

    def _records(self, head: str) -> dict[str, Any]:
        tables: dict[str, dict[str, Any]] = {"letters": self.letters, "clinical_experience": self.experiences}
        return tables[head]

    def _get_beside(self, path: Path) -> Any:
        if path == ("rank_list", "certified"):
            return MISSING if self.certified is None else self.certified
        return self._records(path[0]).get(path[1], MISSING)

    def _put_beside(self, path: Path, value: Any) -> None:
        if path == ("rank_list", "certified"):
            self.certified = None if value is MISSING else value
            return
        records = self._records(path[0])
        if value is MISSING:
            records.pop(path[1], None)
        else:
            records[path[1]] = value


BESIDE_KEYS = ("letters", "clinical_experience", "rank_list")  # top-level keys of programs.json read here


def _beside_records(document: dict[str, Any], head: str) -> list[dict[str, Any]]:
    """The records of a top-level list ("letters", ...), each an object with a unique id."""
    raw = document.get(head, [])
    if not isinstance(raw, list):
        raise ProgramError(head, "expected a list")
    seen: set[str] = set()
    for i, record in enumerate(raw):
        if not isinstance(record, dict) or not isinstance(record.get("id"), str) or not record["id"].strip():
            raise ProgramError(f"{head}[{i}]", 'expected an object with an "id"')
        if record["id"] in seen:
            raise ProgramError(f"{head}[{i}].id", f"{record['id']!r} appears twice")
        seen.add(record["id"])
    return raw


def book_from_document(programs: list[Program], document: dict[str, Any], today: date | None) -> ProgramBook:
    """The book from a parsed programs.json: the programs (already validated), the letters,
    experiences and rank-list mark validated here (ProgramError names the key, e.g.
    "letters[2].received_on"), every other top-level key kept as it is."""
    letters: dict[str, Letter] = {}
    for i, record in enumerate(_beside_records(document, "letters")):
        try:
            letters[record["id"]] = parse_letter(record, today, record["id"])
        except LetterError as error:
            raise ProgramError(f"letters[{i}].{error.field}", error.problem) from None
    experiences: dict[str, ClinicalExperience] = {}
    for i, record in enumerate(_beside_records(document, "clinical_experience")):
        try:
            experiences[record["id"]] = parse_experience(record, record["id"])
        except LetterError as error:
            raise ProgramError(f"clinical_experience[{i}].{error.field}", error.problem) from None
    rank_list = document.get("rank_list", {})
    if not isinstance(rank_list, dict):
        raise ProgramError("rank_list", "expected an object")
    certified = None
    if rank_list.get("certified") is not None:
        try:
            certified = datetime.fromisoformat(str(rank_list["certified"]))
        except ValueError:
            raise ProgramError(
                "rank_list.certified", f"expected a date and time, got {rank_list['certified']!r}"
            ) from None
    kept = {k: v for k, v in document.items() if k not in BESIDE_KEYS}
    return ProgramBook(programs, kept, letters, experiences, certified)


def book_document(book: ProgramBook) -> dict[str, Any]:
    """The top-level keys of programs.json besides "schema" and "programs"."""
    document = dict(book.document)
    if book.letters:
        document["letters"] = [letter_record(letter) for letter in book.letters.values()]
    if book.experiences:
        document["clinical_experience"] = [experience_record(e) for e in book.experiences.values()]
    if book.certified is not None:
        document["rank_list"] = {"certified": book.certified.isoformat(timespec="minutes")}
    return document


def program_edits(old: Program | None, new: Program) -> list[Edit]:
    """The edits that turn `old` into `new`: field by field when it is the same program,
    a removal and an addition when the name or specialty moved it to another key."""
    if old is None or old.key != new.key:
        return ([Edit((old.key,), old, MISSING)] if old is not None else []) + [Edit((new.key,), MISSING, new)]
    edits = [
        Edit((new.key, name), getattr(old, name), getattr(new, name))
        for name in FIELDS
        if getattr(old, name) != getattr(new, name)
    ]
    for column in sorted(set(old.extra) | set(new.extra)):
        before, after = old.extra.get(column, MISSING), new.extra.get(column, MISSING)
        if before != after:
            edits.append(Edit((new.key, "extra", column), before, after))
    return edits


def form_edits(book: ProgramBook, shown: Program | None, new: Program) -> list[Edit]:
    """What saving the edit form changes: only the fields the person changed (from `shown`,
    what the form opened with, to `new`), applied to the program as it is now, so a field
    another window or an import changed meanwhile is kept, even through a rename. A program
    deleted elsewhere meanwhile is added back as the form has it."""
    base = shown if shown is not None else Program(new.name, new.specialty)
    current = book.find(base.key)
    if current is None:
        current = book.find(new.key)
        if current is None:
            return program_edits(None, new)
    changed = {name: getattr(new, name) for name in FIELDS if getattr(new, name) != getattr(base, name)}
    extra = dict(current.extra)
    for column in set(base.extra) | set(new.extra):
        if base.extra.get(column) != new.extra.get(column):
            if column in new.extra:
                extra[column] = new.extra[column]
            else:
                extra.pop(column, None)
    return program_edits(current, replace(current, **changed, extra=extra))


def merge_row(current: Program, program: Program, present: frozenset[str]) -> Program:
    """`current` with what an imported row fills: the fields in `present` (its non-blank
    cells) and its non-blank kept columns. Name and specialty are what matched it (in any
    case): the person's spelling stays."""
    return replace(
        current,
        **{name: getattr(program, name) for name in FIELDS if name in present and name not in IDENTITY},
        extra={**current.extra, **{k: v for k, v in program.extra.items() if v.strip()}},
    )


def merge_edits(book: ProgramBook, rows: Iterable[tuple[Program, frozenset[str]]]) -> list[Edit]:
    """What importing `rows` changes: a new program is added whole; for one already in the
    book only the fields the row fills (`present`: its non-blank cells) and its non-blank
    kept columns change. A missing column or a blank cell never erases what is stored."""
    edits: list[Edit] = []
    pending: dict[Key, Program] = {}  # rows seen earlier in this same import
    for program, present in rows:
        current = pending.get(program.key) or book.find(program.key)
        if current is None:
            edits.append(Edit((program.key,), MISSING, program))
            pending[program.key] = program
            continue
        merged = merge_row(current, program, present)
        edits += program_edits(current, merged)
        pending[program.key] = merged
    return edits


def _added_by(applied: Applied) -> set[Any]:
    """The keys of the programs a change added (a whole program put where there was none)."""
    return {e.path[0] for e in applied.edits if len(e.path) == 1 and e.old is MISSING}


def import_changes(applied: Applied, book: ProgramBook) -> list[str]:
    """Each program an import updated (not added), as now named, with the columns it changed:
    'Beta Hospital (City, J-1)'."""
    added = _added_by(applied)
    changed: dict[object, dict[str, None]] = {}
    for edit in applied.edits:
        key = edit.path[0]
        if len(edit.path) > 1 and isinstance(key, tuple) and key not in added:
            field = str(edit.path[-1])  # a kept column's own name, else the field's
            changed.setdefault(key, {})[TITLES.get(field, field)] = None
    named = []
    for key, fields in changed.items():
        assert isinstance(key, tuple)
        program = book.find(key)
        named.append(f"{program.name if program else key[0]} ({', '.join(fields)})")
    return named


def import_summary(applied: Applied) -> tuple[int, int, int]:
    """(programs added, programs updated, fields changed in those updated) by an import."""
    added = _added_by(applied)
    updated = {e.path[0] for e in applied.edits if len(e.path) > 1} - added
    fields = sum(1 for e in applied.edits if len(e.path) > 1 and e.path[0] in updated)
    return len(added), len(updated), fields
