"""`imgtui status [--json]`: a plain summary (Rich, no full screen; good in a login message)."""

from __future__ import annotations

from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from ..domain.summary import Situation, blocked_text
from ..domain.timeline import time_left
from ..domain.zones import zone_name
from ..labels import MODE_LABEL, STATUS_MARK, date_status, deadline_when, in_zone, local_when
from ..sanitize import visible
from ..session import Session
from .output import console as plain_console
from .output import write_json

if TYPE_CHECKING:
    from rich.console import Console


def run_status(session: Session, as_json: bool) -> int:
    from ..domain.summary import situation, situation_json

    now = session.clock()
    progress = session.progress()
    current = situation(session.catalog, progress, now, session.program_specialties())
    path = session.files.progress.path
    if as_json:
        data = situation_json(current, now)
        data["progress_file"] = str(path)
        data["facts_as_of"] = session.catalog.reviewed.isoformat() if session.catalog.reviewed else None
        data["facts_yours"] = list(session.catalog.yours)
        data["facts_problems"] = list(session.catalog.user_problems)
        write_json(data, ascii_only=True)
        return 0
    print_status(current, now, path, path.exists(), session.zone())
    print_facts_note(session, current)
    return 0


def print_facts_note(session: Session, s: Situation) -> None:
    """When the shipped facts were checked, and which shown here are past their refresh period."""
    console = plain_console()
    reviewed = session.catalog.reviewed
    line = f"Facts as of {reviewed.isoformat()}" if reviewed else "Facts"
    if s.stale:
        areas = sorted({f.area for f in s.stale})
        line += (
            f"; {len(s.stale)} shown here are past their refresh period ({', '.join(areas)}): `imgtui facts --stale`."
        )
    else:
        line += "; none shown here is past its refresh period."
    console.print()
    console.print(Text(line, style="yellow" if s.stale else ""))
    for problem in session.catalog.user_problems:
        console.print(Text(f"⚠ your facts file was not used: {problem}", style="bold yellow"))


def print_status(s: Situation, now: datetime, path: Path, saved: bool, zone: tzinfo) -> None:
    console = plain_console()  # "[x]" is text here, not a style tag
    console.print(
        Text.assemble(("imgtui", "bold"), f"  Match {s.match_year} · {MODE_LABEL[s.mode]} · rules: {s.rules.title}")
    )
    if s.history:
        console.print(Text(s.history, style="bold yellow"))
    console.print(f"Progress file: {visible(str(path))}" + ("" if saved else " (not created yet: nothing ticked)"))
    console.print(f'Now: {in_zone(now, zone)} (your zone; change: --tz ZONE, or timezone = "…" in the file)')
    console.print()

    for rule in s.rule_warnings:
        console.print(Text(f"⚠ {rule.text}", style="bold yellow"))
    if s.rule_warnings and not s.warnings:
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
        status = date_status(d, now)
        table.add_row(
            deadline_when(d) + (f"\n{mine}" if mine else ""),
            d.title + done_note,
            str(time_left(d, now)),
            f"{status.mark} {status.short}",
        )
    if table.row_count:
        console.print(table)
    else:
        console.print(Text(f"No dates ahead in Match {s.match_year}.", style="bold"))
    if passed:
        last = passed[-1]
        status = date_status(last, now)
        console.print(
            f"{len(passed)} earlier date{'s have' if len(passed) != 1 else ' has'} passed, the last "
            f"{last.title} on {last.day.isoformat()} ({status.mark} {status.meaning}; all: `imgtui status --json`)."
        )
    console.print(
        "≈ projected: from the usual pattern, not confirmed on an official page · "
        "→ derived: a latest-safe date from the guide's lead times (`imgtui status --json` names the rule) · "
        "§ the guide · ? unverified · ✎ yours · ~ approximate."
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
    if s.visa_updates:
        console.print()
        print_visa_updates(console, s)


def print_actions(console: Console, s: Situation) -> None:
    console.print(Text("What your progress allows", style="bold"))
    for a in s.actions:
        if a.allowed:
            console.print(f"  allowed  {a.action.title}")
        else:
            console.print(f"  blocked  {a.action.title}: {blocked_text(a, s.steps)}")


def print_visa_updates(console: Console, s: Situation) -> None:
    newest = max(u.provenance.as_of for u in s.visa_updates)
    console.print(
        Text(f"Visa: what changed in 2025-2026 (facts as of {newest.isoformat()} at the latest)", style="bold")
    )
    for u in s.visa_updates:
        p = u.provenance
        console.print(Text(f"{STATUS_MARK[p.status]} {u.title} ({u.on.isoformat()})", style="bold"))
        console.print(f"    {u.text}")
        console.print(f"    For you: {u.meaning}")
        console.print(Text(f"    {p.status}, as of {p.as_of.isoformat()} · {p.source}", style="dim"))
    console.print("Not legal advice: check uscis.gov, travel.state.gov and ecfmg.org, and ask your program.")
