"""The progress document: its validation (each error names the key) and its round trip."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from imgtui.domain.model import EASTERN
from imgtui.domain.progress import (
    Progress,
    ProgressError,
    default_match_year,
    future_completions,
    parse_progress,
    setting_path,
    to_document,
    validate_score,
)

RULES = ("current", "guide-2019")
TODAY = date(2026, 11, 24)


def parse(document):
    return parse_progress(document, RULES)


def error_of(document) -> tuple[str, str]:
    with pytest.raises(ProgressError) as error:
        parse(document)
    assert str(error.value) == f"{error.value.key}: {error.value.problem}"
    return error.value.key, error.value.problem


@pytest.mark.parametrize("now, year", [
    # The cut-off is March 21, the latest day a third Friday of March can be, whatever the year.
    (datetime(2026, 3, 21, 23, 59, tzinfo=EASTERN), 2026),
    (datetime(2026, 3, 22, 0, 0, tzinfo=EASTERN), 2027),
    (datetime(2026, 1, 1, tzinfo=EASTERN), 2026),
    (datetime(2026, 4, 1, tzinfo=EASTERN), 2027),
    (datetime(2026, 11, 24, tzinfo=EASTERN), 2027),
])
def test_the_default_match_year_turns_over_after_march_21(now, year):
    assert default_match_year(now) == year
    assert Progress().target_year(now) == year and Progress(match_year=2030).target_year(now) == 2030


def test_an_empty_document_is_the_defaults():
    assert parse({}) == Progress(document={})


def test_a_full_document_is_read():
    document = {"schema": 1, "mode": "us-img", "rules": "guide-2019", "match_year": 2027,
                "completed": {"usmle_id": date(2026, 3, 2)}, "scores": {"step1": "Pass", "step2ck": 246, "mock": 230}}
    progress = parse(document)
    assert progress == Progress("us-img", "guide-2019", 2027, {"usmle_id": date(2026, 3, 2)},
                                {"step1": "pass", "step2ck": 246, "mock": 230}, document)


@pytest.mark.parametrize("document, key, problem", [
    ({"schema": 0}, "schema", "expected a positive integer, got 0"),
    ({"schema": True}, "schema", "expected a positive integer, got True"),
    ({"schema": "1"}, "schema", "expected a positive integer, got '1'"),
    ({"schema": 2}, "schema", "version 2 was written by a newer imgtui (this one reads 1)"),
    ({"mode": "martian"}, "mode", "expected \"non-us-img\" or \"us-img\", got 'martian'"),
    ({"rules": "mine"}, "rules", "expected one of 'current', 'guide-2019', got 'mine'"),
    ({"match_year": 1999}, "match_year", "expected a year such as 2027, got 1999"),
    ({"match_year": 2101}, "match_year", "expected a year such as 2027, got 2101"),
    ({"match_year": True}, "match_year", "expected a year such as 2027, got True"),
    ({"match_year": "2027"}, "match_year", "expected a year such as 2027, got '2027'"),
    ({"completed": ["step1"]}, "completed", "expected a table of step = date, got ['step1']"),
    ({"completed": {"step1": "2026-01-01"}}, "completed.step1", "expected a date such as 2026-03-02, got '2026-01-01'"),
    ({"completed": {"step1": datetime(2026, 1, 1, 9)}}, "completed.step1",
     "expected a date such as 2026-03-02, got datetime.datetime(2026, 1, 1, 9, 0)"),
    ({"scores": 246}, "scores", "expected a table of exam = score, got 246"),
])
def test_each_bad_key_is_named_with_the_problem(document, key, problem):
    assert error_of(document) == (key, problem)


def test_match_years_2000_and_2100_are_accepted():
    assert parse({"match_year": 2000}).match_year == 2000 and parse({"match_year": 2100}).match_year == 2100


def test_a_future_date_loads_and_is_only_warned_about():
    """A stored date never locks the file (issue #11): later than today, it is a warning."""
    progress = parse({"completed": {"step1": date(2026, 11, 26), "usmle_id": TODAY}})
    assert progress.completed == {"step1": date(2026, 11, 26), "usmle_id": TODAY}
    assert future_completions(progress, TODAY) == ["completed.step1: 2026-11-26 is in the future"]
    assert future_completions(progress, date(2026, 11, 26)) == []


@pytest.mark.parametrize("key, value, result", [
    ("step1", "pass", "pass"), ("step1", " FAIL ", "fail"), ("step1", 230, 230),
    ("step2ck", 1, 1), ("step2ck", 300, 300), ("step2ck", " 246 ", 246), ("step3", "199", 199),
])
def test_valid_scores(key, value, result):
    assert validate_score(key, value) == result
    assert parse({"scores": {key: value}}).scores == {key: result}


@pytest.mark.parametrize("key, value, problem", [
    ("step2ck", "pass", "expected an integer 1-300, got 'pass'"),
    ("step3", "fail", "expected an integer 1-300, got 'fail'"),
    ("step1", "maybe", "expected an integer 1-300, or pass/fail, got 'maybe'"),
    ("step1", True, "expected an integer 1-300, or pass/fail, got True"),
    ("step2ck", 246.5, "expected an integer 1-300, got 246.5"),
    ("step2ck", 0, "expected a score from 1 to 300, got 0"),
    ("step2ck", 301, "expected a score from 1 to 300, got 301"),
    ("step1", "999", "expected a score from 1 to 300, got 999"),
    # A digit int() refuses ("²", found by the every-type reliability test) and a string of
    # digits too long to be a score (int() refuses past 4,300) are said like any other wrong value.
    ("step3", "2\u00b2", "expected an integer 1-300, got '2\u00b2'"),
    ("step2ck", "12345678901", "expected an integer 1-300, got '12345678901'"),
    ("step2ck", "0000000999", "expected a score from 1 to 300, got 999"),
])
def test_invalid_scores_are_named(key, value, problem):
    with pytest.raises(ProgressError) as error:
        validate_score(key, value)
    assert (error.value.key, error.value.problem) == (f"scores.{key}", problem)
    assert error_of({"scores": {key: value}}) == (f"scores.{key}", problem)


def test_scores_imgtui_does_not_know_are_kept_as_they_are():
    assert parse({"scores": {"my_mock": "about 240", "nbme": 3.5}}).scores == {"my_mock": "about 240", "nbme": 3.5}


def test_to_document_writes_the_fields_and_keeps_unknown_keys():
    document = {"schema": 1, "mode": "us-img", "rules": "guide-2019", "match_year": 2027, "nickname": "Ada",
                "completed": {"old": date(2020, 1, 1)}, "scores": {"step1": 200}, "plugins": {"x": 1}}
    progress = parse(document)
    progress.mode, progress.rules, progress.match_year = "non-us-img", "current", 2028
    progress.completed = {"usmle_id": date(2026, 3, 2)}
    progress.scores = {"step2ck": 250}
    assert to_document(progress) == {"schema": 1, "mode": "non-us-img", "rules": "current", "match_year": 2028,
                                     "nickname": "Ada", "plugins": {"x": 1},
                                     "completed": {"usmle_id": date(2026, 3, 2)}, "scores": {"step2ck": 250}}
    # The settings first, the person's own keys next, [completed] and [scores] last.
    assert list(to_document(progress)) == ["schema", "mode", "rules", "match_year", "nickname", "plugins",
                                           "completed", "scores"]


def test_to_document_leaves_out_a_calendar_match_year_and_empty_scores():
    progress = parse({"schema": 1, "match_year": 2027, "scores": {"step1": 200}})
    progress.match_year, progress.scores = None, {}
    assert to_document(progress) == {"schema": 1, "mode": "non-us-img", "rules": "current", "completed": {}}


def test_a_wrong_value_is_quoted_whole_up_to_60_characters_then_cut_with_an_ellipsis():
    sixty = "x" * 58  # its repr, quotes included, is 60 characters
    assert error_of({"mode": sixty}) == ("mode", f'expected "non-us-img" or "us-img", got {sixty!r}')
    key, problem = error_of({"mode": sixty + "y"})
    assert problem == 'expected "non-us-img" or "us-img", got ' + repr(sixty + "y")[:57] + "…"


def test_each_setting_and_part_of_the_progress_has_its_own_patch_address():
    from imgtui.domain.patch import MISSING

    assert [setting_path(k) for k in ("mode", "rules", "match_year", "theme")] == [
        ("mode",), ("rules",), ("match_year",), ("document", "theme")]
    progress = Progress()
    assert progress.get(("match_year",)) is MISSING and progress.get(("document", "theme")) is MISSING
    progress.put(("rules",), "guide-2019")
    progress.put(("match_year",), 2028)
    progress.put(("document", "theme"), "light")
    assert (progress.get(("rules",)), progress.get(("match_year",)), progress.get(("document", "theme"))) == (
        "guide-2019", 2028, "light")
    assert (progress.rules, progress.match_year, progress.document) == ("guide-2019", 2028, {"theme": "light"})
    progress.put(("match_year",), MISSING)  # back to following the calendar
    progress.put(("completed", "step1"), MISSING)  # removing what is not there: nothing to do
    progress.put(("document", "theme"), MISSING)
    assert progress == Progress(rules="guide-2019")


def test_a_score_imgtui_does_not_know_is_written_as_the_value_held():
    progress = parse({"scores": {"toefl": "100", "step2ck": "246"}})
    progress.scores["toefl"] = 100  # changed to a number: not validated, so not "the same as written"
    assert to_document(progress)["scores"] == {"toefl": 100, "step2ck": "246"}
