"""Pane 2: the guide's "What is required to...?" table, marked from the person's progress."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..domain.summary import Situation


class MatrixPane(VerticalScroll):
    BORDER_TITLE = "2 What is required to…?"
    can_focus = True

    def compose(self):
        yield Static(id="matrix-body")

    def show(self, situation: Situation) -> None:
        requirements = situation.rules.requirements
        table = Table(box=None, pad_edge=False, expand=True, show_edge=False, padding=(0, 1))
        table.add_column("Action", ratio=3, no_wrap=True, overflow="ellipsis")
        for req in requirements:
            table.add_column(_short(req.title), justify="center", no_wrap=True)
        table.add_column("", no_wrap=True)
        lines = []
        for a in situation.actions:
            cells = []
            for req in requirements:
                if req.id not in a.action.requires:
                    cells.append(Text("·", style="dim"))
                elif a.requirements_met[req.id]:
                    cells.append(Text("✓", style="bold green"))
                else:
                    cells.append(Text("✗", style="bold red"))
            verdict = Text("allowed", style="bold green") if a.allowed else Text("blocked", style="bold red")
            table.add_row(a.action.title, *cells, verdict)
            if not a.allowed:
                lines.append(Text.assemble(("✗ ", "red"), (a.action.title, "bold"), ": missing ",
                                           ", ".join(m.title for m in a.missing)))
        legend = Text("Columns: " + " · ".join(f"{_short(r.title)} = {r.title}" for r in requirements), style="dim")
        self.query_one("#matrix-body", Static).update(Group(table, *lines, legend))


def _short(title: str) -> str:
    return {"USMLE/ECFMG ID": "ID", "ECFMG Certification": "Cert"}.get(title, "Exams")
