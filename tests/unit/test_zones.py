"""Time zones: clock times and zones as programs write them, and the person's own zone by name."""

from datetime import time, timedelta, timezone, tzinfo

import pytest

from imgtui.domain.zones import ZoneError, normalize_zone, parse_clock, zone_name, zone_named


def test_a_short_zone_name_may_be_written_with_dots():
    assert (normalize_zone("C.T."), normalize_zone("e.s.t.")) == ("America/Chicago", "America/New_York")


def test_only_an_area_slash_place_name_is_read_as_an_iana_zone():
    # Old single-word names (a country, 'EST5EDT') are not what a program means by a zone.
    for written in ("Japan", "Cuba", "EST5EDT"):
        with pytest.raises(ZoneError, match=f"unknown time zone '{written}': expected CT, ET, MT, PT, AKT, HT"):
            normalize_zone(written)
    with pytest.raises(ZoneError, match=r"^expected a time zone \(CT, ET, MT, PT, AKT, HT or a zone name"):
        normalize_zone("  ")


@pytest.mark.parametrize("written, at", [
    ("1:00 PM", time(13, 0)),
    ("12:00 AM", time(0, 0)),
    ("2:30 p m", time(14, 30)),
    ("9:00 a. m.", time(9, 0)),
    ("23:59", time(23, 59)),
    ("0:00", time(0, 0)),
])
def test_the_edges_of_a_clock(written, at):
    assert parse_clock(written) == (at, None)


@pytest.mark.parametrize("written, message", [
    ("0:30 AM", "'0:30 AM': with AM/PM the hour is 1-12"),
    ("13:00 PM", "'13:00 PM': with AM/PM the hour is 1-12"),
    ("24:00", "'24:00' is not a time of day"),
    ("9:60", "'9:60' is not a time of day"),
    ("9", "expected a time such as 9:00 AM CT or 14:00, got '9'"),
    ("noon", "expected a time such as 9:00 AM CT or 14:00, got 'noon'"),
])
def test_a_clock_that_is_not_a_time_of_day_is_refused_saying_why(written, message):
    with pytest.raises(ZoneError) as error:
        parse_clock(written)
    assert str(error.value) == message


def test_the_persons_zone_must_be_a_name():
    for name in ("", "   ", None, 5):
        with pytest.raises(ValueError) as error:
            zone_named(name)
        assert str(error.value) == f"expected a time zone name such as Asia/Kolkata, got {name!r}"
    assert zone_named(" Asia/Kolkata ").key == "Asia/Kolkata"


class Unnamed(tzinfo):
    def utcoffset(self, dt):
        return timedelta(0)

    def tzname(self, dt):
        return None


def test_a_zone_without_an_iana_name_is_named_by_its_abbreviation_or_offset():
    assert zone_name(timezone(timedelta(hours=5, minutes=30), "IST")) == "IST"
    assert zone_name(timezone(timedelta(hours=1))) == "UTC+01:00"
    assert zone_name(Unnamed()) == "local time"
    assert zone_name(object()) == "local time"


def test_a_day_alone_in_the_persons_zone_is_named_too():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from imgtui.domain.zones import in_zone

    at = datetime(2026, 12, 8, 15, 0, tzinfo=ZoneInfo("UTC"))
    assert in_zone(at, ZoneInfo("Asia/Kolkata"), date_only=True) == "Tue 2026-12-08 Asia/Kolkata"
