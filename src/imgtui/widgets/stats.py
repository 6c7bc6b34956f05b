"""Pane 5: the guide's NRMP 2018 tables, one row per specialty, sortable and filterable,
with the person's own score compared."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static

from .field import Field

from ..domain.model import Catalog
from ..domain.stats import (
    SCORE_TABLES,
    ViewRow,
    compare_score,
    filter_rows,
    sort_rows,
    specialty_columns,
    specialty_rows,
)

VERDICT_STYLE = {"above": ("above", "bold green"), "between": ("between", "yellow"),
                 "below": ("below", "bold red"), "no data": ("no data", "dim")}


class StatsTable(DataTable):
    BINDINGS = [
        Binding("s", "sort_next", "Sort", id="sort", tooltip="Sort by the next column (again: the one after)"),
        Binding("r", "sort_reverse", "Reverse", id="sort_reverse", tooltip="Reverse the sort order"),
        Binding("slash", "filter", "Filter", id="filter", tooltip="Type part of a specialty name"),
    ]

    def action_sort_next(self) -> None:
        self.screen.query_one(StatsPane).sort_next()

    def action_sort_reverse(self) -> None:
        self.screen.query_one(StatsPane).sort_reverse()

    def action_filter(self) -> None:
        self.screen.query_one("#stats-filter", Input).focus()


class StatsPane(Vertical):
    BORDER_TITLE = "5 Specialty stats"

    def compose(self) -> ComposeResult:
        yield Field(placeholder="Filter specialties (type, e.g. 'int med')", id="stats-filter")
        yield StatsTable(id="stats-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="stats-source", classes="source")

    def on_mount(self) -> None:
        self._sort_index: int | None = None  # None = specialty
        self._descending = False
        self._filter = ""
        self._key = None

    def show(self, catalog: Catalog, mode: str, rules: str, scores: dict) -> None:
        step1_history = rules == "current"
        columns = specialty_columns(mode, step1_history)
        key = (mode, rules, tuple(sorted(scores.items())))
        if key == self._key:
            return
        self._key = key
        self._columns = columns
        self._rows = specialty_rows(catalog.stats, columns)
        self._verdicts = self._compare(catalog, mode, scores, step1_history)
        table = self.query_one(StatsTable)
        table.clear(columns=True)
        # Fixed widths: the DataTable then measures no cells (a large share of start-up time).
        table.add_column("Specialty", key="specialty", width=max(len(r.specialty) for r in self._rows))
        table.add_column(self._verdict_title, key="you", width=max(7, len(self._verdict_title)))
        for col in columns:
            table.add_column(col.title + ("†" if col.history else ""), key=col.key, width=6)
        source = Text.assemble((f"NRMP Charting Outcomes {catalog.stats_year} via the guide § · ", "dim"),
                               ("S1/CK M/U = mean Step 1/Step 2 CK of matched/unmatched " +
                                ("US IMGs" if mode == "us-img" else "non-US IMGs") +
                                "; Res = research items; %Fill/%IMG = positions filled by them/by all IMGs; "
                                "Sr S1 = US seniors. Sort: s, r, or click a header. ", "dim"),
                               ("† Step 1 is pass/fail since 2022: history. " if step1_history else "", "dim"),
                               ("? uncertain reading of the guide's text.", "dim"))
        self.query_one("#stats-source", Static).update(source)
        self._fill()

    def _compare(self, catalog: Catalog, mode: str, scores: dict, step1_history: bool) -> dict[str, tuple[str, str]]:
        exam = "step2ck" if isinstance(scores.get("step2ck"), int) else None
        if exam is None and not step1_history and isinstance(scores.get("step1"), int):
            exam = "step1"
        if exam is None:
            self._verdict_title = "You"
            return {}
        score = scores[exam]
        self._verdict_title = f"Your {'CK' if exam == 'step2ck' else 'S1'} {score}"
        table = catalog.stats_table(SCORE_TABLES[exam])
        return {c.specialty: VERDICT_STYLE[c.verdict] for c in compare_score(table, mode, score)}

    def _fill(self) -> None:
        table = self.query_one(StatsTable)
        rows: list[ViewRow] = sort_rows(filter_rows(self._rows, self._filter), self._sort_index, self._descending)
        table.clear()
        for row in rows:
            verdict, style = self._verdicts.get(row.specialty, ("—", "dim"))
            cells = [Text(c.text, justify="right", style="yellow" if c.uncertain else "") for c in row.cells]
            table.add_row(row.specialty, Text(verdict, style=style), *cells, key=row.specialty)
        sort_name = "specialty" if self._sort_index is None else self._columns[self._sort_index].title
        self.border_subtitle = f"{len(rows)} of {len(self._rows)} · sorted by {sort_name} {'↓' if self._descending else '↑'}"

    def sort_next(self) -> None:
        count = len(self._columns)
        self._sort_index = 0 if self._sort_index is None else (None if self._sort_index + 1 >= count else self._sort_index + 1)
        self._descending = self._sort_index is not None  # numbers: highest first
        self._fill()

    def sort_by(self, index: int | None, descending: bool) -> None:
        self._sort_index, self._descending = index, descending
        self._fill()

    def sort_reverse(self) -> None:
        self._descending = not self._descending
        self._fill()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        keys = [c.key for c in self._columns]
        key = event.column_key.value
        index = keys.index(key) if key in keys else None
        if key == "you":
            return
        if index == self._sort_index:
            self._descending = not self._descending
        else:
            self._sort_index, self._descending = index, index is not None
        self._fill()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "stats-filter":
            self._filter = event.value
            self._fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(StatsTable).focus()
