"""`imgtui status [--json]`: a plain summary (Rich, no full screen; good in a login message)."""

from __future__ import annotations

from datetime import datetime, tzinfo
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..domain.summary import Situation, blocked_text
from ..domain.timeline import time_left
from ..domain.zones import zone_name
from ..labels import MODE_LABEL, STATUS_MARK, deadline_when, in_zone, local_when
from ..session import Session


def run_status(session: Session, as_json: bool) -> int:
    from ..domain.summary import situation, situation_json

    now = session.clock()
    progress = session.progress()
    current = situation(session.catalog, progress, now)
    path = session.files.progress.path
    if as_json:
        import json

        data = situation_json(current, now)
        data["progress_file"] = str(path)
        print(json.dumps(data, indent=2))
        return 0
    print_status(current, now, path, path.exists(), session.zone())
    return 0


def print_status(s: Situation, now: datetime, path: Path, saved: bool, zone: tzinfo) -> None:
    console = Console(highlight=False, markup=False)  # "[x]" is text here, not a style tag
    console.print(
        Text.assemble(("imgtui", "bold"), f"  Match {s.match_year} · {MODE_LABEL[s.mode]} · rules: {s.rules.title}")
    )
    if s.history:
        console.print(Text(s.history, style="bold yellow"))
    console.print(f"Progress file: {path}" + ("" if saved else " (not created yet: nothing ticked)"))
    console.print(f'Now: {in_zone(now, zone)} (your zone; change: --tz ZONE, or timezone = "…" in the file)')
    console.print()

    if s.warnings:
        console.print(
            Text(
                f"⚠ You are behind or close on {len(s.warnings)} date{'s' if len(s.warnings) != 1 else ''}:",
                style="bold yellow",
            )
        )
        for w in s.warnings:
            console.print(f"  ⚠ {w.text}")
        console.print()

    table = Table(title="Deadlines (Eastern time)", title_justify="left", show_edge=False, pad_edge=False)
    ahead = [d for d in s.deadlines if time_left(d, now).passed is False]
    passed = [d for d in s.deadlines if d not in ahead]
    table.add_column(
        f"When (ET; your time: {zone_name(zone)})" if any(local_when(d, zone) for d in ahead) else "When (ET)"
    )
    table.add_column("What")
    table.add_column("Left", justify="right", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    for d in ahead:
        mine = local_when(d, zone)
        done_note = " (your step is done)" if d.id in s.done else ""
        table.add_row(
            deadline_when(d) + (f"\n{mine}" if mine else ""),
            d.title + done_note,
            str(time_left(d, now)),
            f"{STATUS_MARK[d.status]} {d.status}",
        )
    if table.row_count:
        console.print(table)
    else:
        console.print(Text(f"No dates ahead in Match {s.match_year}.", style="bold"))
    if passed:
        console.print(
            f"{len(passed)} earlier date{'s have' if len(passed) != 1 else ' has'} passed, the last "
            f"{passed[-1].title} on {passed[-1].day.isoformat()} (all: `imgtui status --json`)."
        )
    console.print(
        "≈ projected: not yet published, from the usual pattern · → derived: a latest-safe date from the guide's "
        "lead times (`imgtui status --json` names the rule) · § the guide · ~ approximate."
    )
    console.print()

    done = sum(1 for st in s.steps if st.done)
    console.print(Text(f"Steps: {done} of {len(s.steps)} done", style="bold"))
    for st in s.steps:
        mark = "[x]" if st.done else "[!]" if st.how == "impossible" else "[ ]"
        detail = ""
        if st.how == "done" and st.date:
            detail = st.date.isoformat()
        elif st.how in ("implied", "satisfied"):
            detail = f"{st.how} by {st.because}"
        elif st.waiting_on:
            detail = "waits on: " + ", ".join(w.title for w in st.waiting_on)
        console.print(f"  {mark} {st.step.title}" + (f"  ({detail})" if detail else ""), soft_wrap=False)
        for refused in st.not_counted:
            console.print(Text(f"      ✗ {refused.reason}", style="red"))
    console.print()
    print_actions(console, s)


def print_actions(console: Console, s: Situation) -> None:
    console.print(Text("What your progress allows", style="bold"))
    for a in s.actions:
        if a.allowed:
            console.print(f"  allowed  {a.action.title}")
        else:
            console.print(f"  blocked  {a.action.title}: {blocked_text(a, s.steps)}")
