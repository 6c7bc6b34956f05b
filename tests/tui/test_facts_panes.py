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
        assert "≈ passed, not confirmed here — check nrmp.org/match-calendars/" in shown
        assert "not yet published" not in shown


async def test_a_too_old_oet_date_is_flagged_under_the_ticked_step():
    app = make_app("[completed]\noet_medicine = 2022-06-01\n")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        steps = app.main_screen.query_one(StepList)
        row = next(r for r in steps.rows if r.id == "oet_medicine")
        assert "[x]" in row.text.plain and "⚠ OET taken 2022-06-01: too old for the 2027 Pathways" in row.text.plain
