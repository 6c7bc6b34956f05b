"""Which steps are done (directly, implied or satisfied by an older step), and which actions
the person's progress allows: the guide's "What is required to...?" table."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import NamedTuple

from .model import Action, RuleSet, Step


class NotCounted(NamedTuple):
    """A ticked step that would satisfy another but cannot: dated on or after its cut-off."""

    step: Step  # the satisfying step (Step 2 CS)
    dated: date  # the date ticked
    before: date
    text: str  # the cut-off's reason, from data

    @property
    def reason(self) -> str:
        return f"{self.step.title} dated {self.dated.isoformat()} does not count: {self.text}"


class StepState(NamedTuple):
    step: Step
    done: bool
    date: date | None  # when ticked, if ticked
    how: str  # "done" | "implied" | "satisfied" | "open" | "impossible" (ticked on a date it cannot count)
    because: str | None  # the step that implies or satisfies it
    waiting_on: tuple[Step, ...]  # prerequisites not yet done (only for open steps)
    not_counted: tuple[NotCounted, ...] = ()  # ticked satisfiers dated too late to count


class ActionState(NamedTuple):
    action: Action
    allowed: bool
    missing: tuple[Step, ...]
    requirements_met: dict[str, bool]


def step_states(
    steps: list[Step], completed: Mapping[str, date], satisfiers: Mapping[str, Step] | None = None
) -> list[StepState]:
    """Each step's state. A done step implies its prerequisites (you cannot sit Step 1 without an ID).
    A step with a cut-off (Step 2 CS, discontinued) counts only when dated before it: ticked
    later it is "impossible" (not done, and said why), and it satisfies no other step
    (`satisfiers`: the steps that may satisfy others, by id, the rule set's or not)."""
    by_id = {s.id: s for s in steps}
    known = {**(satisfiers or {}), **by_id}

    def counts(step_id: str) -> NotCounted | None:
        """None when the ticked step counts; else why not."""
        step = known.get(step_id)
        cut = step.counts_if_before if step else None
        if step is None or cut is None or completed[step_id] < cut.before:
            return None
        return NotCounted(step, completed[step_id], cut.before, cut.text)

    refused_ticks = {i: r for i in completed if (r := counts(i)) is not None}
    ticked = {i: d for i, d in completed.items() if i not in refused_ticks}
    implied: dict[str, str] = {}

    def imply(step: Step, origin: str) -> None:
        for dep in step.after:
            if dep not in ticked and dep not in implied:
                implied[dep] = origin
                imply(by_id[dep], origin)

    satisfied: dict[str, str] = {}
    for step in steps:
        older = next((o for o in step.satisfied_by if o in ticked), None)
        if older and step.id not in completed:
            satisfied[step.id] = older
    for step in steps:
        if step.id in ticked or step.id in satisfied:
            imply(step, step.id)

    def is_done(step_id: str) -> bool:
        return step_id in ticked or step_id in satisfied or step_id in implied

    states = []
    for step in steps:
        if step.id in ticked:
            how, because = "done", None
        elif step.id in satisfied:
            how, because = "satisfied", satisfied[step.id]
        elif step.id in implied:
            how, because = "implied", implied[step.id]
        elif step.id in refused_ticks:
            how, because = "impossible", None
        else:
            how, because = "open", None
        waiting = () if how != "open" else tuple(by_id[d] for d in step.after if not is_done(d))
        refused: tuple[NotCounted, ...] = ()
        if how in ("open", "impossible"):  # its own impossible tick, or older ones that cannot satisfy it
            refused = tuple(refused_ticks[o] for o in (step.id, *step.satisfied_by) if o in refused_ticks)
        done = how in ("done", "satisfied", "implied")
        states.append(StepState(step, done, completed.get(step.id), how, because, waiting, refused))
    return states


def action_states(rules: RuleSet, states: list[StepState]) -> list[ActionState]:
    done = {s.step.id for s in states if s.done}
    by_id = {s.step.id: s.step for s in states}
    requirements = {r.id: r for r in rules.requirements}
    result = []
    for action in rules.actions:
        missing: list[Step] = []
        met: dict[str, bool] = {}
        for req_id in action.requires:
            lacking = [by_id[s] for s in requirements[req_id].steps if s not in done and s in by_id]
            met[req_id] = not lacking
            missing.extend(s for s in lacking if s not in missing)
        result.append(ActionState(action, not missing, tuple(missing), met))
    return result
