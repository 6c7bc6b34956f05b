"""The application season in the app: the costs view, signals and will-apply in the program
list (refused beyond the count on every path), and geographic preferences."""

from __future__ import annotations

import json

from imgtui.persistence.paths import default_path, default_programs_path
from imgtui.widgets.program_list import ProgramList

from .helpers import make_app

GOLD = [{"name": f"IM {letter}", "specialty": "Internal Medicine", "state": "NY", "status": "applied",
         "signal": "gold", "checked": "2026-10-01"} for letter in "ABC"]
PROGRAMS = [*GOLD,
            {"name": "IM D", "specialty": "Internal Medicine", "state": "TX", "status": "applied",
             "institution": "IM A", "checked": "2026-10-01"},
            {"name": "Valley FM", "specialty": "Family Medicine", "state": "CA", "checked": "2026-10-01"}]


def write(programs=PROGRAMS) -> None:
    path = default_programs_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"schema": 1, "programs": programs}))


def saved() -> dict[str, dict]:
    return {p["name"]: p for p in json.loads(default_programs_path().read_text())["programs"]}


def notifications(app) -> str:
    return "\n".join(n.message for n in app._notifications)


def shown(widget) -> str:
    """What a line-drawn widget shows, as plain text."""
    return "\n".join("".join(s.text for s in line) for line in widget.lines_for(widget.content_region.width))


async def highlight(pilot, name: str) -> None:
    listing = pilot.app.screen.query_one(ProgramList)
    await pilot.press("home")
    for _ in range(len(listing.rows)):
        if listing.current is not None and listing.current.name == name:
            return
        await pilot.press("down")
    raise AssertionError(f"{name} is not in the list")


async def test_c_opens_the_costs_view_from_the_main_screen_and_the_program_list():
    write()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        assert type(app.screen).__name__ == "CostsScreen"
        table = shown(app.screen.query_one("#costs-table"))
        assert "Internal Medicine" in table and "$44" in table and "the 5th Internal Medicine program costs $11" in table
        status = str(app.screen.query_one("#costs-status").render())
        assert "Match 2027 = ERAS 2027 season" in status
        signals = shown(app.screen.query_one("#costs-signals"))
        assert "gold 3 of 3 (IM A, IM B, IM C)" in signals
        await pilot.press("escape", "p", "c")
        assert type(app.screen).__name__ == "CostsScreen"
        await pilot.press("c")
        assert type(app.screen).__name__ == "ProgramsScreen"


async def test_the_costs_header_gives_each_service_its_own_programs():
    em = [{"name": f"EM {n}", "specialty": "Emergency Medicine", "status": "applied", "checked": "2026-10-01"}
          for n in range(2)]
    write([*PROGRAMS, *em])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        table = shown(app.screen.query_one("#costs-table"))
        assert "ERAS $44 for 4 · ResidencyCAS " in table and " for 2 program(s) you apply to" in table
        assert "for 6 program(s)" not in table


async def test_the_palette_offers_the_costs_view():
    app = make_app()
    async with app.run_test(size=(120, 40)):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Costs of the season" in titles
        assert "Geographic preference: add Middle Atlantic" in titles


async def test_beside_the_list_the_price_of_one_more_program_and_the_signals():
    write()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await highlight(pilot, "Valley FM")
        detail = str(app.screen.query_one("#program-detail").render())
        assert "Family Medicine: 0 you apply to, $0 · the 1st Family Medicine program costs $11 ≈" in detail
        assert "Signals, Family Medicine: 5 · 0 of 5 · 5 left" in detail
        await pilot.press("w")  # will apply: now counted
        assert saved()["Valley FM"]["will_apply"] is True
        detail = str(app.screen.query_one("#program-detail").render())
        assert "Family Medicine: 1 you apply to, $11 · the 2nd Family Medicine program costs $11 ≈" in detail


async def test_the_signal_key_cycles_and_refuses_beyond_the_count():
    write()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await highlight(pilot, "Valley FM")
        await pilot.press("s")
        assert saved()["Valley FM"]["signal"] == "yes"
        await pilot.press("s")
        assert saved()["Valley FM"].get("signal", "") == ""

async def test_the_signal_key_skips_gold_when_the_gold_signals_are_used_up():
    silver = [{"name": f"IM S{i}", "specialty": "Internal Medicine", "signal": "silver"} for i in range(12)]
    write([*GOLD, {"name": "IM E", "specialty": "Internal Medicine", "checked": "2026-10-01"}])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await highlight(pilot, "IM E")
        await pilot.press("s")  # the three gold are used: silver, not "Not saved"
        assert saved()["IM E"]["signal"] == "silver"
        assert "Not saved" not in notifications(app)
        await pilot.press("s")  # silver → none
        assert saved()["IM E"].get("signal", "") == ""
    write([*GOLD, *silver, {"name": "IM E", "specialty": "Internal Medicine"}])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await highlight(pilot, "IM E")
        before = default_programs_path().read_bytes()
        await pilot.press("s")  # gold and silver all used: now it says so
        await pilot.pause()
        assert default_programs_path().read_bytes() == before
        assert "Not saved: every Internal Medicine signal is used (gold 3 of 3 · silver 12 of 12 · 0 left)" in (
            notifications(app))


async def test_the_institution_rule_in_the_app():
    write([*GOLD[:1], {"name": "IM D", "specialty": "Internal Medicine", "institution": "IM A"}])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await highlight(pilot, "IM D")
        await pilot.press("s", "s")  # gold, then silver: IM A's institution holds the signal
        await pilot.pause()
        assert saved()["IM D"].get("signal", "") == ""
        assert "IM A already holds your Internal Medicine signal" in notifications(app)


async def test_the_form_refuses_a_signal_beyond_the_count():
    write()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await highlight(pilot, "IM D")
        await pilot.press("enter")
        form = app.screen
        form.query_one("#pf-signal").value = "gold"
        form.query_one("#pf-signal").focus()
        await pilot.press("enter")
        assert "allows 3 gold signals" in str(form.query_one("#pf-error-signal").render())
        assert saved()["IM D"].get("signal", "") == ""
        form.query_one("#pf-signal").value = "silver"
        form.query_one("#pf-institution").value = "Elsewhere"
        await pilot.press("enter")
        await pilot.pause()
    assert saved()["IM D"]["signal"] == "silver" and saved()["IM D"]["institution"] == "Elsewhere"


async def test_an_import_in_the_app_with_one_signal_too_many_imports_nothing(tmp_path):
    write()
    csv_file = tmp_path / "more.csv"
    csv_file.write_text("Program,Specialty,Signal\nNew IM,Internal Medicine,gold\nNew FM,Family Medicine,yes\n")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p", "i", *str(csv_file), "enter")
        await pilot.pause()
        assert set(saved()) == {p["name"] for p in PROGRAMS}
        assert "nothing imported, 1 bad row(s)" in notifications(app)


async def test_geographic_preferences_from_the_palette_flag_programs_outside():
    write()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        for division in ("middle_atlantic", "pacific", "mountain"):
            app.choose_division(division)
        assert "preferred_divisions = [" in default_path().read_text()
        app.choose_division("new_england")  # a 4th: refused
        await pilot.pause()
        assert "up to 3 divisions" in notifications(app)
        assert app.session.chosen_divisions() == ("middle_atlantic", "pacific", "mountain")
        await pilot.press("p")
        flags = app.screen.flags
        listing = app.screen.query_one(ProgramList)
        by_name = {p.name: p.key for p in listing.rows}
        assert "outside your divisions (West South Central)" in flags[by_name["IM D"]]
        assert not any("divisions" in f for f in flags[by_name["IM A"]])
        await pilot.press("slash", *"division:pacific", "enter")
        assert [p.name for p in listing.rows] == ["Valley FM"]
