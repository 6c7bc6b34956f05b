"""QA 2026-11-26 #13: every import error reads `FILE: line N: COLUMN: reason` where the file has a
line (and `FILE: reason` for the file as a whole), as the README promises: a person fixes the
cell the message points at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from imgtui.cli import main

from ..conftest import NOW

EVERY_LINE = re.compile(r"^(imgtui: error: )?(?P<file>[^:]+): line (?P<line>\d+): (?P<column>[^:]+): .+")


def import_file(capsys, path: Path) -> tuple[int, list[str]]:
    code = main(["programs", "import", str(path)], clock=lambda: NOW)
    _out, err = capsys.readouterr()
    return code, err.splitlines()


def test_two_columns_for_one_field_name_the_file_line_and_column(capsys, tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("Program,Specialty,% IMG,IMG %\nMercy IM,Internal Medicine,30,30\n")
    code, err = import_file(capsys, path)
    assert code == 2 and err == [
        f"imgtui: error: {path}: line 1: IMG %: the columns '% IMG' (column 3) and 'IMG %' (column 4) both give "
        "% IMG; keep one of them"
    ]


@pytest.mark.parametrize("content, reason", [
    (b"", "the file is empty: expected a header row"),
    (b"\n  \n", "the file is empty: expected a header row"),
    (b"Name,City\nx,y\n", "line 1: no 'Specialty' column."),
    (b"Program,Specialty\n\xff,IM\n", "line 2: not UTF-8 text (byte 18)"),
])
def test_a_file_that_cannot_be_read_is_named(capsys, tmp_path, content, reason):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    code, err = import_file(capsys, path)
    assert code == 2 and len(err) == 1 and err[0].startswith(f"imgtui: error: {path}: {reason}")


def test_signal_refusals_name_the_rows_line_and_column(capsys, tmp_path):
    path = tmp_path / "sig.csv"
    rows = "".join(f"IM Program {i},Internal Medicine,gold\n" for i in range(1, 5))
    path.write_text("Program,Specialty,Program signal\n" + rows + "Hill Peds,Pediatrics,maybe\n")
    code, err = import_file(capsys, path)
    assert code == 1
    assert err[0].startswith(f"{path}: line 6: Program signal: expected gold, silver, ")
    assert err[1].startswith(
        f"{path}: line 5: Program signal: IM Program 4 (Internal Medicine): Internal Medicine allows 3 gold signals"
    )
    assert err[2].startswith(f"{path}: nothing imported: 2 bad row(s)")
    assert all(EVERY_LINE.match(line) for line in err[:2])
