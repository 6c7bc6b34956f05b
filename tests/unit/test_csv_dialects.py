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
