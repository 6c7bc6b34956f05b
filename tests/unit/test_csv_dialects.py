"""#11 points 14-16: the spreadsheets people really have import (delimiters, encodings,
headers, FREIDA's visa column), and every error names the CSV's own header."""

from __future__ import annotations

from datetime import date

import pytest

from imgtui.domain.programs_csv import CsvError, read_programs

TODAY = date(2026, 11, 24)


def rows(data: bytes):
    result = read_programs(data, TODAY)
    assert not result.problems, result.problems
    return result


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_point14_delimiter_is_detected(delimiter):
    text = delimiter.join(["Program", "Specialty", "City", "% IMG"]) + "\n"
    text += delimiter.join(["Mercy IM", "Internal Medicine", "Chicago", "12"]) + "\n"
    result = rows(text.encode())
    assert [(p.name, p.city, p.img_pct) for p in result.programs] == [("Mercy IM", "Chicago", 12.0)]


def test_point14_excel_semicolon_with_bom_crlf_and_decimal_comma():
    data = "\ufeffProgram;Specialty;City;% IMG\r\nMercy IM;Internal Medicine;São Paulo;12,5\r\n".encode("utf-8")
    program = rows(data).programs[0]
    assert (program.name, program.city, program.img_pct) == ("Mercy IM", "São Paulo", 12.5)


def test_point14_excel_sep_line():
    program = rows(b"sep=;\nProgram;Specialty\nMercy, the IM one;IM\n").programs[0]
    assert program.name == "Mercy, the IM one"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_point14_utf16_with_a_bom(encoding):
    text = "Program\tSpecialty\tNotes\nHôpital Général\tInternal Medicine\tçà\n"
    data = text.encode(encoding)
    if encoding != "utf-16":  # the explicit-endian codecs write no BOM: add the one Excel writes
        data = ("\ufeff" + text).encode(encoding)
    program = rows(data).programs[0]
    assert (program.name, program.notes) == ("Hôpital Général", "çà")


def test_point14_an_unreadable_header_says_which_delimiter_was_found_and_what_was_expected():
    with pytest.raises(CsvError) as error:
        read_programs(b"Programme|Specialite\nx|y\n", TODAY)
    message = str(error.value)
    assert "comma" in message and "'Programme|Specialite'" in message and "Program" in message
    assert "Specialty" in message


@pytest.mark.parametrize("header, both", [
    ("Program,Specialty,Program", ("'Program' (column 1)", "'Program' (column 3)")),
    ("Program,Specialty,% IMG,IMG %", ("'% IMG'", "'IMG %'")),
    ("Program,Specialty,J-1,Visa sponsorship", ("'J-1'", "'Visa sponsorship'")),
])
def test_point15_two_columns_for_one_field_are_an_error_naming_both(header, both):
    with pytest.raises(CsvError) as error:
        read_programs((header + "\n" + ",".join("x" * len(header.split(","))) + "\n").encode(), TODAY)
    assert all(name in str(error.value) for name in both)


def test_point15_blank_lines_above_the_header_are_skipped_and_lines_still_counted():
    result = read_programs(b"\n  \nProgram,Specialty,% IMG\nA,IM,5\nB,IM,lots\n", TODAY)
    assert [p.name for p in result.programs] == ["A"]
    assert result.problems == ["line 5: % IMG: expected a number from 0 to 100, got 'lots'"]


@pytest.mark.parametrize("header, cell, shown", [
    ("% IMG", "lots", "% IMG"),
    ("IMG percent", "lots", "IMG percent"),
    ("Last checked", "last week", "Last checked"),
    ("J-1 sponsor", "maybe", "J-1 sponsor"),
    ("Minimum Step score", "9000", "Minimum Step score"),
])
def test_point15_errors_name_the_csvs_own_header(header, cell, shown):
    result = read_programs(f"Program,Specialty,{header}\nA,IM,{cell}\n".encode(), TODAY)
    assert result.problems and result.problems[0].startswith(f"line 2: {shown}: ")
    assert "img_pct" not in result.problems[0] and "min_step" not in result.problems[0]


@pytest.mark.parametrize("cell, j1, h1b", [
    ("J-1, H-1B", "yes", "yes"),
    ("J-1", "yes", "no"),
    ("H-1B", "no", "yes"),
    ("None", "no", "no"),
    ("J1 and H1B", "yes", "yes"),
    ("", "unknown", "unknown"),
])
def test_point16_freidas_visa_column_fills_j1_and_h1b(cell, j1, h1b):
    program, present = rows(f'Program,Specialty,Visa sponsorship\nA,IM,"{cell}"\n'.encode()).rows[0]
    assert (program.j1, program.h1b) == (j1, h1b)
    assert ({"j1", "h1b"} <= present) == bool(cell)  # a blank visa cell fills (and so erases) nothing


def test_point16_an_unknown_visa_is_named_by_its_column():
    result = read_programs(b"Program,Specialty,Visa sponsorship\nA,IM,O-1\n", TODAY)
    assert result.problems == [
        "line 2: Visa sponsorship: expected the visas sponsored (J-1, H-1B, both, or None), got 'O-1'"]


def test_point16_the_header_table_is_documented_in_the_readme():
    from pathlib import Path

    from imgtui.domain.programs_csv import HEADERS

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8").casefold()
    for spellings in HEADERS.values():
        for spelling in spellings:
            assert f"`{spelling}`" in readme, spelling


def test_a_freida_style_export_is_read():
    data = (b"Program name,Specialty,City,State,Visa sponsorship,% IMGs,Program ID\n"
            b"Mercy Hospital Program,Internal Medicine,Chicago,IL,\"J-1, H-1B\",35,1403521\n")
    result = rows(data)
    program, present = result.rows[0]
    assert (program.j1, program.h1b, program.img_pct) == ("yes", "yes", 35.0)
    assert program.extra == {"Program ID": "1403521"} and result.unknown_columns == ["Program ID"]
    assert "status" not in present and "notes" not in present and "checked" not in present


# Mutation testing (#18): the rest of the import and export rules, each stated.

def csv_error(data: bytes) -> str:
    with pytest.raises(CsvError) as error:
        read_programs(data, TODAY)
    return str(error.value)


def test_a_header_may_end_in_a_colon():
    program = rows(b"Program:,Specialty :,City:\nMercy IM,IM,Chicago\n").programs[0]
    assert (program.name, program.specialty, program.city) == ("Mercy IM", "IM", "Chicago")


def test_broken_utf16_is_refused_naming_the_byte_and_the_fix():
    assert csv_error(b"\xff\xfe\x00\xd8") == "not valid UTF-16 text (byte 2); save the file as CSV UTF-8"


@pytest.mark.parametrize("header, delimiter", [
    ('"Notes, comments, other";Program;Specialty', ";"),  # commas inside quotes do not count
    ("Program,Specialty;Notes", ","),  # a tie goes to the comma
    ("Program\tSpecialty;Notes", ";"),
    ("Program", ","),  # no delimiter at all: a comma
])
def test_the_delimiter_is_the_one_most_used_outside_quotes(header, delimiter):
    from imgtui.domain.programs_csv import sniff_delimiter

    assert sniff_delimiter(header) == delimiter


def test_the_import_reports_the_delimiter_it_read():
    assert rows(b"Program;Specialty\nA;IM\n").delimiter == ";"
    assert rows(b"sep=|\nProgram|Specialty\nA|IM\n").delimiter == "|"


@pytest.mark.parametrize("cell", ["No", "neither", "No visa", "no visas", "Does not sponsor", "NONE"])
def test_a_visa_cell_saying_no_visa_means_neither_is_sponsored(cell):
    program, present = rows(f"Program,Specialty,Visa sponsorship\nA,IM,{cell}\n".encode()).rows[0]
    assert (program.j1, program.h1b) == ("no", "no") and {"j1", "h1b"} <= present


def test_a_visa_cell_saying_both_means_both_are_sponsored():
    program = rows(b"Program,Specialty,Visa sponsorship\nA,IM,Both\n").programs[0]
    assert (program.j1, program.h1b) == ("yes", "yes")


def test_a_later_check_on_a_visa_names_the_visa_column():
    result = rows(b"Program,Specialty,Visa sponsorship\nA,IM,J-1\n")
    assert result.where(0, "j1") == "line 2: Visa sponsorship"
    assert result.where(0, "h1b") == "line 2: Visa sponsorship"
    assert result.where(0, "img_pct") == "line 2: % IMG"  # no such column in the file: the field's own title


def test_a_file_with_only_the_sep_line_has_no_header_row():
    assert csv_error(b"sep=;\n\n") == "no header row: expected one naming at least Program and Specialty"


def test_a_header_cell_too_large_to_read_is_named_by_line():
    assert csv_error(b"\n" + b'Program,"' + b"x" * 100_001 + b'"\nA,B\n') == (
        "line 2: field larger than field limit (100000)")


def test_a_missing_column_error_names_the_header_line_and_every_header_found():
    assert csv_error(b"\n\nName ,City,State\nx,y,z\n") == (
        "line 3: no 'Specialty' column. Read the header with the comma as the delimiter and found: "
        "'Name', 'City', 'State'. Expected at least Program (or Name) and Specialty")
    assert csv_error(b"Specialty,City\nx,y\n").startswith("line 1: no 'Program' column.")


def test_a_declared_delimiter_without_a_name_is_shown_as_itself():
    assert "Read the header with the '|' as the delimiter and found: 'Programme'" in csv_error(
        b"sep=|\nProgramme|Specialite\n")


def test_blank_rows_are_skipped_and_the_rows_after_a_bad_row_are_still_read():
    result = read_programs(b"Program,Specialty\nA,IM\n,\n\nB,IM,extra\nC,IM\n", TODAY)
    assert [p.name for p in result.programs] == ["A", "C"]
    assert result.problems == ["line 5: 3 cells but 2 columns"]
    assert result.lines == [2, 6]


def test_a_short_row_leaves_its_missing_cells_blank():
    program, present = rows(b"Program,Specialty,City,Notes\nA,IM\n").rows[0]
    assert (program.city, program.notes) == ("", "") and not {"city", "notes"} & present


def test_unknown_columns_of_one_name_are_all_kept_and_numbered():
    result = rows(b"Program,Specialty,ID,Director,ID,ID\nA,IM,1,Dr X,2,3\n")
    assert result.unknown_columns == ["ID", "Director", "ID (2)", "ID (3)"]
    assert result.programs[0].extra == {"ID": "1", "Director": "Dr X", "ID (2)": "2", "ID (3)": "3"}


def test_a_visa_column_and_an_h1b_column_both_give_h1b():
    message = csv_error(b"Program,Specialty,H-1B,Visa sponsorship\nA,IM,yes,J-1\n")
    assert "'H-1B' (column 3) and 'Visa sponsorship' (column 4) both give H-1B" in message


def test_a_cell_saying_n_a_fills_nothing():
    program, present = rows(b"Program,Specialty,City,% IMG\nA,IM,n/a,unknown\n").rows[0]
    assert (program.city, program.img_pct) == ("", None) and not {"city", "img_pct"} & present


def test_an_apostrophe_is_dropped_only_where_it_guards_a_formula():
    notes = [p.notes for p in rows(b"Program,Specialty,Notes\nA,IM,'=1+1\nB,IM,'quoted'\nC,IM,a=b\n").programs]
    assert notes == ["=1+1", "'quoted'", "a=b"]


def test_a_quoted_cell_keeps_its_line_breaks_as_written():
    program = rows(b'Program,Specialty,Notes\r\nA,IM,"one\r\ntwo"\r\n').programs[0]
    assert program.notes == "one\r\ntwo"


def test_the_export_writes_a_whole_number_without_a_decimal_point():
    from imgtui.domain.programs import Program
    from imgtui.domain.programs_csv import write_programs

    header, row = write_programs([Program("A", "IM", img_pct=12.0)]).splitlines()
    assert dict(zip(header.split(","), row.split(","), strict=True))["% IMG"] == "12"


def test_the_rank_list_export_joins_each_programs_flags():
    from imgtui.domain.programs import Program
    from imgtui.domain.programs_csv import write_rank_list

    a, b = Program("A", "IM"), Program("B", "IM")
    lines = write_rank_list([a, b], {a.key: ["J-1 unknown", "low IMG"]}).splitlines()
    assert lines[1].split(",")[7] == "J-1 unknown; low IMG" and lines[2].split(",")[7] == ""
