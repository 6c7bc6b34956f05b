"""Pictures of the app in fixed states: frozen clock, fixed sizes, no blinking cursor.
Update after a deliberate change of look with `pytest --snapshot-update` and review the SVGs."""

from __future__ import annotations

import pytest

from .helpers import make_app

WIDE, NARROW, LARGE = (120, 40), (80, 24), (200, 60)
SIZES = [NARROW, WIDE, LARGE]
SOME_PROGRESS = """schema = 1
mode = "non-us-img"
[completed]
usmle_id = 2026-01-10
ecfmg_application = 2026-01-20
step1 = 2026-06-20
[scores]
step2ck = 241
"""


class TestWholeScreen:
    def test_wide_default(self, snap_compare):
        assert snap_compare(make_app(), terminal_size=WIDE)

    def test_wide_with_progress(self, snap_compare):
        assert snap_compare(make_app(SOME_PROGRESS), terminal_size=WIDE)

    def test_wide_us_img_guide_rules(self, snap_compare):
        app = make_app(SOME_PROGRESS.replace('"non-us-img"', '"us-img"'), rules="guide-2019", match_year=2020)
        assert snap_compare(app, terminal_size=WIDE)

    def test_narrow_default(self, snap_compare):
        assert snap_compare(make_app(), terminal_size=NARROW)

    def test_too_small(self, snap_compare):
        assert snap_compare(make_app(), terminal_size=(38, 11))

    def test_no_color(self, snap_compare, monkeypatch):
        monkeypatch.setenv("NO_COLOR", "1")
        assert snap_compare(make_app(SOME_PROGRESS), terminal_size=NARROW)


class TestChecklist:
    def test_after_ticking_steps(self, snap_compare):
        assert snap_compare(make_app(), terminal_size=NARROW, press=["space", "down", "down", "space"])

    def test_guide_rules_list_step2cs(self, snap_compare):
        assert snap_compare(make_app(rules="guide-2019"), terminal_size=NARROW, press=["down"] * 7)


class TestPanesAtNarrowSize:
    @pytest.mark.parametrize("key", ["2", "3", "4"])
    def test_pane(self, snap_compare, key):
        assert snap_compare(make_app(SOME_PROGRESS), terminal_size=NARROW, press=[key])

    def test_visa_folded_for_us_img(self, snap_compare):
        assert snap_compare(make_app(mode="us-img"), terminal_size=NARROW, press=["4"])


class TestStats:
    def test_sorted_by_ck_matched_and_filtered(self, snap_compare):
        press = ["5", "s", "s", "s", "slash", *"med"]
        assert snap_compare(make_app(SOME_PROGRESS), terminal_size=NARROW, press=press)

    def test_us_img_columns(self, snap_compare):
        assert snap_compare(make_app(SOME_PROGRESS, mode="us-img"), terminal_size=NARROW, press=["5"])

    def test_newer_match_outcomes(self, snap_compare):
        assert snap_compare(make_app(SOME_PROGRESS), terminal_size=NARROW, press=["5", "o"])


class TestVisa:
    def test_what_changed_since_2025(self, snap_compare):
        assert snap_compare(make_app(SOME_PROGRESS), terminal_size=NARROW, press=["4", "end"])


class TestPrograms:
    def test_programs_view(self, snap_compare):
        from .test_programs_screen import write_programs

        def before(pilot):
            write_programs()

        assert snap_compare(make_app(SOME_PROGRESS), terminal_size=WIDE, press=["p", "down"], run_before=before)

    def test_programs_filtered_narrow(self, snap_compare):
        from .test_programs_screen import write_programs

        write_programs()
        assert snap_compare(make_app(), terminal_size=NARROW, press=["p", "slash", *"internal", "enter"])


class TestScreens:
    def test_timeline(self, snap_compare):
        assert snap_compare(make_app(SOME_PROGRESS), terminal_size=WIDE, press=["t"])

    def test_timeline_narrow_guide_2020(self, snap_compare):
        assert snap_compare(make_app(rules="guide-2019", match_year=2020), terminal_size=NARROW, press=["t"])

    def test_help(self, snap_compare):
        assert snap_compare(make_app(), terminal_size=NARROW, press=["question_mark"])

    def test_score_form_with_an_error(self, snap_compare):
        press = ["e", "tab", "ctrl+u", *"999", "enter"]
        assert snap_compare(make_app(SOME_PROGRESS), terminal_size=NARROW, press=press)

    def test_corrupt_file(self, snap_compare):
        assert snap_compare(make_app('mode = "us-img\n[completed\n'), terminal_size=NARROW)

    def test_corrupt_file_read_only(self, snap_compare):
        assert snap_compare(make_app('match_year = "soon"\n'), terminal_size=WIDE, press=["escape"])


class TestSeason:
    """Interviews, the rank list, letters and Match Week (issue #15)."""

    @staticmethod
    async def season(pilot):
        from .test_season_screens import write_season

        write_season()
        pilot.app.files.programs.ensure_loaded()  # the main view would read it half a second in
        await pilot.pause()

    @pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
    def test_rank_list(self, snap_compare, size):
        assert snap_compare(make_app(SOME_PROGRESS), terminal_size=size, press=["k", "down"], run_before=self.season)

    @pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
    def test_letters(self, snap_compare, size):
        assert snap_compare(make_app(SOME_PROGRESS), terminal_size=size, press=["l"], run_before=self.season)

    def test_countdown_with_the_next_interview(self, snap_compare):
        assert snap_compare(make_app(SOME_PROGRESS), terminal_size=NARROW, press=["3"], run_before=self.season)

    def test_wide_with_interviews(self, snap_compare):
        assert snap_compare(make_app(SOME_PROGRESS), terminal_size=WIDE, run_before=self.season)

    def test_timeline_with_interviews_and_match_week(self, snap_compare):
        press = ["t", "pagedown", "pagedown", "pagedown"]
        assert snap_compare(make_app(SOME_PROGRESS), terminal_size=WIDE, press=press, run_before=self.season)


class TestSizes:
    """The three views at the sizes people use: 80x24 (SSH default), 120x40 (the README's
    normal), 200x60 (a large screen: panes share the width)."""

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_main_screen(self, snap_compare, size):
        assert snap_compare(make_app(SOME_PROGRESS), terminal_size=size)

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_programs(self, snap_compare, size):
        from .test_programs_screen import write_programs

        def before(pilot):
            write_programs()

        assert snap_compare(make_app(SOME_PROGRESS), terminal_size=size, press=["p"], run_before=before)

    @pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
    def test_timeline(self, snap_compare, size):
        # In Kolkata, so the entry's detail shows the time there too.
        app = make_app(SOME_PROGRESS.replace("[completed]", 'timezone = "Asia/Kolkata"\n[completed]'))
        assert snap_compare(app, terminal_size=size, press=["t"])


class TestCosts:
    """The costs view (issue 14): ERAS fees per specialty, the other items, the signals."""

    @pytest.mark.parametrize("size", [WIDE, NARROW])
    def test_costs_view(self, snap_compare, size):
        from .test_season import write

        def before(pilot):
            write()

        assert snap_compare(make_app(SOME_PROGRESS), terminal_size=size, press=["c"], run_before=before)
