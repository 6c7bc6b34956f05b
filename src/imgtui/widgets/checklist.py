"""Pane 1: the steps in order, ticked with space/enter."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..domain.matrix import StepState
from ..domain.summary import Situation
from .quiet import update_if_changed

GROUP_TITLES = {"ecfmg": "ECFMG certification", "application": "Application and Match",
                "visa": "Visa", "residency": "Residency"}


class StepList(OptionList):
    BINDINGS = [
        Binding("space", "toggle", "Tick/untick", id="toggle", tooltip="Mark the highlighted step done or not done"),
    ]

    class Toggle(Message):
        def __init__(self, step_id: str) -> None:
            super().__init__()
            self.step_id = step_id

    def action_toggle(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id:
            self.post_message(self.Toggle(option.id))

    def action_select(self) -> None:  # enter ticks too
        self.action_toggle()


def _prompt(state: StepState, warning: str | None) -> Text:
    step = state.step
    if state.how == "done":
        mark, detail = "[x]", state.date.isoformat() if state.date else ""
    elif state.how in ("implied", "satisfied"):
        mark, detail = "[x]", f"({state.how})"
    else:
        mark, detail = "[ ]", ""
    waiting = bool(state.waiting_on)
    text = Text.assemble((mark + " ", "bold green" if state.done else "bold"),
                         (step.title, "dim" if waiting or state.how in ("implied", "satisfied") else ""))
    if detail:
        text.append(f"  {detail}", style="green" if state.how == "done" else "dim")
    if waiting:
        text.append(" (waits)", style="dim italic")  # on an earlier step: named below when highlighted
    if warning and not state.done:
        text.append(f"\n    ⚠ {warning}", style="bold yellow")
    return text


class ChecklistPane(Vertical):
    BORDER_TITLE = "1 Checklist"

    def compose(self) -> ComposeResult:
        yield StepList(id="steps")
        yield Static(id="step-why", classes="why")

    def show(self, situation: Situation, warnings: dict[str, str]) -> None:
        steps = self.query_one(StepList)
        highlighted = steps.highlighted
        done = sum(1 for s in situation.steps if s.done)
        self.border_subtitle = f"{done}/{len(situation.steps)} done"
        options: list[Option | None] = []
        group = None
        for state in situation.steps:
            if state.step.group != group:
                group = state.step.group
                options.append(Option(Text(GROUP_TITLES.get(group, group), style="bold underline"),
                                      id=f"group:{group}", disabled=True))
            options.append(Option(_prompt(state, warnings.get(state.step.id)), id=state.step.id))
        self._states = {s.step.id: s for s in situation.steps}
        ids = [o.id for o in options]
        if ids == getattr(self, "_ids", None):
            # Same steps: replace only the prompts that changed, so a tick repaints one line.
            for index, (option, old) in enumerate(zip(options, self._prompts)):
                if option.prompt != old:
                    steps.replace_option_prompt_at_index(index, option.prompt)
        else:
            steps.set_options(options)
            if highlighted is None:
                highlighted = next(i for i, o in enumerate(options) if o and not o.disabled)
            steps.highlighted = min(highlighted, steps.option_count - 1)
        self._ids, self._prompts = ids, [o.prompt for o in options]
        self._show_why()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_why()

    def _show_why(self) -> None:
        option = self.query_one(StepList).highlighted_option
        state = getattr(self, "_states", {}).get(option.id) if option else None
        why = self.query_one("#step-why", Static)
        if state is None:
            update_if_changed(why, Text(""))
            return
        p = state.step.provenance
        text = Text(state.step.why)
        if state.waiting_on:
            text.append("\nWaits on: " + ", ".join(w.title for w in state.waiting_on), style="italic")
        elif state.how in ("implied", "satisfied"):
            text.append(f"\n✓ {state.how} by {state.because}", style="italic")
        text.append(f"  [{p.status}] {p.source.removeprefix('guide: ')}", style="dim")
        update_if_changed(why, text)

