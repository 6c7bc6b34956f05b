"""What a date's status means at a given moment (issue #13: a projected date that passed
is never "not yet published")."""

from datetime import datetime, timedelta

import pytest

from imgtui.domain.model import EASTERN, STATUSES
from imgtui.domain.timeline import find, season
from imgtui.labels import STATUS_LEGEND, STATUS_MARK, date_status

from ..conftest import NOW


def test_a_projected_date_ahead_is_not_yet_published(catalog):
    match_day = find(season(catalog, "current", 2027), "match_day")
    status = date_status(match_day, NOW)
    assert (status.mark, status.short) == ("≈", "projected") and "not yet published" in status.meaning


def test_a_projected_date_that_passed_says_where_to_confirm_it(catalog):
    registration = find(season(catalog, "current", 2027), "september_15")  # 2026-09-15, passed on NOW
    assert registration.status == "projected" and registration.at < NOW
    status = date_status(registration, NOW)
    assert status.short == "passed, unconfirmed"
    assert status.meaning == "passed, not confirmed here — check nrmp.org/match-calendars/"
    assert "not yet published" not in status.meaning and status.site == "nrmp.org"
    eras = date_status(find(season(catalog, "current", 2027), "eras_programs"), NOW)
    assert eras.site == "aamc.org" and "students-residents.aamc.org/applying-residencies-eras" in eras.meaning


def test_the_same_date_changes_wording_the_moment_it_passes(catalog):
    match_day = find(season(catalog, "current", 2027), "match_day")
    assert "not yet published" in date_status(match_day, match_day.at - timedelta(seconds=1)).meaning
    assert date_status(match_day, match_day.at).meaning.startswith("passed, not confirmed here")


@pytest.mark.parametrize("status", ["official", "reported", "guide", "derived"])
def test_other_statuses_keep_their_word_when_passed(catalog, status):
    deadline = find(season(catalog, "current", 2026), "match_day")._replace(
        provenance=find(season(catalog, "current", 2026), "match_day").provenance._replace(status=status)
    )
    assert date_status(deadline, NOW).short == status


def test_every_status_has_its_own_mark_and_the_legend_names_it():
    assert set(STATUS_MARK) == set(STATUSES)
    non_official = [STATUS_MARK[s] for s in STATUSES if s != "official"]
    assert len(set(non_official)) == len(non_official) and STATUS_MARK["official"] not in non_official
    for status in STATUSES:
        assert f"{STATUS_MARK[status]} {status}" in STATUS_LEGEND


def test_nothing_passed_is_called_not_yet_published_anywhere(capsys):
    """`imgtui status`, the calendar file and the timeline all word a passed projected date
    the same way."""
    from imgtui.cli import main

    now = datetime(2026, 11, 24, 10, 0, tzinfo=EASTERN)
    assert main(["status", "--json"], clock=lambda: now) == 0
    capsys.readouterr()
    assert main(["status"], clock=lambda: now) == 0
    out = capsys.readouterr().out
    assert "passed, not confirmed here — check" in out
    assert main(["calendar"], clock=lambda: now) == 0
    ics = capsys.readouterr().out.replace("\r\n ", "").replace("\\,", ",")
    for event in ics.split("BEGIN:VEVENT")[1:]:
        if "DTSTART;TZID=America/New_York:2026" in event or "DTSTART;VALUE=DATE:2026" in event:
            assert "not yet published" not in event
    assert "passed, not confirmed here" in ics


def test_status_for_a_past_match_never_calls_a_projected_date_not_yet_published(capsys):
    """Match 2025's dates have all passed: nothing on the page may say 'not yet published'."""
    from imgtui.cli import main

    assert main(["--match-year", "2025", "status"], clock=lambda: NOW) == 0
    out = capsys.readouterr().out
    assert "≈ projected: from the usual pattern, not confirmed on an official page" in out
    assert "not yet published" not in out
