from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from imgtui.domain.model import EASTERN
from imgtui.domain.timeline import countdown, days_left, find, next_ahead, season


def test_match_2026_is_official(catalog):
    deadlines = season(catalog, "current", 2026)
    match_day = find(deadlines, "match_day")
    assert match_day.day == date(2026, 3, 20) and match_day.status == "official"
    assert match_day.at.isoformat() == "2026-03-20T12:00:00-04:00"  # already daylight time on March 20
    registration = find(deadlines, "september_15")
    assert registration.at.isoformat() == "2025-09-15T12:00:00-04:00" and registration.status == "official"
    # Reported for 2026 (a third party); the rule projects the same day.
    rol = find(deadlines, "rank_order_list_deadline")
    assert rol.at.isoformat() == "2026-03-04T21:00:00-05:00" and rol.status == "reported"
    assert find(season(catalog, "current", 2027), "rank_order_list_deadline").rule == "days_before"


def test_match_2027_is_projected_by_the_stated_rules(catalog):
    deadlines = {d.id: d for d in season(catalog, "current", 2027)}
    assert deadlines["match_day"].day == date(2027, 3, 19) and deadlines["match_day"].status == "projected"
    assert deadlines["september_15"].at == datetime(2026, 9, 15, 12, tzinfo=EASTERN)
    assert deadlines["september_15"].status == "projected"
    assert deadlines["eras_applicants"].day == date(2026, 9, 2)
    assert deadlines["eras_programs"].day == date(2026, 9, 23)
    assert deadlines["eras_season_opens"].status == "reported"


def test_projection_rules_reproduce_published_years(catalog):
    """The calendar rules give the published dates back for the years we know."""
    for year in (2025, 2026):
        published = {p.id: p for p in catalog.published[year]}
        projected = {d.id: d for d in season(catalog, "current", 2099 - 2099 + year)}
        assert projected["match_day"].day == published["match_day"].date
    assert find(season(catalog, "current", 2025), "rank_order_list_deadline").day == date(2025, 3, 5)


def test_a_year_with_no_published_data_is_all_projected(catalog):
    deadlines = season(catalog, "current", 2031)
    # Everything is projected but the guide's "residency starts in June or July".
    assert deadlines and all(d.status == "projected" for d in deadlines if d.id != "residency_start")
    assert find(deadlines, "match_day").day == date(2031, 3, 21)  # third Friday of March 2031


def test_guide_rules_follow_the_guide(catalog):
    deadlines = {d.id: d for d in season(catalog, "guide-2019", 2020)}
    assert deadlines["september_15"].day == date(2019, 9, 15) and deadlines["september_15"].all_day
    assert deadlines["mspe_release"].day == date(2019, 10, 1)
    assert deadlines["ranking_opens"].day == date(2020, 1, 15)
    assert deadlines["rank_order_list_deadline"].approximate and deadlines["match_day"].approximate
    assert all(d.status == "guide" for d in deadlines.values())


def test_countdown_across_the_dst_change():
    # DST starts 2027-03-14 02:00 ET: from noon on the 13th to noon on the 15th is 47 real hours.
    start = datetime(2027, 3, 13, 12, tzinfo=EASTERN)
    target = datetime(2027, 3, 15, 12, tzinfo=EASTERN)
    left = countdown(target, start)
    assert (left.days, left.hours, left.minutes, left.seconds) == (1, 23, 0, 0)
    assert str(left) == "1d 23:00:00"


def test_countdown_takes_now_in_any_zone():
    target = datetime(2027, 3, 19, 12, tzinfo=EASTERN)
    tokyo = datetime(2027, 3, 20, 0, 59, 59, tzinfo=ZoneInfo("Asia/Tokyo"))  # 11:59:59 EDT
    left = countdown(target, tokyo)
    assert (left.passed, left.days, left.hours, left.minutes, left.seconds) == (False, 0, 0, 0, 1)
    with pytest.raises(ValueError):
        countdown(target, datetime(2027, 1, 1))


def test_a_passed_date_says_how_long_ago():
    target = datetime(2026, 9, 15, 12, tzinfo=EASTERN)
    now = datetime(2026, 11, 24, 10, tzinfo=EASTERN)
    left = countdown(target, now)
    # 69 days 23 hours of real time (daylight time ended on 1 November): 69 whole days.
    assert left.passed and left.days == 69 and str(left) == "passed 69 days ago"
    assert left.signed_days == -69 and left.words == "69 days ago"
    assert str(countdown(target, target + timedelta(hours=1))) == "passed <1 day ago"


def test_next_deadline_ahead(catalog):
    deadlines = season(catalog, "current", 2027)
    now = datetime(2026, 11, 24, 10, tzinfo=EASTERN)
    assert next_ahead(deadlines, now).id == "rank_order_list_deadline"
    assert next_ahead(deadlines, datetime(2027, 3, 20, tzinfo=timezone.utc)).id == "residency_start"
    # Residency starts on 1 July (all day): still ahead until that day ends in Eastern time.
    assert next_ahead(deadlines, datetime(2027, 7, 2, 3, 59, tzinfo=timezone.utc)).id == "residency_start"
    assert next_ahead(deadlines, datetime(2027, 7, 2, 4, 0, tzinfo=timezone.utc)) is None


def test_deadlines_are_in_time_order(catalog):
    for rules in ("current", "guide-2019"):
        deadlines = season(catalog, rules, 2027)
        assert [d.at for d in deadlines] == sorted(d.at for d in deadlines)


# -- rules pinned by mutation testing (issue #18) -----------------------------------------

from imgtui.domain.model import Provenance, PublishedDate  # noqa: E402
from imgtui.domain.timeline import Deadline, TimeLeft  # noqa: E402


def test_a_month_that_starts_on_the_weekday_counts_that_first_day():
    """Match Day is the third Friday of March; March 2030 begins on a Friday, so it is the 15th
    (the 1st, 8th and 15th), not the 22nd."""
    from imgtui.catalog import load_catalog

    deadlines = season(load_catalog(), "current", 2030)
    assert date(2030, 3, 1).weekday() == 4
    assert find(deadlines, "match_day").day == date(2030, 3, 15)


def test_a_month_without_a_fifth_weekday_is_an_error_that_says_so(catalog):
    """A rule 'fifth Friday of March' has no date in 2027 (March 2027 has four Fridays): the error
    names the rule's n, weekday and the month, instead of a date in April."""
    rules = catalog.rule_sets["current"]
    fifth = [r._replace(n=5) if r.id == "match_day" else r for r in rules.calendar]
    broken = catalog._replace(rule_sets={**catalog.rule_sets, "current": rules._replace(calendar=tuple(fifth))})
    with pytest.raises(ValueError, match=r"^there is no 5th weekday 4 in 2027-03$"):
        season(broken, "current", 2027)
    assert find(season(broken, "current", 2026), "match_day").day == date(2026, 3, 20)  # published: no rule needed
    assert find(season(broken, "current", 2029), "match_day").day == date(2029, 3, 30)  # March 2029 has five


def test_the_guide_rules_ignore_published_dates(catalog):
    """Under the guide's 2019 rules even a year with published dates (2026) is the guide's own calendar."""
    deadlines = {d.id: d for d in season(catalog, "guide-2019", 2026)}
    assert {d.status for d in deadlines.values()} == {"guide"}
    assert "ranking_opens" in deadlines and deadlines["match_day"].approximate


def test_deadline_titles_come_from_the_rule_and_published_extras_keep_theirs(catalog):
    """A published date shows its rule's title; a published date no rule projects keeps its own
    title and time; a projected date has its rule's title and time."""
    deadlines = {d.id: d for d in season(catalog, "current", 2026)}
    assert deadlines["eras_applicants"].title == "ERAS: applicants may submit (submit on the first day)"
    assert deadlines["eras_applicants"].status == "official"
    assert deadlines["rank_order_list_deadline"].title == "Rank order list certification deadline"
    extra = PublishedDate("interview_day", "Interview day", date(2026, 1, 9), time(8, 30),
                          Provenance("program email", date(2025, 11, 1), "reported"))
    with_extra = catalog._replace(published={**catalog.published, 2026: (*catalog.published[2026], extra)})
    interview = find(season(with_extra, "current", 2026), "interview_day")
    assert (interview.title, interview.time, interview.status) == ("Interview day", time(8, 30), "reported")
    assert interview.at.isoformat() == "2026-01-09T08:30:00-05:00"


def test_an_all_day_date_starts_at_midnight_eastern(catalog):
    opening = find(season(catalog, "current", 2027), "eras_season_opens")
    assert opening.all_day and opening.at == datetime(2026, 6, 3, 0, 0, tzinfo=EASTERN)


def test_find_an_unknown_id_is_none(catalog):
    assert find(season(catalog, "current", 2027), "no_such_date") is None
    assert find([], "match_day") is None


def test_at_the_deadline_instant_it_is_no_longer_ahead(catalog):
    """The 'next deadline' moves on at the exact second the deadline is reached."""
    deadlines = season(catalog, "current", 2027)
    match_day = find(deadlines, "match_day")
    assert next_ahead(deadlines, match_day.at - timedelta(seconds=1)).id == "match_day"
    assert next_ahead(deadlines, match_day.at).id == "residency_start"


def test_countdown_at_the_instant_is_passed_less_than_a_day_ago():
    target = datetime(2027, 3, 19, 12, tzinfo=EASTERN)
    assert countdown(target, target) == TimeLeft(True, 0, 0, 0, 0)
    assert str(countdown(target, target)) == "passed <1 day ago"
    assert countdown(target, target - timedelta(seconds=1)) == TimeLeft(False, 0, 0, 0, 1)


def test_countdown_splits_days_hours_minutes_seconds():
    target = datetime(2027, 3, 19, 12, tzinfo=EASTERN)
    left = countdown(target, target - timedelta(days=3, hours=4, minutes=5, seconds=59))
    assert left == TimeLeft(False, 3, 4, 5, 59) and str(left) == "3d 04:05:59"


def test_a_passed_countdown_is_whole_days_with_no_clock():
    target = datetime(2027, 3, 19, 12, tzinfo=EASTERN)
    assert countdown(target, target + timedelta(hours=3, minutes=7, seconds=5)) == TimeLeft(True, 0, 0, 0, 0)
    assert countdown(target, target + timedelta(days=1, hours=3, minutes=7)) == TimeLeft(True, 1, 0, 0, 0)


def test_passed_days_are_singular_and_plural():
    target = datetime(2027, 3, 19, 12, tzinfo=EASTERN)
    assert str(countdown(target, target + timedelta(days=1))) == "passed 1 day ago"
    assert str(countdown(target, target + timedelta(days=2))) == "passed 2 days ago"


def test_countdown_without_a_zone_is_refused():
    with pytest.raises(ValueError, match=r"^now must be timezone-aware$"):
        countdown(datetime(2027, 3, 19, 12, tzinfo=EASTERN), datetime(2027, 1, 1))


def test_countdown_across_the_dst_end_in_november():
    """DST ends 2026-11-01 02:00 ET: from noon on Oct 31 to noon on Nov 1 is 25 real hours."""
    left = countdown(datetime(2026, 11, 1, 12, tzinfo=EASTERN), datetime(2026, 10, 31, 12, tzinfo=EASTERN))
    assert left == TimeLeft(False, 1, 1, 0, 0)


def test_days_do_not_depend_on_the_machines_zone(machine_in_tokyo):
    """At 23:30 Eastern on March 18 (already the 19th in Tokyo, where the computer is), Match Day
    at noon on the 19th is 12.5 hours away: less than a day, whatever zone `now` is given in."""
    target = datetime(2027, 3, 19, 12, tzinfo=EASTERN)
    match_day = Deadline("match_day", "Match Day", date(2027, 3, 19), time(12, 0),
                         Provenance("test", date(2026, 1, 1), "official"))
    evening = datetime(2027, 3, 18, 23, 30, tzinfo=EASTERN)
    assert days_left(match_day, evening) == 0 == days_left(match_day, evening.astimezone(timezone.utc))
    assert countdown(target, evening.astimezone(timezone.utc)) == TimeLeft(False, 0, 12, 30, 0)
    after = datetime(2027, 3, 19, 23, 30, tzinfo=EASTERN)
    assert countdown(target, after) == TimeLeft(True, 0, 0, 0, 0)
    assert countdown(datetime(2027, 3, 18, 23, 0, tzinfo=EASTERN), after).days == 1


# -- registration: September 15, or the next weekday (issue #13) ---------------------------

@pytest.mark.parametrize("match_year, opens", [
    (2027, date(2026, 9, 15)),  # a Tuesday: stays
    (2030, date(2029, 9, 17)),  # the 15th is a Saturday: Monday the 17th
    (2031, date(2030, 9, 16)),  # the 15th is a Sunday: Monday the 16th
    (2032, date(2031, 9, 15)),  # a Monday: stays
])
def test_registration_projection_moves_off_a_weekend(catalog, match_year, opens):
    registration = find(season(catalog, "current", match_year), "september_15")
    assert registration.day == opens and registration.day.weekday() < 5
    assert registration.status == "projected" and "next weekday" in registration.rule
    assert registration.at.hour == 12
    assert "Observed, not a published rule" in registration.provenance.source


def test_match_2025_registration_is_the_published_monday(catalog):
    registration = find(season(catalog, "current", 2025), "september_15")
    assert registration.at.isoformat() == "2024-09-16T12:00:00-04:00" and registration.status == "official"
    assert "september-2024-illuminator" in registration.provenance.source


def test_match_2024_ranking_dates_are_official(catalog):
    deadlines = season(catalog, "current", 2024)
    assert find(deadlines, "ranking_opens").at.isoformat() == "2024-02-01T12:00:00-05:00"
    rol = find(deadlines, "rank_order_list_deadline")
    assert rol.at.isoformat() == "2024-02-28T21:00:00-05:00"
    assert {find(deadlines, i).status for i in ("ranking_opens", "rank_order_list_deadline")} == {"official"}


def test_the_guide_calendar_does_not_move_off_weekends(catalog):
    # The guide-2019 rules say "September 15 (date usually fixed)": 2029-09-15 is a Saturday.
    assert find(season(catalog, "guide-2019", 2030), "september_15").day == date(2029, 9, 15)
