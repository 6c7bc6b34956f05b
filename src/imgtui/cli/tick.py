"""`imgtui tick STEP_ID [--on YYYY-MM-DD]` and `imgtui untick STEP_ID`: record the day a step
was really done (or take it back), through the same controller as the app (lock, re-read,
atomic write, unknown keys kept, a file with a problem never written), then print the new
state."""

from __future__ import annotations

from rich.text import Text

from ..domain.model import Step
from ..domain.patch import MISSING, Edit
from ..domain.summary import Situation, situation
from ..labels import MODE_LABEL
from ..persistence.paths import path_for_display
from ..session import Session
from .errors import UsageError
from .output import console as plain_console
from .status import print_actions


def tickable_steps(session: Session) -> dict[str, Step]:
    """The steps of the person's rule set and mode, and the older steps that can satisfy
    them (Step 2 CS under the current rules)."""
    progress = session.progress()
    steps = session.catalog.steps_for(progress.rules, progress.mode)
    ids = [s.id for s in steps] + [o for s in steps for o in s.satisfied_by]
    known = {s.id: s for s in session.catalog.steps}
    return {i: known[i] for i in dict.fromkeys(ids) if i in known}


def _step(session: Session, step_id: str) -> Step:
    steps = tickable_steps(session)
    if step_id not in steps:
        progress = session.progress()
        raise UsageError(
            f"unknown step {step_id!r} for rules {progress.rules}, {MODE_LABEL[progress.mode]}; "
            f"expected one of: {', '.join(steps)}"
        )
    return steps[step_id]


def run_tick(session: Session, step_id: str, on: str | None) -> int:
    step = _step(session, step_id)
    today = session.today()
    from ..domain.done_dates import parse_done_date

    try:
        day = parse_done_date(on, today) if on is not None else today
    except ValueError as problem:
        raise UsageError(f"--on: {problem}") from None
    path = ("completed", step.id)
    session.files.progress.change(f"ticked {step.title}", lambda p: [Edit(path, None, day)])
    _print_state(session, step, f"done {day.isoformat()}")
    return 0


def run_untick(session: Session, step_id: str) -> int:
    step = _step(session, step_id)
    path = ("completed", step.id)
    applied = session.files.progress.change(f"unticked {step.title}", lambda p: [Edit(path, None, MISSING)])
    _print_state(session, step, "not done" if applied.edits else "not done (it was not ticked: nothing changed)")
    return 0


def _print_state(session: Session, step: Step, what: str) -> None:
    console = plain_console()
    now = session.clock()
    s: Situation = situation(session.catalog, session.progress(), now)
    console.print(Text.assemble((step.title, "bold"), f" ({step.id}): {what}"))
    console.print(f"Saved in {path_for_display(session.files.progress.path)}")
    state = next((st for st in s.steps if st.step.id == step.id), None)
    if state is not None and state.how in ("implied", "satisfied"):
        console.print(f"  (still counts as done: {state.how} by {state.because})")
    if state is not None and state.how == "impossible":
        for refused in state.not_counted:
            console.print(Text(f"  ✗ not possible, not counted: {refused.reason}", style="red"))
    for st in s.steps:  # the steps an older tick satisfies, or fails to
        if step.id in st.step.satisfied_by:
            if st.how == "satisfied" and st.because == step.id:
                console.print(f"  ✓ counts for {st.step.title}")
            for refused in st.not_counted:
                if refused.step.id == step.id:
                    console.print(Text(f"  ✗ does not count for {st.step.title}: {refused.text}", style="red"))
    if s.history:
        console.print(Text(s.history, style="yellow"))
    console.print()
    print_actions(console, s)
