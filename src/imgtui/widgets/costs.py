"""The season's costs and signals as Rich renderables: what the costs view shows. Thin: it
renders the values it is given (domain.costs.Costs, domain.signals.SignalUse)."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from ..domain.costs import Costs
from ..domain.season import season_name, source_title
from ..domain.signals import SignalUse
from ..labels import STATUS_MARK
from ..sanitize import visible

STATUS_STYLE = {"projected": "yellow", "official": "green", "reported": "", "derived": "cyan"}


def money(amount: int | None) -> str:
    return "—" if amount is None else f"${amount:,}"


def status_text(status: str | None, from_season: int | None = None) -> Text:
    if status is None:
        return Text("? no figure", style="dim")
    text = Text(f"{STATUS_MARK.get(status, '')} {status}", style=STATUS_STYLE.get(status, ""))
    if status == "projected" and from_season is not None:
        text.append(f" ({from_season})")
    return text


def total_text(costs: Costs) -> Text:
    # Each service's fees beside the programs they are for ("ERAS $55 for 5 · ResidencyCAS $99 for 4").
    services = " · ".join(f"{service} {money(amount)} for {count:,}" for service, amount, count in costs.by_service)
    total = Text.assemble(
        ("Total ", "bold"),
        (money(costs.total), "bold"),
        f"  {services} program(s) you apply to" if services else "  no programs you apply to yet",
    )
    if costs.projected:
        total.append("  ≈ includes projected figures", style="yellow")
    if costs.unsourced:
        total.append(f"  · {len(costs.unsourced)} item(s) with no sourced figure, not counted", style="dim")
    return total


def costs_renderable(costs: Costs) -> RenderableType:
    parts: list[RenderableType] = [total_text(costs)]
    if costs.eras is not None:
        schedule = costs.eras.schedule
        tiers = " · ".join(
            (f"programs {t.first}–{t.last}" if t.last else f"programs {t.first} and up")
            + (f": ${t.fee} for the tier" if t.flat else f": ${t.fee} each")
            for t in schedule.tiers
        )
        line = Text.assemble(("ERAS fees ", "bold"), f"(counted per specialty): {tiers}\n")
        line.append_text(status_text(costs.eras.status, costs.eras.chosen.from_season))
        line.append(f" · {costs.eras.chosen.label('fees')} · {source_title(schedule.provenance.source)}", style="dim")
        parts.append(line)
    table = Table(box=None, expand=True, pad_edge=False, padding=(0, 1), show_header=True, header_style="bold")
    table.add_column("Specialty", ratio=2)
    table.add_column("Service", no_wrap=True)
    table.add_column("Programs", justify="right", no_wrap=True)
    table.add_column("Fee", justify="right", no_wrap=True)
    table.add_column("One more", ratio=3)
    for fee in costs.by_specialty:
        # A specialty not in the tables is shown as the person wrote it: made visible, never obeyed.
        table.add_row(visible(fee.specialty), fee.service, str(fee.programs), money(fee.fee), visible(fee.next_words()))
    if costs.by_specialty:
        parts.append(table)
    else:
        parts.append(
            Text(
                "No programs counted yet: mark programs applied (or later) with ] in the program list, or "
                "will-apply with w.",
                style="dim",
            )
        )
    items = Table(box=None, expand=True, pad_edge=False, padding=(0, 1), show_header=True, header_style="bold")
    items.add_column("Other costs", ratio=3)
    items.add_column("Amount", justify="right", no_wrap=True)
    items.add_column("Status", no_wrap=True)
    items.add_column("Source", ratio=3)
    for item in costs.items:
        what = Text(item.what)
        if item.detail:
            what.append(f"\n{item.detail}", style="dim")
        source = Text(item.source + (f" ({item.as_of.isoformat()})" if item.as_of else ""), style="dim")
        items.add_row(what, money(item.amount), status_text(item.status, item.from_season), source)
    parts.append(items)
    return Group(*parts)


def signals_renderable(season: int, uses: list[SignalUse], preferences: str) -> RenderableType:
    table = Table(box=None, expand=True, pad_edge=False, padding=(0, 1), show_header=True, header_style="bold")
    table.add_column("", width=1, no_wrap=True)
    table.add_column(f"Signals, ERAS {season}", ratio=2)
    table.add_column("Allowed", no_wrap=True)
    table.add_column("Used and left", ratio=4)
    for use in uses:
        allowed = use.allowance
        table.add_row(
            Text(STATUS_MARK.get(allowed.status or "", " "), style=STATUS_STYLE.get(allowed.status or "", "")),
            visible(allowed.specialty),
            allowed.words(),
            visible(use.words()),  # program names, from the person's file
        )
    footer = Text(
        "Signals go to an institution, not a track; a withdrawn program keeps its signal. "
        f"Geographic preferences: {preferences} (ctrl+p to choose).",
        style="dim",
    )
    return Group(table, footer) if uses else footer


def heading(season: int) -> str:
    return f" Costs of the season · {season_name(season)} (your target Match year) · US dollars"


def lines_at(renderable: RenderableType, width: int, console: Console) -> list[list[Segment]]:
    """The renderable laid out once for a width, as lines for a FittedText: Textual would
    otherwise re-render the Rich tables on every layout pass."""
    return [list(line) for line in console.render_lines(renderable, console.options.update_width(width), pad=False)]
