"""Pane 2: the guide's "What is required to...?" table, marked from the person's progress."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll

from ..domain.summary import Situation
from ..views import MainView
from .fitted import FittedText
from .textgrid import Line, grid

SHORT = {"usmle_id": "ID", "passing_exams": "Exams", "ecfmg_certification": "Cert"}


class MatrixPane(VerticalScroll):
    BORDER_TITLE = "2 What is required to…?"
    can_focus = True

    def compose(self) -> ComposeResult:
        yield FittedText(id="matrix-body")

    def show(self, view: MainView) -> None:
        situation = view.situation
        # Redrawn only when something shown changed (most ticks leave the matrix as it was).
        key = (
            situation.rules.id,
            tuple((a.action.id, a.allowed, tuple(m.id for m in a.missing)) for a in situation.actions),
        )
        console = self.app.console
        self.query_one(FittedText).show(key, lambda width: matrix_text(situation, width, console))


def matrix_text(s: Situation, width: int, console: Console) -> list[Line]:
    """The guide's table for this width: ✓/✗ per requirement, the verdict, then what is missing."""
    requirements = s.rules.requirements
    marks = [max(5, len(SHORT.get(r.id, r.id))) for r in requirements]
    verdict = 7
    action_width = max(12, width - sum(marks) - verdict - len(marks) - 1)
    rows = [
        [
            Text("Action", style="bold"),
            *(Text(SHORT.get(r.id, r.id).center(w), style="bold") for r, w in zip(requirements, marks, strict=True)),
            Text(""),
        ]
    ]
    missing_lines = []
    for a in s.actions:
        cells: list[Text] = []
        for req, w in zip(requirements, marks, strict=True):
            if req.id not in a.action.requires:
                cells.append(Text("·".center(w), style="dim"))
            elif a.requirements_met[req.id]:
                cells.append(Text("✓".center(w), style="bold green"))
            else:
                cells.append(Text("✗".center(w), style="bold red"))
        title = a.action.title if len(a.action.title) <= action_width else a.action.title[: action_width - 1] + "…"
        state = Text("allowed", style="bold green") if a.allowed else Text("blocked", style="bold red")
        rows.append([Text(title), *cells, state])
        if not a.allowed:
            missing_lines.append(
                [
                    Text.assemble(
                        ("✗ ", "red"), (a.action.title, "bold"), ": missing ", ", ".join(m.title for m in a.missing)
                    )
                ]
            )
    legend = Text("Columns: " + " · ".join(f"{SHORT.get(r.id, r.id)} = {r.title}" for r in requirements), style="dim")
    full = action_width + sum(marks) + verdict + len(marks) + 1
    return grid(rows, [action_width, *marks, verdict], console) + grid(
        [*missing_lines, [legend]], [min(full, width)], console
    )
