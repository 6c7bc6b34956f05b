"""QA 2026-11-26 #8: on a console that cannot show a symbol (ISO-8859-1, cp1252, cp437) its ASCII
stand-in takes the cells the symbol would have: one for a one-cell symbol (… ≈ → ✎), so table
columns stay in line; and each status mark keeps a stand-in of its own (✎ yours is not `?`,
which is unverified's)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from imgtui.labels import STATUS_MARK
from imgtui.sanitize import stand_in

ENCODINGS = ["iso-8859-1", "cp1252", "cp437"]
STATUS_LINE = re.compile(r"^(\S+) (" + "|".join(STATUS_MARK) + r") +[a-z]\S*\.\S+")  # "≈ projected  timing.x"
RULE = re.compile(r"^-+(\+-+)+$")  # the line under a table's header


def imgtui(config: Path, encoding: str, *argv: str) -> str:
    env = {**os.environ, "XDG_CONFIG_HOME": str(config), "IMGTUI_NOW": "2026-11-24T10:00:00-05:00",
           "PYTHONIOENCODING": encoding, "LANG": "C", "LC_ALL": "C"}
    env.pop("COLUMNS", None)
    result = subprocess.run([str(Path(sys.executable).parent / "imgtui"), *argv], capture_output=True, env=env,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.decode(encoding)


def bars(line: str) -> list[int]:
    return [i for i, char in enumerate(line) if char == "|"]


def assert_columns_in_line(text: str) -> int:
    """Every line of every ASCII table (Rich draws `|` between columns) has its bars where the
    table's header has them. Returns how many table lines were checked."""
    checked, header = 0, None
    for line in text.splitlines():
        if RULE.match(line):
            assert header is not None and [i for i, char in enumerate(line) if char == "+"] == header
            continue
        if " | " not in line:
            header = None
            continue
        if header is None:
            header = bars(line)
            continue
        assert bars(line) == header, f"out of line:\n{line}"
        checked += 1
    return checked


@pytest.fixture
def config(tmp_path: Path) -> Path:
    config = tmp_path / "config"
    csv_path = tmp_path / "list.csv"
    csv_path.write_text(
        "Program,Specialty,City,State,Notes\n"
        "Hôpital Général ✓ → ≈ … ✎,Internal Medicine,São Paulo,,\n"
        "Plain IM,Internal Medicine,Chicago,IL,\n"
        "Wide 医院 Program,Family Medicine,Reno,NV,\n",
        encoding="utf-8",
    )
    env = {**os.environ, "XDG_CONFIG_HOME": str(config)}
    subprocess.run([str(Path(sys.executable).parent / "imgtui"), "programs", "import", str(csv_path)], env=env,
                   check=True, capture_output=True, timeout=60)
    return config


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_status_and_program_list_columns_stay_in_line(config, encoding):
    assert assert_columns_in_line(imgtui(config, encoding, "status")) > 10
    assert assert_columns_in_line(imgtui(config, encoding, "programs", "list")) == 3


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_each_fact_mark_is_one_character_and_its_own(config, encoding):
    text = imgtui(config, encoding, "facts")
    marks = {}
    for line in text.splitlines():
        if found := STATUS_LINE.match(line):
            marks.setdefault(found[2], set()).add(found[1])
    assert len(marks) >= 5 and all(len(mark) == 1 for shown in marks.values() for mark in shown), marks
    legend = next(line for line in text.splitlines() if "unverified (may no longer hold)" in line)
    shown_marks = {status: re.search(rf"(\S+) {status}\b", legend)[1] for status in STATUS_MARK}  # type: ignore[index]
    assert len(set(shown_marks.values())) == len(STATUS_MARK), shown_marks  # seven statuses, seven marks
    assert "~" not in shown_marks.values()  # `~` says "approximate date" beside them


def test_a_stand_in_takes_the_cells_of_its_symbol():
    for symbol in "✓✗≈§⚠→←•·…—–×✎◆":
        assert len(stand_in(symbol)) == 1 and stand_in(symbol).isascii(), symbol
    assert stand_in("医") == "??"  # two cells
    assert stand_in("é") == "e" and stand_in("ﬁ") == "?"  # a letter without its accent; never two for one
    assert stand_in("\u2400") == stand_in("\u241b") == "^"  # a control picture (␀, ␛): one cell, one caret
