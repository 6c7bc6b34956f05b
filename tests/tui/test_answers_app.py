"""Issue #12 in the app: real dates for done steps, one count of days on every surface, the
person's time zone, keys and words that match the screen, one theme picker, panes that fit."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest

from imgtui.cli import main
from imgtui.persistence.paths import default_path, default_programs_path
from imgtui.persistence.progress_store import tomllib
from imgtui.widgets.checklist import StepList
from imgtui.widgets.countdown import CountdownPane
from imgtui.widgets.keybar import KeyBar
from imgtui.widgets.program_list import ProgramList
from imgtui.widgets.stats import SpecialtyTable

from ..conftest import NOW
from .helpers import make_app
from .test_app import pane_lines
from .test_programs_screen import write_programs


def saved() -> dict:
    return tomllib.loads(default_path().read_text())


def keys_shown(app) -> list[str]:
    """The descriptions in the key bar of the screen on top (what the person sees)."""
    return [k.description for k in app.screen.query_one(KeyBar).keys]


def key_bar_text(app) -> str:
    return str(app.screen.query_one(KeyBar).content)


def countdown_text(app) -> str:
    return "\n".join(pane_lines(app.query_one(CountdownPane)))


def go_to_step(app, step_id: str) -> None:
    steps = app.query_one(StepList)
    steps.cursor = next(i for i, row in enumerate(steps.rows) if row.id == step_id)


# -- 3. Real dates for done steps: d on a done step ---------------------------------------

async def test_d_sets_the_real_date_of_a_done_step():
    app = make_app("[completed]\nstep1 = 2026-11-24\n")  # ticked on first launch: "today"
    async with app.run_test(size=(120, 40)) as pilot:
        go_to_step(app, "step2ck")
        await pilot.pause()
        assert "Date" not in keys_shown(app)  # d acts only on a step with a date
        await pilot.press("d")
        assert type(app.screen).__name__ == "MainScreen"
        go_to_step(app, "step1")
        await pilot.pause()
        assert "Date" in keys_shown(app)
        await pilot.press("d")
        assert type(app.screen).__name__ == "DateScreen"
        assert "Tick/untick" not in keys_shown(app) and keys_shown(app) == ["Cancel"]
        await pilot.press(*"2026-11-25", "enter")  # tomorrow: refused, said, nothing saved
        assert type(app.screen).__name__ == "DateScreen"
        assert "is after today" in str(app.screen.query_one("#date-error").content)
        assert saved()["completed"]["step1"] == date(2026, 11, 24)
        await pilot.press("ctrl+u", *"2024-05-02", "enter")
        assert type(app.screen).__name__ == "MainScreen"
        assert saved()["completed"]["step1"] == date(2024, 5, 2)
        row = next(r for r in app.query_one(StepList).rows if r.id == "step1")
        assert "2024-05-02" in row.text.plain
        await pilot.press("u")  # one undoable change
        assert saved()["completed"]["step1"] == date(2026, 11, 24)


async def test_d_on_a_pathway_that_a_late_cs_tick_fails_to_satisfy_sets_the_cs_date():
    app = make_app("[completed]\nstep1 = 2025-01-01\nstep2ck = 2025-06-01\nstep2cs = 2026-11-24\n")
    async with app.run_test(size=(120, 40)) as pilot:
        row = next(r for r in app.query_one(StepList).rows if r.id == "clinical_skills")
        assert row.text.plain.startswith("[ ]") and "does not count (only before 2021-01-26)" in row.text.plain
        matrix = {a.action.id: a for a in app.main_screen.situation.actions}
        assert not matrix["submit_rank_list"].allowed
        go_to_step(app, "clinical_skills")
        await pilot.press("d")
        assert type(app.screen).__name__ == "DateScreen"
        await pilot.press("ctrl+u", *"2020-06-01", "enter")
        assert saved()["completed"]["step2cs"] == date(2020, 6, 1)
        states = {s.step.id: s for s in app.main_screen.situation.steps}
        assert states["clinical_skills"].how == "satisfied" and states["oet_medicine"].how == "satisfied"
        assert {a.action.id: a for a in app.main_screen.situation.actions}["submit_rank_list"].allowed


async def test_a_cs_tick_that_cannot_count_is_marked_and_space_unticks_it():
    app = make_app('rules = "guide-2019"\n[completed]\nstep2cs = 2026-11-24\n')
    async with app.run_test(size=(120, 40)) as pilot:
        row = next(r for r in app.query_one(StepList).rows if r.id == "step2cs")
        assert row.text.plain.startswith("[!] Pass USMLE Step 2 CS")
        assert "2026-11-24: does not count (only before 2021-01-26)" in row.text.plain
        go_to_step(app, "step2cs")
        await pilot.pause()
        assert "Date" in keys_shown(app)
        await pilot.press("space")
        assert "step2cs" not in saved()["completed"]


# -- 4. One way to count days: the same number on every surface ----------------------------

def leading_days(value: str) -> int:
    return int(re.match(r"\s*(\d+)d ", value)[1])


@pytest.mark.parametrize("hour", [10, 14])
async def test_every_surface_shows_the_same_days_for_a_deadline(hour, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # `imgtui status`: one table row a line
    now = NOW.replace(hour=hour)
    # 10:00: 9 days 14 hours to the end of Thursday 2026-12-03 (the countdown used to say 8d,
    # the checklist "in 9 days"). 14:00: Match Day is 114 days 21 hours away (status --json said 115).
    expected = {"skills_latest_safe": 9, "match_day": 114 if hour == 14 else 115}
    code = main(["status", "--json"], clock=lambda: now)
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    json_days = {d["id"]: d["days_left"] for d in data["deadlines"]}
    main(["status"], clock=lambda: now)
    text = capsys.readouterr().out
    app = make_app(now=now)
    async with app.run_test(size=(120, 40)) as pilot:
        checklist = next(r for r in app.query_one(StepList).rows if r.id == "clinical_skills").text.plain
        tickers = app.query_one(CountdownPane).tickers
        await pilot.press("t")
        timeline = app.screen.query_one("#timeline-list")
        cells = {row.id: timeline.cells_of(row) for row in timeline.rows if row is not None}
    surfaces = {
        "status --json": json_days,
        "timeline": {i: leading_days(cells[i][3][0]) for i in expected},
        "countdown": {"skills_latest_safe": leading_days(tickers["next"]), "match_day": leading_days(tickers["match_day"])},
    }
    for surface, days in surfaces.items():
        assert {i: days[i] for i in expected} == expected, surface
    assert f"in {expected['skills_latest_safe']} days" in checklist
    rows = {line.split("│")[1].strip().split(":")[0]: line for line in text.splitlines() if line.count("│") >= 3}
    assert leading_days(rows["Match Day (results at noon ET)"].split("│")[2]) == expected["match_day"]
    assert leading_days(rows["Pathway and OET"].split("│")[2]) == expected["skills_latest_safe"]


# -- 5. Next skips what is done --------------------------------------------------------------

async def test_the_countdowns_next_skips_a_step_done_or_implied():
    early = NOW.replace(month=3, day=1)  # before the latest safe start of status verification
    app = make_app("match_year = 2027\n[completed]\nstep1 = 2026-02-01\n", now=early)  # implies status verification
    async with app.run_test(size=(120, 40)):
        next_line = next(line for line in pane_lines(app.query_one(CountdownPane)) if "Next:" in line)
        assert "Status verification" not in next_line
    app = make_app("match_year = 2027\n", now=early)
    async with app.run_test(size=(120, 40)):
        next_line = next(line for line in pane_lines(app.query_one(CountdownPane)) if "Next:" in line)
        assert "Next: Status verification: latest safe start" in next_line


# -- 6. The person's own time zone ------------------------------------------------------------

async def test_match_day_in_the_chosen_zone_and_the_status_line_names_it():
    app = make_app('timezone = "Asia/Kolkata"\n')
    async with app.run_test(size=(120, 40)):
        assert "Fri 2027-03-19 12:00 ET = 21:30 Asia/Kolkata" in countdown_text(app)
        assert "· Asia/Kolkata ·" in str(app.query_one("#statusbar").content)
    default_path().unlink()
    app = make_app()  # no zone saved: the system's (TZ, Eastern here): nothing to convert
    async with app.run_test(size=(120, 40)):
        assert re.search(r"Fri 2027-03-19 12:00 ET\s+≈ projected", countdown_text(app))
        assert "· America/New_York ·" in str(app.query_one("#statusbar").content)
    app = make_app(timezone="Asia/Tokyo")  # --tz for one run
    async with app.run_test(size=(120, 40)):
        assert "= Sat 03-20 01:00 Asia/Tokyo" in countdown_text(app)


async def test_the_palette_sets_the_zone_from_a_searchable_list():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        next(c for c in app.get_system_commands(app.screen) if c.title == "Set time zone…").callback()
        await pilot.pause()
        assert type(app.screen).__name__ == "CommandPalette"
        await pilot.press(*"Asia/Kolkata")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert saved()["timezone"] == "Asia/Kolkata"
        assert "= 21:30 Asia/Kolkata" in countdown_text(app)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Time zone: use the system's" in titles
        messages = []
        app.notify = lambda message, **options: messages.append(message)
        await pilot.press("u")
        assert "timezone" not in saved() and messages == ["Undone. Now: time zone the system’s"]


# -- 8. The program form ------------------------------------------------------------------------

async def test_the_form_takes_typing_at_once_and_asks_before_discarding():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "a", *"Mercy IM")
        form = app.screen
        assert form.query_one("#pf-name").value == "Mercy IM"
        await pilot.press("escape")
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("n")
        assert app.screen is form and form.query_one("#pf-name").value == "Mercy IM"
        await pilot.press("escape", "y")
        assert type(app.screen).__name__ == "ProgramsScreen"
        await pilot.press("a", "escape")  # nothing typed: closes at once
        assert type(app.screen).__name__ == "ProgramsScreen"
    assert not default_programs_path().exists()


async def test_the_status_hint_is_not_cut_off():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "a")
        label = next(w for w in app.screen.query("Label") if "Status" in str(w.content))
        assert "withdrawn" in str(label.content) and label.size.height >= 2  # wrapped, all of it shown
        assert label.size.width <= app.screen.query_one("#program-form").content_region.width


# -- 9. Export with the path left empty ----------------------------------------------------------

async def test_export_with_an_empty_path_uses_the_shown_default(tmp_path):
    write_programs()
    target = default_path().parents[2] / "programs.csv"  # ~ is HOME (conftest)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        messages = []
        app.notify = lambda message, **options: messages.append(message)
        await pilot.press("p", "x", "enter")
        await pilot.pause()
    assert target.exists() and target.read_text().startswith("Program,")
    assert messages == [f"Wrote 3 program(s) to {target}"]


async def test_import_with_an_empty_path_says_nothing_was_imported():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        messages = []
        app.notify = lambda message, **options: messages.append(message)
        await pilot.press("p", "i", "enter")
        await pilot.pause()
    assert messages == ["Nothing imported: no file given."]


# -- 10. Undo names the state as it is now --------------------------------------------------------

async def test_undo_of_a_mode_switch_names_the_mode_now():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        messages = []
        app.notify = lambda message, **options: messages.append(message)
        await pilot.press("m", "u")
        assert messages == ["Mode: US IMG", "Undone. Now: mode non-US IMG"]
        await pilot.press("space", "u")
        assert messages[-1] == "Undone. Now: Get a USMLE/ECFMG ID not done"


# -- 11. The timeline ticks; every key bar shows only keys that act there --------------------------

async def test_the_timeline_ticks_and_shows_its_own_keys():
    moment = [NOW]
    app = make_app(clock=lambda: moment[0])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        timeline = app.screen.query_one("#timeline-list")
        skills = next(r for r in timeline.rows if r is not None and r.id == "skills_latest_safe")
        assert timeline.cells_of(skills)[3][0] == "9d 14:00:00"
        moment[0] = NOW + timedelta(seconds=1)
        app.screen.tick()
        await pilot.pause()
        assert timeline.cells_of(skills)[3][0] == "9d 13:59:59"
        assert keys_shown(app) == ["Close"]  # not the main screen's space, s, m…
        assert "Tick/untick" not in key_bar_text(app) and "Sort" not in key_bar_text(app)
        # The selected entry's detail is below the one-line entries.
        assert "Rule:" in str(app.screen.query_one("#timeline-detail").content)
        assert all(row is None or "\n" not in row.title for row in timeline.rows)
        await pilot.press("escape", "question_mark")
        assert keys_shown(app) == ["Close help"]
        await pilot.press("escape", "e")
        assert keys_shown(app) == ["Cancel"]  # a field has focus: its printable keys type


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
async def test_the_key_bar_keeps_programs_and_the_palette(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = key_bar_text(app)
        assert len(text) <= size[0]
        for wanted in ("Tick/untick", "Timeline", "p", "Programs", "^p", "palette", "Help"):
            assert wanted in text
        await pilot.press("p")
        await pilot.pause()
        text = key_bar_text(app)
        assert len(text) <= size[0] and "Add" in text and "Filter" in text and "^p" in text


# -- 13. One theme picker, saved ------------------------------------------------------------------

async def test_one_theme_picker_with_every_theme_and_the_choice_saved():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles.count("Theme") == 1 and not [t for t in titles if "theme" in t.lower() and t != "Theme"]
        next(c for c in app.get_system_commands(app.screen) if c.title == "Theme").callback()
        await pilot.pause()
        assert type(app.screen).__name__ == "CommandPalette"
        await pilot.press(*"dracula")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "dracula" and saved()["theme"] == "dracula"
        await pilot.press("u")
        assert app.theme == "textual-dark" and "theme" not in saved()
        # Esc out of the picker keeps the saved theme.
        next(c for c in app.get_system_commands(app.screen) if c.title == "Theme").callback()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.theme == "textual-dark" and not default_path().read_text().count("theme")


async def test_the_picker_offers_every_theme():
    from imgtui.app import SavedThemeProvider

    app = make_app()
    async with app.run_test(size=(80, 24)):
        provider = SavedThemeProvider(app.screen)
        assert sorted(name for name, _ in provider.commands) == sorted(app.available_themes)
        assert len(app.available_themes) > 2


@pytest.mark.parametrize(("written", "theme"), [("light", "textual-light"), ("dark", "textual-dark"),
                                                 ("nord", "nord"), ("no-such-theme", "textual-dark")])
async def test_older_and_unknown_saved_themes(written, theme):
    app = make_app(f'theme = "{written}"\n')
    async with app.run_test(size=(80, 24)):
        assert app.theme == theme


# -- 15/16. Panes that fit ---------------------------------------------------------------------------

SIZES = [(80, 24), (120, 40), (200, 60)]


def content_rows(app, pane: str) -> int:
    """Rows of a pane's own content on screen, under its fixed header (table headings,
    the visa note and the J-1/H-1B heading, the stats filter box)."""
    from imgtui.widgets.visa import visa_grid

    widget = app.query_one(f"#{pane}")
    if pane == "visa":
        table = app.query_one("#visa-table")
        note = app.query_one("#visa-note").outer_size.height
        lines = visa_grid(app.main_screen.situation and app.session.catalog.visa, table.content_region.width, app.console)
        heading = next(i for i, line in enumerate(lines) if "".join(s.text for s in line).startswith("─"))
        return widget.scrollable_content_region.height - note - heading - 1
    if pane == "stats":
        return app.query_one(SpecialtyTable).scrollable_content_region.height - 1
    if pane == "checklist":
        return app.query_one(StepList).scrollable_content_region.height
    if pane == "matrix":
        return widget.scrollable_content_region.height - 1
    return widget.content_region.height


@pytest.mark.parametrize("size", SIZES)
async def test_no_pane_shows_only_its_header(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        for key, pane in (("1", "checklist"), ("2", "matrix"), ("3", "countdown"), ("4", "visa"), ("5", "stats")):
            await pilot.press(key)  # narrow: one pane at a time; wide: all at once
            await pilot.pause()
            assert content_rows(app, pane) >= 3, (size, pane)


async def test_panes_share_the_width_as_it_grows():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        at_120 = {p: app.query_one(f"#{p}").size.width for p in ("checklist", "visa", "stats")}
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        at_200 = {p: app.query_one(f"#{p}").size.width for p in ("checklist", "visa", "stats")}
    assert at_200["checklist"] == at_200["visa"] and at_200["checklist"] >= 70  # was 46 at every width
    assert at_200["stats"] >= 110 and at_200["checklist"] > at_120["checklist"] + 20


async def test_programs_at_80_columns_abbreviate_statuses_and_show_flags_as_symbols():
    write_programs()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        listing = app.screen.query_one(ProgramList)
        assert listing.virtual_size.width <= listing.scrollable_content_region.width  # no sideways scrolling
        cells = {p.name: [text for text, _ in listing.cells_of(p)] for p in listing.rows}
        assert cells["Harbor H-1B IM"][-2:] == ["iv offer", "H"]
        assert cells["Lakeside Peds"][-1] == "✗↻"
        legend = str(app.screen.query_one("#program-legend").content)
        assert app.screen.query_one("#program-legend").display
        assert "iv offer = interview offered" in legend and "✗ sponsors no visa" in legend
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not app.screen.query_one("#program-legend").display
        assert {p.name: listing.cells_of(p)[6][0] for p in listing.rows}["Harbor H-1B IM"] == "interview offered"


# -- 2. The guide's rules are history, where the rule set is shown in the app -----------------------

async def test_the_app_says_when_the_guides_rules_are_history():
    app = make_app(rules="guide-2019", match_year=2027)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "rules: guide-2019 (history, not advice) · Match 2027" in str(app.query_one("#statusbar").content)
        titles = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert titles["Switch rule set: current"].startswith("Step 2 CS replaced")
        await pilot.press("t")
        assert "HISTORY, not advice" in app.screen.query_one("#timeline-box").border_title
    app = make_app(rules="guide-2019", match_year=2020)  # the guide's own era: no such note
    async with app.run_test(size=(120, 40)):
        assert "history" not in str(app.query_one("#statusbar").content)
    app = make_app(match_year=2027)  # from the current rules, the palette warns before switching
    async with app.run_test(size=(120, 40)):
        titles = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert titles["Switch rule set: guide-2019"].startswith("HISTORY for Match 2027, not advice.")


async def test_the_minute_refresh_repaints_only_the_running_values():
    """Views refresh each minute (whole days change at a deadline's minute): over SSH that
    must still be a dozen characters, not the whole countdown pane."""
    moment = [NOW + timedelta(seconds=58)]
    app = make_app(clock=lambda: moment[0])
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.query_one(CountdownPane)
        refreshed = []
        original = pane.refresh
        pane.refresh = lambda *regions, **options: refreshed.append((regions, options)) or original(*regions, **options)
        moment[0] = NOW + timedelta(minutes=1)
        app.main_screen.tick()
        await pilot.pause()
        assert pane.tickers["match_day"] == "115d 00:59:00"
        assert refreshed and all(regions and not options for regions, options in refreshed)
        assert all(r.height == 1 and r.width == len("115d 00:59:00") for regions, _ in refreshed for r in regions)


async def test_a_future_done_date_opens_the_app_writable_and_says_so():
    """#11 point 5 in the app: a stored date never locks the file; it is a warning."""
    from textual.widgets import Static

    from .helpers import shown_notifications

    app = make_app("[completed]\nusmle_id = 2031-01-01\n")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert app.files.progress.problem is None
        assert any("2031-01-01 is in the future" in text for text in shown_notifications(app))
        assert "READ-ONLY" not in str(app.screen.query_one("#statusbar", Static).render())
