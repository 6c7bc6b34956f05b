"""Every fact the app shows, as one flat list (what, value, status, source, as_of), and
whether each is past its refresh period ("stale") at a given moment. Pure: takes `now`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import NamedTuple

from .model import EASTERN, CalendarRule, Catalog, Provenance, RefreshPeriod
from .timeline import Deadline, days_words, find, season


class Fact(NamedTuple):
    id: str  # stable, dotted: "match.2027.match_day", "visa.h1b_fee", "step.oet_medicine"
    area: str  # dates | pathways | services | rules | visa | outcomes | guide
    what: str
    value: str
    provenance: Provenance
    on: date | None = None  # the day a dated fact is about: once passed it is history
    superseded: bool = False  # a newer figure of the same series is here


class Freshness(NamedTuple):
    age_days: int  # since as_of
    period: RefreshPeriod | None
    stale: bool
    why: str


# The facts of one catalog, made once: a catalog never changes, and the status line and the
# panes ask for them at every refresh (~1 ms each time otherwise).
_MADE: list[tuple[Catalog, list[Fact]]] = []


def catalog_facts(catalog: Catalog) -> list[Fact]:
    if _MADE and _MADE[0][0] is catalog:
        return list(_MADE[0][1])
    facts = _catalog_facts(catalog)
    _MADE[:] = [(catalog, facts)]
    return list(facts)


def _catalog_facts(catalog: Catalog) -> list[Fact]:
    facts: list[Fact] = []
    seen: dict[str, int] = {}

    def add(fact: Fact) -> None:
        n = seen.get(fact.id, 0) + 1  # a step listed once per rule set or mode keeps a unique id
        seen[fact.id] = n
        facts.append(fact._replace(id=fact.id if n == 1 else f"{fact.id}.{n}"))

    for step in catalog.steps:
        add(Fact(f"step.{step.id}", "rules", step.title, step.why, step.provenance))
        cut_off = step.counts_if_before
        if cut_off is not None:  # the date a rule checks (a CS pass counts only before it)
            title = f"{step.title}: counts only if dated before"
            value = f"{cut_off.before.isoformat()} ({cut_off.text})"
            add(Fact(f"step.{step.id}.counts_if_before", "rules", title, value, cut_off.provenance, cut_off.before))
    for rules in catalog.rule_sets.values():
        add(Fact(f"rules.{rules.id}", "rules", rules.title, rules.description, rules.provenance))
        if rules.step1_pass_fail:
            pf = rules.step1_pass_fail
            add(
                Fact(
                    f"rules.{rules.id}.step1_pass_fail",
                    "rules",
                    "Step 1 pass/fail only since",
                    pf.on.isoformat(),
                    pf.provenance,
                )
            )
        for action in rules.actions:
            add(
                Fact(
                    f"rules.{rules.id}.action.{action.id}",
                    "rules",
                    action.title,
                    action.reading or "",
                    action.provenance,
                )
            )
        for rule in rules.calendar:
            add(Fact(f"rules.{rules.id}.calendar.{rule.id}", "dates", rule.title, _rule_words(rule), rule.provenance))
    for year, dates in sorted(catalog.published.items()):
        for d in dates:
            when = d.date.isoformat() + (f" {d.time:%H:%M} ET" if d.time else "")
            add(Fact(f"match.{year}.{d.id}", "dates", f"Match {year}: {d.title}", when, d.provenance, d.date))
    for p in catalog.pathways:
        ended = _match_day(catalog, p.match_year)  # a season is history once its Match Day passed
        offered = ", ".join(p.pathways) if p.pathways else "which pathways: not found"
        add(Fact(f"pathways.{p.match_year}", "pathways", p.title, offered, p.provenance, ended))
        for dl in p.deadlines:
            add(
                Fact(
                    f"pathways.{p.match_year}.{dl.id}",
                    "pathways",
                    dl.title,
                    dl.date.isoformat(),
                    dl.provenance,
                    dl.date,
                )
            )
        carried = "" if p.rules_from == p.match_year else f" (the last published: {p.rules_from} Pathways)"
        if p.oet_minimum:
            what = f"{p.match_year} Pathways: OET minimum{carried}"
            add(
                Fact(
                    f"pathways.{p.match_year}.oet_minimum",
                    "pathways",
                    what,
                    p.oet_minimum.text,
                    p.oet_minimum.provenance,
                    ended,
                )
            )
        if p.oet_recency:
            what = f"{p.match_year} Pathways: OET taken on or after{carried}"
            value = p.oet_recency.taken_on_or_after.isoformat()
            add(Fact(f"pathways.{p.match_year}.oet_recency", "pathways", what, value, p.oet_recency.provenance, ended))
    if catalog.services:
        for name in catalog.services.names.values():
            add(Fact(f"service.{name.id}", "services", name.title, name.long, name.provenance))
        for sp in catalog.services.specialties:
            value = f"{catalog.services.names[sp.service].title} from Match {sp.from_match}"
            add(Fact(f"service.{sp.id}", "services", f"Application service: {sp.specialty}", value, sp.provenance))
    for aspect in catalog.visa:
        for key, fact in (("j1", aspect.j1), ("h1b", aspect.h1b), ("guide", aspect.guide)):
            if fact is not None:
                add(
                    Fact(
                        f"visa.aspect.{aspect.id}.{key}",
                        "visa",
                        f"{aspect.title} ({key.upper() if key != 'guide' else 'the guide'})",
                        fact.text,
                        fact.provenance,
                    )
                )
    for u in catalog.visa_updates:
        add(Fact(f"visa.{u.id}", "visa", u.title, f"{u.on.isoformat()}: {u.text}", u.provenance))
    if catalog.outcomes:
        latest: dict[str, int] = {}
        for o in catalog.outcomes.rows:
            latest[o.group] = max(latest.get(o.group, 0), o.match_year)
        for o in catalog.outcomes.rows:
            count = f"{o.matched:,}" + (f" of {o.applicants:,}" if o.applicants else "")
            add(
                Fact(
                    f"outcome.{o.match_year}.{o.group}",
                    "outcomes",
                    f"Match {o.match_year}: {o.group} matched to PGY-1",
                    f"{o.rate:.1f}% ({count})",
                    o.provenance,
                    superseded=o.match_year < latest[o.group],
                )
            )
        newest_share = max((s.match_year for s in catalog.outcomes.img_share), default=0)
        for s in catalog.outcomes.img_share:
            add(
                Fact(
                    f"img_share.{s.match_year}.{_slug(s.specialty)}",
                    "outcomes",
                    f"Match {s.match_year}: PGY-1 positions filled by IMGs, {s.specialty}",
                    f"{s.percent:.1f}%",
                    s.provenance,
                    superseded=s.match_year < newest_share,
                )
            )
    _season_facts(catalog, add)
    for table in catalog.stats:
        add(
            Fact(
                f"stats.{catalog.stats_year}.{table.id}",
                "guide",
                table.title,
                f"{len(table.rows)} rows",
                table.provenance,
            )
        )
    for lead in catalog.lead_times:
        add(Fact(f"timing.{lead.id}", "guide", lead.title, f"{days_words(lead.days)}: {lead.text}", lead.provenance))
    for advice in catalog.advice:
        add(Fact(f"timing.{advice.id}", "guide", advice.title, advice.text, advice.provenance))
    for limit in catalog.limits:  # issue #15: the numbers applied to interviews, letters, the rank list
        add(Fact(f"limit.{limit.id}", "rules", limit.title, f"{limit.value}: {limit.text}", limit.provenance))
    for item in catalog.soap_checklist:
        add(Fact(f"soap.{item.id}", "rules", "If you did not match: what SOAP needs ready", item.text, item.provenance))
    return facts


def _season_facts(catalog: Catalog, add: Callable[[Fact], None]) -> None:
    """The application season's: fees per season, signal counts, the Census divisions. A
    figure with a newer one of the same series beside it is superseded (history)."""
    season = catalog.season_facts
    newest: dict[tuple[str, str], int] = {}
    for schedule in season.schedules:
        key = (schedule.service, ",".join(schedule.specialties))
        newest[key] = max(newest.get(key, 0), schedule.season)
    for schedule in season.schedules:
        key = (schedule.service, ",".join(schedule.specialties))
        tiers = "; ".join(
            (f"{t.first}-{t.last}" if t.last else f"{t.first}+") + f": ${t.fee}{' for the tier' if t.flat else ' each'}"
            for t in schedule.tiers
        )
        who = ", ".join(schedule.specialties) or "per specialty"
        names = catalog.services.names if catalog.services else {}
        service = names[schedule.service].title if schedule.service in names else schedule.service
        add(
            Fact(
                f"fee.{schedule.service}.{schedule.season}" + (f".{_slug(who)}" if schedule.specialties else ""),
                "fees",
                f"{schedule.season} season: {service} application fees ({who})",
                tiers or schedule.missing,
                schedule.provenance,
                superseded=schedule.season < newest[key],
            )
        )
    for item in season.items:
        last = max((a.season for a in item.amounts), default=0)
        for amount in item.amounts:
            what = f"{item.what} ({amount.season})"
            fact = Fact(f"fee.{item.id}.{amount.season}", "fees", what, f"${amount.amount:,}", amount.provenance)
            add(fact._replace(superseded=amount.season < last))
    newest_count: dict[str, int] = {}
    for table in season.signals:
        for count in table.counts:
            newest_count[count.specialty] = max(newest_count.get(count.specialty, 0), table.season)
    for table in season.signals:
        for count in table.counts:
            if count.unknown:
                value = f"not found: {count.note}"
            elif count.signals:
                value = str(count.signals)
            else:
                value = f"{count.gold} gold + {count.silver} silver"
            add(
                Fact(
                    f"signals.{table.season}.{_slug(count.specialty)}",
                    "signals",
                    f"{table.season} season: program signals, {count.specialty}",
                    value,
                    count.provenance,
                    superseded=table.season < newest_count[count.specialty],
                )
            )
    geography = season.geography
    if geography is not None:
        for division in geography.divisions:
            states = ", ".join(code for code, _name in division.states)
            add(
                Fact(
                    f"division.{division.id}",
                    "geography",
                    f"Census division: {division.name}",
                    states,
                    geography.provenance,
                )
            )
        for place in geography.outside:
            add(Fact(f"division.outside.{place.code.lower()}", "geography", place.name, place.text, place.provenance))
        rule = geography.preference
        add(Fact("division.preferences", "geography", "ERAS geographic preferences", rule.text, rule.provenance))


def _slug(text: str) -> str:
    return "_".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _rule_words(rule: CalendarRule) -> str:
    at = f" {rule.time:%H:%M} ET" if rule.time else ""
    if rule.rule == "fixed":
        words = f"{rule.month:02d}-{rule.day:02d} of Match year {rule.year_offset:+d}"
    elif rule.rule == "nth_weekday":
        assert rule.weekday is not None
        words = f"{WEEKDAY_NAMES[rule.weekday]} #{rule.n} of month {rule.month}, Match year {rule.year_offset:+d}"
    else:
        assert rule.days is not None  # the catalog requires days for days_after and days_before
        words = f"{days_words(rule.days)} {'after' if rule.rule == 'days_after' else 'before'} {rule.of}"
    if rule.weekend:
        words += ", next weekday if on a weekend"
    return words + at


def period_for(catalog: Catalog, area: str) -> RefreshPeriod | None:
    return next((p for p in catalog.refresh if area in p.areas), None)


def freshness(fact: Fact, catalog: Catalog, now: datetime, match_days: list[date] | None = None) -> Freshness:
    """Past its refresh period or not, and why. The guide and derived dates never go stale;
    a dated fact whose day has passed is history; a figure with a newer one beside it is
    superseded."""
    today = now.astimezone(EASTERN).date()
    p = fact.provenance
    age = (today - p.as_of).days
    period = period_for(catalog, fact.area)
    if p.status in ("guide", "derived"):
        return Freshness(age, None, False, "the guide does not change" if p.status == "guide" else "follows its anchor")
    if fact.on is not None and fact.on < today:
        return Freshness(age, period, False, "history: its date has passed")
    if fact.superseded:
        return Freshness(age, period, False, "a newer figure is here")
    if period is None:
        return Freshness(age, None, False, "no refresh period")
    if period.days is not None:
        due = p.as_of + timedelta(days=period.days)
        if today > due:
            return Freshness(
                age, period, True, f"past {period.title} since {p.as_of.isoformat()} (due {due.isoformat()})"
            )
        return Freshness(age, period, False, f"fresh for {period.title} (until {due.isoformat()})")
    assert period.matches is not None
    if match_days is None:
        match_days = past_match_days(catalog, p.as_of.year, now)
    passed = [d for d in match_days if d > p.as_of]
    if len(passed) >= period.matches:
        return Freshness(age, period, True, f"past {period.title}: Match Day {passed[-1].isoformat()} has passed since")
    return Freshness(age, period, False, "fresh until the next Match Day")


def _match_day(catalog: Catalog, year: int) -> date | None:
    if "current" not in catalog.rule_sets:
        return None
    match_day = find(season(catalog, "current", year), "match_day")
    return match_day.day if match_day else None


def past_match_days(catalog: Catalog, since_year: int, now: datetime) -> list[date]:
    """The Match Days from `since_year` on that have passed at `now`, oldest first."""
    days = []
    for year in range(since_year, now.year + 1):
        match_day = find(season(catalog, "current", year), "match_day") if "current" in catalog.rule_sets else None
        if match_day is not None and match_day.at <= now:
            days.append(match_day.day)
    return days


def stale_facts(facts: list[Fact], catalog: Catalog, now: datetime, areas: tuple[str, ...] | None = None) -> list[Fact]:
    chosen = [f for f in facts if areas is None or f.area in areas]
    by_match = {a for p in catalog.refresh if p.matches for a in p.areas}  # only these need Match Days
    years = [f.provenance.as_of.year for f in chosen if f.area in by_match and not f.superseded]
    days = past_match_days(catalog, min(years), now) if years else []
    return [f for f in chosen if freshness(f, catalog, now, days).stale]


def deadline_fact(d: Deadline) -> Fact:
    """A dated entry of the person's timeline as a fact, to ask whether it is stale."""
    return Fact(d.id, "dates", d.title, d.day.isoformat(), d.provenance, d.day)


def stale_for(catalog: Catalog, deadlines: list[Deadline], visa: bool, now: datetime) -> list[Fact]:
    """The stale facts a person's screens rely on: their Match year's dates (not every
    year's), the rules, services, Pathways and outcomes, and the visa facts if they need one."""
    areas = ("rules", "services", "pathways", "outcomes", *(("visa",) if visa else ()))
    shown = [f for f in catalog_facts(catalog) if f.area in areas]
    shown += [deadline_fact(d) for d in deadlines if d.provenance.status != "derived"]
    return stale_facts(shown, catalog, now)
