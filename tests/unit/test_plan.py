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
    assert "projected: not yet published" in match_day["description"] and "nrmp.org" in match_day["description"]
    assert match_day["summary"].startswith("≈")
    registration = events["september_15"].decoded("dtstart")
    assert registration.isoformat() == "2026-09-15T12:00:00-04:00"
    rol = events["rank_order_list_deadline"].decoded("dtstart")  # before DST starts on March 14
    assert rol.astimezone(timezone.utc) == datetime(2027, 3, 4, 2, tzinfo=timezone.utc)
    ck = events["step2ck_latest_safe"]
    assert ck.decoded("dtstart") == date(2026, 8, 5) and ck.decoded("dtend") == date(2026, 8, 6)  # all day
    assert "derived: a latest-safe date" in ck["description"] and "step2ck_latest_safe" in ck["description"]
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


# -- rules pinned by mutation testing (issue #18) -----------------------------------------


from imgtui.domain.model import DerivedRule, Provenance  # noqa: E402
from imgtui.domain.plan import WARN_WITHIN_DAYS, BehindWarning  # noqa: E402
from imgtui.domain.timeline import Deadline, TimeLeft  # noqa: E402

OPEN = {"usmle_id": date(2026, 1, 1)}  # everything after the ID is still to do


def open_states(catalog, rules="current", mode="non-us-img", done=OPEN):
    return step_states(catalog.steps_for(rules, mode), done)


def derived_entry(catalog, rule_id, day):
    """A derived latest-safe date of the catalog's `rule_id`, placed on `day`."""
    rule = next(r for r in catalog.derived if r.id == rule_id)
    return Deadline(rule.id, rule.title, day, None, Provenance("test", date(2026, 1, 1), "derived"), rule=rule.id)


def test_the_plan_is_in_time_order_then_by_id(catalog):
    entries = plan(catalog, "current", "non-us-img", 2027)
    assert [(d.at, d.id) for d in entries] == sorted((d.at, d.id) for d in entries)
    assert entries[0].id == "status_verification_latest_start" and entries[-1].id == "residency_start"


def test_guide_advice_is_dated_titled_and_says_which_advice(catalog):
    e = entries(catalog, "guide-2019", 2020)
    required = e["step2cs_required"]
    assert required.title == "Step 2 CS: the guide's deadline (December 31)"
    assert required.rule == "guide advice (required)" and required.all_day
    assert e["step1_ideal"].rule == "guide advice (ideal)" and e["step1_ideal"].day == date(2019, 8, 1)


def test_a_derived_date_explains_its_rule_in_words(catalog):
    e = entries(catalog, "current", 2027)
    rule = next(r for r in catalog.derived if r.id == "step2ck_latest_safe")
    assert e["step2ck_latest_safe"].provenance.source == (
        f"{rule.text} Rule: ERAS: applicants may submit (submit on the first day) (2026-09-02, projected)"
        " minus 28 days (usmle step 1 / step 2 ck scores are reported).")
    certificate = e["ecfmg_certificate_by"]  # no margin: the anchor's own date, no "minus 0 days"
    assert certificate.day == e["residency_start"].day
    assert certificate.provenance.source.endswith(f"Rule: {e['residency_start'].title} (2027-07-01, guide).")


def test_a_date_derived_from_an_approximate_date_is_approximate(catalog):
    """The guide's Match Day is approximate, so the Step 3 date derived from it is too."""
    e = entries(catalog, "guide-2019", 2020)
    assert e["match_day"].approximate and e["step3_latest_safe"].approximate
    assert not entries(catalog, "current", 2027)["step3_latest_safe"].approximate


def test_a_derived_rule_for_a_step_outside_the_rule_set_or_mode_is_left_out(catalog):
    """A latest-safe rule applies only when its step is one of the person's steps, and a rule
    anchored on a date that does not apply in this mode gives no date (and no error)."""
    extra = (
        DerivedRule("cs_from_match", "step2cs", (), "Step 2 CS by Match Day", {"current": "match_day"},
                    "none", ("us-img", "non-us-img"), "No CS under current rules."),
        DerivedRule("after_step3", "step2ck", (), "After Step 3", {"current": "step3_latest_safe"},
                    "none", ("us-img", "non-us-img"), "Anchored on an H-1B-only date."),
    )
    with_extra = catalog._replace(derived=(*catalog.derived, *extra))
    us = {d.id for d in plan(with_extra, "current", "us-img", 2027)}
    assert "cs_from_match" not in us and "after_step3" not in us and "step3_latest_safe" not in us
    non_us = {d.id: d for d in plan(with_extra, "current", "non-us-img", 2027)}
    assert "cs_from_match" not in non_us
    assert non_us["after_step3"].day == non_us["step3_latest_safe"].day


def warned(catalog, days_ahead, now=NOW):
    """The warnings for one open step (Step 2 CK) whose latest-safe date is `days_ahead` days from now."""
    entry = derived_entry(catalog, "step2ck_latest_safe", now.date() + timedelta(days=days_ahead))
    return warnings(catalog, [entry], open_states(catalog), now)


def test_the_warning_window_is_30_days_inclusive(catalog):
    assert WARN_WITHIN_DAYS == 30
    assert [w.days for w in warned(catalog, 30)] == [30]
    assert warned(catalog, 31) == []


def test_warning_texts_count_whole_days_until_the_day_ends_with_singulars(catalog):
    """An all-day date lasts until its day ends (midnight Eastern); at 10:00 on the 24th a date
    on the 24th has 14 hours left, one on the 23rd ended 10 hours ago."""
    label = "Step 2 CK: latest safe test date"
    assert warned(catalog, 0)[0].text == f"{label} is 2026-11-24 — in less than a day"
    assert warned(catalog, 1)[0].text == f"{label} is 2026-11-25 — in 1 day"
    assert warned(catalog, 2)[0].text == f"{label} is 2026-11-26 — in 2 days"
    assert warned(catalog, -1)[0].text == f"{label} was 2026-11-23 — less than a day ago"
    assert warned(catalog, -2)[0].text == f"{label} was 2026-11-22 — 1 day ago"
    assert warned(catalog, -3)[0].text == f"{label} was 2026-11-21 — 2 days ago"
    assert warned(catalog, -2)[0].short == "latest safe date was 2026-11-22 — 1 day ago"


def test_warnings_ahead_come_first_soonest_first_then_passed_most_recent_first(catalog):
    """Today counts as still ahead; the order is today, in 5 days, 2 days ago, 9 days ago (whole
    days since each day ended)."""
    states = open_states(catalog)
    entries_ = [derived_entry(catalog, "step1_latest_safe", date(2026, 11, 14)),
                derived_entry(catalog, "step2ck_latest_safe", date(2026, 11, 29)),
                derived_entry(catalog, "skills_latest_safe", date(2026, 11, 21)),
                derived_entry(catalog, "step3_latest_safe", date(2026, 11, 24))]
    found = warnings(catalog, entries_, states, NOW)
    assert [(w.deadline.id, w.days) for w in found] == [
        ("step3_latest_safe", 0), ("step2ck_latest_safe", 5), ("skills_latest_safe", -2), ("step1_latest_safe", -9)]
    far = derived_entry(catalog, "status_verification_latest_start", date(2027, 6, 1))  # not within 30 days
    assert warnings(catalog, [far, *entries_[::-1]], states, NOW) == found  # whatever order the entries come in


def test_only_the_guides_required_dates_warn_not_its_ideal_ones(catalog):
    states = open_states(catalog, "guide-2019")
    now = datetime(2019, 12, 20, 9, tzinfo=EASTERN)
    found = {w.deadline.id: w for w in warnings(catalog, plan(catalog, "guide-2019", "non-us-img", 2020), states, now)}
    assert "step2cs_required" in found and "step2cs_ideal" not in found and "step1_ideal" not in found
    assert found["step2cs_required"].text == "Step 2 CS: the guide's deadline (December 31) is 2019-12-31 — in 11 days"
    assert found["step2cs_required"].short == "the guide's deadline is 2019-12-31 — in 11 days"
    assert found["step2cs_required"].step_ids == ("step2cs",)


def test_warning_days_are_eastern_days_not_the_machines(catalog, machine_in_tokyo):
    """At 23:30 Eastern on Nov 23 (Nov 24 in Tokyo, where the computer is), a date on Nov 24 is 'in 1 day'."""
    now = datetime(2026, 11, 23, 23, 30, tzinfo=EASTERN)
    entry = derived_entry(catalog, "step2ck_latest_safe", date(2026, 11, 24))
    assert [w.days for w in warnings(catalog, [entry], open_states(catalog), now)] == [1]
    assert [w.days for w in warnings(catalog, [entry], open_states(catalog), now.astimezone(timezone.utc))] == [1]


def test_behind_warning_counts_match_the_days():
    entry = Deadline("x", "X", date(2026, 11, 20), None, Provenance("s", date(2026, 1, 1), "guide"))
    four_days_ago = TimeLeft(True, 4, 0, 0, 0)
    assert BehindWarning(("step1",), "X", entry, four_days_ago).text == "X was 2026-11-20 — 4 days ago"
    assert BehindWarning(("step1",), "X", entry, four_days_ago).short == "the guide's deadline was 2026-11-20 — 4 days ago"
    assert BehindWarning(("step1",), "X", entry, four_days_ago).days == -4
