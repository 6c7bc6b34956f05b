"""Issue #12, "right answers to the day": the rules that look at dates, one way to count days,
the person's own time zone, and words that match what is shown. One section per point."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from imgtui.catalog import CatalogError, load_catalog
from imgtui.cli import main
from imgtui.cli.calendar import calendar_bytes
from imgtui.domain.matrix import action_states, step_states
from imgtui.domain.model import EASTERN
from imgtui.domain.plan import plan
from imgtui.domain.programs import Program, parse_filter
from imgtui.domain.progress import Progress
from imgtui.domain.stats import compare_score
from imgtui.domain.summary import situation
from imgtui.domain.timeline import Deadline, days_left
from imgtui.persistence.progress_store import tomllib

from ..conftest import NOW

KOLKATA = ZoneInfo("Asia/Kolkata")


def run(capsys, *argv, now=NOW):
    code = main(list(argv), clock=lambda: now)
    out, err = capsys.readouterr()
    return code, out, err


def status_json(capsys, *argv):
    code, out, err = run(capsys, "status", "--json", *argv)
    assert code == 0, err
    return json.loads(out)


def write(progress_path: Path, text: str) -> None:
    progress_path.parent.mkdir(parents=True, exist_ok=True)
    progress_path.write_text(text)


def time_left(d, now):
    from imgtui.domain.timeline import time_left  # new with this issue: imported where used

    return time_left(d, now)


def deadline(all_day: bool, day=date(2026, 12, 3)) -> Deadline:
    from imgtui.domain.model import Provenance

    return Deadline("x", "X", day, None if all_day else datetime(2000, 1, 1, 12).time(),
                    Provenance("test", day, "official"))


# -- 1. Step 2 CS only counts when it was possible ---------------------------------------

def current_actions(catalog, completed):
    states = step_states(catalog.steps_for("current", "non-us-img"), completed, {s.id: s for s in catalog.steps})
    return states, {a.action.id: a for a in action_states(catalog.rule_sets["current"], states)}


def test_the_cs_cut_off_is_data_with_its_source(catalog):
    cut = catalog.step("step2cs").counts_if_before
    assert cut.before == date(2021, 1, 26)
    assert cut.provenance.status in ("official", "reported") and "https://" in cut.provenance.source


def test_a_cs_pass_after_the_exam_ended_does_not_satisfy_the_current_rules(catalog):
    base = {"step1": date(2025, 1, 1), "step2ck": date(2025, 6, 1)}
    states, actions = current_actions(catalog, {**base, "step2cs": date(2026, 11, 25)})
    skills = next(s for s in states if s.step.id == "clinical_skills")
    assert not skills.done and skills.how == "open"
    assert [n.step.id for n in skills.not_counted] == ["step2cs"]
    assert "2021-01-26" in skills.not_counted[0].reason and "2026-11-25" in skills.not_counted[0].reason
    assert not actions["submit_rank_list"].allowed
    assert [m.id for m in actions["submit_rank_list"].missing] == ["clinical_skills", "oet_medicine"]

    states, actions = current_actions(catalog, {**base, "step2cs": date(2020, 6, 1)})
    skills = next(s for s in states if s.step.id == "clinical_skills")
    assert (skills.how, skills.because, skills.not_counted) == ("satisfied", "step2cs", ())
    assert actions["submit_rank_list"].allowed
    # The day itself is already too late.
    states, _ = current_actions(catalog, {**base, "step2cs": date(2021, 1, 26)})
    assert not next(s for s in states if s.step.id == "oet_medicine").done


def test_tick_step2cs_today_leaves_the_rank_list_blocked_with_the_reason(capsys, progress_path):
    write(progress_path, "[completed]\nstep1 = 2025-01-01\nstep2ck = 2025-06-01\n")
    code, out, err = run(capsys, "tick", "step2cs", "--on", "2026-11-24")
    assert code == 0, err
    assert "Pass USMLE Step 2 CS (step2cs): done 2026-11-24" in out
    assert "does not count for Clinical skills: an ECFMG Pathway" in out
    rank = next(line for line in out.splitlines() if "Submit a rank list" in line)
    assert rank.strip().startswith("blocked") and "2021-01-26" in out
    data = status_json(capsys)
    action = next(a for a in data["actions"] if a["id"] == "submit_rank_list")
    assert action["allowed"] is False and action["missing"] == ["clinical_skills", "oet_medicine"]
    assert any("does not count" in r and "2021-01-26" in r for r in action["reasons"])
    skills = next(s for s in data["steps"] if s["id"] == "clinical_skills")
    assert skills["done"] is False and skills["not_counted"][0]["date"] == "2026-11-24"
    code, out, _ = run(capsys, "status")
    assert "✗ Pass USMLE Step 2 CS dated 2026-11-24 does not count" in out  # shown as impossible

    code, out, err = run(capsys, "tick", "step2cs", "--on", "2020-06-01")
    assert code == 0, err
    assert "✓ counts for Clinical skills: an ECFMG Pathway" in out
    action = next(a for a in status_json(capsys)["actions"] if a["id"] == "submit_rank_list")
    assert action["allowed"] is True


def test_under_the_guides_rules_a_cs_pass_after_it_ended_is_impossible(catalog, capsys, progress_path):
    steps = catalog.steps_for("guide-2019", "non-us-img")
    base = {"step1": date(2019, 1, 1), "step2ck": date(2019, 6, 1)}
    states = {s.step.id: s for s in step_states(steps, {**base, "step2cs": date(2026, 11, 24)})}
    cs = states["step2cs"]
    assert (cs.how, cs.done, cs.date) == ("impossible", False, date(2026, 11, 24))
    assert cs.not_counted[0].reason.startswith("Pass USMLE Step 2 CS dated 2026-11-24 does not count")
    actions = {a.action.id: a for a in action_states(catalog.rule_sets["guide-2019"], list(states.values()))}
    assert [m.id for m in actions["submit_rank_list"].missing] == ["step2cs"]
    states = {s.step.id: s for s in step_states(steps, {**base, "step2cs": date(2019, 8, 1)})}
    assert states["step2cs"].how == "done" and states["step2cs"].not_counted == ()
    write(progress_path, "rules = \"guide-2019\"\n[completed]\nstep2cs = 2026-11-24\n")
    _, out, _ = run(capsys, "status")
    assert "[!] Pass USMLE Step 2 CS" in out and "✗ Pass USMLE Step 2 CS dated 2026-11-24 does not count" in out
    cs = next(s for s in status_json(capsys)["steps"] if s["id"] == "step2cs")
    assert (cs["done"], cs["how"], cs["date"]) == (False, "impossible", "2026-11-24")


def test_a_cut_off_with_a_bad_date_is_a_catalog_error(tmp_path):
    import shutil

    from imgtui.catalog import data_dir

    root = tmp_path / "data"
    shutil.copytree(data_dir(), root)
    steps = root / "steps.toml"
    steps.write_text(steps.read_text().replace("date = 2021-01-26", 'date = "soon"'))
    with pytest.raises(CatalogError, match=r"steps\.toml: steps\[\d+\]\.counts_if_before\.date"):
        load_catalog(root)


# -- 2. The guide's rules are history ------------------------------------------------------

def test_guide_rules_for_a_later_match_say_they_are_history(catalog, capsys):
    later = situation(catalog, Progress(rules="guide-2019", match_year=2027), NOW)
    assert later.history and "History, not advice" in later.history and "Match 2027" in later.history
    assert "2021-01-26" in later.history
    assert situation(catalog, Progress(rules="guide-2019", match_year=2020), NOW).history is None
    assert situation(catalog, Progress(rules="current", match_year=2027), NOW).history is None
    assert "History, not advice" in status_json(capsys, "--rules", "guide-2019")["rules_history"]
    assert status_json(capsys, "--rules", "guide-2019", "--match-year", "2020")["rules_history"] is None
    _, out, _ = run(capsys, "status", "--rules", "guide-2019")
    assert "History, not advice" in out.splitlines()[1]
    cal = icalendar.Calendar.from_ical(calendar_bytes(later, NOW))
    assert "history, not advice" in str(cal["x-wr-calname"]) and "2021-01-26" in str(cal["x-wr-caldesc"])


# -- 3. Real dates for done steps (the command line; the app's field is in tests/tui) ------

def test_tick_and_untick_follow_the_file_contract(capsys, progress_path):
    write(progress_path, 'nickname = "Ada"\n[completed]\nletters = 2026-02-01\n')
    code, out, err = run(capsys, "tick", "step1", "--on", "2024-05-02")
    assert code == 0, err
    assert out.startswith("Pass USMLE Step 1 (step1): done 2024-05-02")
    assert "Saved in " in out and "What your progress allows" in out
    data = tomllib.loads(progress_path.read_text())
    assert data["nickname"] == "Ada" and data["completed"] == {"letters": date(2026, 2, 1), "step1": date(2024, 5, 2)}
    assert oct(progress_path.stat().st_mode & 0o777) == "0o600"
    code, out, _ = run(capsys, "tick", "step1")  # default: today in the person's zone
    assert code == 0 and tomllib.loads(progress_path.read_text())["completed"]["step1"] == NOW.date()
    code, out, _ = run(capsys, "untick", "step1")
    assert code == 0 and out.startswith("Pass USMLE Step 1 (step1): not done")
    assert "(still counts as done: implied" not in out
    assert set(tomllib.loads(progress_path.read_text())["completed"]) == {"letters"}
    code, out, _ = run(capsys, "untick", "step1")
    assert code == 0 and "it was not ticked: nothing changed" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["tick", "step9"], "unknown step 'step9' for rules current"),
        (["tick", "step2cs", "--rules", "guide-2019", "--on", "2020-01-01"], None),  # guide rules: a step there
        (["tick", "clinical_skills", "--rules", "guide-2019"], "unknown step 'clinical_skills' for rules guide-2019"),
        (["tick", "visa_granted", "--mode", "us-img"], "unknown step 'visa_granted' for rules current, US IMG"),
        (["tick", "step1", "--on", "2026-11-25"], "--on: 2026-11-25 is after today (2026-11-24)"),
        (["tick", "step1", "--on", "24/05/2024"], "--on: expected a date as YYYY-MM-DD"),
        (["tick", "step1", "--on", "20240524"], "--on: expected a date as YYYY-MM-DD"),
        (["tick", "step1", "--on", "1949-12-31"], "--on: 1949-12-31 is before 1950-01-01"),
    ],
)
def test_tick_validates_the_step_and_the_date(capsys, progress_path, argv, message):
    code, out, err = run(capsys, *argv)
    if message is None:
        assert code == 0, err
        return
    assert code == 2 and out == "" and message in err and "Traceback" not in err
    assert not progress_path.exists()  # nothing written


def test_tick_never_writes_a_file_with_a_problem(capsys, progress_path):
    write(progress_path, 'match_year = "soon"\n')
    before = progress_path.read_bytes()
    code, _, err = run(capsys, "tick", "step1", "--on", "2024-05-02")
    assert code == 2 and "match_year" in err
    assert progress_path.read_bytes() == before


def test_today_for_a_tick_is_the_persons_today():
    from imgtui.domain.done_dates import parse_done_date

    late = datetime(2026, 11, 24, 23, 0, tzinfo=EASTERN)  # already the 25th in Kolkata
    assert late.astimezone(KOLKATA).date() == date(2026, 11, 25)
    assert parse_done_date("2026-11-25", late.astimezone(KOLKATA).date()) == date(2026, 11, 25)
    with pytest.raises(ValueError, match="after today"):
        parse_done_date("2026-11-25", late.date())


def test_a_done_date_goes_back_to_1950_and_no_further():
    from imgtui.domain.done_dates import parse_done_date

    today = date(2026, 11, 25)
    assert parse_done_date(" 1950-01-01 ", today) == date(1950, 1, 1)
    with pytest.raises(ValueError, match=r"^1949-12-31 is before 1950-01-01$"):
        parse_done_date("1949-12-31", today)


def test_tick_on_uses_the_persons_zone(capsys, progress_path):
    late = datetime(2026, 11, 24, 23, 0, tzinfo=EASTERN)
    code, _, err = run(capsys, "--tz", "Asia/Kolkata", "tick", "step1", "--on", "2026-11-25", now=late)
    assert code == 0, err


# -- 4. One way to count days ------------------------------------------------------------

def test_an_all_day_deadline_lasts_until_its_day_ends_in_eastern_time():
    d = deadline(all_day=True)  # Thu 2026-12-03, all day
    assert d.ends == datetime(2026, 12, 4, 0, 0, tzinfo=EASTERN)
    assert time_left(d, NOW) == (False, 9, 14, 0, 0)  # 9 days 14 hours from 10:00 on 11-24
    assert days_left(d, NOW) == 9
    on_the_day = datetime(2026, 12, 3, 23, 59, tzinfo=EASTERN)
    assert not time_left(d, on_the_day).passed and days_left(d, on_the_day) == 0
    assert time_left(d, on_the_day).words == "in less than a day"
    after = datetime(2026, 12, 5, 1, 0, tzinfo=EASTERN)
    assert time_left(d, after).passed and days_left(d, after) == -1 and time_left(d, after).words == "1 day ago"


def test_a_timed_deadline_lasts_until_its_minute():
    d = deadline(all_day=False)  # 2026-12-03 12:00 ET
    assert d.ends == d.at == datetime(2026, 12, 3, 12, 0, tzinfo=EASTERN)
    assert days_left(d, NOW) == 9 and str(time_left(d, NOW)) == "9d 02:00:00"
    assert days_left(d, datetime(2026, 11, 24, 12, 1, tzinfo=EASTERN)) == 8  # 8 days 23:59 left: 8 whole days
    assert time_left(d, d.at + timedelta(seconds=1)).passed


def test_whole_days_count_real_time_across_a_dst_change():
    d = deadline(all_day=False, day=date(2027, 3, 19))  # noon EDT
    assert str(time_left(d, NOW)) == "115d 01:00:00" and days_left(d, NOW) == 115
    two_pm = NOW.replace(hour=14)  # 115 calendar days, but 114 days and 21 hours
    assert str(time_left(d, two_pm)) == "114d 21:00:00" and days_left(d, two_pm) == 114


def test_status_json_and_warnings_count_days_as_the_countdown_does(capsys, catalog):
    at_two = NOW.replace(hour=14)  # where calendar days and whole days disagreed (114 vs 113)
    code, out, _ = run(capsys, "status", "--json", now=at_two)
    data = json.loads(out)
    match_day = next(d for d in data["deadlines"] if d["id"] == "match_day")
    assert match_day["days_left"] == 114 and match_day["passed"] is False
    skills = next(d for d in data["deadlines"] if d["id"] == "skills_latest_safe")
    assert skills["days_left"] == 9 and skills["ends"] == "2026-12-04T00:00:00-05:00"
    warning = next(w for w in data["warnings"] if w["deadline"] == "skills_latest_safe")
    assert warning["days_left"] == 9 and warning["text"].endswith("in 9 days")
    code, out, _ = run(capsys, "status", now=at_two)
    assert "114d 21:00:00" in out  # the text's Left column, same clock
    assert "is 2026-12-03 — in 9 days" in out


def test_calendar_descriptions_say_the_same_days(catalog):
    s = situation(catalog, Progress(match_year=2027), NOW)
    events = {str(e["uid"]).split("-2027")[0]: e for e in icalendar.Calendar.from_ical(calendar_bytes(s, NOW)).walk("VEVENT")}
    assert "in 115 days (whole days left)" in str(events["match_day"]["description"])
    assert "in 9 days (whole days left)" in str(events["skills_latest_safe"]["description"])


# -- 5. "Next" is what the person still has to do ------------------------------------------

def test_next_warnings_and_reminders_skip_steps_already_done(catalog):
    # Step 1 ticked implies status verification: its latest-safe start is nothing to do.
    early = datetime(2026, 3, 1, 10, tzinfo=EASTERN)
    progress = Progress(match_year=2027, completed={"step1": date(2026, 2, 1)})
    s = situation(catalog, progress, early)
    assert "status_verification_latest_start" in s.done
    assert s.next_ahead(early).id != "status_verification_latest_start"
    assert "status_verification_latest_start" not in {w.deadline.id for w in s.warnings}
    nothing_done = situation(catalog, Progress(match_year=2027), early)
    assert nothing_done.next_ahead(early).id == "status_verification_latest_start"
    events = {str(e["uid"]).split("-2027")[0]: e for e in icalendar.Calendar.from_ical(calendar_bytes(s, early)).walk("VEVENT")}
    assert not events["status_verification_latest_start"].walk("VALARM")
    assert "no reminder" in str(events["status_verification_latest_start"]["description"])
    assert events["step2ck_latest_safe"].walk("VALARM")  # Step 2 CK is still to do


def test_a_deadline_of_two_steps_is_done_only_when_both_are(catalog):
    one = situation(catalog, Progress(match_year=2027, completed={"oet_medicine": date(2026, 6, 1)}), NOW)
    assert "skills_latest_safe" not in one.done and one.next_ahead(NOW).id == "skills_latest_safe"
    both = situation(
        catalog,
        Progress(match_year=2027, completed={"oet_medicine": date(2026, 6, 1), "clinical_skills": date(2026, 7, 1)}),
        NOW,
    )
    assert "skills_latest_safe" in both.done and both.next_ahead(NOW).id != "skills_latest_safe"


# -- 6. The person's own time zone --------------------------------------------------------

def test_status_shows_match_day_in_the_chosen_zone(capsys, progress_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # one table row a line
    write(progress_path, 'timezone = "Asia/Kolkata"\n')
    _, out, _ = run(capsys, "status")
    # Match Day 2027 is Friday 19 March, noon EDT (daylight time began on 14 March): 21:30 in Kolkata.
    assert "= 21:30 Asia/Kolkata" in out
    assert "Now: Tue 11-24 20:30 Asia/Kolkata" in out
    # On a day of Eastern standard time the difference is an hour more (10:30, not 9:30):
    assert "= Thu 03-04 07:30 Asia/Kolkata" in out  # the rank list deadline, 21:00 EST on 3 March


def test_the_zone_comes_from_tz_option_then_file_then_system(capsys, progress_path, monkeypatch):
    _, out, _ = run(capsys, "status")
    assert "Now: Tue 11-24 10:00 America/New_York" in out and "= 21:30" not in out  # TZ (conftest)
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    _, out, _ = run(capsys, "status")
    assert "Now: Tue 11-24 20:30 Asia/Kolkata" in out
    write(progress_path, 'timezone = "Africa/Lagos"\n')
    _, out, _ = run(capsys, "status")
    assert "Now: Tue 11-24 16:00 Africa/Lagos" in out and "= 17:00 Africa/Lagos" in out
    _, out, _ = run(capsys, "status", "--tz", "Asia/Tokyo")
    assert "Now: Wed 11-25 00:00 Asia/Tokyo" in out


def test_a_bad_zone_is_a_clear_error(capsys, progress_path):
    code, out, err = run(capsys, "status", "--tz", "Asia/Kolkatta")
    assert code == 2 and "--tz" in err and "unknown time zone 'Asia/Kolkatta'" in err and "Traceback" not in err
    write(progress_path, 'timezone = "Mars/Olympus"\n')
    code, out, err = run(capsys, "status")
    assert code == 2 and "timezone: unknown time zone 'Mars/Olympus'" in err and "line 1" in err


# -- 7. Statuses as printed -----------------------------------------------------------------

def test_the_filter_and_the_command_line_take_a_status_as_printed(capsys):
    assert parse_filter("interview offered").status == "interview_offered"
    assert parse_filter("Interview-Offered j1").status == "interview_offered"
    assert parse_filter("interview offered").words == ()
    assert parse_filter("interviewed").status == "interviewed"
    from imgtui.persistence.paths import default_programs_path

    path = default_programs_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    programs = [Program("A", "IM", status="interview_offered"), Program("B", "IM", status="applied")]
    from imgtui.domain.programs import to_record

    path.write_text(json.dumps({"schema": 1, "programs": [to_record(p) for p in programs]}))
    for written in ("interview offered", "interview_offered", "Interview-offered"):
        code, out, err = run(capsys, "programs", "list", "--status", written, "--json")
        assert code == 0, err
        assert [p["name"] for p in json.loads(out)] == ["A"]
    code, _, err = run(capsys, "programs", "list", "--status", "pending")
    assert code == 2 and "interview offered" in err


# -- 12. A score equal to the mean is "at" it -------------------------------------------------

def test_a_score_equal_to_the_matched_mean_is_at_it(catalog):
    table = catalog.stats_table("step2ck_img_outcome")
    verdicts = {c.specialty: c for c in compare_score(table, "non-us-img", 241)}
    assert verdicts["Internal Medicine"].matched == 241 and verdicts["Internal Medicine"].verdict == "at"
    assert {c.specialty: c.verdict for c in compare_score(table, "non-us-img", 242)}["Internal Medicine"] == "above"
    assert {c.specialty: c.verdict for c in compare_score(table, "non-us-img", 240)}["Internal Medicine"] == "between"


# -- 14. No internal path in a user-visible source --------------------------------------------

def every_source(catalog) -> list[tuple[str, str]]:
    found = [("stats", catalog.stats_source)]
    for step in catalog.steps:
        found.append((f"step {step.id}", step.provenance.source))
        if step.counts_if_before:
            found.append((f"step {step.id} cut-off", step.counts_if_before.provenance.source))
    for rules in catalog.rule_sets.values():
        found.append((f"rules {rules.id}", rules.provenance.source))
        found += [(f"rules {rules.id} action {a.id}", a.provenance.source) for a in rules.actions]
        found += [(f"rules {rules.id} calendar {c.id}", c.provenance.source) for c in rules.calendar]
    for year, dates in catalog.published.items():
        found += [(f"match {year} {d.id}", d.provenance.source) for d in dates]
    found += [(f"stats table {t.id}", t.provenance.source) for t in catalog.stats]
    for aspect in catalog.visa:
        found += [(f"visa {aspect.id}", f.provenance.source) for f in (aspect.j1, aspect.h1b, aspect.guide) if f]
    found += [(f"lead time {x.id}", x.provenance.source) for x in catalog.lead_times]
    found += [(f"advice {x.id}", x.provenance.source) for x in catalog.advice]
    found += [(f"derived {d.id}", d.text) for d in catalog.derived]
    for rules in catalog.rule_sets:  # the derived dates' sources are built from their anchors
        for year in (2026, 2027):
            found += [(f"plan {rules} {year} {d.id}", d.provenance.source) for d in plan(catalog, rules, "non-us-img", year)]
    return found


INTERNAL = ("shared/", "facts/", "seed/", ".md", "/work/")


def test_the_walk_finds_the_sources(catalog):
    sources = every_source(catalog)
    assert len(sources) > 100 and any("nrmp.org" in s for _, s in sources)
    assert any("2021-01-26" in s for where, s in sources if where.endswith("cut-off"))


def test_no_source_shown_to_the_person_is_an_internal_path(catalog):
    internal = [(where, s) for where, s in every_source(catalog) if any(p in s for p in INTERNAL)]
    assert internal == []
