"""ECFMG Pathways per season: ECFMG's own deadlines in the timeline, and OET Medicine taken
recently enough for the target season (issue #13 point 4; #12 point 3)."""

from datetime import date

import pytest

from imgtui.domain.plan import oet_rule, oet_warnings, plan
from imgtui.domain.progress import Progress
from imgtui.domain.summary import situation
from imgtui.domain.timeline import find

from ..conftest import NOW


def test_each_season_is_data_with_its_own_or_the_last_published_oet_rules(catalog):
    seasons = {p.match_year: p for p in catalog.pathways}
    assert set(seasons) >= {2024, 2025, 2026, 2027}
    assert seasons[2024].oet_recency.taken_on_or_after == date(2022, 1, 1) and seasons[2024].rules_from == 2024
    assert seasons[2025].oet_recency.taken_on_or_after == date(2023, 1, 1) and seasons[2025].rules_from == 2025
    for year in (2026, 2027):  # unpublished here: the 2025 rules, marked as carried
        assert seasons[year].rules_from == 2025 and seasons[year].oet_recency == seasons[2025].oet_recency
    assert "350" in seasons[2025].oet_minimum.text and "300 in Writing" in seasons[2025].oet_minimum.text
    assert seasons[2027].provenance.status == "projected" and seasons[2027].check


def test_ecfmgs_published_deadline_replaces_the_margin_and_says_so(catalog):
    entries = plan(catalog, "current", "non-us-img", 2024)
    safe = find(entries, "skills_latest_safe")
    assert safe.day == date(2024, 2, 15)
    assert "ECFMG's published deadline for the 2024 Pathways (2024-02-15, official)" in safe.provenance.source
    assert "used instead of rank order list certification deadline minus 90 days" in safe.provenance.source
    assert find(entries, "pathways_application").status == "official"


@pytest.mark.parametrize("year, day", [(2025, date(2024, 12, 5)), (2027, date(2026, 12, 3))])
def test_without_a_deadline_for_that_match_the_margin_stays_and_says_why(catalog, year, day):
    safe = find(plan(catalog, "current", "non-us-img", year), "skills_latest_safe")
    assert safe.day == day  # rank order list deadline minus 90 days
    assert f"ECFMG has no deadline for taking part in Match {year} published here" in safe.provenance.source


def test_the_2025_season_close_is_shown_but_not_used_for_the_match(catalog):
    entries = plan(catalog, "current", "non-us-img", 2025)
    assert find(entries, "pathways_season_close").day == date(2025, 5, 31)
    assert find(entries, "skills_latest_safe").day < date(2025, 3, 5)


def test_the_guide_rules_have_no_pathways(catalog):
    assert find(plan(catalog, "guide-2019", "non-us-img", 2024), "pathways_application") is None


def oet(catalog, taken, year):
    s = situation(catalog, Progress(match_year=year, completed={"oet_medicine": taken}), NOW)
    return s.rule_warnings


def test_an_oet_result_older_than_the_seasons_rule_is_a_warning_quoting_it(catalog):
    (warning,) = oet(catalog, date(2022, 12, 31), 2025)
    assert "too old for the 2025 Pathways under the 2025 Pathways rule" in warning.text
    assert "on or after January 1, 2023" in warning.text and "[reported]" in warning.text
    assert warning.step_ids == ("oet_medicine",) and "https://" in warning.source
    assert oet(catalog, date(2023, 1, 1), 2025) == ()


def test_an_unpublished_season_uses_the_last_published_rule_marked_so(catalog):
    (warning,) = oet(catalog, date(2022, 6, 1), 2027)
    assert "last published rule (2025 Pathways; the 2027 Pathways rule is not published here)" in warning.text
    assert oet_rule(catalog, 2031)[1] == 2025  # no file at all for 2031: still the last published


def test_the_seasons_pattern_flags_a_result_that_may_be_too_old(catalog):
    (warning,) = oet(catalog, date(2024, 6, 1), 2027)
    assert "may be too old for the 2027 Pathways" in warning.text and "2025-01-01 (projected)" in warning.text
    assert oet(catalog, date(2025, 2, 1), 2027) == ()


def test_no_oet_date_no_warning(catalog):
    s = situation(catalog, Progress(match_year=2027), NOW)
    assert oet_warnings(catalog, s.steps, 2027) == []


def test_the_checklist_and_status_show_it_even_though_the_step_is_done(catalog, capsys, progress_path):
    from imgtui.cli import main

    progress_path.parent.mkdir(parents=True)
    progress_path.write_text("[completed]\noet_medicine = 2022-06-01\n")
    s = situation(catalog, Progress(match_year=2027, completed={"oet_medicine": date(2022, 6, 1)}), NOW)
    assert s.warnings_by_step()["oet_medicine"].startswith("OET taken 2022-06-01: too old for the 2027 Pathways")
    assert main(["status"], clock=lambda: NOW) == 0
    assert "⚠ OET Medicine taken 2022-06-01 is too old" in capsys.readouterr().out
