#!/usr/bin/env python3
"""Regenerate screenshots/*.svg from fixed states: a frozen clock (2026-11-24 10:00 ET),
fixed terminal sizes and a throw-away config folder. Run after any change of look:

    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

OUT = Path(__file__).resolve().parents[1] / "screenshots"
NOW = "2026-11-24T10:00:00-05:00"
PROGRESS = """schema = 1
mode = "non-us-img"
rules = "current"
match_year = 2027
preferred_divisions = ["east_north_central", "middle_atlantic"]
[completed]
usmle_id = 2026-01-10
ecfmg_application = 2026-01-20
status_verification = 2026-03-02
step1 = 2026-06-20
[scores]
step1 = "pass"
step2ck = 241
"""
PROGRAMS = """{"schema": 1, "programs": [
 {"name": "Mercy Hospital Internal Medicine", "specialty": "Internal Medicine", "city": "Chicago", "state": "IL",
  "j1": "yes", "h1b": "no", "img_pct": 35, "min_step": 220, "interviews": 12, "status": "applied",
  "checked": "2026-10-01", "notes": "program site lists current IMG residents", "signal": "gold"},
 {"name": "Harbor Medical Center IM", "specialty": "Internal Medicine", "city": "Newark", "state": "NJ",
  "j1": "unknown", "h1b": "yes", "img_pct": 60, "status": "interview_offered", "checked": "2026-09-15",
  "signal": "silver"},
 {"name": "St. Luke's Internal Medicine", "specialty": "Internal Medicine", "city": "Bethlehem", "state": "PA",
  "j1": "yes", "h1b": "no", "img_pct": 41, "status": "researching", "will_apply": true, "checked": "2026-10-20"},
 {"name": "Lakeside Children's Pediatrics", "specialty": "Pediatrics", "city": "Cleveland", "state": "OH",
  "j1": "no", "h1b": "no", "img_pct": 5, "status": "researching", "checked": "2025-01-10", "will_apply": true},
 {"name": "Valley Psychiatry Residency", "specialty": "Psychiatry", "city": "Fresno", "state": "CA",
  "j1": "yes", "h1b": "yes", "img_pct": 22.5, "min_step": 215, "interviews": 8, "status": "interviewed",
  "checked": "2026-11-02", "signal": "yes"}
]}"""
# The interview season (README "Interviews", "The rank order list", "Letters"): the same
# programs with interviews, ranks, letters and clinical experience.
SEASON = """{"schema": 1, "programs": [
 {"name": "Mercy Hospital Internal Medicine", "specialty": "Internal Medicine", "city": "Chicago", "state": "IL",
  "j1": "yes", "h1b": "no", "img_pct": 35, "status": "interviewed", "checked": "2026-10-01",
  "notes": "program site lists current IMG residents", "interview_status": "scheduled",
  "interview_date": "2026-12-08", "interview_time": "09:00", "interview_zone": "America/Chicago",
  "interview_format": "virtual", "rank": 2, "letters_required": 3, "usce_required": "yes"},
 {"name": "Harbor Medical Center IM", "specialty": "Internal Medicine", "city": "Newark", "state": "NJ",
  "j1": "unknown", "h1b": "yes", "img_pct": 60, "status": "interviewed", "checked": "2026-09-15",
  "interview_status": "scheduled", "interview_date": "2026-12-08", "interview_time": "14:00",
  "interview_zone": "America/New_York", "rank": 1},
 {"name": "Valley Psychiatry Residency", "specialty": "Psychiatry", "city": "Fresno", "state": "CA",
  "j1": "yes", "h1b": "yes", "img_pct": 22.5, "status": "interviewed", "checked": "2026-11-02",
  "interview_status": "completed", "interview_date": "2026-11-12", "thank_you": true, "rank": 3},
 {"name": "Lakeside Family Medicine", "specialty": "Family Medicine", "city": "Toledo", "state": "OH",
  "j1": "yes", "h1b": "no", "status": "interviewed", "checked": "2026-10-20", "interview_status": "completed",
  "interview_date": "2026-11-18"},
 {"name": "River Valley IM", "specialty": "Internal Medicine", "city": "Dayton", "state": "OH", "j1": "yes",
  "status": "applied", "checked": "2026-10-20", "interview_status": "invited", "invited_on": "2026-11-21 09:30"}
], "letters": [
 {"id": "L1", "writer": "Dr Ada Obi", "title": "Professor of Medicine", "specialty": "Internal Medicine",
  "us": "yes", "requested_on": "2026-07-01", "received_on": "2026-08-20", "programs": "all"},
 {"id": "L2", "writer": "Dr Sam Lee", "title": "Attending, Hospital Medicine", "specialty": "Internal Medicine",
  "us": "yes", "requested_on": "2026-07-10", "programs": [["Mercy Hospital Internal Medicine", "Internal Medicine"]]}
], "clinical_experience": [
 {"id": "U1", "where": "Mercy Hospital, Chicago", "kind": "observership", "start": "2026-05-04", "end": "2026-06-26"}
]}"""
# name, terminal size, progress file (None = none yet), keys to press, view options
# (names starting "season-" use the SEASON programs)
STATES = [
    ("overview-120x40", (120, 40), PROGRESS, [], {}),
    ("overview-200x60", (200, 60), PROGRESS, [], {}),
    ("overview-80x24", (80, 24), PROGRESS, [], {}),
    ("checklist-80x24", (80, 24), PROGRESS, ["down", "down", "down", "down", "down"], {}),
    ("matrix-80x24", (80, 24), PROGRESS, ["2"], {}),
    ("countdown-80x24", (80, 24), PROGRESS, ["3"], {}),
    ("countdown-asia-kolkata-80x24", (80, 24), PROGRESS, ["3"], {"timezone": "Asia/Kolkata"}),
    ("visa-80x24", (80, 24), PROGRESS, ["4"], {}),
    ("stats-sorted-filtered-80x24", (80, 24), PROGRESS, ["5", "s", "s", "s", "slash", *"med"], {}),
    (
        "us-img-guide-rules-120x40",
        (120, 40),
        PROGRESS.replace('"non-us-img"', '"us-img"'),
        [],
        {"rules": "guide-2019", "match_year": 2020},
    ),
    ("timeline-120x40", (120, 40), PROGRESS, ["t"], {"timezone": "Asia/Kolkata"}),
    ("timeline-80x24", (80, 24), PROGRESS, ["t"], {}),
    ("programs-120x40", (120, 40), PROGRESS, ["p", "down"], {}),
    ("programs-80x24", (80, 24), PROGRESS, ["p", "down"], {}),
    ("step-date-80x24", (80, 24), PROGRESS, ["down", "down", "down", "down", "d"], {}),
    ("costs-120x40", (120, 40), PROGRESS, ["c"], {}),
    ("help-80x24", (80, 24), PROGRESS, ["question_mark"], {}),
    ("corrupt-file-80x24", (80, 24), 'mode = "us-img\n[completed\n', [], {}),
    ("season-countdown-80x24", (80, 24), PROGRESS, ["3"], {}),
    ("season-rank-list-120x40", (120, 40), PROGRESS, ["k", "down"], {}),
    ("season-letters-80x24", (80, 24), PROGRESS, ["l"], {}),
]


async def shoot(name, size, progress, keys, options) -> None:
    from imgtui.app import ImgtuiApp
    from imgtui.clock import frozen_clock
    from imgtui.persistence.paths import default_path
    from imgtui.session import ViewOptions, open_session

    path = default_path()
    if path.exists():
        path.unlink()
    if progress is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(progress)
        path.with_name("programs.json").write_text(SEASON if name.startswith("season-") else PROGRAMS)
    clock = frozen_clock(datetime.fromisoformat(NOW).astimezone(ZoneInfo("America/New_York")))
    session = open_session(
        ViewOptions(options.get("mode"), options.get("rules"), options.get("match_year"), options.get("timezone")),
        clock,
    )
    if name.startswith("season-"):
        session.files.programs.ensure_loaded()  # the app reads it half a second in; the picture is taken sooner
    app = ImgtuiApp(session)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        svg = app.export_screenshot(title=f"imgtui — {name}")
    (OUT / f"{name}.svg").write_text(svg, encoding="utf-8")
    print(f"screenshots/{name}.svg")


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        # TZ: the zone the person is in when none is saved (the app names it in the status line).
        os.environ.update(HOME=home, XDG_CONFIG_HOME=str(Path(home) / ".config"), TZ="America/New_York")
        for variable in ("NO_COLOR", "SSH_CONNECTION"):
            os.environ.pop(variable, None)
        OUT.mkdir(exist_ok=True)
        for state in STATES:
            asyncio.run(shoot(*state))


if __name__ == "__main__":
    sys.exit(main())
