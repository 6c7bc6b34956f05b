"""`imgtui stats [--json]`: the specialty tables, as text or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

from ..domain.model import Catalog, Mode
from ..domain.stats import OUTCOME_GROUPS, format_outcome, format_value, mode_columns, outcome_years
from ..labels import MODE_LABEL, STATUS_MARK
from ..session import Session
from .output import console as plain_console
from .output import write_json

if TYPE_CHECKING:
    from rich.console import Console


def run_stats(session: Session, as_json: bool) -> int:
    if as_json:
        from ..domain.summary import stats_json

        write_json(stats_json(session.catalog), ascii_only=True)
        return 0
    print_stats(session.catalog, session.progress().mode)
    return 0


def print_stats(catalog: Catalog, mode: Mode) -> None:
    console = plain_console()
    console.print(f"NRMP {catalog.stats_year} specialty tables ({MODE_LABEL[mode]} columns): {catalog.stats_source}")
    for t in catalog.stats:
        columns = mode_columns(t, mode)
        table = Table(title=t.title, title_justify="left", show_edge=False, pad_edge=False)
        table.add_column("Specialty")
        for c in columns:
            table.add_column(c.title, justify="right")
        for r in t.rows:
            cells = []
            for c in columns:
                value = format_value(t, r.values[t.column_index(c.id)])
                cells.append(value + ("?" if c.id in r.uncertain else ("!" if c.id in r.as_printed else "")))
            table.add_row(r.specialty, *cells)
        console.print()
        console.print(table)
        shown = {c.id for c in columns}
        for r in t.rows:
            if r.note and set(r.uncertain) & shown:
                console.print(f"  ? {r.specialty}: {r.note}")
            elif r.note and set(r.as_printed) & shown:
                console.print(f"  ! {r.specialty}: {r.note}")
        if t.note:
            console.print(f"  Source: {t.note}")
    console.print()
    console.print("N/A: the guide gives no figure (too few applicants). Full tables: `imgtui stats --json`.")
    pass_fail = next((r.step1_pass_fail for r in catalog.rule_sets.values() if r.step1_pass_fail), None)
    if pass_fail:
        console.print(
            f"Step 1 has been pass/fail since {pass_fail.on.isoformat()} (USMLE): its 2018 means are history; "
            "compare Step 2 CK."
        )
    print_outcomes(console, catalog, mode)


def print_outcomes(console: Console, catalog: Catalog, mode: Mode) -> None:
    """The newer Match outcomes: a different table from the guide's 2018 figures."""
    outcomes = catalog.outcomes
    if outcomes is None:
        return
    own = "us_img" if mode == "us-img" else "non_us_img"
    groups = [own, *(g for g in OUTCOME_GROUPS if g != own)]
    table = Table(
        title=f"{outcomes.title} (a newer, different table)", title_justify="left", show_edge=False, pad_edge=False
    )
    table.add_column("Match")
    for g in groups:
        table.add_column(OUTCOME_GROUPS[g], justify="right")
    for year, by_group in outcome_years(outcomes):
        cells = []
        for g in groups:
            o = by_group.get(g)
            cells.append(f"{format_outcome(o)} {STATUS_MARK[o.provenance.status]}" if o else "not found")
        table.add_row(str(year), *cells)
    console.print()
    console.print(table)
    for year in sorted({s.match_year for s in outcomes.img_share}, reverse=True):
        shares = sorted((s for s in outcomes.img_share if s.match_year == year), key=lambda s: -s.percent)
        console.print(
            f"{year}: share of first-year positions filled by IMGs (specialties with 30+ filled positions): "
            + " · ".join(f"{s.specialty} {s.percent:.1f}% {STATUS_MARK[s.provenance.status]}" for s in shares)
        )
    console.print("✓ official • reported; each figure's source: `imgtui stats --json` or `imgtui facts`.")
