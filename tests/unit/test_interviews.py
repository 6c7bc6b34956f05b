"""Interviews: times and zones as programs write them, same-day conflicts in the person's
zone (across zones and daylight-saving changes), the 48-hour invitation flag, the next one."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from imgtui.domain.interviews import (
    conflict_flag,
    conflicts,
    describe_interview,
    interview_events,
    interview_flags,
    invitation_flag,
    next_interview,
    when,
)
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


def test_a_time_with_no_zone_is_read_and_shown_on_the_persons_clock():
    a = program("A", interview_date="2026-12-08", interview_time="9:00")
    [event] = interview_events([a], KOLKATA)
    assert event.at == datetime(2026, 12, 8, 9, 0, tzinfo=KOLKATA) and event.own_clock() == event.at
    assert when(event, KOLKATA) == "Tue 2026-12-08 09:00 IST (no zone given: your clock)"
    assert interview_flags(a, {}, NOW, KOLKATA, HOURS) == ["interview time has no zone: read as yours"]
    assert interview_flags(program("B", interview_date="2026-12-08", interview_time="9:00 CT"), {}, NOW,
                           KOLKATA, HOURS) == []


def test_your_clock_is_added_only_where_it_reads_differently():
    soon = program("Soon", interview_date="2026-12-08", interview_time="9:00 AM CT")
    [event] = interview_events([soon], NEW_YORK)
    assert when(event, ZoneInfo("America/Chicago")) == "Tue 2026-12-08 09:00 CST"
    # The same offset under another name: still said, so the person is not left wondering.
    assert when(event, ZoneInfo("Pacific/Galapagos")) == "Tue 2026-12-08 09:00 CST (09:00 Pacific/Galapagos yours)"


def test_an_interview_with_no_time_is_next_until_the_persons_day_ends():
    day_only = program("Day", interview_date="2026-12-08", interview_zone="CT")
    events = interview_events([day_only], NEW_YORK)
    assert events[0].at == datetime(2026, 12, 8, 0, 0, tzinfo=NEW_YORK)  # from midnight, your zone
    assert next_interview(events, datetime(2026, 12, 8, 23, 59, tzinfo=NEW_YORK)).program.name == "Day"
    assert next_interview(events, datetime(2026, 12, 9, 0, 0, tzinfo=NEW_YORK)) is None
    timed = interview_events([program("Timed", interview_date="2026-12-08", interview_time="9:00 ET")], NEW_YORK)
    assert next_interview(timed, datetime(2026, 12, 8, 8, 59, tzinfo=NEW_YORK)).program.name == "Timed"
    assert next_interview(timed, datetime(2026, 12, 8, 9, 0, tzinfo=NEW_YORK)) is None  # started: not ahead


def test_interviews_that_no_longer_happen_do_not_hide_later_conflicts():
    gone = program("Gone", interview_date="2026-12-07", interview_status="declined")
    a = program("A", interview_date="2026-12-08", interview_time="9:00 CT")
    b = program("B", interview_date="2026-12-08", interview_time="14:00 ET")
    assert set(conflicts([gone, a, b], NEW_YORK)) == {a.key, b.key}


def test_a_conflict_names_two_others_and_counts_the_rest_on_the_persons_day():
    day = {"interview_date": "2026-12-08", "interview_time": "14:00 ET"}
    a, b, c, d = (program(name, **day) for name in ("A", "B", "C", "D"))
    assert interview_flags(a, conflicts([a, b, c], KOLKATA), NOW, KOLKATA, HOURS) == [
        "interview conflict (Wed 12-09): same day as B, C"]  # 14:00 EST is 00:30 Wednesday in Kolkata
    assert interview_flags(a, conflicts([a, b, c, d], KOLKATA), NOW, KOLKATA, HOURS) == [
        "interview conflict (Wed 12-09): same day as B, C +1"]
    assert conflict_flag((b,), None) == "interview conflict: same day as B"


def test_the_flags_of_an_invitation_and_of_a_scheduled_interview_with_no_date():
    invited = program("A", interview_status="invited", invited_on="2026-11-23")  # a date alone: from midnight
    assert interview_flags(invited, {}, NOW, NEW_YORK, HOURS) == [
        "answer the invitation: the 48 h programs must give you end Wed 11-25 00:00 America/New_York"]
    assert invitation_flag(program("B", interview_status="invited"), NOW, NEW_YORK, HOURS) == (
        "interview invitation: answer it (date received not recorded)")
    assert interview_flags(program("C", interview_status="scheduled"), {}, NOW, NEW_YORK, HOURS) == [
        "interview scheduled: no date recorded"]
    assert interview_flags(program("D"), {}, NOW, NEW_YORK, HOURS) == []


def test_an_invitation_counts_hours_to_three_days_then_days():
    invited = program("A", interview_status="invited", invited_on="2026-11-20 10:00")
    at = datetime(2026, 11, 20, 10, 0, tzinfo=NEW_YORK)
    assert invitation_flag(invited, at + timedelta(hours=71, minutes=59), NEW_YORK, HOURS).startswith(
        "invitation unanswered for 71 h:")
    assert invitation_flag(invited, at + timedelta(hours=72), NEW_YORK, HOURS).startswith(
        "invitation unanswered for 3 days:")


def test_an_invitation_time_that_names_its_zone_is_not_moved_to_yours():
    from dataclasses import replace

    invited = replace(program("A", interview_status="invited"),
                      invited_on=datetime(2026, 11, 23, 14, 5, tzinfo=ZoneInfo("America/Chicago")))
    assert invitation_flag(invited, NOW, NEW_YORK, HOURS).endswith("end Wed 11-25 15:05 America/New_York")


def test_the_interview_line_of_the_detail_pane():
    done = program("A", interview_date="2026-12-08", interview_time="9:00 ET", interview_status="completed",
                   interview_format="in person", invited_on="2026-11-20 14:05", thank_you="yes")
    assert describe_interview(done, NEW_YORK) == (
        "done · Tue 2026-12-08 09:00 EST · in person · invited 2026-11-20 14:05 · thank-you sent")
    assert describe_interview(program("B", interview_status="completed", invited_on="2026-11-20"), NEW_YORK) == (
        "done · invited 2026-11-20 · thank-you not sent")
    assert describe_interview(program("C", interview_date="2026-12-08", interview_time="9:00 CT"), KOLKATA) == (
        "scheduled · Tue 2026-12-08 09:00 CST (20:30 Asia/Kolkata yours)")
    assert describe_interview(program("D"), NEW_YORK) == "none"


def test_a_time_with_no_zone_is_shown_on_the_persons_clock_even_a_clock_with_no_name():
    from datetime import tzinfo

    class Unnamed(tzinfo):
        def utcoffset(self, dt):
            return timedelta(hours=1)

        def dst(self, dt):
            return timedelta(0)

        def tzname(self, dt):
            return None

    no_zone = program("A", interview_date="2026-12-08", interview_time="9:00")
    assert describe_interview(no_zone, KOLKATA) == "scheduled · Tue 2026-12-08 09:00 IST (no zone given: your clock)"
    assert when(interview_events([no_zone], Unnamed())[0], Unnamed()) == (
        "Tue 2026-12-08 09:00 (no zone given: your clock)")
