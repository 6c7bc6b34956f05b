"""`imgtui signals [--json] [--all]`: per specialty, the program signals allowed (gold and
silver, or a single kind), used, left, and on which programs."""

from __future__ import annotations

from typing import Any

from ..domain.season import season_name, source_title
from ..domain.signals import SignalUse
from ..labels import STATUS_MARK
from ..sanitize import visible
from ..session import Session
from .output import console as plain_console
from .output import write_json


def run_signals(session: Session, as_json: bool, everything: bool) -> int:
    uses = session.signals(session.programs(), everything)
    season = session.season()
    if as_json:  # exact: names as stored, UTF-8
        write_json(signals_json(season, uses))
        return 0
    print_signals(season, uses)
    return 0


def _key(kind: str) -> str:
    """JSON keys: gold, silver, or signals (a specialty's single kind, "yes" in a program)."""
    return "signals" if kind == "yes" else kind


def use_json(use: SignalUse) -> dict[str, Any]:
    allowed = use.allowance
    row = allowed.row
    kinds = allowed.kinds
    return {
        "specialty": allowed.specialty,
        "kind": "gold/silver" if kinds == ("gold", "silver") else "single" if kinds else "none",
        "allowed": {_key(k): allowed.limit(k) for k in kinds},
        "used": {_key(k): len(use.used(k)) for k in kinds},
        "left": {_key(k): use.left(k) for k in kinds},
        "programs": {
            _key(k): [p.name for p in use.used(k)] for k in sorted({*kinds, *(p.signal for p in use.signalled)})
        },
        "over": use.over(),
        "status": allowed.status,
        "counts_season": allowed.chosen.from_season if allowed.chosen else None,
        "basis": allowed.basis(),
        "source": source_title(row.provenance.source) if row else None,
        "url": row.url if row else None,
        "as_of": row.provenance.as_of.isoformat() if row else None,
        "note": row.note if row else "",
        "programs_in_list": use.listed,
    }


def signals_json(season: int, uses: list[SignalUse]) -> dict[str, Any]:
    return {
        "season": season,
        "season_note": f"{season_name(season)} (your target Match year)",
        "rule": "signals go to an institution, not a track; a withdrawn program keeps its signal",
        "specialties": [use_json(u) for u in uses],
    }


def print_signals(season: int, uses: list[SignalUse]) -> None:
    from rich.text import Text

    console = plain_console()
    console.print(Text(f"Program signals: {season_name(season)} (your target Match year)", "bold"))
    if not uses:
        console.print("No programs in your list yet (`imgtui signals --all` lists every specialty's count).")
    for use in uses:
        allowed = use.allowance
        mark = STATUS_MARK.get(allowed.status or "", " ")
        # Program names (and a specialty not in the tables) come from the person's file: made visible.
        line = visible(f"{allowed.words()} · {use.words()}")
        console.print(Text.assemble((f"{mark} {visible(allowed.specialty)}: ", "bold"), line))
        if allowed.known:
            console.print(Text(f"    {allowed.basis()}", style="dim"))
    console.print(Text("Signals go to an institution, not a track; a withdrawn program keeps its signal.", "dim"))
