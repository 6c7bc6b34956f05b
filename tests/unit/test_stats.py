"""The specialty tables as the app shows them: columns per mode, formatting, the person's
score compared, and the one-row-per-specialty view with its filter and sort."""

from __future__ import annotations

from datetime import date

import pytest

from imgtui.domain.model import Provenance, StatsColumn, StatsRow, StatsTable
from imgtui.domain.stats import (
    ALL_SPECIALTIES,
    SCORE_TABLES,
    Comparison,
    ViewCell,
    ViewColumn,
    ViewRow,
    compare_score,
    filter_rows,
    format_value,
    mode_columns,
    sort_rows,
    specialty_columns,
    specialty_rows,
)

P = Provenance("test", date(2018, 3, 16), "guide")
COLUMNS = tuple(StatsColumn(f"{g}_{o}", f"{g} {o}", g) for g in ("us_img", "non_us_img") for o in ("matched", "unmatched"))


def outcome(*rows: StatsRow) -> StatsTable:
    return StatsTable("step2ck_img_outcome", "Step 2 CK", "score", COLUMNS, rows, P)


def row(specialty, us_m, us_u, non_m, non_u, uncertain=(), note=None) -> StatsRow:
    return StatsRow(specialty, "printed", (us_m, us_u, non_m, non_u), uncertain, note)


def test_mode_columns_are_the_modes_group_plus_us_seniors_and_all_imgs(catalog):
    filled = catalog.stats_table("positions_filled_by_imgs")
    assert [c.id for c in mode_columns(filled, "non-us-img")] == ["all_img", "non_us_img"]
    assert [c.id for c in mode_columns(filled, "us-img")] == ["all_img", "us_img"]
    step1 = catalog.stats_table("step1_matched")
    assert [c.id for c in mode_columns(step1, "us-img")] == ["us_senior_matched", "us_img_matched"]


@pytest.mark.parametrize("unit, value, text", [
    ("score", None, "N/A"), ("score", 232, "232"), ("score", 232.0, "232"), ("percent", 7.25, "7.2%"),
    ("percent", 40, "40.0%"), ("count", 2.5, "2.5"), ("count", 3.0, "3"), ("count", None, "N/A"),
])
def test_values_are_formatted_as_the_guide_prints_them(unit, value, text):
    assert format_value(outcome()._replace(unit=unit), value) == text


def test_a_score_is_at_the_matched_mean_above_it_and_below_at_the_unmatched_mean():
    table = outcome(row("IM", 230, 220, 240, 225), row("Derm", 250, None, None, 230),
                    row("Peds", 221, 210, 235, None, uncertain=("non_us_img_unmatched",), note="two readings"),
                    row("Neuro", 229, 215, 236, 226, uncertain=("us_img_matched",), note="us only"))
    verdicts = lambda score, mode: [(c.specialty, c.verdict) for c in compare_score(table, mode, score)]
    assert verdicts(240, "non-us-img") == [("IM", "at"), ("Derm", "no data"), ("Peds", "above"), ("Neuro", "above")]
    assert verdicts(241, "non-us-img")[0] == ("IM", "above")
    assert verdicts(239, "non-us-img")[0] == ("IM", "between")
    assert verdicts(226, "non-us-img")[0] == ("IM", "between")
    assert verdicts(225, "non-us-img")[0] == ("IM", "below")
    assert verdicts(200, "non-us-img")[2] == ("Peds", "between")  # no unmatched mean: never "below"
    assert verdicts(220, "us-img")[0] == ("IM", "below") and verdicts(230, "us-img")[0] == ("IM", "at")
    assert verdicts(231, "us-img")[0] == ("IM", "above")
    assert compare_score(table, "non-us-img", 230) == [
        Comparison("IM", 240, 225, "between", False), Comparison("Derm", None, 230, "no data", False),
        Comparison("Peds", 235, None, "between", True), Comparison("Neuro", 236, 226, "between", False)]
    assert [c.uncertain for c in compare_score(table, "us-img", 230)] == [False, False, False, True]


def test_score_tables_exist_for_the_scores_people_enter(catalog):
    assert SCORE_TABLES == {"step1": "step1_img_outcome", "step2ck": "step2ck_img_outcome"}
    for table_id in SCORE_TABLES.values():
        assert compare_score(catalog.stats_table(table_id), "non-us-img", 240)


def test_specialty_columns_follow_the_mode_and_mark_step1_as_history():
    columns = specialty_columns("us-img", step1_is_history=True)
    assert columns[0] == ViewColumn("ck_matched", "CK M", "step2ck_img_outcome", "us_img_matched", False)
    # Step 2 CK first: Step 1 is pass/fail since 2022, the CK score is the one to compare.
    assert [(c.key, c.title, c.table_id, c.column_id, c.history) for c in columns] == [
        ("ck_matched", "CK M", "step2ck_img_outcome", "us_img_matched", False),
        ("ck_unmatched", "CK U", "step2ck_img_outcome", "us_img_unmatched", False),
        ("s1_matched", "S1 M", "step1_img_outcome", "us_img_matched", True),
        ("s1_unmatched", "S1 U", "step1_img_outcome", "us_img_unmatched", True),
        ("research", "Res", "research_matched", "us_img_matched", False),
        ("filled_group", "%Fill", "positions_filled_by_imgs", "us_img", False),
        ("filled_all", "%IMG", "positions_filled_by_imgs", "all_img", False),
        ("senior_s1", "Sr S1", "step1_matched", "us_senior_matched", True),
    ]
    assert {c.column_id for c in specialty_columns("non-us-img", False)} >= {"non_us_img_matched", "non_us_img"}
    assert not any(c.history for c in specialty_columns("non-us-img", False))


def test_specialty_rows_hold_every_figure_with_uncertain_cells_marked(catalog):
    columns = specialty_columns("non-us-img", step1_is_history=False)
    rows = specialty_rows(catalog.stats, columns)
    assert len(rows) == len(catalog.stats_table("step1_img_outcome").rows)
    for view in rows:
        assert len(view.cells) == len(columns)
        for col, cell in zip(columns, view.cells):
            table = catalog.stats_table(col.table_id)
            source = next(r for r in table.rows if r.specialty == view.specialty)
            assert cell.value == source.values[table.column_index(col.column_id)]
            assert cell.uncertain == (col.column_id in source.uncertain)
            assert cell.text == format_value(table, cell.value) + ("?" if cell.uncertain else "")
    assert any(c.uncertain for r in rows for c in r.cells)


def test_uncertain_cells_are_marked_and_others_not():
    table = outcome(row("IM", 230, 220, 240, 225, uncertain=("non_us_img_matched", "non_us_img_unmatched"), note="n"))
    columns = [ViewColumn("m", "M", table.id, "non_us_img_matched"), ViewColumn("u", "U", table.id, "non_us_img_unmatched"),
               ViewColumn("x", "X", table.id, "us_img_matched")]
    assert specialty_rows((table,), columns) == [ViewRow("IM", (ViewCell(240, "240?", True), ViewCell(225, "225?", True),
                                                                ViewCell(230, "230", False)))]


def view(specialty, value):
    return ViewRow(specialty, (ViewCell(value, "", False),))


def test_the_filter_needs_every_word_in_any_case():
    rows = [view("Internal Medicine", 1), view("Internal Medicine/Pediatrics", 2), view("Neurology", 3)]
    assert [r.specialty for r in filter_rows(rows, "int MED")] == ["Internal Medicine", "Internal Medicine/Pediatrics"]
    assert [r.specialty for r in filter_rows(rows, "med peds")] == []
    assert [r.specialty for r in filter_rows(rows, "  ")] == [r.specialty for r in rows]


def test_sorting_keeps_all_specialties_on_top_and_missing_figures_last():
    rows = [view("b surgery", 5), view(ALL_SPECIALTIES, 9), view("A neuro", None), view("c derm", 1), view("D peds", 7)]
    names = lambda result: [r.specialty for r in result]
    assert names(sort_rows(rows, None, False)) == [ALL_SPECIALTIES, "A neuro", "b surgery", "c derm", "D peds"]
    assert names(sort_rows(rows, None, True)) == [ALL_SPECIALTIES, "D peds", "c derm", "b surgery", "A neuro"]
    assert names(sort_rows(rows, 0, False)) == [ALL_SPECIALTIES, "c derm", "b surgery", "D peds", "A neuro"]
    assert names(sort_rows(rows, 0, True)) == [ALL_SPECIALTIES, "D peds", "b surgery", "c derm", "A neuro"]


def test_sorting_by_name_compares_lower_case_text():
    """'Med_Peds' before 'MedA': '_' sorts before the lower-case letters (it would not before capitals)."""
    rows = [view("MedA", 1), view("Med_Peds", 2)]
    assert [r.specialty for r in sort_rows(rows, None, False)] == ["Med_Peds", "MedA"]


def test_the_rows_are_the_specialties_of_the_first_columns_table():
    first = outcome(row("IM", 230, 220, 240, 225))
    second = outcome(row("IM", 231, 221, 241, 226), row("Only here", 1, 1, 1, 1))._replace(id="other")
    columns = [ViewColumn("a", "A", first.id, "us_img_matched"), ViewColumn("b", "B", "other", "us_img_matched")]
    assert [r.specialty for r in specialty_rows((first, second), columns)] == ["IM"]
