"""Interviews: times and zones as programs write them, same-day conflicts in the person's
zone (across zones and daylight-saving changes), the 48-hour invitation flag, the next one."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from imgtui.domain.interviews import conflicts, interview_events, interview_flags, invitation_flag, next_interview, when
from imgtui.domain.programs import ProgramError, interview_problem, parse_program, present_fields
from imgtui.domain.zones import ZoneError, normalize_zone, parse_clock

NEW_YORK = ZoneInfo("America/New_York")
KOLKATA = ZoneInfo("Asia/Kolkata")
LAGOS = ZoneInfo("Africa/Lagos")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=NEW_YORK)
HOURS = 48


def program(name, **values):
    return parse_program({"name": name, "specialty": "Internal Medicine", **values}, TODAY)


@pytest.mark.parametrize("written, at, zone", [
    ("9:00 AM CT", time(9, 0), "America/Chicago"),
    ("9 am ct", time(9, 0), "America/Chicago"),
    ("2:30 p.m. ET", time(14, 30), "America/New_York"),
    ("14:00 ET", time(14, 0), "America/New_York"),
    ("12:15 AM PT", time(0, 15), "America/Los_Angeles"),
    ("12:00 PM MT", time(12, 0), "America/Denver"),
    ("8:00 AKT", time(8, 0), "America/Anchorage"),
    ("7:45 HT", time(7, 45), "Pacific/Honolulu"),
    ("9:00 CST", time(9, 0), "America/Chicago"),
    ("10:00 America/Phoenix", time(10, 0), "America/Phoenix"),
    ("16:05", time(16, 5), None),
])
def test_clock_times_as_programs_write_them(written, at, zone):
    assert parse_clock(written) == (at, zone)


@pytest.mark.parametrize("written", ["9", "25:00", "13:00 PM", "9:00 XT", "9:61", "noon", "9:00 Mars/Olympus"])
def test_bad_clock_times_are_refused(written):
    with pytest.raises(ZoneError):
        parse_clock(written)


def test_zones_by_short_name_or_iana_name():
    assert normalize_zone("ct") == normalize_zone("CDT") == "America/Chicago"
    assert normalize_zone("Europe/London") == "Europe/London"
    with pytest.raises(ZoneError, match="CT, ET, MT, PT, AKT, HT"):
        normalize_zone("Central-ish")


def test_a_time_cell_may_carry_its_zone_and_the_zone_column_must_agree():
    p = program("A", interview_date="2026-12-08", interview_time="9:00 AM CT")
    assert (p.interview_time, p.interview_zone, p.interview) == (time(9), "America/Chicago", "scheduled")
    assert program("B", interview_time="9:00", interview_zone="ET").interview_zone == "America/New_York"
    with pytest.raises(ProgramError) as error:
        program("C", interview_time="9:00 AM CT", interview_zone="ET")
    assert error.value.field == "interview_zone"
    assert "interview_zone" in present_fields({"interview_time": "9:00 AM CT"})
    assert "interview_zone" not in present_fields({"interview_time": "9:00"})


def test_the_form_wants_a_date_and_a_zone_with_a_time():
    assert interview_problem(program("A", interview_time="9:00")).field == "interview_date"
    assert interview_problem(program("A", interview_time="9:00", interview_date="2026-12-08")).field == "interview_zone"
    assert interview_problem(program("A", interview_time="9:00 CT", interview_date="2026-12-08")) is None


def test_interview_fields_validate_like_the_rest():
    for values, field in [
        ({"interview_status": "maybe"}, "interview_status"),
        ({"interview_date": "08/12/2026"}, "interview_date"),
        ({"invited_on": "2026-12-30"}, "invited_on"),
        ({"interview_format": "by pigeon"}, "interview_format"),
        ({"thank_you": "perhaps"}, "thank_you"),
        ({"rank": "0"}, "rank"),
    ]:
        with pytest.raises(ProgramError) as error:
            program("X", **values)
        assert error.value.field == field
    p = program("Y", interview_status="Wait-listed", interview_format="In person", thank_you="yes",
                invited_on="2026-11-20 14:05")
    assert (p.interview, p.interview_format, p.thank_you) == ("waitlisted", "in_person", True)
    assert p.invited_on == datetime(2026, 11, 20, 14, 5)


def test_9_ct_and_14_et_on_one_day_are_a_conflict_in_new_york():
    a = program("Mercy IM", interview_date="2026-12-08", interview_time="9:00 AM CT")
    b = program("Harbor IM", interview_date="2026-12-08", interview_time="14:00 ET")
    c = program("Lakeside IM", interview_date="2026-12-09", interview_time="9:00 AM CT")
    clashes = conflicts([a, b, c], NEW_YORK)
    assert set(clashes) == {a.key, b.key}
    assert clashes[a.key].others(a) == (b,) and clashes[b.key].others(b) == (a,)
    flags = interview_flags(a, clashes, NOW, NEW_YORK, HOURS)
    assert flags == ["interview conflict (Tue 12-08): same day as Harbor IM"]


def test_the_same_day_is_the_persons_day_and_follows_daylight_saving():
    # Winter: 9:00 CST = 15:00 UTC = 20:30 IST; 14:00 EST = 19:00 UTC = 00:30 IST the next day.
    winter = [program("A", interview_date="2027-03-08", interview_time="9:00 AM CT"),
              program("B", interview_date="2027-03-08", interview_time="14:00 ET")]
    assert conflicts(winter, KOLKATA) == {}
    assert len(conflicts(winter, NEW_YORK)) == 2
    # After US clocks change (2027-03-14): 14:00 EDT = 18:00 UTC = 23:30 IST, the same day.
    spring = [program("A", interview_date="2027-03-15", interview_time="9:00 AM CT"),
              program("B", interview_date="2027-03-15", interview_time="14:00 ET")]
    assert len(conflicts(spring, KOLKATA)) == 2


def test_only_interviews_that_may_still_happen_collide():
    a = program("A", interview_date="2026-12-08", interview_time="9:00 CT")
    for status in ("declined", "cancelled", "completed"):
        b = program("B", interview_date="2026-12-08", interview_time="14:00 ET", interview_status=status)
        assert conflicts([a, b], NEW_YORK) == {}
    b = program("B", interview_date="2026-12-08", interview_status="invited")  # a proposed day, no time yet
    assert len(conflicts([a, b], NEW_YORK)) == 2


def test_an_invitation_is_flagged_until_answered_and_loudly_after_48_hours():
    fresh = program("A", interview_status="invited", invited_on="2026-11-23 14:05")
    assert invitation_flag(fresh, NOW, NEW_YORK, HOURS) == (
        "answer the invitation: the 48 h programs must give you end Wed 11-25 14:05 America/New_York")
    assert invitation_flag(fresh, NOW, LOS_ANGELES, HOURS).endswith(  # typed on the person's clock, named
        "end Wed 11-25 14:05 America/Los_Angeles")
    at_47h = NOW.replace(day=25, hour=13, minute=5)
    assert "answer the invitation" in invitation_flag(fresh, at_47h, NEW_YORK, HOURS)
    at_48h = at_47h + timedelta(hours=1)
    assert invitation_flag(fresh, at_48h, NEW_YORK, HOURS) == (
        "invitation unanswered for 48 h: programs need hold it only 48 h")
    old = program("B", interview_status="invited", invited_on="2026-11-19")  # a date alone: from midnight
    assert invitation_flag(old, NOW, NEW_YORK, HOURS) == (
        "invitation unanswered for 5 days: programs need hold it only 48 h")
    answered = program("C", interview_status="scheduled", invited_on="2026-11-19")
    assert invitation_flag(answered, NOW, NEW_YORK, HOURS) is None


def test_the_next_interview_and_how_it_is_said():
    past = program("Past", interview_date="2026-11-20", interview_time="9:00 ET", interview_status="completed")
    soon = program("Soon", interview_date="2026-12-08", interview_time="9:00 AM CT")
    later = program("Later", interview_date="2027-01-12")
    events = interview_events([later, soon, past], NEW_YORK)
    assert [e.program.name for e in events] == ["Past", "Soon", "Later"]
    assert next_interview(events, NOW).program.name == "Soon"
    # Your zone as the status line names it (not "EST" or "WAT": one name per zone on screen).
    assert when(events[1], NEW_YORK) == "Tue 2026-12-08 09:00 CST (10:00 America/New_York yours)"
    assert when(events[1], LAGOS) == "Tue 2026-12-08 09:00 CST (16:00 Africa/Lagos yours)"
    assert when(events[1], KOLKATA) == "Tue 2026-12-08 09:00 CST (20:30 Asia/Kolkata yours)"
    assert when(events[1], ZoneInfo("Etc/UTC")) == "Tue 2026-12-08 09:00 CST (15:00 UTC yours)"
    assert when(events[2], NEW_YORK) == "Tue 2027-01-12 (no time)"
    assert next_interview(events, datetime(2026, 12, 9, tzinfo=NEW_YORK)).program.name == "Later"


def test_interview_columns_survive_an_export_and_import():
    from imgtui.domain.programs_csv import read_programs, write_programs

    p = program("Mercy IM", interview_status="scheduled", interview_date="2026-12-08", interview_time="9:00 AM CT",
                invited_on="2026-11-20 14:05", interview_format="virtual", thank_you="yes", rank="2",
                letters_required="3", usce_required="yes")
    text = write_programs([p])
    header, row = text.splitlines()
    # (issue #14's Apply, Signal and Institution columns follow these)
    assert ("Interview,Interview date,Interview time,Interview zone,Invited on,Interview format,"
            "Thank-you sent,Rank,Letters required,USCE required,") in header + ","
    assert "scheduled,2026-12-08,09:00,America/Chicago,2026-11-20 14:05,virtual,yes,2,3,yes," in row + ","
    assert read_programs(text.encode(), TODAY).programs == [p]


def test_the_same_day_follows_the_persons_time_zone_setting(tmp_path, monkeypatch):
    """The person's zone is the one setting (progress file `timezone`, `--tz`): a winter 9:00 CT
    and 14:00 ET are one day in New York, two in Kolkata."""
    from imgtui.persistence.program_store import ProgramStore
    from imgtui.session import ViewOptions, open_session

    store = ProgramStore(tmp_path / "programs.json", lambda: TODAY)
    store.update(lambda book: book.programs.extend([
        program("A", interview_date="2027-03-08", interview_time="9:00 AM CT"),
        program("B", interview_date="2027-03-08", interview_time="14:00 ET")]))
    for zone, clashing in (("America/New_York", 2), ("Asia/Kolkata", 0)):
        session = open_session(ViewOptions(timezone=zone), clock=lambda: NOW, folder=tmp_path)
        context = session.flag_context(session.files.programs.ensure_loaded())
        assert len(context.clashes) == clashing, zone
    (tmp_path / "progress.toml").write_text('timezone = "Asia/Kolkata"\n')
    session = open_session(clock=lambda: NOW, folder=tmp_path)
    assert session.flag_context(session.files.programs.ensure_loaded()).clashes == {}


def test_a_program_with_an_interview_saves_and_reads_back_the_same(tmp_path):
    import json

    from imgtui.persistence.program_store import ProgramStore

    season = program("Mercy IM", interview_date="2026-12-08", interview_time="9:00 AM CT", invited_on="2026-11-20 14:05",
                     interview_format="virtual", thank_you="yes", rank="2", letters_required="3", usce_required="no")
    plain = program("Harbor IM")
    store = ProgramStore(tmp_path / "programs.json", lambda: TODAY)
    store.update(lambda book: book.programs.extend([season, plain]))
    records = json.loads((tmp_path / "programs.json").read_text())["programs"]
    assert records[0]["interview_zone"] == "America/Chicago" and records[0]["usce_required"] == "no"
    assert "interview_status" not in records[1] and "rank" not in records[1]  # left out while unset
    assert ProgramStore(tmp_path / "programs.json", lambda: TODAY).load().programs == [season, plain]


def test_a_zone_has_one_name_wherever_a_time_in_it_is_shown():
    from imgtui.domain.zones import in_zone, zone_name

    at = datetime(2026, 12, 8, 15, 0, tzinfo=ZoneInfo("UTC"))
    for alias in ("Etc/UTC", "UTC", "Etc/Universal", "Zulu"):
        assert zone_name(ZoneInfo(alias)) == "UTC" and in_zone(at, ZoneInfo(alias)) == "Tue 12-08 15:00 UTC"
    assert zone_name(KOLKATA) == "Asia/Kolkata" and in_zone(at, KOLKATA, date(2026, 12, 8)) == "20:30 Asia/Kolkata"
