"""Outcomes newer than 2018, each figure traced to data/ (issue #13 points 6 and 7)."""

import json

import pytest

from imgtui.cli import main
from imgtui.domain.stats import format_outcome, outcome_years, specialty_columns

from ..conftest import NOW


def test_outcomes_by_applicant_type_as_sourced(catalog):
    years = dict(outcome_years(catalog.outcomes))
    assert sorted(years) == [2018, 2023, 2024, 2025]  # 2026 not found: not shipped
    assert format_outcome(years[2023]["us_img"]) == "67.6% (3,356)" and years[2023]["us_img"].provenance.status == "official"
    assert format_outcome(years[2023]["non_us_img"]) == "59.4% (5,032)"
    assert format_outcome(years[2024]["non_us_img"]) == "58.5% (5,864)"
    assert format_outcome(years[2025]["us_img"]) == "67.8% (3,108 of 4,587)"
    assert format_outcome(years[2025]["non_us_img"]) == "58.0% (6,653 of 11,465)"
    for row in catalog.outcomes.rows:
        assert row.provenance.status in ("official", "reported") and "https://" in row.provenance.source
    shares = {s.specialty: s.percent for s in catalog.outcomes.img_share if s.match_year == 2024}
    assert shares == {"Internal Medicine": 43.0, "Pathology": 37.4, "Family Medicine": 31.8, "Neurology": 29.5}


def test_stats_json_carries_every_outcome_figure_with_its_source(capsys, catalog):
    assert main(["stats", "--json"], clock=lambda: NOW) == 0
    data = json.loads(capsys.readouterr().out)
    rows = data["outcomes"]["rows"]
    assert len(rows) == len(catalog.outcomes.rows)
    assert all(r["source"] and r["status"] and r["as_of"] for r in rows + data["outcomes"]["img_share"])
    assert data["step1_pass_fail_since"]["date"] == "2022-01-26" and data["step1_pass_fail_since"]["status"] == "official"


def test_the_text_output_shows_the_newer_table_apart(capsys):
    assert main(["stats"], clock=lambda: NOW) == 0
    out = capsys.readouterr().out
    assert "(a newer, different table)" in out and "58.0% (6,653 of 11,465) •" in out
    assert "Step 1 has been pass/fail since 2022-01-26" in out


def test_the_two_guide_cells_that_needed_a_word(catalog, capsys):
    research = catalog.stats_table("research_matched")
    ortho = next(r for r in research.rows if r.specialty == "Orthopaedic Surgery")
    assert ortho.values[research.column_index("us_img_matched")] == 37.1
    assert ortho.as_printed == ("us_img_matched",) and "15 times" in ortho.note
    filled = catalog.stats_table("positions_filled_by_imgs")
    assert "does not name" in filled.note and "NRMP 2018 Main Residency Match data" not in filled.provenance.source
    assert main(["stats", "--mode", "us-img"], clock=lambda: NOW) == 0
    out = capsys.readouterr().out
    assert "37.1!" in out and "! Orthopaedic Surgery: 37.1 is as printed" in out
    assert "Source: The guide does not name this table's source." in out


@pytest.mark.parametrize("history, first", [(True, "ck_matched"), (False, "s1_matched")])
def test_step2ck_leads_when_step1_is_pass_fail(history, first):
    assert specialty_columns("non-us-img", history)[0].key == first
