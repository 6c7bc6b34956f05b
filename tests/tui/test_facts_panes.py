"""What issue #13 put in the panes, driven with the pilot: passed projected dates, the OET
rule under a done step, visa items with their dates, newer outcomes, facts past their
refresh period."""

from __future__ import annotations

from imgtui.widgets.checklist import StepList
from imgtui.widgets.countdown import CountdownPane

from .helpers import make_app


def lines(widget) -> str:
    """The widget's text as drawn, lines joined with spaces (wrapping does not matter)."""
    return " ".join(widget.render_line(y).text.strip() for y in range(widget.size.height))


async def test_the_countdown_says_a_projected_date_passed_unconfirmed():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = lines(app.main_screen.query_one(CountdownPane))
        # Narrow lines: the site beside the title, the status beside the date.
        assert "Sep 15: NRMP registration opens — check nrmp.org" in shown
        assert "Tue 2026-09-15 12:00 ET  ≈ passed, unconfirmed" in shown
        assert "not yet published" not in shown and "≈ projected" in shown  # Match Day is still ahead


async def test_a_too_old_oet_date_is_flagged_under_the_ticked_step():
    app = make_app("[completed]\noet_medicine = 2022-06-01\n")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        steps = app.main_screen.query_one(StepList)
        row = next(r for r in steps.rows if r.id == "oet_medicine")
        assert "[x]" in row.text.plain and "⚠ OET taken 2022-06-01: too old for the 2027 Pathways" in row.text.plain


async def test_the_visa_pane_lists_what_changed_with_dates_and_as_of():
    from textual.widgets import Static

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        text = str(app.main_screen.query_one("#visa-updates", Static).render())
        for expected in ("H-1B: $100,000 payment on new petitions · 2025-09-21", "For you:",
                         "H-1B cap: weighted selection from FY2027 · 2026-02-27", "official, as of 2025-12-29",
                         "stated to expire 2026-09-21 unless extended", "unverified, as of 2026-11-25",
                         "Entry restrictions from 2025-06-09", "Burundi", "J-1: visa interviews paused", "not legal advice"):
            assert expected in text, expected
        await pilot.press("m")  # US IMG: no visa noise
        await pilot.pause()
        assert not app.main_screen.query_one("#visa-updates", Static).display


async def test_the_stats_pane_says_step1_is_pass_fail_and_shows_newer_outcomes_on_o():
    from textual.widgets import Static

    from imgtui.widgets.stats import SpecialtyTable, StatsPane

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        pane = app.main_screen.query_one(StatsPane)
        source = str(pane.query_one("#stats-source", Static).render())
        assert source.startswith("Step 1 pass/fail since 2022-01-26: compare Step 2 CK")
        assert [c.title for c in pane.query_one(SpecialtyTable).columns][2:4] == ["CK M", "CK U"]
        await pilot.press("o")
        outcomes = pane.query_one("#stats-outcomes", Static)
        assert outcomes.display and not pane.query_one(SpecialtyTable).display
        text = str(outcomes.render())
        assert "a different table from the guide's 2018 figures" in text
        assert "58.0% (6,653 of 11,465) •" in text and "59.4% (5,032) ✓" in text and "Internal Medicine 43.0% •" in text
        assert "Match outcomes 2018-2025" in pane.border_subtitle
        await pilot.press("o")
        assert pane.query_one(SpecialtyTable).display and not outcomes.display


async def test_the_app_says_facts_as_of_and_warns_where_a_pane_relies_on_stale_facts():
    from textual.widgets import Static

    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        bar = str(app.main_screen.query_one("#statusbar", Static).render())
        assert "facts as of 2026-11-25 (⚠" in bar and "stale)" in bar
        note = str(app.main_screen.query_one("#visa-note", Static).render())
        assert "changes since 2025 below (⚠" in note and "stale)" in note
        updates = str(app.main_screen.query_one("#visa-updates", Static).render())
        assert "reported, as of 2025-10-20 · past six months: check it" in updates
        assert "of these are past six months since their as_of" in updates
        assert "unverified, as of 2026-11-25 · past" not in updates
        await pilot.press("5", "o")
        assert "⚠ past one Match" in str(app.main_screen.query_one("#stats-outcomes", Static).render())
        await pilot.press("1")
        steps = app.main_screen.query_one(StepList)
        steps.cursor = next(i for i, r in enumerate(steps.rows) if r.id == "oet_medicine")
        await pilot.pause()
        why = str(app.main_screen.query_one("#step-why", Static).render())
        assert "⚠ as of 2024-12-20: past its refresh period" in why


async def test_your_facts_show_as_yours_and_a_broken_file_is_said():
    from imgtui.persistence.paths import config_dir

    folder = config_dir() / "facts"
    folder.mkdir(parents=True)
    (folder / "m.toml").write_text('kind = "match"\nmatch_year = 2027\n[[dates]]\nid = "match_day"\n'
                                   'title = "Match Day (results at noon ET)"\ndate = 2027-03-26\ntime = "12:00"\n'
                                   'source = "https://www.nrmp.org/match-calendars/"\nas_of = 2026-12-01\n')
    (folder / "z-bad.toml").write_text('kind = "match"\nmatch_year = "next"\n')
    app = make_app()
    told: list[str] = []
    app.notify = lambda message, **options: told.append(message)  # what the person is told
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = lines(app.main_screen.query_one(CountdownPane))
        assert "Fri 2027-03-26 12:00 ET  ✎ yours" in shown
        assert any("Your facts file was not used:" in t and "z-bad.toml: match_year: expected an integer" in t
                   for t in told)
