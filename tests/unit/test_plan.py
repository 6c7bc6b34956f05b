"""The personal timeline: derived latest-safe dates, warnings, and the .ics export."""

from datetime import date, datetime, timedelta, timezone

import icalendar

from imgtui.cli import main
from imgtui.domain.matrix import step_states
from imgtui.domain.model import EASTERN
from imgtui.domain.plan import plan, warnings
from imgtui.domain.progress import Progress
from imgtui.domain.summary import situation
from imgtui.cli.calendar import calendar_bytes

from ..conftest import NOW


def entries(catalog, rules="current", year=2027, mode="non-us-img"):
    return {d.id: d for d in plan(catalog, rules, mode, year)}


def test_match_2027_current_rules(catalog):
    e = entries(catalog)
    assert e["match_day"].day == date(2027, 3, 19) and e["match_day"].status == "projected"
    assert e["september_15"].at == datetime(2026, 9, 15, 12, tzinfo=EASTERN)
    assert e["eras_applicants"].status == e["eras_programs"].status == "projected"
    ck = e["step2ck_latest_safe"]
    assert ck.day == date(2026, 8, 5) and ck.status == "derived" and ck.rule == "step2ck_latest_safe"
    assert "minus 28 days" in ck.provenance.source and "2026-09-02" in ck.provenance.source
    assert e["status_verification_latest_start"].day == date(2026, 8, 5) - timedelta(days=120)
    assert e["skills_latest_safe"].day == date(2027, 3, 3) - timedelta(days=90)
    assert e["step3_latest_safe"].day == date(2027, 3, 19) - timedelta(days=28)
    assert "step2cs_latest_safe" not in e and "step2cs_required" not in e


def test_match_2020_guide_rules(catalog):
    e = entries(catalog, "guide-2019", 2020)
    assert e["step2cs_required"].day == date(2019, 12, 31) and e["step2cs_required"].status == "guide"
    assert e["september_15"].day == date(2019, 9, 15)
    assert e["step2ck_latest_safe"].day == date(2019, 8, 18)  # September 15 minus four weeks


def test_us_img_has_no_h1b_step3_date(catalog):
    assert "step3_latest_safe" not in entries(catalog, mode="us-img")


def test_a_year_with_no_published_data(catalog):
    e = entries(catalog, "current", 2031)
    assert {d.status for d in e.values()} <= {"projected", "derived", "guide"}
    assert e["match_day"].day == date(2031, 3, 21) and e["match_day"].status == "projected"
    assert e["step2ck_latest_safe"].day == date(2030, 9, 4) - timedelta(days=28)


def test_step2ck_not_done_on_2026_11_24_is_flagged(catalog):
    states = step_states(catalog.steps_for("current", "non-us-img"), {"usmle_id": date(2026, 1, 1)})
    found = {w.deadline.id: w for w in warnings(catalog, plan(catalog, "current", "non-us-img", 2027), states, NOW)}
    assert found["step2ck_latest_safe"].text == "Step 2 CK: latest safe test date was 2026-08-05 — 110 days ago"  # over at the end of 08-05
    assert found["skills_latest_safe"].days == 9 and found["skills_latest_safe"].step_ids == ("clinical_skills", "oet_medicine")
    assert "step3_latest_safe" not in found  # 87 days ahead: not yet


def test_done_steps_are_not_flagged(catalog):
    done = {s: date(2026, 7, 1) for s in ("step1", "step2ck", "clinical_skills", "oet_medicine")}
    states = step_states(catalog.steps_for("current", "non-us-img"), done)
    found = warnings(catalog, plan(catalog, "current", "non-us-img", 2027), states, NOW)
    assert found == []  # status verification is implied by having sat the exams


def test_status_json_lists_derived_dates_and_warnings(capsys):
    assert main(["status", "--json", "--match-year", "2027"], clock=lambda: NOW) == 0
    import json
    data = json.loads(capsys.readouterr().out)
    derived = [d for d in data["deadlines"] if d["status"] == "derived"]
    assert {"step1_latest_safe", "step2ck_latest_safe"} <= {d["id"] for d in derived}
    assert all(d["rule"] == d["id"] for d in derived)
    assert any("Step 2 CK: latest safe test date was 2026-08-05" in w["text"] for w in data["warnings"])


def test_status_text_warns(capsys):
    main(["status"], clock=lambda: NOW)
    # Over when 2026-08-05 ended: 110 days and 10 hours before NOW.
    assert "⚠ Step 2 CK: latest safe test date was 2026-08-05 — 110 days ago" in capsys.readouterr().out


# -- iCalendar ---------------------------------------------------------------------------

def parsed(catalog, rules="current", year=2027, now=NOW):
    s = situation(catalog, Progress(rules=rules, match_year=year), now)
    cal = icalendar.Calendar.from_ical(calendar_bytes(s, now))
    return {str(e["uid"]).split("-" + str(year))[0]: e for e in cal.walk("VEVENT")}, cal


def test_ics_round_trip_match_2027(catalog):
    events, cal = parsed(catalog)
    match_day = events["match_day"]
    start = match_day.decoded("dtstart")
    assert start == datetime(2027, 3, 19, 16, tzinfo=timezone.utc)  # noon EDT
    assert str(start.tzinfo) == "America/New_York"
    assert "PROJECTED" in match_day["description"] and "nrmp.org" in match_day["description"]
    assert match_day["summary"].startswith("≈")
    registration = events["september_15"].decoded("dtstart")
    assert registration.isoformat() == "2026-09-15T12:00:00-04:00"
    rol = events["rank_order_list_deadline"].decoded("dtstart")  # before DST starts on March 14
    assert rol.astimezone(timezone.utc) == datetime(2027, 3, 4, 2, tzinfo=timezone.utc)
    ck = events["step2ck_latest_safe"]
    assert ck.decoded("dtstart") == date(2026, 8, 5) and ck.decoded("dtend") == date(2026, 8, 6)  # all day
    assert "Derived" in ck["description"] and "step2ck_latest_safe" in ck["description"]
    for event in events.values():
        alarms = event.walk("VALARM")
        assert len(alarms) == 1 and alarms[0].decoded("trigger") == -timedelta(days=7)
        assert event["dtstamp"].dt.tzinfo is not None
    assert [c.name for c in cal.subcomponents].count("VTIMEZONE") == 1
    assert len({str(e["uid"]) for e in cal.walk("VEVENT")}) == len(cal.walk("VEVENT"))


def test_ics_match_2020_guide(catalog):
    events, _ = parsed(catalog, "guide-2019", 2020, now=datetime(2019, 6, 1, tzinfo=EASTERN))
    assert events["step2cs_required"].decoded("dtstart") == date(2019, 12, 31)
    assert events["september_15"].decoded("dtstart") == date(2019, 9, 15)


def test_calendar_command_writes_a_file(tmp_path, capsys):
    out = tmp_path / "match.ics"
    assert main(["calendar", "-o", str(out), "--match-year", "2027"], clock=lambda: NOW) == 0
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    assert len(cal.walk("VEVENT")) >= 15
    assert main(["calendar", "-o", str(tmp_path / "missing" / "x.ics")], clock=lambda: NOW) == 2
    assert capsys.readouterr().err.count("\n") == 2  # "Wrote …" then the one-line error
