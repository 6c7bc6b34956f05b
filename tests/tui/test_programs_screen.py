"""The Programs view, driven with the pilot."""

from __future__ import annotations

import json

from imgtui.persistence.paths import default_programs_path
from imgtui.widgets.program_list import ProgramList

from .helpers import make_app

PROGRAMS = {"schema": 1, "programs": [
    {"name": "Mercy Hospital IM", "specialty": "Internal Medicine", "city": "Chicago", "state": "IL", "j1": "yes",
     "h1b": "no", "img_pct": 35, "min_step": 220, "interviews": 12, "status": "researching",
     "checked": "2026-10-01", "notes": "good for IMGs"},
    {"name": "Lakeside Peds", "specialty": "Pediatrics", "city": "Cleveland", "state": "OH", "j1": "no",
     "h1b": "no", "img_pct": 5, "status": "applied", "checked": "2025-01-10"},
    {"name": "Harbor H-1B IM", "specialty": "Internal Medicine", "city": "Newark", "state": "NJ", "j1": "unknown",
     "h1b": "yes", "img_pct": 60, "status": "interview_offered", "checked": "2026-09-15"},
]}


def write_programs() -> None:
    path = default_programs_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(PROGRAMS))


def saved() -> list[dict]:
    return json.loads(default_programs_path().read_text())["programs"]


async def test_filter_status_delete_undo():
    write_programs()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        listing = app.screen.query_one(ProgramList)
        assert [p.name for p in listing.rows] == ["Harbor H-1B IM", "Lakeside Peds", "Mercy Hospital IM"]
        assert app.screen.flags[listing.rows[0].key] == ["H-1B only: needs Step 3 first"]
        await pilot.press("slash", *"internal j1 >=5", "enter")
        assert [p.name for p in listing.rows] == ["Mercy Hospital IM"]
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert saved()[0]["status"] == "interview_offered"
        await pilot.press("d", "y")
        assert [p["name"] for p in saved()] == ["Lakeside Peds", "Harbor H-1B IM"]
        await pilot.press("u")
        assert {p["name"] for p in saved()} == {"Mercy Hospital IM", "Lakeside Peds", "Harbor H-1B IM"}
        await pilot.press("escape")
        assert type(app.screen).__name__ == "MainScreen"


async def test_add_with_validation():
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("p", "a")
        form = app.screen
        form.query_one("#pf-name").value = "New Program"
        form.query_one("#pf-specialty").value = "Neurology"
        form.query_one("#pf-img_pct").value = "250"
        form.query_one("#pf-img_pct").focus()
        await pilot.press("enter")
        assert "0 to 100" in str(form.query_one("#pf-error-img_pct").render())
        assert not default_programs_path().exists()
        form.query_one("#pf-img_pct").value = "25"
        await pilot.press("enter")
        await pilot.pause()
    assert saved()[0]["name"] == "New Program" and saved()[0]["img_pct"] == 25


async def test_specialty_stats_beside_the_program():
    write_programs()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.press("down", "down")
        detail = str(app.screen.query_one("#program-detail").render())
        assert "Internal Medicine, 2018, from the guide" in detail and "source the guide does not name" in detail
        assert "positions filled by IMGs 47.9%" in detail
        assert "by non-US IMGs 32.5%" in detail and "CK matched 241" in detail


async def test_import_and_export_in_the_app(tmp_path):
    good = tmp_path / "list.csv"
    good.write_text("Program,Specialty,J-1,% IMG\nRiver IM,Internal Medicine,yes,12\nHill FM,Family Medicine,no,40\n")
    bad = tmp_path / "bad.csv"
    bad.write_text("Program,Specialty,J-1\nRiver IM,Internal Medicine,perhaps\n")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p", "i", *str(bad), "enter")
        await pilot.pause()
        assert not default_programs_path().exists()  # one bad row: nothing imported
        await pilot.press("i", *str(good), "enter")
        await pilot.pause()
        assert [p["name"] for p in saved()] == ["River IM", "Hill FM"]
        await pilot.press("u")
        assert saved() == []
        await pilot.press("u")  # nothing left to undo: no error
        await pilot.press("i", *str(good), "enter", "x", *str(tmp_path / "out.csv"), "enter")
        await pilot.pause()
    assert (tmp_path / "out.csv").read_text().splitlines()[1].startswith("River IM,Internal Medicine")


async def test_brackets_in_names_and_errors_are_text_not_markup(tmp_path):
    path = default_programs_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"programs": [{"name": "[bold]St. Elsewhere[/", "specialty": "Internal Medicine"}]}))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p", "d", "y")  # the confirm question and the notification quote the name
        await pilot.pause()
        assert saved() == []
        await pilot.press("u", "a")
        form = app.screen
        form.query_one("#pf-name").value = "[x]"
        form.query_one("#pf-specialty").value = "IM"
        form.query_one("#pf-j1").value = "[/red]"
        form.query_one("#pf-j1").focus()
        await pilot.press("enter")
        assert "[/red]" in str(form.query_one("#pf-error-j1").render())


async def test_changes_saved_elsewhere_are_picked_up():
    write_programs()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        screen = app.screen
        data = dict(PROGRAMS, programs=PROGRAMS["programs"][:1])
        default_programs_path().write_text(json.dumps(data))  # another window deleted two
        app.files.poll()
        await pilot.pause()
        assert [p.name for p in screen.query_one(ProgramList).rows] == ["Mercy Hospital IM"]


async def test_main_view_keys_do_nothing_over_the_programs_view():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        keys = str(app.screen.query_one("#programs-keybar").render())
        await pilot.press("m", "t", "e", "3")
        assert type(app.screen).__name__ == "ProgramsScreen" and app.session.progress().mode == "non-us-img"
        assert "Mode" not in keys and "Timeline" not in keys and "Help" in keys
        await pilot.press("escape", "m")
        assert app.session.progress().mode == "us-img"  # back on the main view, m works again


async def test_the_service_follows_the_program_lists_specialties():
    """ERAS or ResidencyCAS: the detail names the program's service; the checklist and the
    matrix name the services the list's specialties need once the list has loaded."""
    book = {"schema": 1, "programs": [
        {"name": "Bayside EM", "specialty": "Emergency Medicine", "status": "researching"},
    ]}
    path = default_programs_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(book))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        steps = {st.step.id: st.step.title for st in app.main_screen.situation.steps}
        programs = app.files.programs_if_made
        if programs is None or not programs.loaded:  # not read yet (a slow start may have read it already)
            assert steps["eras_application"] == "Submit your residency application (ERAS or ResidencyCAS)"
        for _ in range(50):  # the list is read half a second in (later on a busy machine)
            await pilot.pause(0.1)
            steps = {st.step.id: st.step.title for st in app.main_screen.situation.steps}
            if steps["eras_application"] != "Submit your residency application (ERAS or ResidencyCAS)":
                break
        assert steps["eras_application"] == "Submit your residency application (ResidencyCAS)"
        await pilot.press("p")
        detail = str(app.screen.query_one("#program-detail").render())
        assert "Apply through ResidencyCAS: From the 2025-26 application cycle (Match 2026)" in detail
        await pilot.press("a")  # add an internal-medicine program: now both services
        form = app.screen
        form.query_one("#pf-name").value = "City IM"
        form.query_one("#pf-specialty").value = "Internal Medicine"
        form.query_one("#pf-name").focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        steps = {st.step.id: st.step.title for st in app.main_screen.situation.steps}
        assert steps["eras_application"] == "Submit your residency application (ERAS or ResidencyCAS)"


async def test_the_filter_takes_a_division_as_typed_and_says_when_a_division_word_names_none():
    write_programs()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "slash", *"division:middle atlantic")
        listing = app.screen.query_one(ProgramList)
        status = lambda: str(app.screen.query_one("#programs-status").render())  # noqa: E731
        assert [p.name for p in listing.rows] == ["Harbor H-1B IM"]  # NJ
        for _ in "middle atlantic":
            await pilot.press("backspace")
        await pilot.press(*"middle")  # the unique start of a name
        assert [p.name for p in listing.rows] == ["Harbor H-1B IM"]
        for _ in "middle":
            await pilot.press("backspace")
        await pilot.press(*"nowhere")
        assert "⚠ no division 'nowhere' — one of new-england, middle-atlantic," in status()
        assert len(listing.rows) == 3  # not silently "0 shown"


async def test_specialty_stats_know_the_spellings_fees_and_signals_know():
    """'OB/GYN' is the tables' Obstetrics and Gynecology (as for fees and signals), not 'no row'."""
    path = default_programs_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"schema": 1, "programs": [{"name": "Bronx OBGYN", "specialty": "OB/GYN"}]}))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        detail = str(app.screen.query_one("#program-detail").render())
        assert "no row for" not in detail and "OB/GYN, 2018, from the guide" in detail
        assert "by non-US IMGs 3.3% · CK matched 237" in detail  # the 2018 row of Obstetrics and Gynecology


async def test_undoing_an_import_names_the_programs_it_took_away_as_they_were_written(tmp_path):
    from .helpers import shown_notifications

    csv = tmp_path / "list.csv"
    csv.write_text("Program,Specialty\nZeta General,Internal Medicine\n")
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("p", "i", *str(csv), "enter")
        await pilot.pause()
        assert [p["name"] for p in saved()] == ["Zeta General"]
        await pilot.press("u")
        await pilot.pause()
        assert "Undone. Now: Zeta General not in your list" in shown_notifications(app)
