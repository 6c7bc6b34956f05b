"""What `imgtui status --json` and `imgtui stats --json` promise: every key, with its value."""

from __future__ import annotations

from datetime import date, datetime

from imgtui.domain.model import EASTERN
from imgtui.domain.progress import Progress
from imgtui.domain.summary import situation, situation_json, stats_json

from ..conftest import NOW


def test_status_json_has_every_documented_key_with_its_value(catalog):
    progress = Progress(match_year=2027, completed={"step1": date(2026, 3, 2)})
    data = situation_json(situation(catalog, progress, NOW), NOW)
    assert data["now"] == "2026-11-24T10:00:00-05:00"
    assert (data["mode"], data["rules"], data["match_year"]) == ("non-us-img", "current", 2027)
    steps = {s["id"]: s for s in data["steps"]}
    assert steps["step1"] == {"id": "step1", "title": steps["step1"]["title"], "group": "ecfmg", "done": True,
                              "date": "2026-03-02", "how": "done", "because": None, "waiting_on": [],
                              "not_counted": []}
    assert steps["usmle_id"]["how"] == "implied" and steps["usmle_id"]["because"] == "step1"
    assert steps["usmle_id"]["date"] is None
    assert steps["ecfmg_certificate"]["waiting_on"] == ["step2ck", "clinical_skills", "oet_medicine", "graduation"]
    rank = next(a for a in data["actions"] if a["id"] == "submit_rank_list")
    assert set(rank) == {"id", "title", "allowed", "missing", "missing_titles", "reasons"}
    assert rank["missing"] == ["step2ck", "clinical_skills", "oet_medicine"] and not rank["allowed"]
    assert rank["missing_titles"][0] == "Pass USMLE Step 2 CK"
    match_day = next(d for d in data["deadlines"] if d["id"] == "match_day")
    assert match_day == {"id": "match_day", "title": "Match Day (results at noon ET)",
                         "at": "2027-03-19T12:00:00-04:00", "all_day": False, "status": "projected",
                         "approximate": False, "source": match_day["source"], "as_of": "2026-11-25",
                         "rule": "nth_weekday", "days_left": 115, "ends": "2027-03-19T12:00:00-04:00",
                         "passed": False, "step_done": False}
    assert "Match Week" in match_day["source"] and "nrmp.org" in match_day["source"]
    ck = next(w for w in data["warnings"] if w["deadline"] == "step2ck_latest_safe")
    assert ck == {"steps": ["step2ck"], "deadline": "step2ck_latest_safe", "date": "2026-08-05", "days_left": -110,
                  "passed": True, "text": "Step 2 CK: latest safe test date was 2026-08-05 — 110 days ago"}


def test_status_json_marks_all_day_and_approximate_dates(catalog):
    now = datetime(2019, 6, 1, tzinfo=EASTERN)
    data = situation_json(situation(catalog, Progress(rules="guide-2019", match_year=2020), now), now)
    deadlines = {d["id"]: d for d in data["deadlines"]}
    assert deadlines["september_15"]["all_day"] and deadlines["september_15"]["at"] == "2019-09-15T00:00:00-04:00"
    assert deadlines["match_day"]["approximate"] and not deadlines["september_15"]["approximate"]


def test_each_step_shows_its_earliest_warning(catalog):
    s = situation(catalog, Progress(match_year=2027, completed={"usmle_id": date(2026, 1, 1)}), NOW)
    by_step = s.warnings_by_step()
    assert by_step["clinical_skills"] == by_step["oet_medicine"] == "latest safe date is 2026-12-03 — in 9 days"
    assert by_step["step2ck"] == "latest safe date was 2026-08-05 — 110 days ago"
    assert set(by_step) == {step for w in s.warnings for step in w.step_ids}


def test_stats_json_has_every_table_column_and_row(catalog):
    data = stats_json(catalog)
    assert data["year"] == 2018 and data["source"] == catalog.stats_source
    table = next(t for t in data["tables"] if t["id"] == "step1_matched")
    assert set(table) == {"id", "title", "unit", "source", "as_of", "status", "columns", "rows", "note"}
    assert (table["title"], table["unit"], table["as_of"], table["status"]) == (
        "Average Step 1 score of matched applicants, 2018 Match", "score", "2018-03-16", "guide")
    assert table["columns"][0] == {"id": "us_senior_matched", "title": "Step 1, US Senior (Matched)", "group": "us_senior"}
    assert table["rows"][1] == {
        "specialty": "Child Neurology", "values": {"us_senior_matched": 233, "us_img_matched": None,
                                                   "non_us_img_matched": 235},
        "display": {"us_senior_matched": "233", "us_img_matched": "N/A", "non_us_img_matched": "235"},
        "printed_in_guide": "233N/A235", "uncertain": [], "note": None, "as_printed": []}


def test_status_json_names_a_step_not_counted_and_every_key_of_its_lists(catalog):
    from imgtui.domain.summary import outcomes_json

    progress = Progress(match_year=2027, completed={"step2cs": date(2022, 5, 1), "oet_medicine": date(2023, 5, 1)})
    data = situation_json(situation(catalog, progress, NOW), NOW)
    assert data["rule_warnings"] and data["facts_stale"] and data["visa"]
    not_counted = next(s for s in data["steps"] if s["not_counted"])["not_counted"]
    assert not_counted[0]["id"] == "step2cs" and not_counted[0]["date"] == "2022-05-01"
    assert set(not_counted[0]) == {"id", "date", "before", "reason"} and not_counted[0]["before"] == "2021-01-26"
    assert all(set(w) == {"steps", "text", "source"} for w in data["rule_warnings"])
    assert all(set(f) == {"id", "area", "as_of"} for f in data["facts_stale"])
    assert all(set(u) == {"id", "title", "visa", "on", "text", "meaning", "status", "source", "as_of"}
               for u in data["visa"])
    outcomes = outcomes_json(catalog)
    assert outcomes is not None and outcomes["title"] == catalog.outcomes.title
    assert outcomes["rows"] and all(
        set(r) == {"match_year", "group", "rate", "matched", "applicants", "status", "source", "as_of"}
        for r in outcomes["rows"])
    assert outcomes["img_share"] and all(
        set(r) == {"match_year", "specialty", "percent", "status", "source", "as_of"} for r in outcomes["img_share"])
