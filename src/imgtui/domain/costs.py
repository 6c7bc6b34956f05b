"""What the application season costs: per-program fees counted per specialty, the season's
other fees, and the exam and certification fees still ahead. Pure; amounts in US dollars.

Which programs count: those applied to or later (interview offered, interviewed, ranked,
matched) and those the person marks "will apply" — never a withdrawn one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from .model import FeeItem, FeeSchedule, FeeTier, SeasonFacts, Services
from .programs import STATUSES, Program
from .season import Chosen, latest_for, source_title, specialty_names
from .services import service_for

APPLIED_OR_LATER = frozenset(STATUSES[STATUSES.index("applied") :]) - {"withdrawn"}
RANKS_INCLUDED = 20  # NRMP: the registration fee covers 20 ranks (data/limits.toml ranks_included)


def applies_to(program: Program) -> bool:
    """Counted in the season's costs: applied (or later) or marked will-apply, not withdrawn."""
    return program.status != "withdrawn" and (program.will_apply or program.status in APPLIED_OR_LATER)


# -- tiers -----------------------------------------------------------------------------


class TierShare(NamedTuple):
    """How many of a specialty's programs fall in one tier, and what they cost."""

    tier: FeeTier
    programs: int
    amount: int


def tier_shares(tiers: Sequence[FeeTier], count: int) -> tuple[TierShare, ...]:
    """The programs 1..count of one specialty, tier by tier (a flat tier costs its fee once,
    for its first program)."""
    shares = []
    for tier in tiers:
        if count < tier.first:
            break
        programs = (min(count, tier.last) if tier.last is not None else count) - tier.first + 1
        shares.append(TierShare(tier, programs, tier.fee if tier.flat else tier.fee * programs))
    return tuple(shares)


def tier_total(tiers: Sequence[FeeTier], count: int) -> int:
    return sum(share.amount for share in tier_shares(tiers, count))


def nth_program_fee(tiers: Sequence[FeeTier], n: int) -> int:
    """What the n-th program of a specialty adds (the 31st Internal Medicine program: $30)."""
    return tier_total(tiers, n) - tier_total(tiers, n - 1)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# -- the season ------------------------------------------------------------------------


class ScheduleUse(NamedTuple):
    schedule: FeeSchedule
    chosen: Chosen

    @property
    def status(self) -> str:
        return self.chosen.status(self.schedule.provenance.status)


class SpecialtyFee(NamedTuple):
    specialty: str  # as the tables write it, else as the person wrote it
    service: str  # the application service's name (ERAS, ResidencyCAS)
    programs: int
    fee: int | None  # None: no sourced schedule
    shares: tuple[TierShare, ...]
    schedule: ScheduleUse | None
    why_none: str = ""
    service_id: str = "eras"

    @property
    def next_fee(self) -> int | None:
        """What one more program in this specialty would add."""
        if self.schedule is None or not self.schedule.schedule.tiers:
            return None
        return nth_program_fee(self.schedule.schedule.tiers, self.programs + 1)

    def next_words(self) -> str:
        """'the 31st Internal Medicine program costs $30' (or why it is not known)."""
        fee = self.next_fee
        what = f"the {ordinal(self.programs + 1)} {self.specialty} program"
        if fee is None:
            return f"{what}: no sourced {self.service} fee"
        mark = " ≈" if self.schedule is not None and self.schedule.chosen.projected else ""
        return f"{what} costs ${fee}{mark}"


class CostItem(NamedTuple):
    id: str
    what: str
    amount: int | None  # None: no sourced figure
    status: str | None
    source: str
    url: str
    as_of: date | None
    from_season: int | None
    note: str = ""  # everything to know about the figure (projected from, in effect since, …)
    quantity: int = 1
    detail: str = ""  # the part of the note a table row needs (the status and date are shown apart)


class Costs(NamedTuple):
    season: int
    eras: ScheduleUse | None  # the ERAS schedule used for the season
    by_specialty: tuple[SpecialtyFee, ...]  # every specialty applied to, ERAS or not
    items: tuple[CostItem, ...]
    counted: int  # programs counted
    services: Services | None = None  # which specialty applies through which service (services.toml)

    def fees_of(self, service_id: str) -> tuple[SpecialtyFee, ...]:
        return tuple(f for f in self.by_specialty if f.service_id == service_id)

    @property
    def eras_total(self) -> int:
        return sum(f.fee or 0 for f in self.fees_of(ERAS))

    @property
    def by_service(self) -> tuple[tuple[str, int, int], ...]:
        """(service name, its sourced fees, its programs) for each service applied through,
        ERAS first: the programs each service's fees are for."""
        order: dict[str, list[int]] = {}
        for fee in sorted(self.by_specialty, key=lambda f: f.service_id != ERAS):
            totals = order.setdefault(fee.service, [0, 0])
            totals[0] += fee.fee or 0
            totals[1] += fee.programs
        return tuple((service, amount, programs) for service, (amount, programs) in order.items())

    @property
    def total(self) -> int:
        """Every sourced amount (projected ones included, and said so)."""
        return sum(f.fee or 0 for f in self.by_specialty) + sum(i.amount or 0 for i in self.items)

    @property
    def unsourced(self) -> list[tuple[str, str]]:
        """(what, why) for everything that has no sourced figure: not in the total."""
        gaps = [(f"{f.service} fees for {f.specialty}", f.why_none) for f in self.by_specialty if f.fee is None]
        return gaps + [(i.what, i.note) for i in self.items if i.amount is None]

    @property
    def projected(self) -> bool:
        return any(f.schedule is not None and f.schedule.chosen.projected for f in self.by_specialty) or any(
            i.status == "projected" for i in self.items
        )

    def specialty_fee(self, specialty: str, facts: SeasonFacts) -> SpecialtyFee:
        """This specialty's line (one with no programs yet when it has none)."""
        names = specialty_names(facts.names)
        for fee in self.by_specialty:
            if names.same(fee.specialty, specialty):
                return fee
        return specialty_fee(facts, self.season, names.canonical(specialty), 0, self.services)


ERAS = "eras"


def service_of(services: Services | None, specialty: str, season: int) -> tuple[str, str]:
    """(id, name) of the application service a specialty's programs use in a season: as
    services.toml says (the data engineer's record), ERAS when there is none."""
    if services is None:
        return ERAS, "ERAS"
    choice = service_for(services, specialty, season).service
    return choice.id, choice.title


def schedule_for(facts: SeasonFacts, service: str, specialty: str, season: int) -> ScheduleUse | None:
    names = specialty_names(facts.names)
    own = [s for s in facts.schedules if s.service == service and any(names.same(x, specialty) for x in s.specialties)]
    general = [s for s in facts.schedules if s.service == service and not s.specialties]
    found = latest_for(season, own) or latest_for(season, general)
    return ScheduleUse(*found) if found else None


def specialty_fee(
    facts: SeasonFacts, season: int, specialty: str, programs: int, services: Services | None = None
) -> SpecialtyFee:
    service_id, service = service_of(services, specialty, season)
    use = schedule_for(facts, service_id, specialty, season)
    if use is None:
        why = f"no {service} fee schedule for {season}"
        return SpecialtyFee(specialty, service, programs, None, (), None, why, service_id)
    if not use.schedule.tiers:
        return SpecialtyFee(specialty, service, programs, None, (), use, use.schedule.missing, service_id)
    shares = tier_shares(use.schedule.tiers, programs)
    return SpecialtyFee(specialty, service, programs, sum(s.amount for s in shares), shares, use, "", service_id)


def season_costs(
    facts: SeasonFacts,
    season: int,
    programs: Iterable[Program],
    steps_ahead: Iterable[str],
    services: Services | None = None,
    ranks_included: int = RANKS_INCLUDED,
) -> Costs:
    """The season's costs for `programs` (those that count: see applies_to) and the fees of
    `steps_ahead` (the person's steps not done yet). The per-rank fee counts the programs on
    the rank list (a `rank`) beyond `ranks_included`."""
    names = specialty_names(facts.names)
    per_specialty: dict[str, int] = {}
    ranked = 0
    for program in programs:
        ranked += program.rank is not None  # on the rank order list (domain.ranklist)
        if not applies_to(program):
            continue
        specialty = names.canonical(program.specialty)
        per_specialty[specialty] = per_specialty.get(specialty, 0) + 1
    fees = tuple(
        specialty_fee(facts, season, specialty, count, services)
        for specialty, count in sorted(per_specialty.items(), key=lambda kv: kv[0].casefold())
    )
    used = {f.service_id for f in fees}
    ahead = set(steps_ahead)
    items = []
    for item in facts.items:
        kind, _, what = item.applies.partition(":")
        if (kind == "step" and what not in ahead) or (kind == "service" and what not in used):
            continue
        quantity = max(0, ranked - ranks_included) if kind == "ranks" else 1
        items.append(_cost_item(item, season, quantity, ranked, ranks_included))
    eras = schedule_for(facts, ERAS, "", season)
    return Costs(season, eras, fees, tuple(items), sum(per_specialty.values()), services)


def _cost_item(item: FeeItem, season: int, quantity: int, ranked: int, ranks_included: int) -> CostItem:
    # A standing fee ("effective from") holds until a later figure replaces it.
    per_season = latest_for(season, [a for a in item.amounts if not a.standing])
    standing = latest_for(season, [a for a in item.amounts if a.standing], standing=True)
    found = per_season
    if standing is not None and (per_season is None or standing[0].season >= per_season[0].season):
        found = standing
    if found is None:
        why = item.missing or f"no sourced figure for {season} or before"
        return CostItem(item.id, item.what, None, None, "", "", None, None, why, quantity, why)
    amount, chosen = found
    note = detail = ""
    if item.applies == "ranks":
        note = detail = f"{ranked} program(s) on your rank list; {ranks_included} included in the registration"
    if chosen.projected:
        note = chosen.label() + (f"; {note}" if note else "")
    elif amount.standing and amount.season < season:
        note = f"in effect as of {amount.provenance.as_of.isoformat()}, no later change found" + (
            f"; {note}" if note else ""
        )
    return CostItem(
        item.id,
        item.what,
        amount.amount * quantity,
        chosen.status(amount.provenance.status),
        source_title(amount.provenance.source),
        amount.url,
        amount.provenance.as_of,
        amount.season,
        note,
        quantity,
        detail,
    )
