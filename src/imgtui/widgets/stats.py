"""Pane 5: the guide's NRMP 2018 tables, one row per specialty, sortable and filterable,
with the person's own score compared; `o` shows the newer Match outcomes instead (a
different table, each figure with its status)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from ..domain.model import Catalog, Mode, Outcomes
from ..domain.stats import (
    OUTCOME_GROUPS,
    SCORE_TABLES,
    ViewRow,
    compare_score,
    filter_rows,
    format_outcome,
    outcome_years,
    sort_rows,
    specialty_columns,
    specialty_rows,
)
from ..labels import STATUS_MARK
from ..views import MainView
from .line_table import Column, LineTable
from .quiet import update_if_changed

if TYPE_CHECKING:
    from textual.widgets import Input

VERDICT_STYLE = {
    "above": ("above", Style(color="green", bold=True)),
    "at": ("at mean", Style(color="green")),
    "between": ("between", Style(color="yellow")),
    "below": ("below", Style(color="red", bold=True)),
    "no data": ("no data", Style(dim=True)),
}
UNCERTAIN = Style(color="yellow")
AS_PRINTED = Style(color="magenta")
NO_VERDICT = ("—", Style(dim=True))
FILTER_HINT = "Filter specialties (type, e.g. 'int med')"


class SpecialtyTable(LineTable):
    """One row per specialty: the person's verdict and the mode's figures (keys: see StatsPane)."""


class OutcomesView(Static):
    """The newer Match outcomes, in the table's place (focusable, so the pane's keys still work)."""

    can_focus = True


class StatsPane(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "sort_next", "Sort", id="sort", tooltip="Sort by the next column (again: the one after)"),
        Binding("r", "sort_reverse", "Reverse", id="sort_reverse", tooltip="Reverse the sort order"),
        Binding("slash", "filter", "Filter", id="filter", tooltip="Type part of a specialty name"),
        Binding(
            "escape",
            "leave_filter",
            "Back to table",
            id="stats_filter_leave",
            tooltip="Leave the filter box (the filter stays); / comes back to it",
        ),
        Binding(
            "o",
            "toggle_outcomes",
            "Outcomes",
            id="outcomes",
            tooltip="Match outcomes 2018-2025 (a newer table) or back",
        ),
    ]
    BORDER_TITLE = "5 Specialty stats"

    def compose(self) -> ComposeResult:
        # Looks like the filter box; the box itself is made when first wanted (below).
        yield Static(FILTER_HINT, id="stats-filter-hint", markup=False)
        yield SpecialtyTable(id="stats-table")
        yield OutcomesView(id="stats-outcomes")
        yield Static(id="stats-source", classes="source")

    def on_mount(self) -> None:
        self._sort_index: int | None = None  # None = specialty
        self._descending = False
        self._filter = ""
        self._key: tuple[object, ...] | None = None
        self._outcomes_shown = False
        outcomes = self.query_one(OutcomesView)
        outcomes.display = False
        outcomes.styles.height = "1fr"  # in the table's place (set here: a DEFAULT_CSS is parsed at every start)

    def show(self, view: MainView) -> None:
        catalog, mode, rules, scores = view.catalog, view.situation.mode, view.situation.rules.id, view.scores
        pass_fail = view.situation.rules.step1_pass_fail
        step1_history = pass_fail is not None
        stale = view.situation.stale_in("outcomes")
        key = (mode, rules, tuple(sorted(scores.items())), len(stale))
        if key == self._key:
            return
        self._key = key
        self._columns = specialty_columns(mode, step1_history)
        self._rows = specialty_rows(catalog.stats, self._columns)
        self._verdicts = self._compare(catalog, mode, scores, step1_history)
        table = self.query_one(SpecialtyTable)
        table.set_columns(
            [
                Column("specialty", "Specialty", max(len(r.specialty) for r in self._rows)),
                Column("you", self._verdict_title, max(7, len(self._verdict_title))),
                *(Column(c.key, c.title + ("†" if c.history else ""), 6, right=True) for c in self._columns),
            ]
        )
        self._source_of = (catalog.stats_year, mode, pass_fail)
        self._outcomes = outcomes_text(catalog.outcomes, mode, bool(stale)) if catalog.outcomes else Text("")
        update_if_changed(self.query_one("#stats-outcomes", Static), self._outcomes)
        self._show_source()
        self._fill()

    def _show_source(self) -> None:
        """Where the table's figures come from, and what o does from here."""
        stats_year, mode, pass_fail = self._source_of
        source = Text.assemble(
            (
                f"Step 1 pass/fail since {pass_fail.on.isoformat()}: compare Step 2 CK (S1† = 2018 means, history). "
                if pass_fail
                else "",
                "bold",
            ),
            ("o: newer Match outcomes. ", "bold"),
            (
                f"2018 tables via the guide §: CK/S1 M/U and Res (research items) from NRMP Charting Outcomes "
                f"{stats_year}, of matched/unmatched " + ("US IMGs" if mode == "us-img" else "non-US IMGs") + "; "
                "%Fill/%IMG = positions filled by them/by all IMGs, a table whose source the guide does not name; "
                "Sr S1 = US seniors. ? uncertain reading · ! as printed, surprising (`imgtui stats`). Sort: s, r.",
                "dim",
            ),
        )
        if self._outcomes_shown:  # the outcomes name their own sources; the 2018 note is the table's
            source = Text("o: back to the 2018 tables.", style="bold")
        update_if_changed(self.query_one("#stats-source", Static), source)

    def _compare(
        self, catalog: Catalog, mode: Mode, scores: dict[str, int | str], step1_history: bool
    ) -> dict[str, tuple[str, Style]]:
        exam = "step2ck" if isinstance(scores.get("step2ck"), int) else None
        if exam is None and not step1_history and isinstance(scores.get("step1"), int):
            exam = "step1"
        if exam is None:
            self._verdict_title = "You"
            return {}
        score = scores[exam]
        assert isinstance(score, int)
        self._verdict_title = f"Your {'CK' if exam == 'step2ck' else 'S1'} {score}"
        table = catalog.stats_table(SCORE_TABLES[exam])
        return {c.specialty: VERDICT_STYLE[c.verdict] for c in compare_score(table, mode, score)}

    def _cells(self, row: ViewRow) -> list[tuple[str, Style | None]]:
        return [
            (row.specialty, None),
            self._verdicts.get(row.specialty, NO_VERDICT),
            *((c.text, UNCERTAIN if c.uncertain else (AS_PRINTED if c.as_printed else None)) for c in row.cells),
        ]

    def _fill(self) -> None:
        rows = sort_rows(filter_rows(self._rows, self._filter), self._sort_index, self._descending)
        self.query_one(SpecialtyTable).set_rows(rows, self._cells)
        sort_name = "specialty" if self._sort_index is None else self._columns[self._sort_index].title
        self.border_subtitle = (
            f"{len(rows)} of {len(self._rows)} · sorted by {sort_name} {'↓' if self._descending else '↑'}"
        )

    def action_sort_next(self) -> None:
        count = len(self._columns)
        self._sort_index = (
            0 if self._sort_index is None else (None if self._sort_index + 1 >= count else self._sort_index + 1)
        )
        self._descending = self._sort_index is not None  # numbers: highest first
        self._fill()

    def action_toggle_outcomes(self) -> None:
        """The guide's 2018 specialty table, or the newer Match outcomes in its place."""
        self._outcomes_shown = not self._outcomes_shown
        table, outcomes = self.query_one(SpecialtyTable), self.query_one(OutcomesView)
        table.display, outcomes.display = not self._outcomes_shown, self._outcomes_shown
        (outcomes if self._outcomes_shown else table).focus()
        self._show_source()
        if self._outcomes_shown:
            self.border_subtitle = "Match outcomes 2018-2025 · o: back to the 2018 tables"
        else:
            self._fill()

    def action_sort_reverse(self) -> None:
        self._descending = not self._descending
        self._fill()

    def on_line_table_header_clicked(self, event: LineTable.HeaderClicked) -> None:
        if event.column == 1:  # "You": not a sort key
            return
        index = None if event.column == 0 else event.column - 2
        if index == self._sort_index:
            self._descending = not self._descending
        else:
            self._sort_index, self._descending = index, index is not None
        self._fill()

    async def action_filter(self) -> None:
        """Textual's Input is ~2% of the first frame (its module, styles, cursor): the box is
        made the first time the filter is wanted, in the hint's place, and then stays."""
        for hint in self.query("#stats-filter-hint"):
            from .field import Field

            await self.mount(Field(placeholder=FILTER_HINT, id="stats-filter"), before=hint)
            await hint.remove()
        self.query_one("#stats-filter").focus()

    async def on_click(self, event: events.Click) -> None:
        if getattr(event.widget, "id", None) == "stats-filter-hint":
            await self.action_filter()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "stats-filter":
            self._filter = event.value
            self._fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(SpecialtyTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc is the filter box's way out, there only (elsewhere it is not this pane's)."""
        if action == "leave_filter":
            return any(box.has_focus for box in self.query("#stats-filter"))
        return True

    def action_leave_filter(self) -> None:
        self.query_one(SpecialtyTable).focus()


def outcomes_text(outcomes: Outcomes, mode: Mode, stale: bool = False) -> Text:
    """IMGs matched per Match and applicant type, newest first, each figure with its status
    mark; the mode's own group first. Clearly a different table from the 2018 ones."""
    own = "us_img" if mode == "us-img" else "non_us_img"
    groups = [own, *(g for g in OUTCOME_GROUPS if g != own)]
    text = Text(f"{outcomes.title} (a different table from the guide's 2018 figures)\n", style="bold")
    if stale:
        text.append(
            "⚠ past one Match: a newer Match has happened and its figures are not here yet\n", style="bold yellow"
        )
    text.append("Match  " + "  ".join(f"{OUTCOME_GROUPS[g]:<26}" for g in groups).rstrip() + "\n", style="underline")
    for year, by_group in outcome_years(outcomes):
        text.append(f"{year}   ")
        for g in groups:
            o = by_group.get(g)
            cell = f"{format_outcome(o)} {STATUS_MARK[o.provenance.status]}" if o else "not found"
            text.append(f"{cell:<28}", style="bold" if g == own else "")
        text.append("\n")
    shares = sorted(outcomes.img_share, key=lambda s: (-s.match_year, -s.percent))
    if shares:
        year = shares[0].match_year
        text.append(f"\n{year}: share of first-year positions filled by IMGs (specialties with 30+ filled positions)\n")
        text.append(
            " · ".join(
                f"{s.specialty} {s.percent:.1f}% {STATUS_MARK[s.provenance.status]}"
                for s in shares
                if s.match_year == year
            )
            + "\n"
        )
    text.append(
        "\n✓ official • reported. Each figure's source: `imgtui stats --json` / `imgtui facts`. "
        "Not found: the 2026 figures, Charting Outcomes by Step 2 CK after 2018.",
        style="dim",
    )
    return text
