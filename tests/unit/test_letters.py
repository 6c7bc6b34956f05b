"""Letters and US clinical experience: validation, the four-letters-per-program limit (a fifth
is refused naming the program), what programs that require letters or USCE are missing, and
storage in programs.json beside the programs."""

import json
from datetime import date

import pytest

from imgtui.domain.letters import LetterError, next_id, parse_experience, parse_letter
from imgtui.domain.programs import parse_program
from imgtui.domain.readiness import (
    check_letter_limit,
    experience_kinds,
    letter_index,
    programs_missing,
    requirement_flags,
    resolve_programs,
)
from imgtui.persistence.locked_file import DataFileError
from imgtui.persistence.program_store import ProgramStore

TODAY = date(2026, 11, 24)
LIMIT = 4


def program(name, specialty="Internal Medicine", **values):
    return parse_program({"name": name, "specialty": specialty, **values}, TODAY)


PROGRAMS = [program("Mercy IM"), program("Harbor IM"), program("Mercy IM", "Pediatrics")]


def letter(number, programs="all", **values):
    return parse_letter({"writer": f"Dr {number}", "programs": programs, **values}, TODAY, f"L{number}")


def test_a_letter_validates_like_the_rest():
    ok = letter(1, title="Professor of Medicine", us="yes", requested_on="2026-08-01", received_on="2026-09-01")
    assert (ok.us, ok.received, ok.to_all) == ("yes", True, True)
    for values, field in [({"writer": ""}, "writer"), ({"requested_on": "2027-01-01"}, "requested_on"),
                          ({"requested_on": "2026-09-02", "received_on": "2026-09-01"}, "received_on"),
                          ({"us": "perhaps"}, "us"), ({"programs": "some"}, "programs")]:
        with pytest.raises(LetterError) as error:
            parse_letter({"writer": "Dr X", **values}, TODAY, "L9")
        assert error.value.field == field


def test_names_in_the_form_resolve_to_programs():
    assert resolve_programs("all", PROGRAMS) == (True, ())
    assert resolve_programs("harbor im; Mercy IM (Pediatrics)", PROGRAMS) == (
        False, (("Harbor IM", "Internal Medicine"), ("Mercy IM", "Pediatrics")))
    with pytest.raises(LetterError, match="more than one program"):
        resolve_programs("Mercy IM", PROGRAMS)
    with pytest.raises(LetterError, match="no program named 'Nowhere'"):
        resolve_programs("Nowhere", PROGRAMS)


def test_a_fifth_letter_for_a_program_is_refused_naming_it():
    four = [letter(1), letter(2), letter(3, programs=[["Mercy IM", "Internal Medicine"]]), letter(4)]
    check_letter_limit(four[3], four[:3], PROGRAMS, LIMIT)  # the fourth is fine
    fifth = letter(5, programs=[["harbor im", "internal medicine"]])
    check_letter_limit(fifth, four, PROGRAMS, LIMIT)  # Harbor has 3 (the "all" ones): a 4th is fine
    with pytest.raises(LetterError) as error:
        check_letter_limit(letter(5, programs=[["Mercy IM", "Internal Medicine"]]), four, PROGRAMS, LIMIT)
    assert str(error.value) == ("programs: Mercy IM (Internal Medicine) would get a 5th letter: ERAS assigns "
                                "at most 4 to one program")
    with pytest.raises(LetterError, match="Mercy IM \\(Internal Medicine\\) would get a 5th"):
        check_letter_limit(letter(5), four, PROGRAMS, LIMIT)  # "all" reaches Mercy too
    check_letter_limit(four[2]._replace(writer="Dr Three, edited"), four, PROGRAMS, LIMIT)  # editing is not adding


def test_what_a_program_requires_and_lacks():
    needs = program("Needs IM", letters_required="3", usce_required="yes")
    letters = (letter(1, received_on="2026-09-01"), letter(2))
    assert requirement_flags(needs, letters, set(), LIMIT) == [
        "letters: 2 of 3 required assigned", "requires US clinical experience: none recorded"]
    letters += (letter(3),)
    assert requirement_flags(needs, letters, {"observership"}, LIMIT) == [
        "letters: 1 of 3 required received",
        "requires US clinical experience: only observerships recorded (ask if they count)"]
    done = tuple(x._replace(received_on=TODAY) for x in letters)
    assert requirement_flags(needs, done, {"hands-on", "observership"}, LIMIT) == []
    assert requirement_flags(program("Greedy", letters_required="5"), done, set(), LIMIT) == [
        "says it requires 5 letters: ERAS sends at most 4"]
    missing = programs_missing([needs, program("Easy IM")], letter_index(letters), set(), LIMIT)
    assert [p.name for p, _flags in missing] == ["Needs IM"]


def test_clinical_experience_kinds_and_dates():
    hands = parse_experience({"where": "Mercy", "kind": "Hands on", "start": "2026-01-05", "end": "2026-02-01"}, "U1")
    planned = parse_experience({"where": "Harbor", "kind": "externship", "start": "2027-01-04"}, "U2")
    assert (hands.kind, planned.kind) == ("hands-on", "externship")
    assert experience_kinds([hands, planned], TODAY) == {"hands-on"}  # a planned one does not count yet
    with pytest.raises(LetterError, match="kind"):
        parse_experience({"where": "X", "kind": "shadowing"}, "U3")
    with pytest.raises(LetterError, match="before it starts"):
        parse_experience({"where": "X", "kind": "observership", "start": "2026-02-01", "end": "2026-01-01"}, "U3")
    assert next_id("L", {"L1", "L2", "L10", "X3"}) == "L11" and next_id("U", set()) == "U1"
    assert next_id("L", {"L2", "L\u00b3", "L\u0663"}) == "L3"  # digits int() refuses or reads otherwise are no number


def test_letters_and_experience_live_in_programs_json_and_survive(tmp_path):
    path = tmp_path / "programs.json"
    store = ProgramStore(path, lambda: TODAY)

    def add(book):
        book.letters["L1"] = letter(1, programs=[["Mercy IM", "Internal Medicine"]], received_on="2026-10-01")
        book.experiences["U1"] = parse_experience({"where": "Mercy", "kind": "observership"}, "U1")
        book.document["nickname"] = "kept"

    store.update(add)
    saved = json.loads(path.read_text())
    assert saved["letters"][0]["programs"] == [["Mercy IM", "Internal Medicine"]]
    assert saved["clinical_experience"][0]["kind"] == "observership" and saved["nickname"] == "kept"
    again = store.load()
    assert again.letters["L1"].received_on == date(2026, 10, 1) and again.experiences["U1"].where == "Mercy"
    saved["letters"][0]["received_on"] = "someday"
    path.write_text(json.dumps(saved))
    with pytest.raises(DataFileError, match=r"letters\[0\]\.received_on: expected a date"):
        store.load()


def test_the_goes_to_field_reads_every_spelling_of_all_and_skips_empty_names():
    for written in ("All", " all programs ", "*"):
        assert resolve_programs(written, PROGRAMS) == (True, ())
    assert resolve_programs("Harbor IM;; ;Mercy IM (Pediatrics); harbor im", PROGRAMS) == (
        False, (("Harbor IM", "Internal Medicine"), ("Mercy IM", "Pediatrics")))  # each program once


def test_a_program_name_with_parentheses_in_it_is_found():
    listed = [program("St. Mary (Downtown)"), program("St. Mary (Downtown)", "Pediatrics"), program("Mercy (A) IM")]
    assert resolve_programs("St. Mary (Downtown) (Pediatrics)", listed) == (
        False, (("St. Mary (Downtown)", "Pediatrics"),))
    assert resolve_programs("Mercy (A) IM", listed) == (False, (("Mercy (A) IM", "Internal Medicine"),))
    assert resolve_programs("Mercy (A) IM (Internal Medicine)", listed)[1] == (("Mercy (A) IM", "Internal Medicine"),)


def test_a_goes_to_name_that_is_unknown_or_ambiguous_is_refused_on_the_programs_field():
    with pytest.raises(LetterError) as unknown:
        resolve_programs("Harbor IM; Nowhere (Surgery)", PROGRAMS)
    assert (unknown.value.field, unknown.value.problem) == (
        "programs", "no program named 'Nowhere (Surgery)' on your list (names separated by ;, or all)")
    with pytest.raises(LetterError) as ambiguous:
        resolve_programs("mercy im", PROGRAMS)
    assert (ambiguous.value.field, ambiguous.value.problem) == (
        "programs", "'mercy im' is more than one program: write one of Mercy IM (Internal Medicine); "
                    "Mercy IM (Pediatrics)")


def test_the_limit_names_a_program_not_on_the_list_as_the_letter_writes_it():
    three = [letter(n, programs=[["Gone IM", "Surgery"]]) for n in (1, 2, 3)]
    check_letter_limit(letter(4, programs=[["Gone IM", "Surgery"]]), three, PROGRAMS, LIMIT)
    with pytest.raises(LetterError) as error:
        check_letter_limit(letter(5, programs=[["Gone IM", "Surgery"]]), [*three, letter(4)], PROGRAMS, 3)
    assert error.value.problem == "Gone IM (Surgery) would get a 5th letter: ERAS assigns at most 3 to one program"
    with pytest.raises(LetterError, match="would get a 2nd letter: ERAS assigns at most 1"):
        check_letter_limit(letter(2), [letter(1)], PROGRAMS, 1)


def test_an_experience_counts_from_the_day_it_starts():
    starts_today = parse_experience({"where": "Mercy", "kind": "externship", "start": TODAY.isoformat()}, "U1")
    assert experience_kinds([starts_today], TODAY) == {"externship"}


def test_more_letters_than_eras_sends_and_a_requirement_at_the_limit():
    five = tuple(letter(n, received_on="2026-09-01") for n in range(1, 6))
    assert requirement_flags(program("A"), five, set(), LIMIT) == ["gets 5 letters: ERAS sends at most 4"]
    assert requirement_flags(program("A", letters_required="4"), five[:4], set(), LIMIT) == []
    needs = program("Needs IM", letters_required="2")
    index = letter_index([letter(1, programs=[["needs im", "internal medicine"]]), letter(2, programs=[
        ["Needs IM", "Internal Medicine"], ["NEEDS IM ", "Internal Medicine"]])])
    assert [len(index.for_program(needs.key))] == [2]  # each letter once, however its programs are written
    assert programs_missing([needs], index, set(), LIMIT) == [(needs, ["letters: 0 of 2 required received"])]


def test_the_goes_to_field_as_the_letter_form_shows_it():
    from imgtui.domain.readiness import goes_to_text

    assert goes_to_text(letter(1)) == "all"
    both = letter(2, programs=[["Harbor IM", "Internal Medicine"], ["Mercy IM", "Pediatrics"]])
    assert goes_to_text(both) == "Harbor IM (Internal Medicine); Mercy IM (Pediatrics)"


def refused(parse, values, *args):
    with pytest.raises(LetterError) as error:
        parse(values, *args)
    return error.value.field, error.value.problem


def test_a_letters_texts_are_trimmed_and_at_most_2000_characters():
    full = parse_letter({"writer": "  Dr A ", "title": " Professor ", "specialty": " IM ", "programs": "all"},
                        TODAY, "L1")
    assert (full.writer, full.title, full.specialty) == ("Dr A", "Professor", "IM")
    assert parse_letter({"writer": "Dr A", "title": "x" * 2000}, TODAY, "L1").title == "x" * 2000
    for name in ("title", "specialty", "writer"):
        assert refused(parse_letter, {"writer": "Dr A", name: "x" * 2001}, TODAY, "L1") == (
            name, "is 2,001 characters long (at most 2,000)")
    assert refused(parse_letter, {"writer": "  "}, TODAY, "L1") == ("writer", "is required")
    assert refused(parse_experience, {"kind": "observership"}, "U1") == ("where", "is required")
    assert refused(parse_experience, {"where": "x" * 2001, "kind": "observership"}, "U1")[0] == "where"
    assert refused(parse_experience, {"where": "Mercy", "kind": "extern", "notes": "x" * 2001}, "U1")[0] == "notes"


@pytest.mark.parametrize("written, us", [
    (None, "unknown"), ("", "unknown"), ("Unknown", "unknown"), ("?", "unknown"),
    ("YES", "yes"), ("y", "yes"), ("true", "yes"), ("1", "yes"), (" US ", "yes"),
    ("No", "no"), ("n", "no"), ("false", "no"), ("0", "no"),
])
def test_whether_a_letter_is_from_a_us_physician(written, us):
    assert parse_letter({"writer": "Dr A", "us": written}, TODAY, "L1").us == us


def test_a_letters_dates_and_what_is_refused_about_them():
    same_day = parse_letter({"writer": "Dr A", "requested_on": "2026-09-01", "received_on": date(2026, 9, 1)},
                            TODAY, "L1")
    assert (same_day.requested_on, same_day.received_on, same_day.received) == (
        date(2026, 9, 1), date(2026, 9, 1), True)
    assert parse_letter({"writer": "Dr A", "received_on": TODAY.isoformat(), "requested_on": " "}, TODAY,
                        "L1").requested_on is None
    assert refused(parse_letter, {"writer": "Dr A", "us": "perhaps"}, TODAY, "L1") == (
        "us", "expected yes, no or unknown, got 'perhaps'")
    assert refused(parse_letter, {"writer": "Dr A", "requested_on": "08/12/2026"}, TODAY, "L1") == (
        "requested_on", "expected a date such as 2026-11-02, got '08/12/2026'")
    assert refused(parse_letter, {"writer": "Dr A", "received_on": "2026-11-25"}, TODAY, "L1") == (
        "received_on", "2026-11-25 is in the future")
    assert refused(parse_letter, {"writer": "Dr A", "requested_on": "2026-09-02", "received_on": "2026-09-01"},
                   TODAY, "L1") == ("received_on", "2026-09-01 is before it was requested (2026-09-02)")


def test_what_a_letter_goes_to_as_stored():
    assert parse_letter({"writer": "Dr A", "to_all": True, "programs": [["X", "Y"]]}, TODAY, "L1")[7:] == (True, ())
    assert parse_letter({"writer": "Dr A"}, TODAY, "L1")[7:] == (False, ())  # none yet
    pairs = parse_letter({"writer": "Dr A", "programs": (["Mercy IM", "IM"], ("Harbor", "FM"))}, TODAY, "L1")
    assert pairs.programs == (("Mercy IM", "IM"), ("Harbor", "FM"))
    assert refused(parse_letter, {"writer": "Dr A", "programs": "Mercy IM"}, TODAY, "L1") == (
        "programs", 'expected "all" or a list of [program, specialty] pairs')
    for pair in (["Mercy IM"], ["Mercy IM", "IM", "x"], ["Mercy IM", " "], ["Mercy IM", 3], "Mercy IM/IM"):
        assert refused(parse_letter, {"writer": "Dr A", "programs": [pair]}, TODAY, "L1") == (
            "programs", f"expected [program, specialty], got {pair!r:.60}")
    long = ["M" * 80, ""]
    assert refused(parse_letter, {"writer": "Dr A", "programs": [long]}, TODAY, "L1")[1] == (
        "expected [program, specialty], got ['" + "M" * 58)


@pytest.mark.parametrize("written", ["Hands on", "hands_on", "HANDS-ON", "handson", "Clerkship", "rotation"])
def test_the_kinds_of_clinical_experience_as_people_write_them(written):
    assert parse_experience({"where": "Mercy", "kind": written}, "U1").kind == "hands-on"


def test_an_experience_and_what_is_refused_about_it():
    one_day = parse_experience({"where": " Mercy ", "kind": "Observer", "start": "2027-01-04", "end": "2027-01-04",
                                "notes": " two weeks "}, "U7")
    assert one_day == ("U7", "Mercy", "observership", date(2027, 1, 4), date(2027, 1, 4), "two weeks")
    assert refused(parse_experience, {"where": "X", "kind": "shadowing"}, "U1") == (
        "kind", "expected hands-on, observership, externship, got 'shadowing'")
    assert refused(parse_experience, {"where": "X", "kind": "extern", "start": "2026-02-01", "end": "2026-01-01"},
                   "U1") == ("end", "2026-01-01 is before it starts (2026-02-01)")
    assert refused(parse_experience, {"where": "X", "kind": "extern", "end": "soon"}, "U1") == (
        "end", "expected a date such as 2026-11-02, got 'soon'")


def test_a_letter_and_an_experience_as_stored_in_programs_json():
    from imgtui.domain.letters import experience_record, letter_record

    named = letter(3, programs=[["Mercy IM", "Internal Medicine"]], title="Chief", specialty="IM", us="yes",
                   requested_on="2026-08-01", received_on="2026-09-01")
    assert letter_record(named) == {
        "id": "L3", "writer": "Dr 3", "title": "Chief", "specialty": "IM", "us": "yes",
        "requested_on": "2026-08-01", "received_on": "2026-09-01", "programs": [["Mercy IM", "Internal Medicine"]]}
    assert letter_record(letter(4))["programs"] == "all"
    assert (letter_record(letter(4))["requested_on"], letter_record(letter(4))["received_on"]) == (None, None)
    rotation = parse_experience({"where": "Mercy", "kind": "extern", "start": "2026-01-05", "end": "2026-02-01",
                                 "notes": "IM wards"}, "U2")
    assert experience_record(rotation) == {"id": "U2", "where": "Mercy", "kind": "externship", "start": "2026-01-05",
                                           "end": "2026-02-01", "notes": "IM wards"}
    planned = experience_record(parse_experience({"where": "Mercy", "kind": "extern"}, "U3"))
    assert (planned["start"], planned["end"]) == (None, None)


def test_an_experiences_start_that_is_not_a_date_is_refused_on_the_start_field():
    assert refused(parse_experience, {"where": "X", "kind": "extern", "start": "soon"}, "U1") == (
        "start", "expected a date such as 2026-11-02, got 'soon'")


def test_the_limit_names_a_program_on_the_list_as_the_list_writes_it():
    three = [letter(n, programs=[["mercy im", "internal medicine"]]) for n in (1, 2, 3)]
    with pytest.raises(LetterError) as error:
        check_letter_limit(letter(4, programs=[["MERCY IM", "internal medicine"]]), three, PROGRAMS, 3)
    assert error.value.problem.startswith("Mercy IM (Internal Medicine) would get a 4th letter")
