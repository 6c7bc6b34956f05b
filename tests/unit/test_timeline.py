from datetime import date, datetime, timedelta, timezone
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
    # Not published for 2026: projected 16 days before Match Day, 21:00 ET, and said so.
    rol = find(deadlines, "rank_order_list_deadline")
    assert rol.at.isoformat() == "2026-03-04T21:00:00-05:00" and rol.status == "projected"
    assert rol.rule == "days_before"


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
