"""The season's program fields: Apply (will apply), Signal and Institution, through the CSV,
the stored file and imports that merge."""

from __future__ import annotations

import pytest

from imgtui.domain.patch import apply_edits
from imgtui.domain.programs import ProgramBook, ProgramError, merge_edits, parse_program
from imgtui.domain.programs_csv import read_programs, write_programs

from ..conftest import NOW

TODAY = NOW.date()


def test_the_columns_and_their_spellings():
    data = ("Program,Specialty,Will apply,Program signal,Sponsoring institution\n"
            "A,Internal Medicine,yes,Gold,Mount Sinai\nB,Family Medicine,n,x,\nC,Pediatrics,,,\n").encode()
    result = read_programs(data, TODAY)
    assert not result.problems and not result.unknown_columns
    a, b, c = result.programs
    assert (a.will_apply, a.signal, a.institution, a.institution_name) == (True, "gold", "Mount Sinai", "Mount Sinai")
    assert (b.will_apply, b.signal, b.institution_name) == (False, "yes", "B")
    assert (c.will_apply, c.signal) == (False, "")


@pytest.mark.parametrize("field, value, message", [
    ("signal", "platinum", "expected gold, silver, yes"),
    ("will_apply", "maybe", "expected yes or no"),
])
def test_bad_values_name_the_field(field, value, message):
    with pytest.raises(ProgramError) as error:
        parse_program({"name": "A", "specialty": "IM", field: value}, TODAY)
    assert error.value.field == field and message in error.value.problem


def test_export_and_import_round_trip():
    program = parse_program({"name": "A", "specialty": "IM", "will_apply": True, "signal": "silver",
                             "institution": "Lenox Hill"}, TODAY)
    text = write_programs([program])
    assert text.splitlines()[0].endswith("Apply,Signal,Institution")
    (again,) = read_programs(text.encode(), TODAY).programs
    assert again == program


def test_a_blank_signal_cell_keeps_the_signal_and_no_removes_it():
    book = ProgramBook([parse_program({"name": "A", "specialty": "IM", "signal": "gold"}, TODAY)])
    blank = read_programs(b"Program,Specialty,Signal,Notes\nA,IM,,called\n", TODAY)
    apply_edits(book, merge_edits(book, blank.rows))
    assert book.programs[0].signal == "gold" and book.programs[0].notes == "called"
    cleared = read_programs(b"Program,Specialty,Signal\nA,IM,no\n", TODAY)
    apply_edits(book, merge_edits(book, cleared.rows))
    assert book.programs[0].signal == ""


def test_older_files_without_the_fields_still_read():
    program = parse_program({"name": "A", "specialty": "IM", "status": "applied"}, TODAY)
    assert (program.will_apply, program.signal, program.institution) == (False, "", "")
