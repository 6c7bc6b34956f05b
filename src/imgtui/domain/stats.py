"""The specialty tables, the columns a mode shows, and the person's scores compared."""

from __future__ import annotations

from dataclasses import dataclass

from .model import MODE_GROUP, StatsColumn, StatsTable

# Which table and columns a personal score is compared against.
SCORE_TABLES = {"step1": "step1_img_outcome", "step2ck": "step2ck_img_outcome"}


def mode_columns(table: StatsTable, mode: str) -> list[StatsColumn]:
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


@dataclass(frozen=True)
class Comparison:
    specialty: str
    matched: float | None
    unmatched: float | None
    verdict: str  # above | between | below | no data
    uncertain: bool


def compare_score(table: StatsTable, mode: str, score: int) -> list[Comparison]:
    """Per specialty: at or above the matched mean, between, or at or below the unmatched mean."""
    group = MODE_GROUP[mode]
    matched_i = table.column_index(f"{group}_matched")
    unmatched_i = table.column_index(f"{group}_unmatched")
    result = []
    for row in table.rows:
        matched, unmatched = row.values[matched_i], row.values[unmatched_i]
        if matched is None:
            verdict = "no data"
        elif score >= matched:
            verdict = "above"
        elif unmatched is not None and score <= unmatched:
            verdict = "below"
        else:
            verdict = "between"
        uncertain = bool({f"{group}_matched", f"{group}_unmatched"} & set(row.uncertain))
        result.append(Comparison(row.specialty, matched, unmatched, verdict, uncertain))
    return result
