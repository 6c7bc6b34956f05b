"""The specialty tables, the columns a mode shows, and the person's scores compared."""

from __future__ import annotations

from typing import NamedTuple

from .model import MODE_GROUP, Mode, Outcome, Outcomes, StatsColumn, StatsTable

# Which table and columns a personal score is compared against.
SCORE_TABLES = {"step1": "step1_img_outcome", "step2ck": "step2ck_img_outcome"}


def mode_columns(table: StatsTable, mode: Mode) -> list[StatsColumn]:
    """The mode's own group, plus the reference groups (US seniors, all IMGs)."""
    wanted = {MODE_GROUP[mode], "us_senior", "img"}
    return [c for c in table.columns if c.group in wanted]


def format_value(table: StatsTable, value: float | None) -> str:
    """As the guide prints it: N/A, a whole score, one decimal, or a percentage."""
    if value is None:
        return "N/A"
    if table.unit == "percent":
        return f"{value:.1f}%"
    if table.unit == "score":
        return str(int(value))
    return f"{value:g}"


class Comparison(NamedTuple):
    specialty: str
    matched: float | None
    unmatched: float | None
    verdict: str  # above | at | between | below | no data
    uncertain: bool


def compare_score(table: StatsTable, mode: Mode, score: int) -> list[Comparison]:
    """Per specialty: above the matched mean, at it (equal), between the means, or at or below
    the unmatched mean."""
    group = MODE_GROUP[mode]
    matched_i = table.column_index(f"{group}_matched")
    unmatched_i = table.column_index(f"{group}_unmatched")
    result = []
    for row in table.rows:
        matched, unmatched = row.values[matched_i], row.values[unmatched_i]
        if matched is None:
            verdict = "no data"
        elif score > matched:
            verdict = "above"
        elif score == matched:
            verdict = "at"
        elif unmatched is not None and score <= unmatched:
            verdict = "below"
        else:
            verdict = "between"
        uncertain = bool({f"{group}_matched", f"{group}_unmatched"} & set(row.uncertain))
        result.append(Comparison(row.specialty, matched, unmatched, verdict, uncertain))
    return result


# -- the app's one-row-per-specialty view ------------------------------------------------


class ViewColumn(NamedTuple):
    key: str
    title: str
    table_id: str
    column_id: str
    history: bool = False  # Step 1 averages under pass/fail rules


class ViewCell(NamedTuple):
    value: float | None
    text: str
    uncertain: bool
    as_printed: bool = False  # read exactly, but surprising: the row's note says why


class ViewRow(NamedTuple):
    specialty: str
    cells: tuple[ViewCell, ...]


def specialty_columns(mode: Mode, step1_is_history: bool) -> list[ViewColumn]:
    """The mode's own figures from all five tables, plus US seniors and all IMGs for reference.
    Under pass/fail Step 1 the Step 2 CK columns come first: they are the ones to compare."""
    g = MODE_GROUP[mode]
    step1 = [
        ViewColumn("s1_matched", "S1 M", "step1_img_outcome", f"{g}_matched", step1_is_history),
        ViewColumn("s1_unmatched", "S1 U", "step1_img_outcome", f"{g}_unmatched", step1_is_history),
    ]
    ck = [
        ViewColumn("ck_matched", "CK M", "step2ck_img_outcome", f"{g}_matched"),
        ViewColumn("ck_unmatched", "CK U", "step2ck_img_outcome", f"{g}_unmatched"),
    ]
    return [
        *(ck + step1 if step1_is_history else step1 + ck),
        ViewColumn("research", "Res", "research_matched", f"{g}_matched"),
        ViewColumn("filled_group", "%Fill", "positions_filled_by_imgs", g),
        ViewColumn("filled_all", "%IMG", "positions_filled_by_imgs", "all_img"),
        ViewColumn("senior_s1", "Sr S1", "step1_matched", "us_senior_matched", step1_is_history),
    ]


def specialty_rows(tables: tuple[StatsTable, ...], columns: list[ViewColumn]) -> list[ViewRow]:
    by_id = {t.id: t for t in tables}
    specialties = [r.specialty for r in by_id[columns[0].table_id].rows]
    rows = []
    for specialty in specialties:
        cells = []
        for col in columns:
            table = by_id[col.table_id]
            row = next(r for r in table.rows if r.specialty == specialty)
            value = row.values[table.column_index(col.column_id)]
            uncertain = col.column_id in row.uncertain
            surprising = col.column_id in row.as_printed
            mark = "?" if uncertain else ("!" if surprising else "")
            cells.append(ViewCell(value, format_value(table, value) + mark, uncertain, surprising))
        rows.append(ViewRow(specialty, tuple(cells)))
    return rows


def filter_rows(rows: list[ViewRow], text: str) -> list[ViewRow]:
    """Rows whose specialty contains every word typed, in any case ("int med" finds Internal Medicine)."""
    words = text.lower().split()
    return [r for r in rows if all(w in r.specialty.lower() for w in words)]


ALL_SPECIALTIES = "All Specialties Combined"


def sort_rows(rows: list[ViewRow], index: int | None, descending: bool) -> list[ViewRow]:
    """Sort by a cell (None = by specialty); the all-specialties row stays on top as the
    reference, and missing figures (N/A) always go last."""
    pinned = [r for r in rows if r.specialty == ALL_SPECIALTIES]
    rows = [r for r in rows if r.specialty != ALL_SPECIALTIES]
    if index is None:
        return pinned + sorted(rows, key=lambda r: r.specialty.lower(), reverse=descending)
    present = [r for r in rows if r.cells[index].value is not None]
    missing = [r for r in rows if r.cells[index].value is None]
    return pinned + sorted(present, key=lambda r: r.cells[index].value or 0.0, reverse=descending) + missing


# -- Match outcomes newer than the guide's tables --------------------------------------------

OUTCOME_GROUPS = {"us_img": "US-citizen IMGs", "non_us_img": "non-US-citizen IMGs"}


def outcome_years(outcomes: Outcomes) -> list[tuple[int, dict[str, Outcome]]]:
    """Newest Match first, each with its figure per applicant group."""
    years: dict[int, dict[str, Outcome]] = {}
    for o in outcomes.rows:
        years.setdefault(o.match_year, {})[o.group] = o
    return sorted(years.items(), reverse=True)


def format_outcome(o: Outcome) -> str:
    """'67.8% (3,108 of 4,587)' or '67.6% (3,356)' when the applicant count is not known."""
    count = f"{o.matched:,} of {o.applicants:,}" if o.applicants is not None else f"{o.matched:,}"
    return f"{o.rate:.1f}% ({count})"
