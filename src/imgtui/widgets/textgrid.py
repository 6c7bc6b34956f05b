"""Side-by-side columns of wrapped text as plain Rich Text lines.

Rich's Table re-measures every cell on each layout pass; at start-up the two tables
(matrix, visa) cost ~200 ms of a ~700 ms first paint. This lays cells out once per width."""

from __future__ import annotations

import textwrap

from rich.text import Text

Cell = Text | str


def grid(rows: list[list[Cell]], widths: list[int], gap: str = " ", rule: bool = False) -> Text:
    """Wrap each cell to its column width and join the rows; `rule` draws a line between rows."""
    out = Text()
    total = sum(widths) + len(gap) * (len(widths) - 1)
    for index, row in enumerate(rows):
        if rule and index:
            out.append("─" * total + "\n", style="dim")
        wrapped = [wrap(cell, width) for cell, width in zip(row, widths)]
        for line_no in range(max(len(w) for w in wrapped)):
            for col, (lines, width) in enumerate(zip(wrapped, widths)):
                piece = lines[line_no] if line_no < len(lines) else Text("")
                out.append_text(piece)
                out.append(" " * max(0, width - piece.cell_len) + (gap if col < len(widths) - 1 else ""))
            out.append("\n")
    out.rstrip()
    return out


def wrap(cell: Cell, width: int) -> list[Text]:
    """A cell's lines, wrapped to `width` with their styles."""
    text = cell if isinstance(cell, Text) else Text(cell)
    lines: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        plain = paragraph.plain
        if not plain:
            lines.append(Text(""))
            continue
        if paragraph.cell_len <= width:  # the common case: nothing to wrap
            lines.append(paragraph)
            continue
        offset = 0
        for chunk in textwrap.wrap(plain, width=max(1, width), break_long_words=True, drop_whitespace=True) or [""]:
            start = plain.find(chunk, offset)
            lines.append(paragraph[start:start + len(chunk)])
            offset = start + len(chunk)
    return lines
