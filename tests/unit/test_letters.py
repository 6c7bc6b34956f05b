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
