"""A personal timeline for one Match year: the season's dates, the guide's exam-timing
advice, and the latest-safe dates derived from lead times (each naming the rule that made
it), plus "you are behind" warnings. Pure: takes `now`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import NamedTuple

from .matrix import StepState
from .model import Catalog, Mode, OetRecency, PathwaysSeason, Provenance
from .timeline import Deadline, TimeLeft, days_words, season, time_left

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

    # ECFMG's own Pathways deadlines for this Match, where published (rules with Pathways only).
    pathways = catalog.pathways_for(match_year) if "clinical_skills" in step_ids else None
    for d in pathways.deadlines if pathways else ():
        by_id[f"pathways_{d.id}"] = Deadline(f"pathways_{d.id}", d.title, d.date, d.time, d.provenance)

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
        ecfmg = _match_deadline(pathways) if rule.prefer == "pathways_deadline" else None
        if ecfmg is not None:  # ECFMG's own date for this Match, instead of anchor minus lead time
            because = (
                f"{rule.text} Rule: ECFMG's published deadline for the {pathways_name(match_year)} "
                f"({ecfmg.day.isoformat()}, {ecfmg.status}), used instead of {anchor.title.lower()} minus "
                f"{days_words(lead.days)}."
            )
            day, as_of, approximate = ecfmg.day, ecfmg.provenance.as_of, False
        else:
            because = f"{rule.text} Rule: {anchor.title} ({anchor.day.isoformat()}, {anchor.status})" + (
                f" minus {days_words(lead.days)} ({lead.title.lower()})." if lead.days else "."
            )
            if rule.prefer == "pathways_deadline":
                because += f" ECFMG has no deadline for taking part in Match {match_year} published here."
            day, as_of, approximate = (
                anchor.day - timedelta(days=lead.days),
                anchor.provenance.as_of,
                anchor.approximate,
            )
        provenance = Provenance(source=because, as_of=as_of, status="derived")
        deadline = Deadline(rule.id, rule.title, day, None, provenance, approximate=approximate, rule=rule.id)
        by_id[rule_id] = deadline
        return deadline

    for rule_id in rules:
        resolve(rule_id)
    return sorted(by_id.values(), key=lambda d: (d.at, d.id))


def pathways_name(match_year: int) -> str:
    return f"{match_year} Pathways"


def _match_deadline(season: PathwaysSeason | None) -> Deadline | None:
    """The season's earliest deadline for taking part in that Match, as a dated entry."""
    for_match = sorted((d for d in season.deadlines if d.for_match), key=lambda d: d.date) if season else []
    if not for_match:
        return None
    d = for_match[0]
    return Deadline(f"pathways_{d.id}", d.title, d.date, d.time, d.provenance)


# -- OET Medicine: recent enough for the target season's Pathways ---------------------------


class RuleWarning(NamedTuple):
    """A done step that a published rule says will not count (not a date to meet)."""

    step_ids: tuple[str, ...]
    text: str  # the whole warning, with the rule quoted
    short: str  # under the step itself
    source: str


def oet_rule(catalog: Catalog, match_year: int) -> tuple[OetRecency, int] | None:
    """The OET recency rule that applies to Match `match_year` and the season it was published
    for: the season's own, else the last published before it (ECFMG publishes per season)."""
    season = catalog.pathways_for(match_year)
    if season is not None and season.oet_recency is not None:
        return season.oet_recency, season.rules_from
    earlier = [p for p in catalog.pathways if p.match_year < match_year and p.oet_recency is not None]
    if not earlier:
        return None
    last = max(earlier, key=lambda p: p.match_year)
    assert last.oet_recency is not None
    return last.oet_recency, last.rules_from


def _pattern_cutoff(catalog: Catalog, match_year: int) -> date | None:
    """January 1 two years before the Match, if every season that published its own rule
    followed that pattern (2024: 2022-01-01; 2025: 2023-01-01); None if any did not."""
    own = [p for p in catalog.pathways if p.oet_recency is not None and p.rules_from == p.match_year]
    if not own or any(p.oet_recency and p.oet_recency.taken_on_or_after != date(p.match_year - 2, 1, 1) for p in own):
        return None
    return date(match_year - 2, 1, 1)


def oet_warnings(catalog: Catalog, states: list[StepState], match_year: int) -> list[RuleWarning]:
    """OET Medicine ticked with a test date older than the target season's Pathways accept."""
    oet = next((s for s in states if s.step.id == "oet_medicine" and s.how == "done" and s.date), None)
    found = oet_rule(catalog, match_year)
    if oet is None or oet.date is None or found is None:
        return []
    rule, season = found
    taken = oet.date
    label = pathways_name(match_year)
    if taken < rule.taken_on_or_after:
        whose = (
            f"the {label} rule"
            if season == match_year
            else f"the last published rule ({pathways_name(season)}; the {label} rule is not published here)"
        )
        text = (
            f"OET Medicine taken {taken.isoformat()} is too old for the {label} under {whose}: "
            f"\u201c{rule.text}\u201d [{rule.provenance.status}]"
        )
        short = f"OET taken {taken.isoformat()}: too old for the {label} (on or after {rule.taken_on_or_after})"
        return [RuleWarning(("oet_medicine",), text, short, rule.provenance.source)]
    cutoff = _pattern_cutoff(catalog, match_year)
    if season != match_year and cutoff is not None and taken < cutoff:
        text = (
            f"OET Medicine taken {taken.isoformat()} may be too old for the {label}: its rule is not published "
            f"here; every published season so far asked for a test on or after January 1 two years before the "
            f"Match, which would be {cutoff.isoformat()} (projected). Check ecfmg.org before you rely on it."
        )
        short = f"OET taken {taken.isoformat()}: may be too old for the {label} (≈ on or after {cutoff})"
        return [RuleWarning(("oet_medicine",), text, short, rule.provenance.source)]
    return []


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
