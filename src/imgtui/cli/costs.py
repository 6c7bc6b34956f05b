"""`imgtui costs [--json]`: what the application season costs, itemised, with sources."""

from __future__ import annotations

from typing import Any

from ..domain.costs import Costs, SpecialtyFee
from ..domain.model import FeeTier
from ..domain.season import season_name, source_title
from ..labels import STATUS_MARK
from ..sanitize import visible
from ..session import Session
from .output import console as plain_console
from .output import write_json

COUNTING = "programs applied to or later (not withdrawn), and those marked will-apply"


def run_costs(session: Session, as_json: bool) -> int:
    costs = session.costs(session.programs())
    if as_json:  # exact: names as stored, UTF-8
        write_json(costs_json(costs))
        return 0
    print_costs(costs)
    return 0


def _tiers(tiers: tuple[FeeTier, ...]) -> list[dict[str, Any]]:
    return [{"from": t.first, "to": t.last, "fee": t.fee, "flat": t.flat} for t in tiers]


def _specialty(fee: SpecialtyFee) -> dict[str, Any]:
    use = fee.schedule
    line: dict[str, Any] = {
        "specialty": fee.specialty,
        "service": fee.service,
        "programs": fee.programs,
        "fee": fee.fee,
        "next_program_fee": fee.next_fee,
        "next_program": fee.next_words(),
        "tiers": [
            {"from": s.tier.first, "to": s.tier.last, "programs": s.programs, "fee": s.tier.fee, "amount": s.amount}
            for s in fee.shares
        ],
    }
    if fee.fee is None:
        line["missing"] = fee.why_none
    if use is not None and fee.service_id != "eras":
        line.update(_schedule(use.schedule, use.status, use.chosen.label() if use.chosen.projected else ""))
    return line


def _schedule(schedule: Any, status: str, note: str) -> dict[str, Any]:
    return {
        "tiers_season": schedule.season,
        "status": status,
        "source": source_title(schedule.provenance.source),
        "url": schedule.url,
        "as_of": schedule.provenance.as_of.isoformat(),
        "note": note,
        "schedule": _tiers(schedule.tiers),
    }


def costs_json(costs: Costs) -> dict[str, Any]:
    eras: dict[str, Any] = {"tiers": [], "by_specialty": [_specialty(f) for f in costs.fees_of("eras")]}
    if costs.eras is not None:
        schedule = costs.eras.schedule
        eras["tiers"] = _tiers(schedule.tiers)
        eras.update({k: v for k, v in _schedule(schedule, costs.eras.status, "").items() if k != "schedule"})
        eras["note"] = costs.eras.chosen.label("fees") + "; counted per specialty"
    eras["total"] = costs.eras_total
    return {
        "season": costs.season,
        "season_note": f"{season_name(costs.season)} (your target Match year)",
        "currency": "USD",
        "counted_programs": costs.counted,
        "counting": COUNTING,
        "eras": eras,
        "other_services": [_specialty(f) for f in costs.by_specialty if f.service_id != "eras"],
        "items": [
            {
                "id": i.id,
                "what": i.what,
                "amount": i.amount,
                "status": i.status,
                "source": i.source or None,
                "url": i.url or None,
                "as_of": i.as_of.isoformat() if i.as_of else None,
                "season": i.from_season,
                "quantity": i.quantity,
                "note": i.note,
            }
            for i in costs.items
        ],
        "unsourced": [{"what": what, "why": why} for what, why in costs.unsourced],
        "total": costs.total,
        "total_includes_projected": costs.projected,
    }


def _money(amount: int | None) -> str:
    return "—" if amount is None else f"${amount:,}"


def print_costs(costs: Costs) -> None:
    from rich.table import Table
    from rich.text import Text

    console = plain_console()
    title = f"Costs of the season: {season_name(costs.season)} (your target Match year), US dollars"
    console.print(Text(title, "bold"))
    if costs.eras is not None:
        schedule = costs.eras.schedule
        mark = STATUS_MARK.get(costs.eras.status, "")
        tiers = " · ".join(
            (f"programs {t.first}–{t.last}" if t.last else f"programs {t.first} and up")
            + (f": ${t.fee} for the tier" if t.flat else f": ${t.fee} each")
            for t in schedule.tiers
        )
        console.print(Text(f"ERAS fees, per specialty: {tiers}"))
        console.print(
            Text(
                f"  {mark} {costs.eras.status}: {costs.eras.chosen.label('fees')} · "
                f"{source_title(schedule.provenance.source)} · {schedule.url}",
                style="dim",
            )
        )
    table = Table(show_edge=False, pad_edge=False, title=None)
    for title, justify in (("Specialty", "left"), ("Service", "left"), ("Programs", "right"), ("Fee", "right")):
        table.add_column(title, justify=justify)  # type: ignore[arg-type]
    table.add_column("One more")
    for fee in costs.by_specialty:
        # A specialty not in the tables is shown as the person wrote it: made visible, never obeyed.
        shown = (visible(fee.specialty), fee.service, str(fee.programs), _money(fee.fee), visible(fee.next_words()))
        table.add_row(*shown)
    if costs.by_specialty:
        console.print(table)
    else:
        console.print(
            "No programs counted yet: mark programs applied (or later) or will-apply in your list "
            "(`imgtui programs import`, or p in the app)."
        )
    items = Table(show_edge=False, pad_edge=False)
    for title in ("", "Item", "Amount", "Source"):
        items.add_column(title, justify="right" if title == "Amount" else "left")
    for item in costs.items:
        mark = STATUS_MARK.get(item.status or "", "?")
        source = f"{item.source} ({item.as_of.isoformat()})" if item.as_of else ""
        note = f"\n{item.detail}" if item.detail else ""
        season = f", {item.from_season}" if item.status == "projected" else ""
        items.add_row(f"{mark}{season}", item.what + note, _money(item.amount), source)
    console.print(items)
    services = " · ".join(f"{service} total {_money(amount)}" for service, amount, _programs in costs.by_service)
    console.print(Text(f"{services or 'ERAS total ' + _money(0)} · total {_money(costs.total)}", "bold"))
    if costs.projected:
        console.print(Text("≈ the total includes projected figures (not published for this season)", "yellow"))
    for what, why in costs.unsourced:
        console.print(Text(f"No sourced figure (not in the total): {what}: {why}", "dim"))
