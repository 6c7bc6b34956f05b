"""A personal timeline for one Match year: the season's dates, the guide's exam-timing
advice, and the latest-safe dates derived from lead times (each naming the rule that made
it), plus "you are behind" warnings. Pure: takes `now`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import NamedTuple

from .matrix import StepState
from .model import Catalog, Mode, Provenance
from .timeline import Deadline, TimeLeft, season, time_left

WARN_WITHIN_DAYS = 30


class BehindWarning(NamedTuple):
    step_ids: tuple[str, ...]
    label: str  # "Step 2 CK: latest safe test date"
    deadline: Deadline
    left: TimeLeft  # until the deadline is over (timeline.time_left)

    @property
    def days(self) -> int:
        """Whole days left; negative: passed that many days ago."""
        return self.left.signed_days

    @property
    def text(self) -> str:
        return self._say(self.label)

    @property
    def short(self) -> str:
        """Without the step's name, for under the step itself."""
        return self._say("latest safe date" if self.deadline.status == "derived" else "the guide's deadline")

    def _say(self, label: str) -> str:
        when = self.deadline.day.isoformat()
        return f"{label} {'was' if self.left.passed else 'is'} {when} — {self.left.words}"


def plan(catalog: Catalog, rules_id: str, mode: Mode, match_year: int) -> list[Deadline]:
    """Every dated entry of the person's Match year, in time order."""
    dated = season(catalog, rules_id, match_year)
    by_id = {d.id: d for d in dated}
    step_ids = {s.id for s in catalog.steps_for(rules_id, mode)}
    leads = {lead.id: lead for lead in catalog.lead_times}

    # The guide's own "take it before ..." advice, for the steps of this rule set.
    for advice in catalog.advice:
        if advice.step in step_ids:
            year = match_year + advice.year_offset
            by_id[advice.id] = Deadline(
                advice.id,
                advice.title,
                date(year, advice.month, advice.day),
                None,
                advice.provenance,
                rule=f"guide advice ({advice.kind})",
            )

    # Latest-safe dates; an anchor may itself be derived, so resolve on demand.
    rules = {r.id: r for r in catalog.derived if rules_id in r.anchors and mode in r.modes}

    def resolve(rule_id: str) -> Deadline | None:
        if rule_id in by_id:
            return by_id[rule_id]
        rule = rules.get(rule_id)
        if rule is None or rule.step not in step_ids:
            return None
        anchor = resolve(rule.anchors[rules_id])
        if anchor is None:
            return None
        lead = leads[rule.lead_time]
        because = f"{rule.text} Rule: {anchor.title} ({anchor.day.isoformat()}, {anchor.status})" + (
            f" minus {lead.days} days ({lead.title.lower()})." if lead.days else "."
        )
        provenance = Provenance(source=because, as_of=anchor.provenance.as_of, status="derived")
        deadline = Deadline(
            rule.id,
            rule.title,
            anchor.day - timedelta(days=lead.days),
            None,
            provenance,
            approximate=anchor.approximate,
            rule=rule.id,
        )
        by_id[rule_id] = deadline
        return deadline

    for rule_id in rules:
        resolve(rule_id)
    return sorted(by_id.values(), key=lambda d: (d.at, d.id))


def deadline_steps(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """The steps each latest-safe date and piece of the guide's advice is about."""
    steps = {r.id: (r.step, *r.also_steps) for r in catalog.derived}
    steps.update({a.id: (a.step,) for a in catalog.advice})
    return steps


def done_deadlines(catalog: Catalog, entries: Iterable[Deadline], states: list[StepState]) -> frozenset[str]:
    """Entries about steps that are all done (or implied or satisfied): nothing left to act
    on, so they are not "next", warned about or reminded of."""
    done = {s.step.id for s in states if s.done}
    known = {s.step.id for s in states}
    about = deadline_steps(catalog)
    result = set()
    for entry in entries:
        steps = [s for s in about.get(entry.id, ()) if s in known]
        if steps and all(s in done for s in steps):
            result.add(entry.id)
    return frozenset(result)


def warnings(catalog: Catalog, entries: list[Deadline], states: list[StepState], now: datetime) -> list[BehindWarning]:
    """Steps not done whose latest-safe (or the guide's required) date has passed or is within 30 days,
    the ones still ahead first."""
    open_steps = {s.step.id: s.step for s in states if not s.done}
    found = []
    derived = {r.id: r for r in catalog.derived}
    advice = {a.id: a for a in catalog.advice}
    for entry in entries:
        if entry.id in derived:
            steps = (derived[entry.id].step, *derived[entry.id].also_steps)
            label = entry.title
        elif entry.id in advice and advice[entry.id].kind == "required":
            steps = (advice[entry.id].step,)
            label = entry.title
        else:
            continue
        left = time_left(entry, now)
        if not left.passed and left.days > WARN_WITHIN_DAYS:
            continue
        behind = tuple(s for s in steps if s in open_steps)
        if behind:
            found.append(BehindWarning(behind, label, entry, left))
    # What can still be done first (soonest first), then what has passed (most recent first).
    return sorted(found, key=lambda w: (w.left.passed, w.left.days))
