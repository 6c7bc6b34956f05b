"""Wrapped text and grids as styled segments (widgets/textgrid.py)."""

from rich.console import Console
from rich.style import Style
from rich.text import Text

from imgtui.widgets.textgrid import grid, wrap

CONSOLE = Console(width=80, color_system="truecolor")


def plain(lines) -> list[str]:
    return ["".join(segment.text for segment in line) for line in lines]


def test_wrap_breaks_at_words_keeps_styles_and_indents_continuations():
    text = Text("[ ] ", style="bold")
    text.append("Status verification by your school", style="dim")
    text.append("\n    ⚠ latest safe date was 2026-04-07 — 232 days ago", style="red")
    lines = wrap(text, 24, CONSOLE, indent=4)
    assert plain(lines) == ["[ ] Status verification", "    by your school", "    ⚠ latest safe date",
                            "    was 2026-04-07 — 232", "    days ago"]
    assert lines[0][0].style == Style(bold=True) and lines[0][1].style == Style(bold=True, dim=True)
    assert lines[1][1].style == Style(bold=True, dim=True)  # continuation keeps the span's style
    assert lines[4][1].style.color.name == "red"


def test_a_text_without_spans_keeps_its_own_style():
    (line,) = wrap(Text("blocked", style="bold red"), 10, CONSOLE)
    assert line[0].text == "blocked" and line[0].style.bold and line[0].style.color.name == "red"


def test_a_word_longer_than_the_width_is_broken():
    assert plain(wrap("abcdefghij", 4, CONSOLE)) == ["abcd", "efgh", "ij"]


def test_grid_pads_columns_and_draws_rules_between_rows():
    lines = plain(grid([["a", "one two three"], ["b", "x"]], [3, 7], CONSOLE, gap="|", rule=True))
    assert lines == ["a  |one two", "   |three  ", "─" * 11, "b  |x      "]
