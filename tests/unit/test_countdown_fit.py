"""Which countdowns a short pane shows, and which whole: Match Day is never the one dropped."""

from imgtui.widgets.countdown import fit_countdowns

SEASON = {"interview": 3, "certify": 2, "next": 2, "match_day": 2}


def test_everything_whole_when_it_fits():
    assert fit_countdowns(SEASON, 9) == [(slot, True) for slot in SEASON]


def test_too_short_a_pane_gives_each_a_line_then_the_most_important_their_dates_back():
    assert fit_countdowns(SEASON, 7) == [("interview", True), ("certify", True), ("next", False),
                                         ("match_day", False)]
    assert fit_countdowns(SEASON, 5) == [("interview", False), ("certify", True), ("next", False),
                                         ("match_day", False)]
    assert fit_countdowns(SEASON, 4) == [(slot, False) for slot in SEASON]


def test_the_next_deadline_and_match_day_keep_their_dates_before_a_passed_september_15():
    shown = {"september_15": 3, "match_day": 3, "next": 2}  # the display order: September first
    assert fit_countdowns(shown, 6) == [("september_15", False), ("match_day", True), ("next", True)]


def test_fewer_lines_than_countdowns_keeps_match_day_and_the_most_important_others():
    assert fit_countdowns(SEASON, 3) == [("interview", False), ("certify", False), ("match_day", False)]
    assert fit_countdowns(SEASON, 1) == [("match_day", False)]
    assert fit_countdowns({"september_15": 2, "next": 2}, 1) == [("next", False)]
