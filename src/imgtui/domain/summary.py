"""The person's situation as plain data: what `imgtui status --json` prints and what the
app and the text summary show. One place computes it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple

from .facts import Fact, stale_for
from .matrix import ActionState, StepState, action_states, step_states
from .model import Catalog, Mode, Provenance, RuleSet, VisaUpdate
from .plan import BehindWarning, RuleWarning, done_deadlines, oet_warnings, plan, warnings
from .progress import Progress
from .services import Application, application, with_service
from .stats import format_value
from .timeline import Deadline, days_left, find, next_ahead, time_left


class Situation(NamedTuple):
    mode: Mode
    rules: RuleSet
    match_year: int
    steps: list[StepState]
    actions: list[ActionState]
    deadlines: list[Deadline]  # the season's dates, the guide's advice and derived latest-safe dates
    warnings: list[BehindWarning]
    application: Application | None = None  # ERAS or ResidencyCAS, from the person's specialties
    rule_warnings: tuple[RuleWarning, ...] = ()  # a done step a published rule will not count
    visa_updates: tuple[VisaUpdate, ...] = ()  # what changed for J-1/H-1B applicants (non-US IMGs only)
    stale: tuple[Fact, ...] = ()  # facts shown to this person that are past their refresh period
    done: frozenset[str] = frozenset()  # deadlines about steps already done (plan.done_deadlines)
    history: str | None = None  # the rule set describes an era this Match year is not in (rules_history)

    def stale_in(self, *areas: str) -> list[Fact]:
        return [f for f in self.stale if f.area in areas]

    def next_ahead(self, now: datetime) -> Deadline | None:
        """The next deadline still to act on: not over, and not about a step already done."""
        return next_ahead([d for d in self.deadlines if d.id not in self.done], now)

    def warnings_by_step(self) -> dict[str, str]:
        """The first warning of each step, for the checklist (a rule's before a date's)."""
        by_step: dict[str, str] = {}
        shorts = [(w.step_ids, w.short) for w in self.rule_warnings] + [(w.step_ids, w.short) for w in self.warnings]
        for step_ids, short in shorts:
            for step_id in step_ids:
                by_step.setdefault(step_id, short)
        return by_step

    def warning_texts(self) -> list[str]:
        """Every warning as one line: rules first, then dates."""
        return [w.text for w in self.rule_warnings] + [w.text for w in self.warnings]


def situation(catalog: Catalog, progress: Progress, now: datetime, specialties: Iterable[str] = ()) -> Situation:
    """`specialties`: those of the person's program list (they decide ERAS or ResidencyCAS)."""
    year = progress.target_year(now)
    app = application(catalog.services, specialties, year) if catalog.services else None
    steps = person_steps(catalog, progress, app)
    rules = catalog.rule_sets[progress.rules]
    if app:
        rules = rules._replace(actions=tuple(a._replace(title=with_service(a.title, app)) for a in rules.actions))
    entries = plan(catalog, rules.id, progress.mode, year)
    if app and app.known:  # a service's own dates only for those who apply through it
        elsewhere = {p.id for p in catalog.published.get(year, ()) if p.service and p.service not in app.service_ids}
        entries = [e for e in entries if e.id not in elsewhere]
    return Situation(
        progress.mode,
        rules,
        year,
        steps,
        action_states(rules, steps),
        entries,
        warnings(catalog, entries, steps, now),
        app,
        tuple(oet_warnings(catalog, steps, year)),
        catalog.visa_updates if progress.mode == "non-us-img" else (),
        tuple(stale_for(catalog, entries, progress.mode == "non-us-img", now)),
        done_deadlines(catalog, entries, steps),
        rules_history(catalog, rules.id, progress.mode, entries),
    )


def person_steps(catalog: Catalog, progress: Progress, app: Application | None = None) -> list[StepState]:
    """The steps of the person's rule set and mode, as their progress marks them (titles naming
    the application service `app` where one is known)."""
    named = [
        s._replace(title=with_service(s.title, app)) if app else s
        for s in catalog.steps_for(progress.rules, progress.mode)
    ]
    return step_states(named, progress.completed, {s.id: s for s in catalog.steps})


def rules_history(catalog: Catalog, rules_id: str, mode: Mode, entries: list[Deadline]) -> str | None:
    """When the rule set asks for a step that had ended before this Match year's Match Day
    (the guide's Step 2 CS for Match 2021 on), the rule set is history for that year: say so."""
    match_day = find(entries, "match_day")
    if match_day is None:
        return None
    for step in catalog.steps_for(rules_id, mode):
        cut = step.counts_if_before
        if cut is not None and match_day.day >= cut.before:
            title = catalog.rule_sets[rules_id].title
            return (
                f"History, not advice: the rule set {rules_id} ({title}) needs {step.title}, and for "
                f"Match {match_day.day.year} that is no longer how it works ({cut.text})."
            )
    return None


def situation_json(s: Situation, now: datetime) -> dict[str, Any]:
    return {
        "mode": s.mode,
        "rules": s.rules.id,
        "match_year": s.match_year,
        "rules_history": s.history,
        "now": now.isoformat(timespec="seconds"),
        "application_service": (
            {
                "services": list(s.application.service_ids),
                "words": s.application.words,
                "from_programs": s.application.known,
            }
            if s.application
            else None
        ),
        "steps": [
            {
                "id": st.step.id,
                "title": st.step.title,
                "group": st.step.group,
                "done": st.done,
                "date": st.date.isoformat() if st.date else None,
                "how": st.how,
                "because": st.because,
                "waiting_on": [w.id for w in st.waiting_on],
                "not_counted": [
                    {"id": n.step.id, "date": n.dated.isoformat(), "before": n.before.isoformat(), "reason": n.reason}
                    for n in st.not_counted
                ],
            }
            for st in s.steps
        ],
        "actions": [
            {
                "id": a.action.id,
                "title": a.action.title,
                "allowed": a.allowed,
                "missing": [m.id for m in a.missing],
                "missing_titles": [m.title for m in a.missing],
                "reasons": missing_reasons(a, s.steps),
            }
            for a in s.actions
        ],
        "deadlines": [
            {
                "id": d.id,
                "title": d.title,
                "at": d.at.isoformat(),
                "all_day": d.all_day,
                "status": d.status,
                "approximate": d.approximate,
                "source": d.provenance.source,
                "as_of": d.provenance.as_of.isoformat(),
                "rule": d.rule,
                "ends": d.ends.isoformat(),
                "days_left": days_left(d, now),
                "passed": time_left(d, now).passed,
                "step_done": d.id in s.done,
            }
            for d in s.deadlines
        ],
        "warnings": [
            {
                "steps": list(w.step_ids),
                "deadline": w.deadline.id,
                "date": w.deadline.day.isoformat(),
                "days_left": w.days,
                "passed": w.left.passed,
                "text": w.text,
            }
            for w in s.warnings
        ],
        "rule_warnings": [{"steps": list(w.step_ids), "text": w.text, "source": w.source} for w in s.rule_warnings],
        "facts_stale": [{"id": f.id, "area": f.area, "as_of": f.provenance.as_of.isoformat()} for f in s.stale],
        "visa": [
            {
                "id": u.id,
                "title": u.title,
                "visa": u.visa,
                "on": u.on.isoformat(),
                "text": u.text,
                "meaning": u.meaning,
                "status": u.provenance.status,
                "source": u.provenance.source,
                "as_of": u.provenance.as_of.isoformat(),
            }
            for u in s.visa_updates
        ],
    }


def _provenance_json(p: Provenance) -> dict[str, str]:
    return {"status": p.status, "source": p.source, "as_of": p.as_of.isoformat()}


def outcomes_json(catalog: Catalog) -> dict[str, Any] | None:
    o = catalog.outcomes
    if o is None:
        return None
    return {
        "title": o.title,
        "rows": [
            {
                "match_year": r.match_year,
                "group": r.group,
                "rate": r.rate,
                "matched": r.matched,
                "applicants": r.applicants,
                **_provenance_json(r.provenance),
            }
            for r in o.rows
        ],
        "img_share": [
            {
                "match_year": r.match_year,
                "specialty": r.specialty,
                "percent": r.percent,
                **_provenance_json(r.provenance),
            }
            for r in o.img_share
        ],
    }


def missing_reasons(action: ActionState, steps: list[StepState]) -> list[str]:
    """Why an action is blocked, one line per missing step (with why a ticked older step
    does not count for it, where that is the case)."""
    states = {st.step.id: st for st in steps}
    reasons = []
    for step in action.missing:
        refused = states[step.id].not_counted if step.id in states else ()
        reasons.append(f"missing {step.title}" + "".join(f" ({n.reason})" for n in refused))
    return reasons


def blocked_text(action: ActionState, steps: list[StepState]) -> str:
    """'missing A, B; Step 2 CS dated … does not count: …' (each reason once)."""
    states = {st.step.id: st for st in steps}
    refused = dict.fromkeys(n.reason for m in action.missing if m.id in states for n in states[m.id].not_counted)
    return "missing " + ", ".join(m.title for m in action.missing) + "".join(f"; {r}" for r in refused)


def stats_json(catalog: Catalog) -> dict[str, Any]:
    pass_fail = next((r.step1_pass_fail for r in catalog.rule_sets.values() if r.step1_pass_fail), None)
    return {
        "year": catalog.stats_year,
        "source": catalog.stats_source,
        "step1_pass_fail_since": (
            {"date": pass_fail.on.isoformat(), **_provenance_json(pass_fail.provenance)} if pass_fail else None
        ),
        "outcomes": outcomes_json(catalog),
        "tables": [
            {
                "id": t.id,
                "title": t.title,
                "unit": t.unit,
                "source": t.provenance.source,
                "as_of": t.provenance.as_of.isoformat(),
                "status": t.provenance.status,
                "note": t.note,
                "columns": [{"id": c.id, "title": c.title, "group": c.group} for c in t.columns],
                "rows": [
                    {
                        "specialty": r.specialty,
                        "values": dict(zip((c.id for c in t.columns), r.values, strict=True)),
                        "display": dict(
                            zip((c.id for c in t.columns), (format_value(t, v) for v in r.values), strict=True)
                        ),
                        "printed_in_guide": r.printed,
                        "uncertain": list(r.uncertain),
                        "as_printed": list(r.as_printed),
                        "note": r.note,
                    }
                    for r in t.rows
                ],
            }
            for t in catalog.stats
        ],
    }
