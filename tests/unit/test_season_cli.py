"""`imgtui costs`, `imgtui signals`, and the season's columns through `imgtui programs`:
the issue's "Done when", tried as a new user would."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from imgtui.cli import main

from ..conftest import NOW


def run(capsys, *argv):
    code = main(list(argv), clock=lambda: NOW)
    out, err = capsys.readouterr()
    return code, out, err


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def applied(tmp_path, capsys) -> Path:
    """35 Internal Medicine and 10 Family Medicine programs marked applied."""
    rows = [[f"Internal Medicine Program {i}", "Internal Medicine", "New York", "applied"] for i in range(1, 36)]
    rows += [[f"Family Medicine Program {i}", "Family Medicine", "CA", "applied"] for i in range(1, 11)]
    path = write_csv(tmp_path / "list.csv", ["Program", "Specialty", "State", "Status"], rows)
    code, out, err = run(capsys, "programs", "import", str(path))
    assert code == 0, err
    return path


def test_costs_json_gives_each_specialtys_eras_fees_from_the_tiers_it_prints(capsys, applied):
    code, out, err = run(capsys, "costs", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert {"season", "eras", "items", "total"} <= set(data) and data["currency"] == "USD"
    assert data["season"] == 2027 and "Match 2027 = ERAS 2027 season" in data["season_note"]
    eras = data["eras"]
    assert eras["tiers"] == [{"from": 1, "to": 30, "fee": 11, "flat": False}, {"from": 31, "to": None, "fee": 30,
                                                                              "flat": False}]
    assert (eras["tiers_season"], eras["status"]) == (2026, "projected")  # 2027's are not published
    assert "AAMC" in eras["source"] and eras["url"].startswith("https://students-residents.aamc.org/")
    by = {line["specialty"]: line for line in eras["by_specialty"]}
    assert (by["Internal Medicine"]["programs"], by["Internal Medicine"]["fee"]) == (35, 30 * 11 + 5 * 30)
    assert (by["Family Medicine"]["programs"], by["Family Medicine"]["fee"]) == (10, 10 * 11)
    assert eras["total"] == 590
    assert by["Internal Medicine"]["next_program"] == "the 36th Internal Medicine program costs $30 ≈"
    items = {i["id"]: i for i in data["items"]}
    token = items["eras_token"]
    assert token["amount"] == 165 and token["status"] == "projected" and token["source"] and token["url"]
    for item in data["items"]:
        assert set(item) >= {"id", "what", "amount", "status", "source"}
        assert item["amount"] is None or (item["source"] and item["url"] and item["status"])
    assert data["total"] == 590 + sum(i["amount"] or 0 for i in data["items"])
    assert {u["what"] for u in data["unsourced"]} >= {"USMLE Step 1 registration", "USMLE Step 2 CK registration"}


def test_costs_text_names_the_season_and_what_has_no_figure(capsys, applied):
    code, out, _ = run(capsys, "costs")
    assert code == 0
    assert "Match 2027 = ERAS 2027 season" in out and "$480" in out and "$110" in out
    assert "projected" in out and "No sourced figure (not in the total): USMLE Step 1 registration" in out


def test_costs_for_a_season_with_published_tiers(capsys, applied):
    data = json.loads(run(capsys, "costs", "--json", "--match-year", "2026")[1])
    assert (data["eras"]["status"], data["eras"]["total"]) == ("official", 590)


def test_one_gold_signal_more_than_allowed_imports_nothing_and_names_the_limit(capsys, tmp_path, applied):
    signals = {s["specialty"]: s for s in json.loads(run(capsys, "signals", "--json")[1])["specialties"]}
    allowed = signals["Internal Medicine"]["allowed"]["gold"]
    assert allowed == 3 and signals["Internal Medicine"]["kind"] == "gold/silver"
    rows = [[f"Internal Medicine Program {i}", "Internal Medicine", "gold"] for i in range(1, allowed + 2)]
    path = write_csv(tmp_path / "gold.csv", ["Program", "Specialty", "Signal"], rows)
    code, out, err = run(capsys, "programs", "import", str(path))
    assert code == 1 and out == ""
    assert "Internal Medicine allows 3 gold signals in the ERAS 2027 season" in err
    assert "already signalled: Internal Medicine Program 1, Internal Medicine Program 2, Internal Medicine Program 3" in err
    assert "nothing imported: 1 bad row(s)" in err
    after = json.loads(run(capsys, "signals", "--json")[1])["specialties"]
    assert next(s for s in after if s["specialty"] == "Internal Medicine")["used"] == {"gold": 0, "silver": 0}
    code, out, err = run(capsys, "programs", "import", str(path), "--skip-invalid")
    assert code == 0 and "skipped 1 bad row(s)" in out
    im = next(s for s in json.loads(run(capsys, "signals", "--json")[1])["specialties"]
              if s["specialty"] == "Internal Medicine")
    assert im["used"] == {"gold": 3, "silver": 0} and im["left"] == {"gold": 0, "silver": 12}
    assert im["programs"]["gold"] == [f"Internal Medicine Program {i}" for i in range(1, 4)]


def test_signals_json_per_specialty(capsys, tmp_path):
    rows = [["Lakeside FM", "Family Medicine", "yes"], ["Hill Urology", "Urology", ""]]
    run(capsys, "programs", "import", str(write_csv(tmp_path / "a.csv", ["Program", "Specialty", "Signal"], rows)))
    data = json.loads(run(capsys, "signals", "--json")[1])
    by = {s["specialty"]: s for s in data["specialties"]}
    assert by["Family Medicine"]["allowed"] == {"signals": 5} and by["Family Medicine"]["left"] == {"signals": 4}
    assert by["Family Medicine"]["programs"] == {"signals": ["Lakeside FM"]}
    assert by["Urology"]["kind"] == "none" and by["Urology"]["allowed"] == {}
    everything = json.loads(run(capsys, "signals", "--json", "--all")[1])["specialties"]
    assert "Transitional Year" in {s["specialty"] for s in everything}


def test_the_institution_rule_on_import(capsys, tmp_path):
    rows = [["Sinai IM Categorical", "Internal Medicine", "gold", "Mount Sinai"],
            ["Sinai IM Preliminary", "Internal Medicine", "silver", "Mount Sinai"]]
    path = write_csv(tmp_path / "t.csv", ["Program", "Specialty", "Signal", "Institution"], rows)
    code, _out, err = run(capsys, "programs", "import", str(path))
    assert code == 1 and "Mount Sinai already holds your Internal Medicine signal" in err


def test_a_program_in_new_york_lists_division_middle_atlantic(capsys, applied):
    listed = json.loads(run(capsys, "programs", "list", "--json")[1])
    ny = next(p for p in listed if p["state"] == "New York")
    assert ny["division"] == "Middle Atlantic"
    assert next(p for p in listed if p["state"] == "CA")["division"] == "Pacific"
    only = json.loads(run(capsys, "programs", "list", "--json", "--division", "middle atlantic")[1])
    assert {p["state"] for p in only} == {"New York"} and len(only) == 35


def test_the_program_list_text_shows_each_programs_division(capsys, applied, monkeypatch):
    """QA #9: the README says `programs list` prints each program's division; only --json had it."""
    monkeypatch.delenv("COLUMNS", raising=False)  # piped: one line a program
    lines = run(capsys, "programs", "list")[1].splitlines()
    header = lines[0].split("┃")
    assert [title.strip() for title in header][3] == "Division"
    column = lines[0].index("Division")
    rows = {line.split("│")[0].strip(): line for line in lines[2:] if "│" in line}
    assert rows["Internal Medicine Program 1"][column:].startswith("Middle Atlantic")
    assert rows["Family Medicine Program 1"][column:].startswith("Pacific")


def test_programs_outside_the_chosen_divisions_are_flagged_in_the_list(capsys, applied, progress_path):
    progress_path.write_text('preferred_divisions = ["pacific"]\n')
    listed = json.loads(run(capsys, "programs", "list", "--json")[1])
    ny = next(p for p in listed if p["state"] == "New York")
    assert "outside your divisions (Middle Atlantic)" in ny["flags"]
    assert not any("divisions" in f for f in next(p for p in listed if p["state"] == "CA")["flags"])


def test_an_unknown_division_is_a_usage_error(capsys, applied):
    code, _out, err = run(capsys, "programs", "list", "--division", "atlantis")
    assert code == 2 and "unknown Census division 'atlantis'" in err


def test_will_apply_is_counted_and_withdrawn_is_not(capsys, tmp_path):
    rows = [["A", "Pediatrics", "researching", "yes"], ["B", "Pediatrics", "researching", ""],
            ["C", "Pediatrics", "withdrawn", "yes"], ["D", "Pediatrics", "matched", "no"]]
    run(capsys, "programs", "import", str(write_csv(tmp_path / "p.csv", ["Program", "Specialty", "Status", "Apply"],
                                                     rows)))
    data = json.loads(run(capsys, "costs", "--json")[1])
    assert data["counted_programs"] == 2 and data["eras"]["by_specialty"][0]["fee"] == 22
