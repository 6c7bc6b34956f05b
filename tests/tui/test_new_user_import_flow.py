"""#11 "tried as a new user would": import a CSV with statuses and notes, re-import a bare
FREIDA-style export of the same programs, then undo in the app after a second import from the
command line: every status, note and the other import's programs are intact."""

from __future__ import annotations

import json
from pathlib import Path

from imgtui.cli import main

from ..conftest import NOW
from .helpers import make_app

MINE = ("Program,Specialty,City,State,J-1,H-1B,% IMG,Status,Last checked,Notes,My rank\n"
        "Mercy IM,Internal Medicine,Chicago,IL,yes,no,35,applied,2026-10-01,PD is an IMG,1\n"
        "Lake IM,Internal Medicine,Cleveland,OH,yes,yes,20,interview offered,2026-09-15,call Tue,2\n")
# FREIDA's own export: no Status, Notes, J-1, H-1B or Last checked; its visa column instead.
FREIDA = ("Program name,Specialty,City,State,Visa sponsorship,% IMGs,Program ID\n"
          "Mercy IM,Internal Medicine,Chicago,IL,,,1403521\n"
          "Lake IM,Internal Medicine,Cleveland,OH,,22,1403522\n"
          "River IM,Internal Medicine,Toledo,OH,J-1,40,1403523\n")


def cli(capsys, *argv) -> tuple[int, str]:
    code = main(list(argv), clock=lambda: NOW)
    out, err = capsys.readouterr()
    return code, out + err


def listed(capsys) -> dict[str, dict]:
    code, out = cli(capsys, "programs", "list", "--json")
    assert code == 0
    return {p["name"]: p for p in json.loads(out)}


async def test_reimport_then_undo_in_the_app_keeps_everything_written(tmp_path: Path, capsys):
    mine, freida, other = tmp_path / "mine.csv", tmp_path / "freida.csv", tmp_path / "other.csv"
    mine.write_text(MINE)
    freida.write_text(FREIDA)
    other.write_text("Program,Specialty,Notes\nHill Peds,Pediatrics,from the other import\n")
    assert cli(capsys, "programs", "import", str(mine))[0] == 0
    code, said = cli(capsys, "programs", "import", str(freida))
    assert code == 0 and "1 new, 2 updated (3 field(s))" in said  # Lake's % IMG, and each Program ID
    assert "Updated: Mercy IM (Program ID); Lake IM (% IMG, Program ID)." in said  # which, and what
    after = listed(capsys)
    assert (after["Mercy IM"]["status"], after["Mercy IM"]["notes"]) == ("applied", "PD is an IMG")
    assert (after["Mercy IM"]["j1"], after["Mercy IM"]["h1b"], after["Mercy IM"]["img_pct"]) == ("yes", "no", 35)
    assert after["Mercy IM"]["checked"] == "2026-10-01"
    assert after["Mercy IM"]["extra"] == {"My rank": "1", "Program ID": "1403521"}  # kept columns merged
    assert (after["Lake IM"]["status"], after["Lake IM"]["img_pct"]) == ("interview_offered", 22)

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        app.screen.import_csv(other)  # the app's import (what `i` + a path does)
        await pilot.pause()
        assert cli(capsys, "programs", "import", str(tmp_path / "more.csv"))[0] == 2  # no such file: one line
        (tmp_path / "more.csv").write_text("Program,Specialty\nCoast FM,Family Medicine\n")
        assert cli(capsys, "programs", "import", str(tmp_path / "more.csv"))[0] == 0  # meanwhile, elsewhere
        await pilot.press("u")  # undo the app's import only
        await pilot.pause()
    final = listed(capsys)
    assert "Hill Peds" not in final and "Coast FM" in final  # the other import's program survives
    assert final["Mercy IM"]["status"] == "applied" and final["Lake IM"]["notes"] == "call Tue"
    assert final["River IM"]["j1"] == "yes" and final["River IM"]["h1b"] == "no"
