"""`imgtui facts [--json] [--stale]`: every fact the app shows, with its status, source,
as_of, age and whether it is past its refresh period; the person's own facts marked yours."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.text import Text

from ..domain.facts import Fact, Freshness, catalog_facts, freshness
from ..domain.model import Catalog
from ..domain.timeline import days_words
from ..labels import STATUS_LEGEND, STATUS_MARK
from ..session import Session
from .output import console as plain_console
from .output import write_json


def run_facts(session: Session, as_json: bool, only_stale: bool) -> int:
    now = session.clock()
    catalog = session.catalog
    rows = [(f, freshness(f, catalog, now)) for f in catalog_facts(catalog)]
    if only_stale:
        rows = [(f, fresh) for f, fresh in rows if fresh.stale]
    if as_json:  # exact: your facts as you wrote them, UTF-8
        write_json(facts_json(catalog, rows, now))
        return 0
    print_facts(catalog, rows, now, session.config_dir)
    return 0


def facts_json(catalog: Catalog, rows: list[tuple[Fact, Freshness]], now: datetime) -> dict[str, Any]:
    return {
        "now": now.isoformat(timespec="seconds"),
        "facts_as_of": catalog.reviewed.isoformat() if catalog.reviewed else None,
        "refresh_periods": [
            {"id": p.id, "title": p.title, "days": p.days, "matches": p.matches, "areas": list(p.areas)}
            for p in catalog.refresh
        ],
        "yours": list(catalog.yours),
        "problems": list(catalog.user_problems),
        "facts": [
            {
                "id": f.id,
                "area": f.area,
                "what": f.what,
                "value": f.value,
                "status": f.provenance.status,
                "source": f.provenance.source,
                "as_of": f.provenance.as_of.isoformat(),
                "age_days": fresh.age_days,
                "refresh": fresh.period.title if fresh.period else None,
                "stale": fresh.stale,
                "why": fresh.why,
            }
            for f, fresh in rows
        ],
    }


def print_facts(catalog: Catalog, rows: list[tuple[Fact, Freshness]], now: datetime, config_dir: Any) -> None:
    console = plain_console()  # sources and user text are text, not markup; a closed pipe exits 0
    stale = sum(1 for _f, fresh in rows if fresh.stale)
    reviewed = catalog.reviewed.isoformat() if catalog.reviewed else "unknown"
    console.print(
        Text.assemble(
            ("imgtui facts", "bold"),
            f"  as of {reviewed} (shipped) · {len(rows)} listed · {stale} past their refresh period · "
            f"{len(catalog.yours)} of yours",
        )
    )
    console.print(
        "Refresh periods: "
        + "; ".join(f"{p.title} for {', '.join(p.areas)}" for p in catalog.refresh)
        + ". The guide's own facts and dates that have passed do not go stale."
    )
    for problem in catalog.user_problems:
        console.print(Text(f"⚠ your facts file was not used: {problem}", style="bold yellow"))
    area = None
    for f, fresh in rows:
        if f.area != area:
            area = f.area
            console.print()
            console.print(Text(area.upper(), style="bold underline"))
        p = f.provenance
        flag = Text(" STALE ", style="bold reverse yellow") if fresh.stale else Text("")
        console.print(Text.assemble((f"{STATUS_MARK[p.status]} {p.status:<10} ", "bold"), (f.id, "bold"), " ", flag))
        console.print(f"    {f.what}: {f.value}", soft_wrap=False)
        age = days_words(fresh.age_days)
        console.print(Text(f"    as of {p.as_of.isoformat()} ({age}) · {fresh.why}", style="dim"))
        console.print(Text(f"    {p.source}", style="dim"))
    console.print()
    console.print(STATUS_LEGEND)
    console.print(f"Your own facts: TOML files in {config_dir / 'facts'} (see the README).")
