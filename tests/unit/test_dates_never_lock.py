"""#11 point 5: a date never locks the list. A date that is today somewhere on Earth
(UTC-12 .. UTC+14) is never "in the future"; a stored date is never a load error, at worst
a warning that is shown."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from imgtui.cli import main
from imgtui.persistence.progress_store import ProgressStore
from imgtui.persistence.program_store import ProgramStore

# Evening in Los Angeles: already the next day (the 25th) in Kiritimati (UTC+14).
LOS_ANGELES_EVENING = datetime(2026, 11, 24, 20, 0, tzinfo=ZoneInfo("America/Los_Angeles"))


def run(capsys, *argv, now=LOS_ANGELES_EVENING):
    code = main(list(argv), clock=lambda: now)
    out, err = capsys.readouterr()
    return code, out, err


def test_the_latest_date_anywhere():
    from imgtui.domain.dates import latest_today

    assert latest_today(LOS_ANGELES_EVENING) == date(2026, 11, 25)
    assert latest_today(datetime(2026, 11, 24, 9, 59, tzinfo=ZoneInfo("UTC"))) == date(2026, 11, 24)
    assert latest_today(datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("UTC"))) == date(2026, 11, 25)


def test_a_last_checked_date_of_today_in_kiritimati_imports_in_los_angeles(tmp_path: Path, capsys):
    csv_path = tmp_path / "list.csv"
    csv_path.write_text("Program,Specialty,Last checked\nMercy IM,Internal Medicine,2026-11-25\n")
    code, out, err = run(capsys, "programs", "import", str(csv_path))
    assert code == 0 and "1 new" in out, err
    code, out, err = run(capsys, "programs", "list", "--json")
    assert code == 0 and json.loads(out)[0]["checked"] == "2026-11-25"
    # A day after that is the future everywhere: refused at import, with the column named.
    csv_path.write_text("Program,Specialty,Last checked\nLake IM,Internal Medicine,2026-11-26\n")
    code, out, err = run(capsys, "programs", "import", str(csv_path))
    assert code == 1 and "line 2: Last checked: 2026-11-26 is in the future" in err


def test_a_stored_date_in_the_future_never_locks_list_import_or_export(isolated_config: Path, tmp_path, capsys):
    path = isolated_config / "imgtui" / "programs.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"schema": 1, "programs": [
        {"name": "Mercy IM", "specialty": "Internal Medicine", "checked": "2031-01-01", "notes": "mine"}]}))
    code, out, err = run(capsys, "programs", "list", "--json")
    assert code == 0 and json.loads(out)[0]["checked"] == "2031-01-01"
    assert "warning" in err and "2031-01-01" in err and "future" in err
    code, out, err = run(capsys, "programs", "export", "-")
    assert code == 0 and "2031-01-01" in out
    csv_path = tmp_path / "more.csv"
    csv_path.write_text("Program,Specialty\nLake IM,Internal Medicine\n")
    code, out, err = run(capsys, "programs", "import", str(csv_path))
    assert code == 0 and "1 new" in out
    assert [p.notes for p in ProgramStore(path, lambda: date(2026, 11, 25)).load().programs] == ["mine", ""]


def test_a_completed_date_in_the_future_is_a_warning_not_read_only(progress_path: Path, capsys):
    progress_path.parent.mkdir(parents=True)
    progress_path.write_text("[completed]\nstep1 = 2031-01-01\n")
    code, out, err = run(capsys, "status")
    assert code == 0 and "(2031-01-01)" in out
    assert "imgtui: warning:" in err and "completed.step1: 2031-01-01 is in the future" in err
    store = ProgressStore(progress_path, ("current", "guide-2019"), lambda: date(2026, 11, 25))
    store.update(lambda p: p.completed.__setitem__("usmle_id", date(2026, 1, 1)))  # still writable
    assert store.load().completed == {"step1": date(2031, 1, 1), "usmle_id": date(2026, 1, 1)}
