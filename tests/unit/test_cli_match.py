"""The issue's acceptance through the command line: interviews on one day across zones,
the calendar's timed events, a Rank column, the rank list and its export, letters, and
Match Week/SOAP in `status --json` for any Match year."""

import json
from datetime import date

import pytest

from imgtui.cli import main
from imgtui.persistence.paths import default_programs_path

from ..conftest import NOW

TWO_ON_ONE_DAY = """Program,Specialty,Interview,Interview date,Interview time,Invited on
Mercy Hospital IM,Internal Medicine,scheduled,2026-12-08,9:00 AM CT,2026-11-20
Harbor IM,Internal Medicine,scheduled,2026-12-08,14:00 ET,2026-11-21
Lakeside IM,Internal Medicine,scheduled,2026-12-09,9:00 AM PT,2026-11-21
"""
REVERSED_RANKS = """Program,Specialty,Rank,Interview
Third IM,Internal Medicine,3,completed
Second IM,Internal Medicine,2,completed
First IM,Internal Medicine,1,completed
"""


def run(capsys, *argv):
    code = main(list(argv), clock=lambda: NOW)
    out, err = capsys.readouterr()
    return code, out, err


def imported(capsys, tmp_path, text):
    path = tmp_path / "programs.csv"
    path.write_text(text)
    code, out, err = run(capsys, "programs", "import", str(path))
    assert code == 0, err


def test_two_interviews_on_one_day_across_zones_both_show_a_conflict(capsys, tmp_path):
    imported(capsys, tmp_path, TWO_ON_ONE_DAY)
    code, out, _ = run(capsys, "programs", "list", "--json")
    flags = {p["name"]: p["flags"] for p in json.loads(out)}
    assert "interview conflict (Tue 12-08): same day as Harbor IM" in flags["Mercy Hospital IM"]
    assert "interview conflict (Tue 12-08): same day as Mercy Hospital IM" in flags["Harbor IM"]
    assert not any("conflict" in f for f in flags["Lakeside IM"])
    stored = json.loads(default_programs_path().read_text())["programs"][0]
    assert (stored["interview_time"], stored["interview_zone"]) == ("09:00", "America/Chicago")


def test_the_calendar_has_each_interview_timed_in_its_own_zone_with_a_reminder_the_day_before(capsys, tmp_path):
    imported(capsys, tmp_path, TWO_ON_ONE_DAY)
    code, out, _ = run(capsys, "calendar")
    assert code == 0
    text = out.replace("\r\n ", "")
    events = text.split("BEGIN:VEVENT")
    mercy = next(e for e in events if "Interview: Mercy Hospital IM" in e)
    harbor = next(e for e in events if "Interview: Harbor IM" in e)
    assert "DTSTART;TZID=America/Chicago:20261208T090000" in mercy and "TRIGGER:-P1D" in mercy
    assert "DTSTART;TZID=America/New_York:20261208T140000" in harbor and "TRIGGER:-P1D" in harbor
    assert "SUMMARY:⚠ Interview: Mercy" in mercy and "Conflict: the same day as your interview with Harbor IM" in mercy
    assert "TZID:America/Chicago" in text and "TZID:America/Los_Angeles" in text  # each zone's VTIMEZONE


def test_a_rank_column_sets_the_order_and_ranklist_prints_it(capsys, tmp_path):
    imported(capsys, tmp_path, REVERSED_RANKS)
    code, out, _ = run(capsys, "ranklist", "--json")
    data = json.loads(out)
    assert [(p["rank"], p["program"]) for p in data["programs"]] == [(1, "First IM"), (2, "Second IM"), (3, "Third IM")]
    assert set(data["programs"][0]) >= {"rank", "program", "specialty", "status"}
    assert data["certified"] is None and data["certify_by"]["id"] == "rank_order_list_deadline"
    assert data["certify_by"]["status"] == "projected" and data["beyond_included"] == 0
    code, out, _ = run(capsys, "ranklist")
    assert "1. First IM · Internal Medicine" in out and "Not certified: certify on NRMP R3 by Wed 2027-03-03 21:00 ET (≈ projected), 99 days left" in out
    target = tmp_path / "rank.csv"
    code, _, err = run(capsys, "ranklist", "export", str(target))
    assert code == 0 and target.read_text().splitlines()[1].startswith("1,First IM,Internal Medicine")
    assert not list(tmp_path.glob(".rank.csv.*"))  # atomic: no temp file left


def test_ranks_beyond_the_twenty_the_fee_covers_are_counted(capsys, tmp_path):
    rows = "".join(f"P{i:02d},Internal Medicine,{i}\n" for i in range(1, 24))
    imported(capsys, tmp_path, "Program,Specialty,Rank\n" + rows)
    data = json.loads(run(capsys, "ranklist", "--json")[1])
    assert (data["count"], data["ranks_included"], data["beyond_included"]) == (23, 20, 3)
    out = run(capsys, "ranklist")[1]
    assert "3 ranks beyond the 20 the registration fee covers: each costs the NRMP per-rank fee." in out


def test_letters_and_programs_missing_them(capsys, tmp_path):
    imported(capsys, tmp_path, "Program,Specialty,Letters required,USCE required\nNeeds IM,Internal Medicine,2,yes\n")
    path = default_programs_path()
    document = json.loads(path.read_text())
    document["letters"] = [{"id": "L1", "writer": "Dr Ada", "programs": "all", "received_on": "2026-10-01"}]
    document["clinical_experience"] = [{"id": "U1", "where": "Mercy", "kind": "observership"}]
    path.write_text(json.dumps(document))
    data = json.loads(run(capsys, "letters", "--json")[1])
    assert data["letters"][0]["writer"] == "Dr Ada" and data["letters"][0]["program_count"] == 1
    assert data["programs_missing"] == [{"program": "Needs IM", "specialty": "Internal Medicine", "missing": [
        "letters: 1 of 2 required assigned",
        "requires US clinical experience: only observerships recorded (ask if they count)"]}]
    out = run(capsys, "letters")[1]
    assert "Dr Ada" in out and "⚠ Needs IM (Internal Medicine): letters: 1 of 2 required assigned" in out


def deadlines(capsys, year):
    code, out, err = run(capsys, "status", "--json", "--match-year", str(year))
    assert code == 0, err
    return {d["id"]: d for d in json.loads(out)["deadlines"]}


def test_match_2027_lists_soap_deadlines_in_the_week_of_match_day_marked_projected(capsys):
    found = deadlines(capsys, 2027)
    soap = {k: v for k, v in found.items() if k.startswith("soap")}
    assert set(soap) == {"soap_eras_opens", "soap_programs_review", "soap_offer_rounds", "soap_ends"}
    match_day = date.fromisoformat(found["match_day"]["at"][:10])
    assert match_day == date(2027, 3, 19)
    for d in [*soap.values(), found["match_week_begins"]]:
        assert d["status"] == "projected" and 0 < (match_day - date.fromisoformat(d["at"][:10])).days <= 4
    assert found["match_week_begins"]["at"] == "2027-03-15T10:00:00-04:00"  # Monday 10:00 ET, as 2024-2026
    assert soap["soap_eras_opens"]["at"] == "2027-03-15T11:00:00-04:00"
    assert soap["soap_programs_review"]["at"] == "2027-03-16T08:00:00-04:00"
    assert soap["soap_ends"]["at"] == "2027-03-18T21:00:00-04:00"
    assert soap["soap_offer_rounds"]["approximate"] is True


@pytest.mark.parametrize("year, official", [
    (2024, {"soap_eras_opens", "soap_programs_review", "soap_ends"}),
    (2026, set()),
])
def test_published_match_week_times_are_official_and_the_rest_projected(capsys, year, official):
    found = deadlines(capsys, year)
    soap = {k: v for k, v in found.items() if k.startswith("soap")}
    assert {k for k, v in soap.items() if v["status"] == "official"} == official
    assert all(v["status"] == "projected" for k, v in soap.items() if k not in official)
    assert found["match_week_begins"]["status"] == "official"
    if year == 2026:
        assert found["match_week_begins"]["at"] == "2026-03-16T10:00:00-04:00"
        assert soap["soap_eras_opens"]["at"] == "2026-03-16T11:00:00-04:00"


def test_the_guide_rules_have_no_soap_dates(capsys):
    code, out, _ = run(capsys, "status", "--json", "--rules", "guide-2019")
    assert not [d for d in json.loads(out)["deadlines"] if d["id"].startswith("soap")]


def test_an_import_that_changes_ranks_takes_back_the_certified_mark(capsys, tmp_path):
    imported(capsys, tmp_path, REVERSED_RANKS)
    path = default_programs_path()
    document = json.loads(path.read_text())
    document["rank_list"] = {"certified": "2027-02-20T18:00-05:00"}
    path.write_text(json.dumps(document))
    assert json.loads(run(capsys, "ranklist", "--json")[1])["certified"] == "2027-02-20T18:00-05:00"
    imported(capsys, tmp_path, "Program,Specialty,Notes\nFirst IM,Internal Medicine,call back\n")  # no rank changed
    assert json.loads(run(capsys, "ranklist", "--json")[1])["certified"] is not None
    imported(capsys, tmp_path, "Program,Specialty,Rank\nThird IM,Internal Medicine,1\nFirst IM,Internal Medicine,3\n")
    data = json.loads(run(capsys, "ranklist", "--json")[1])
    assert data["certified"] is None and data["programs"][0]["program"] == "Third IM"


def test_names_from_the_file_reach_the_terminal_made_visible(capsys, tmp_path):
    evil = "Evil\x1b]52;c;AAAA\x07 IM"
    path = default_programs_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"schema": 1, "programs": [
        {"name": evil, "specialty": "Internal Medicine", "rank": 1, "interview_status": "scheduled",
         "interview_date": "2026-12-08", "interview_time": "09:00", "interview_zone": "America/Chicago",
         "letters_required": 2},
        {"name": "Other\x1b[2J IM", "specialty": "Internal Medicine", "interview_status": "scheduled",
         "interview_date": "2026-12-08", "interview_time": "14:00", "interview_zone": "America/New_York"}],
        "letters": [{"id": "L1", "writer": "Dr \x1b[31mRed", "programs": "all"}]}))
    for command in (("ranklist",), ("letters",), ("programs", "list")):
        code, out, err = run(capsys, *command)
        assert code == 0 and "\x1b" not in out + err, command
        assert "␛" in out, command
    data = json.loads(run(capsys, "ranklist", "--json")[1])
    assert data["programs"][0]["program"] == evil  # --json stays exact
