"""Every cell of the guide's five tables, re-checked against the guide's own text.

The guide's tables lost their column separators ("4.52.17" is 4.5 / 2.1 / 7). For each row
we rebuild the printed text from the data's values and compare it with the guide, and we
enumerate every way the printed text can be split: a row with more than one reading, or
none, must say so in its note and mark the cells uncertain.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from imgtui.cli import main
from imgtui.domain.stats import format_value

FIXTURE = Path(__file__).parents[1] / "fixtures" / "guide_tables.txt"
SEED = Path(__file__).parents[3] / "shared" / "seed" / "000_936cf8ca6b4f8e47.txt"
TOKEN = {  # what one cell can look like in each unit
    "score": r"N/A|[12]\d\d",
    "percent": r"N/A|\d{1,3}\.\d%",
    "count": r"N/A|[1-9]\d?(?:\.\d)?|0\.\d",  # means below 100, at most one decimal
}


def guide_blocks() -> list[list[str]]:
    text = FIXTURE.read_text(encoding="utf-8")
    return [b.splitlines() for b in text.split("\n\n") if b.strip() and not b.startswith("#")]


def readings(printed: str, cells: int, unit: str) -> list[list[str]]:
    found: list[list[str]] = []

    def split(rest: str, taken: list[str]) -> None:
        if not rest:
            if len(taken) == cells:
                found.append(taken)
            return
        if len(taken) < cells:
            for end in range(1, len(rest) + 1):
                if re.fullmatch(TOKEN[unit], rest[:end]):
                    split(rest[end:], taken + [rest[:end]])

    split(printed, [])
    return found


def test_fixture_is_verbatim_from_the_guide():
    if not SEED.exists():
        pytest.skip("shared/seed is not beside this checkout")
    seed_lines = set(SEED.read_text(encoding="utf-8").splitlines())
    for block in guide_blocks():
        for line in block:
            assert line in seed_lines


def test_five_tables_every_row(catalog):
    blocks = guide_blocks()[:5]
    assert len(catalog.stats) == 5
    for table, block in zip(catalog.stats, blocks):
        header = block[0]
        for column in table.columns:
            assert column.title in header, (table.id, column.title)
        guide_rows = [line for line in block[1:] if any(line.startswith(r.specialty) for r in table.rows)]
        assert len(table.rows) == len(guide_rows) == 23, table.id
        for row, line in zip(table.rows, guide_rows):
            assert line == row.specialty + row.printed, (table.id, row.specialty)


@pytest.mark.parametrize("index", range(5))
def test_each_cell_against_the_printed_text(catalog, index):
    table = catalog.stats[index]
    for row in table.rows:
        rebuilt = "".join(format_value(table, v) for v in row.values)
        options = readings(row.printed, len(table.columns), table.unit)
        chosen = [format_value(table, v) for v in row.values]
        if rebuilt == row.printed:
            assert chosen in options
            if len(options) > 1:
                assert row.note and row.uncertain, f"{table.id}/{row.specialty}: {options} need a note"
            else:
                assert not row.uncertain, f"{table.id}/{row.specialty} has one reading but is marked uncertain"
        else:
            # No exact reading: only allowed with a note, and the printed text must be the
            # reading with exactly one character lost.
            assert not options and row.note and row.uncertain, (table.id, row.specialty)
            assert any(rebuilt[:i] + rebuilt[i + 1:] == row.printed for i in range(len(rebuilt)))


def test_known_hard_rows(catalog):
    research = catalog.stats_table("research_matched")
    rows = {r.specialty: r.values for r in research.rows}
    assert rows["Anesthesiology"] == (4.5, 2.1, 7)
    assert rows["Family Medicine"] == (3, 2, 2.7)
    assert rows["Orthopaedic Surgery"] == (11.5, 37.1, 14)
    assert rows["Interventional Radiology"] == (8.4, None, None)  # N/A is missing, not zero
    filled = {r.specialty: r.values for r in catalog.stats_table("positions_filled_by_imgs").rows}
    assert filled["Otolaryngology"] == (0.0, 0.0, 0.0)  # a real zero
    step2 = {r.specialty: r for r in catalog.stats_table("step2ck_img_outcome").rows}
    assert step2["Pediatrics"].values == (232, 222, 238, 224)
    assert set(step2["Pediatrics"].uncertain) == {"us_img_matched", "us_img_unmatched"}


def test_tables_agree_with_each_other(catalog):
    """The matched columns of table 1 and table 4 are the same NRMP figures."""
    first = {r.specialty: r.values for r in catalog.stats_table("step1_matched").rows}
    fourth = {r.specialty: r.values for r in catalog.stats_table("step1_img_outcome").rows}
    for specialty, (_senior, us_img, non_us_img) in first.items():
        assert fourth[specialty][0] == us_img and fourth[specialty][2] == non_us_img, specialty


def test_stats_json_holds_every_number(catalog, capsys):
    assert main(["stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["year"] == 2018
    for table_json, block in zip(data["tables"], guide_blocks()[:5]):
        table = catalog.stats_table(table_json["id"])
        assert table_json["status"] == "guide" and table_json["source"] and table_json["as_of"]
        for row_json in table_json["rows"]:
            line = next(l for l in block if l.startswith(row_json["specialty"]) and
                        l[len(row_json["specialty"]):] == row_json["printed_in_guide"])
            cells = [row_json["display"][c.id] for c in table.columns]
            if row_json["uncertain"]:
                assert row_json["note"]
            else:
                assert row_json["specialty"] + "".join(cells) == line
            for c in table.columns:
                value = row_json["values"][c.id]
                assert (value is None) == (row_json["display"][c.id] == "N/A")
