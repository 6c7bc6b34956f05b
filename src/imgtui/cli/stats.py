"""`imgtui stats [--json]`: the specialty tables, as text or JSON."""

from __future__ import annotations

from rich.table import Table

from ..domain.model import Catalog, Mode
from ..domain.stats import format_value, mode_columns
from ..labels import MODE_LABEL
from ..session import Session
from .output import console as plain_console


def run_stats(session: Session, as_json: bool) -> int:
    if as_json:
        import json

        from ..domain.summary import stats_json

        print(json.dumps(stats_json(session.catalog), indent=2))
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
                cells.append(value + ("?" if c.id in r.uncertain else ""))
            table.add_row(r.specialty, *cells)
        console.print()
        console.print(table)
        notes = [f"{r.specialty}: {r.note}" for r in t.rows if r.note and set(r.uncertain) & {c.id for c in columns}]
        for note in notes:
            console.print(f"  ? {note}")
    console.print()
    console.print("N/A: the guide gives no figure (too few applicants). Full tables: `imgtui stats --json`.")
