"""The app's behaviour, driven with Textual's pilot: what is saved, undone, reloaded."""

from __future__ import annotations

import gc
from datetime import timedelta

from imgtui.persistence.paths import default_path
from imgtui.persistence.progress_store import tomllib  # the reader the app uses (tomli before 3.11)
from imgtui.widgets.checklist import StepList
from imgtui.widgets.countdown import CountdownPane
from imgtui.widgets.panebar import PaneBar
from imgtui.widgets.stats import StatsPane

from ..conftest import NOW
from .helpers import make_app


SOME_PROGRESS_FOR_KEYS = "schema = 1\n[completed]\nusmle_id = 2026-01-10\n"


def saved() -> dict:
    return tomllib.loads(default_path().read_text())


async def test_nothing_is_written_until_something_changes():
    async with make_app().run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down", "5", "3")
    assert not default_path().exists()


async def test_space_ticks_enter_unticks_and_undo_restores():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.focused is app.query_one(StepList)  # focus starts on the checklist
        await pilot.press("space")
        assert saved()["completed"] == {"usmle_id": NOW.date()}
        assert oct(default_path().stat().st_mode & 0o777) == "0o600"
        await pilot.press("enter")
        assert saved()["completed"] == {}
        await pilot.press("u")
        assert saved()["completed"] == {"usmle_id": NOW.date()}


async def test_mode_switch_is_saved_and_changes_the_panes():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        assert saved()["mode"] == "us-img"
        assert "visa_granted" not in [s.step.id for s in app.main_screen.situation.steps]
        assert not app.query_one("#visa-table").display
        await pilot.press("4", "v")
        assert app.query_one("#visa-table").display
        await pilot.press("m")
        assert saved()["mode"] == "non-us-img"


async def test_palette_settings_are_saved():
    app = make_app()
    async with app.run_test(size=(120, 40)):
        for command in ("Set target Match year 2028", "Switch rule set: guide-2019"):
            next(c for c in app.get_system_commands(app.screen) if c.title == command).callback()
        data = saved()
        assert (data["match_year"], data["rules"]) == (2028, "guide-2019")
        assert "step2cs" in [s.step.id for s in app.main_screen.situation.steps]
        commands = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in ("Set target Match year 2027", "Switch rule set: current", "Edit my scores", "Theme"):
            assert wanted in commands


async def test_unknown_keys_and_other_steps_survive_the_apps_saves():
    app = make_app('nickname = "Ada"\n[completed]\nletters = 2026-02-01\n')
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
    data = saved()
    assert data["nickname"] == "Ada" and set(data["completed"]) == {"letters", "usmle_id"}


async def test_score_form_validates_before_saving():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "tab", *"999", "enter")
        assert "from 1 to 300" in str(app.screen.query_one("#error-step2ck").render())
        assert not default_path().exists()
        await pilot.press("ctrl+u", *"246", "shift+tab", *"pass", "enter")
        await pilot.pause()
    assert saved()["scores"] == {"step1": "pass", "step2ck": 246}


async def test_my_score_is_compared_per_specialty():
    app = make_app("[scores]\nstep2ck = 241\n")
    async with app.run_test(size=(120, 40)):
        table = app.query_one(StatsPane).query_one("#stats-table")
        verdicts = {row.specialty: table.cells_of(row)[1][0] for row in table.rows}  # the "Your CK" column
        assert verdicts["Internal Medicine"] == "at mean"  # non-US IMG matched mean 241: equal is not above
        assert verdicts["Family Medicine"] == "above"  # 231
        assert verdicts["General Surgery"] == "between"  # 249 / 240
        assert verdicts["Interventional Radiology"] == "no data"


async def test_the_stats_filter_box_is_made_when_first_wanted():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert not app.query("#stats-filter") and app.query_one("#stats-filter-hint")
        await pilot.click("#stats-filter-hint")
        await pilot.press(*"surg")
        table = app.query_one("#stats-table")
        assert app.focused.id == "stats-filter" and not app.query("#stats-filter-hint")
        assert [r.specialty for r in table.rows] == ["General Surgery", "Neurological Surgery", "Orthopaedic Surgery",
                                                     "Plastic Surgery", "Vascular Surgery"]
        await pilot.press("enter", "/")  # back to the table, and / finds the same box again
        assert app.focused.id == "stats-filter" and app.query_one("#stats-filter").value == "surg"


async def test_a_corrupt_file_opens_read_only_and_is_never_written():
    bad = b'mode = "us-img\n[completed\n'
    app = make_app(bad.decode())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "progress.toml" in str(app.screen.query_one("#problem-text").render())
        await pilot.press("escape", "space", "m")
        assert default_path().read_bytes() == bad
        assert "READ-ONLY" in str(app.query_one("#statusbar").render())


async def test_back_up_and_start_fresh():
    bad = 'match_year = "soon"\n'
    app = make_app(bad)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#fresh")
        await pilot.pause()
        await pilot.press("space")
    backups = list(default_path().parent.glob("progress.toml.bad-*"))
    assert len(backups) == 1 and backups[0].read_text() == bad
    assert oct(backups[0].stat().st_mode & 0o777) == "0o600"
    assert saved()["completed"] == {"usmle_id": NOW.date()}


async def test_changes_from_another_instance_are_picked_up():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        path = default_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("[completed]\nletters = 2026-02-01\n")
        app.files.poll()
        await pilot.pause()
        assert next(s for s in app.main_screen.situation.steps if s.step.id == "letters").done


async def test_the_countdown_ticks_every_second_and_only_the_ticker_changes():
    moment = [NOW]
    app = make_app(clock=lambda: moment[0])
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.query_one(CountdownPane)
        before = pane.tickers["match_day"]
        refreshed = []
        original = pane.refresh
        pane.refresh = lambda *regions, **options: refreshed.append((regions, options)) or original(*regions, **options)
        moment[0] = NOW + timedelta(seconds=1)
        app.main_screen.tick()
        await pilot.pause()
        # 10:00 EST to 12:00 EDT four months later is 115 days and one real hour.
        assert before == "115d 01:00:00" and pane.tickers["match_day"] == "115d 00:59:59"
        assert pane.tickers["september_15"] == "69 days ago"  # 69 days 23 hours: whole days
        # Only the two running values' cells were marked for repainting, and no layout.
        assert [(r.height, r.width) for regions, _ in refreshed for r in regions] == [(1, len("115d 00:59:59"))] * 2
        assert all(regions and not options for regions, options in refreshed)

        # When the next deadline passes, the third countdown moves on to the one after it.
        first_next = next(line for line in pane_lines(pane) if "Next:" in line)
        upcoming = next(d for d in app.main_screen.situation.deadlines if d.at > NOW)
        moment[0] = upcoming.at + timedelta(seconds=1)
        app.main_screen.tick()
        await pilot.pause()
        assert next(line for line in pane_lines(pane) if "Next:" in line) != first_next


async def test_no_traceback_at_any_size_down_to_tiny():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        for size in [(80, 24), (40, 12), (20, 5), (200, 60), (39, 11), (110, 34), (60, 20), (1, 1), (80, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert app.screen.has_class("narrow") and not app.screen.has_class("too-small")
        await pilot.resize_terminal(30, 10)
        await pilot.pause()
        assert app.screen.has_class("too-small")


async def test_no_key_acts_behind_the_too_small_note_and_focus_comes_back():
    app = make_app(SOME_PROGRESS_FOR_KEYS)
    before = default_path().read_bytes()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down")  # the checklist's cursor on its second step
        await pilot.resize_terminal(30, 8)
        await pilot.pause()
        assert app.screen.has_class("too-small") and app.focused is None
        keys = ["space", "m", "down", "space", "enter", "u", "e", "t", "p", "k", "l", "c", "d", "s", "o", "slash",
                "1", "2", "3", "4", "5", "tab", "v", "question_mark", "ctrl+p"]
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is app.main_screen, key  # no view, dialog, help or palette opened unseen
        assert default_path().read_bytes() == before  # nothing ticked, switched or undone
        assert app.main_screen.active_pane == "checklist"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        steps = app.query_one(StepList)
        assert app.focused is steps and steps.cursor == 2  # back where it was, the cursor unmoved
        await pilot.press("space")
        assert "ecfmg_application" in saved()["completed"]  # keys act again
        await pilot.resize_terminal(30, 8)
        await pilot.pause()
        await pilot.press("q")  # quitting still works
    assert app.return_code == 0


async def test_started_in_a_too_small_window_nothing_acts_until_it_grows():
    app = make_app()
    async with app.run_test(size=(30, 8)) as pilot:
        await pilot.press("space", "m", "down", "space")
        assert not default_path().exists()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.focused is app.query_one(StepList)


async def test_ssh_turns_animation_off(monkeypatch):
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22")
    assert make_app().animation_level == "none"


async def test_behind_schedule_is_flagged_in_the_checklist_and_countdown():
    app = make_app("[completed]\nusmle_id = 2026-01-10\n")
    async with app.run_test(size=(120, 40)) as pilot:
        steps = app.query_one(StepList)
        prompt = next(row.text for row in steps.rows if row.id == "step2ck").plain
        assert "⚠ latest safe date was 2026-08-05 — 110 days ago" in prompt  # over when 08-05 ended
        pane = app.query_one(CountdownPane)
        assert pane.warnings[0] == "Pathway and OET: latest safe date to meet them is 2026-12-03 — in 9 days"
        assert "Step 1: latest safe test date was 2026-08-05 — 110 days ago" in pane.warnings
        # Wide: one line is left under the countdowns; it says how many more there are.
        last = pane_lines(pane)[-1]
        assert last.startswith("⚠ Pathway and OET: latest safe") and last.endswith(f"(+{len(pane.warnings) - 1} more: press t)")
        await pilot.resize_terminal(80, 24)
        await pilot.press("3")
        await pilot.pause()
        lines = pane_lines(pane)
        assert "⚠ Step 1: latest safe test date was 2026-08-05 — 110 days ago" in lines
        await pilot.press("t")
        assert type(app.screen).__name__ == "TimelineScreen"
        await pilot.press("escape")
        assert type(app.screen).__name__ == "MainScreen"


async def test_the_pane_bar_picks_a_pane_by_click_and_follows_the_number_keys():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(PaneBar)
        assert bar.pane_at(0) == "checklist" and bar.pane_at(len(" 1 Checklist ")) is None  # in the gap
        x = str(bar.render()).index("3 Countdown")
        await pilot.click(PaneBar, offset=(x + 2, 0))
        assert app.main_screen.active_pane == "countdown" and app.query_one("#countdown").display
        assert not app.query_one("#checklist").has_class("-active")
        await pilot.press("5")
        text = bar.render()
        assert bar.active == "stats" and [text.plain[s.start:s.end] for s in text.spans if s.style] == [" 5 Stats "]


async def test_the_collector_resumes_after_the_first_frame():
    """The console script pauses the garbage collector for start-up (see imgtui.launch)."""
    gc.disable()
    try:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


def pane_lines(pane) -> list[str]:
    """The pane's content as drawn, trailing blanks dropped."""
    lines = [pane.render_line(y).text.rstrip() for y in range(pane.size.height)]
    while lines and not lines[-1]:
        lines.pop()
    return lines


async def test_a_table_column_the_pane_edge_would_cut_is_left_blank_never_a_partial_number():
    import re

    from imgtui.widgets.stats import SpecialtyTable

    app = make_app("[scores]\nstep2ck = 241\n")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        table = app.query_one(SpecialtyTable)

        def drawn() -> tuple[str, list[tuple[str, list[str]]]]:
            """The header and rows as seen: each line as far as the scrollbar (which covers the rest)."""
            seen = table.scrollable_content_region.width
            rows = []
            for y in range(1, table.scrollable_content_region.height):
                index = table.scroll_offset.y + y - 1
                if index < len(table.rows):
                    full = [text for text, _style in table.cells_of(table.rows[index])]
                    rows.append((table.render_line(y).text[:seen], full))
            return table.render_line(0).text[:seen], rows

        header, rows = drawn()
        for line, full in rows:
            for number in re.findall(r"\S*\d\S*", line):
                assert number in full, (number, line)  # 234 never drawn as 23
        titles = [c.title for c in table.columns]
        assert "›" in header and "S1 M†" not in header  # a column cut by the edge: blank, marked
        for _ in range(20):  # scrolling sideways still works: the cut column comes whole into view
            await pilot.press("right")
        header, rows = drawn()
        assert "S1 M†" in header and "‹" in header and titles[0] not in header
        for line, full in rows:
            for number in re.findall(r"\S*\d\S*", line):
                assert number in full, (number, line)


async def test_esc_leaves_the_stats_filter_box_and_the_key_bar_says_so():
    from imgtui.widgets.keybar import KeyBar
    from imgtui.widgets.stats import OutcomesView, SpecialtyTable

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "slash", *"med")
        box = app.query_one("#stats-filter")
        assert app.focused is box
        assert "Back to table" in [k.description for k in app.query_one(KeyBar).keys]
        await pilot.press("escape")
        assert app.focused is app.query_one(SpecialtyTable) and box.value == "med"  # out; the filter stays
        assert "Back to table" not in [k.description for k in app.query_one(KeyBar).keys]
        await pilot.press("o")  # a key for the pane again, not a letter in the box
        assert box.value == "med" and app.query_one(OutcomesView).display
