"""Mutation testing (#18): the program rules not stated elsewhere: the spellings a cell may
use, what a bad value is told, how an edit form and an import change a program, and the
records kept beside the programs in programs.json."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from imgtui.domain.patch import MISSING, Edit, apply_edits
from imgtui.domain.programs import (
    Program,
    ProgramBook,
    ProgramError,
    book_from_document,
    form_edits,
    future_checks,
    interview_problem,
    parse_filter,
    parse_program,
    program_edits,
    to_record,
)

TODAY = date(2026, 11, 24)


def program(**values) -> Program:
    return parse_program({"name": "Mercy IM", "specialty": "Internal Medicine", **values}, TODAY)


def refused(**values) -> ProgramError:
    with pytest.raises(ProgramError) as error:
        program(**values)
    return error.value


@pytest.mark.parametrize("cell, shown", [
    ("Virtual", "virtual"), ("online", "virtual"), ("Video", "virtual"), ("Zoom", "virtual"), ("remote", "virtual"),
    ("In person", "in_person"), ("in-person", "in_person"), ("InPerson", "in_person"), ("on_site", "in_person"),
    ("onsite", "in_person"), ("On campus", "in_person"), ("unknown", ""), ("?", ""), ("", ""),
])
def test_the_interview_format_spellings(cell, shown):
    assert program(interview_format=cell).interview_format == shown


def test_an_unknown_interview_format_is_refused_saying_what_is_expected():
    error = refused(interview_format="phone")
    assert (error.field, error.problem) == ("interview_format", "expected virtual or in person, got 'phone'")


@pytest.mark.parametrize("cell, shown", [
    ("invite", "invited"), ("Offered", "invited"), ("interview offered", "invited"), ("booked", "scheduled"),
    ("accepted", "scheduled"), ("done", "completed"), ("interviewed", "completed"), ("waitlist", "waitlisted"),
    ("wait-listed", "waitlisted"), ("canceled", "cancelled"), ("rejected", "declined"), ("None", ""), ("no", ""),
])
def test_the_interview_status_spellings(cell, shown):
    assert program(interview_status=cell).interview_status == shown


@pytest.mark.parametrize("cell, sent", [("sent", True), ("Sent", True), ("not sent", False), ("", False)])
def test_a_thank_you_is_sent_or_not_sent(cell, sent):
    assert program(thank_you=cell).thank_you is sent


@pytest.mark.parametrize("cell", ["none", "None", "-", "no"])
def test_a_signal_cell_saying_none_is_no_signal(cell):
    assert program(signal=cell).signal == ""


def test_a_bad_interview_date_says_what_a_date_looks_like():
    error = refused(interview_date="8 Dec")
    assert (error.field, error.problem) == ("interview_date", "expected a date such as 2026-12-08, got '8 Dec'")


@pytest.mark.parametrize("cell, kept", [
    ("2026-11-20", date(2026, 11, 20)),
    ("2026-11-20 14:05", datetime(2026, 11, 20, 14, 5)),
    ("2026-11-20 14:05:59.5", datetime(2026, 11, 20, 14, 5)),
    ("2026-11-20T14:05:30+05:00", datetime(2026, 11, 20, 14, 5)),
    (datetime(2026, 11, 20, 14, 5, 30, 7, tzinfo=timezone.utc), datetime(2026, 11, 20, 14, 5)),
    (date(2026, 11, 20), date(2026, 11, 20)),
])
def test_an_invitation_is_kept_as_a_day_or_as_the_wall_clock_minute_written(cell, kept):
    invited = program(invited_on=cell).invited_on
    assert invited == kept and type(invited) is type(kept)
    assert not isinstance(invited, datetime) or invited.tzinfo is None


def test_an_invitation_may_be_dated_tomorrow_but_not_later():
    assert program(invited_on="2026-11-25").invited_on == date(2026, 11, 25)
    error = refused(invited_on="2026-11-26")
    assert (error.field, error.problem) == ("invited_on", "2026-11-26 is in the future")
    saved = parse_program({"name": "A", "specialty": "IM", "invited_on": "2027-01-01"}, None)
    assert saved.invited_on == date(2027, 1, 1)  # a saved record's date is never refused


def test_a_bad_invitation_date_says_what_a_date_looks_like():
    error = refused(invited_on="yesterday")
    assert error.field == "invited_on"
    assert error.problem == "expected a date such as 2026-11-20, or 2026-11-20 14:05, got 'yesterday'"


def test_a_bad_zone_or_time_is_refused_naming_its_own_field():
    zone = refused(interview_zone="Mars/Olympus")
    assert zone.field == "interview_zone" and "Mars/Olympus" in zone.problem
    clock = refused(interview_date="2026-12-08", interview_time="25:99", interview_zone="CT")
    assert clock.field == "interview_time" and "25:99" in clock.problem
    both = refused(interview_time="9:00 AM ET", interview_zone="CT")
    assert (both.field, both.problem) == ("interview_zone", "'CT' disagrees with the zone in the time ('9:00 AM ET')")


def test_an_interview_time_needs_its_date_and_its_zone():
    no_date = interview_problem(Program("A", "IM", interview_time=time(9), interview_zone="America/Chicago"))
    assert no_date is not None and no_date.field == "interview_date"
    assert no_date.problem == "needed with an interview time"
    no_zone = interview_problem(Program("A", "IM", interview_time=time(9), interview_date=date(2026, 12, 8)))
    assert no_zone is not None and no_zone.field == "interview_zone"
    assert no_zone.problem == "needed with an interview time: CT, ET, MT, PT, AKT, HT or America/…"


def test_letters_required_are_0_to_20_and_rank_1_to_100000():
    assert (program(letters_required="0").letters_required, program(letters_required="20").letters_required) == (0, 20)
    assert refused(letters_required="21").field == "letters_required"
    assert program(rank="100000").rank == 100_000 and refused(rank="100001").field == "rank"


def test_bad_usce_and_institution_values_name_their_field():
    assert refused(usce_required="sometimes").field == "usce_required"
    assert refused(institution="x" * 2001).field == "institution"


def test_a_site_checked_today_is_not_in_the_future():
    assert future_checks([Program("A", "IM", checked=TODAY)], TODAY) == []
    assert future_checks([Program("A", "IM", checked=TODAY + timedelta(days=1))], TODAY) == [
        "A (IM): site checked 2026-11-25, which is in the future"]


def test_an_invitation_is_stored_as_a_day_or_as_a_day_and_minute():
    assert to_record(Program("A", "IM", invited_on=date(2026, 11, 20)))["invited_on"] == "2026-11-20"
    assert to_record(Program("A", "IM", invited_on=datetime(2026, 11, 20, 14, 5)))["invited_on"] == "2026-11-20 14:05"


def test_a_status_filter_may_be_written_with_a_hyphen():
    assert parse_filter("status:interview-offered").status == "interview_offered"


# The edit form and the book.

def book_of(*programs: Program) -> ProgramBook:
    return ProgramBook(list(programs))


def test_saving_the_form_changes_only_what_the_person_changed_keeping_what_changed_meanwhile():
    shown = Program("Mercy IM", "IM", city="Chicago", notes="old", extra={"ID": "1", "Fax": "9"})
    meanwhile = Program("Mercy IM", "IM", city="Evanston", notes="old", extra={"ID": "1", "Fax": "9", "Web": "w"})
    new = Program("Mercy IM", "IM", city="Chicago", notes="new", extra={"ID": "2"})
    book = book_of(meanwhile)
    apply_edits(book, form_edits(book, shown, new))
    assert book.programs == [Program("Mercy IM", "IM", city="Evanston", notes="new", extra={"ID": "2", "Web": "w"})]


def test_a_form_renaming_a_program_keeps_what_changed_meanwhile():
    shown = Program("Mercy IM", "IM", city="Chicago")
    book = book_of(Program("Mercy IM", "IM", city="Evanston"))
    apply_edits(book, form_edits(book, shown, Program("Mercy Internal Medicine", "IM", city="Chicago")))
    assert book.programs == [Program("Mercy Internal Medicine", "IM", city="Evanston")]


def test_a_new_program_saved_twice_updates_the_first_and_one_deleted_meanwhile_comes_back():
    book = book_of(Program("A", "IM", city="Chicago"))
    apply_edits(book, form_edits(book, None, Program("A", "IM", notes="n")))
    assert book.programs == [Program("A", "IM", city="Chicago", notes="n")]
    apply_edits(book, form_edits(book, Program("B", "IM"), Program("B", "IM", notes="back")))
    assert [p.name for p in book.programs] == ["A", "B"] and book.programs[1].notes == "back"


def test_the_edits_of_a_change_name_each_field_and_each_kept_column():
    old = Program("A", "IM", city="X", extra={"ID": "1", "Fax": "9"})
    new = Program("A", "IM", city="Y", extra={"ID": "1", "Web": "w"})
    assert program_edits(old, new) == [
        Edit((old.key, "city"), "X", "Y"),
        Edit((old.key, "extra", "Fax"), "9", MISSING),
        Edit((old.key, "extra", "Web"), MISSING, "w"),
    ]
    renamed = Program("B", "IM")
    assert program_edits(old, renamed) == [Edit((old.key,), old, MISSING), Edit((renamed.key,), MISSING, renamed)]
    assert program_edits(None, renamed) == [Edit((renamed.key,), MISSING, renamed)]


def test_a_kept_column_is_read_and_written_by_its_path():
    book = book_of(Program("A", "IM", extra={"ID": "1"}))
    key = book.programs[0].key
    assert (book.get((key, "extra", "ID")), book.get((key, "extra", "Fax"))) == ("1", MISSING)
    book.put((key, "extra", "Fax"), "9")
    book.put((key, "extra", "ID"), MISSING)
    assert book.programs[0].extra == {"Fax": "9"}
    book.put((key,), MISSING)
    assert book.programs == [] and book.get((key,)) is MISSING


def test_letters_and_experiences_are_read_and_written_beside_the_programs():
    book = book_of()
    book.put(("letters", "L1"), "letter")
    book.put(("clinical_experience", "E1"), "experience")
    assert (book.letters, book.experiences) == ({"L1": "letter"}, {"E1": "experience"})
    assert (book.get(("letters", "L1")), book.get(("letters", "E1"))) == ("letter", MISSING)
    assert book.get(("clinical_experience", "E1")) == "experience"
    book.put(("letters", "L1"), MISSING)
    assert book.letters == {} and book.get(("letters", "L1")) is MISSING
    assert book.get(("rank_list", "certified")) is MISSING


@pytest.mark.parametrize("document, field, problem", [
    ({"letters": {}}, "letters", "expected a list"),
    ({"letters": [{"id": "a"}, "b"]}, "letters[1]", 'expected an object with an "id"'),
    ({"clinical_experience": [{"id": " "}]}, "clinical_experience[0]", 'expected an object with an "id"'),
    ({"letters": [{"id": 7}]}, "letters[0]", 'expected an object with an "id"'),
    ({"clinical_experience": [{"id": "a", "where": "X"}, {"id": "a", "where": "Y"}]},
     "clinical_experience[1].id", "'a' appears twice"),
    ({"clinical_experience": [{"id": "a", "where": ""}]}, "clinical_experience[0].where", "is required"),
    ({"rank_list": []}, "rank_list", "expected an object"),
    ({"rank_list": {"certified": "soon"}}, "rank_list.certified", "expected a date and time, got 'soon'"),
])
def test_a_bad_record_beside_the_programs_is_named_by_its_key(document, field, problem):
    with pytest.raises(ProgramError) as error:
        book_from_document([], document, TODAY)
    assert (error.value.field, error.value.problem) == (field, problem)


def test_records_beside_the_programs_keep_their_ids():
    experience = {"id": "e1", "where": "Mercy", "kind": "observership"}
    book = book_from_document([], {"clinical_experience": [experience], "other": 1}, TODAY)
    assert list(book.experiences) == ["e1"] and book.experiences["e1"].id == "e1"
    assert book.document == {"other": 1}


def test_an_import_merges_rows_into_the_book_and_counts_programs_added_updated_and_fields_changed():
    from imgtui.domain.patch import Applied
    from imgtui.domain.programs import import_changes, import_summary, merge_edits

    book = book_of(Program("A", "IM", city="X", notes="mine"))
    rows = [
        (Program("A", "IM", city="Y", extra={"ID": "1", "Fax": " "}), frozenset({"name", "specialty", "city"})),
        (Program("B", "IM", city="Z"), frozenset({"name", "specialty", "city"})),
        (Program("b", "im", notes="second row"), frozenset({"name", "specialty", "notes"})),
        (Program("a", "IM", state="IL"), frozenset({"name", "specialty", "state"})),
    ]
    applied = Applied("import", apply_edits(book, merge_edits(book, rows)))
    assert book.programs == [
        Program("A", "IM", city="Y", state="IL", notes="mine", extra={"ID": "1"}),
        Program("B", "IM", city="Z", notes="second row"),
    ]
    assert import_summary(applied) == (1, 1, 3)  # B added; A updated: City, State and the kept column ID
    assert import_changes(applied, book) == ["A (City, ID, State)"]
