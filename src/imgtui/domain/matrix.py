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
    how: str  # "done" | "implied" | "satisfied" | "open"
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
    An older step satisfies a step (its `satisfied_by`) only when dated before that older
    step's cut-off, if it has one (`satisfiers`: every step by id, the rule set's or not)."""
    by_id = {s.id: s for s in steps}
    satisfiers = satisfiers or {}

    def counts(older: str) -> NotCounted | None:
        """None when the ticked `older` step may satisfy others; else why not."""
        step = satisfiers.get(older)
        cut = step.counts_if_before if step else None
        if step is None or cut is None or completed[older] < cut.before:
            return None
        return NotCounted(step, completed[older], cut.before, cut.text)

    implied: dict[str, str] = {}

    def imply(step: Step, origin: str) -> None:
        for dep in step.after:
            if dep not in completed and dep not in implied:
                implied[dep] = origin
                imply(by_id[dep], origin)

    satisfied: dict[str, str] = {}
    rejected: dict[str, tuple[NotCounted, ...]] = {}
    for step in steps:
        ticked = [o for o in step.satisfied_by if o in completed]
        refusals = {o: counts(o) for o in ticked}
        older = next((o for o in ticked if refusals[o] is None), None)
        if older and step.id not in completed:
            satisfied[step.id] = older
        elif step.id not in completed:
            rejected[step.id] = tuple(r for r in refusals.values() if r is not None)
    for step in steps:
        if step.id in completed or step.id in satisfied:
            imply(step, step.id)

    def is_done(step_id: str) -> bool:
        return step_id in completed or step_id in satisfied or step_id in implied

    states = []
    for step in steps:
        if step.id in completed:
            how, because = "done", None
        elif step.id in satisfied:
            how, because = "satisfied", satisfied[step.id]
        elif step.id in implied:
            how, because = "implied", implied[step.id]
        else:
            how, because = "open", None
        waiting = () if how != "open" else tuple(by_id[d] for d in step.after if not is_done(d))
        refused = rejected.get(step.id, ()) if how == "open" else ()
        states.append(StepState(step, how != "open", completed.get(step.id), how, because, waiting, refused))
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
