"""Wrapped text and side-by-side columns of it, as lines of styled segments.

Rich's Table re-measures every cell on each layout pass, and building the same grid out of
Rich Text objects (slicing, appending, padding) cost ~4 ms for the visa table alone, all
before the first frame. Here each cell is rendered to styled segments once, its plain text
is wrapped once, and the segments are cut at the line breaks: a line is a list of Segments,
ready for a Strip."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

Cell = Text | str
Line = list[Segment]


def wrap(cell: Cell, width: int, console: Console, indent: int = 0) -> list[Line]:
    """A cell's lines, wrapped at word boundaries to `width` cells, keeping its styles;
    a paragraph's continuation lines are indented by `indent` (a checklist's "[ ] ")."""
    text = cell if isinstance(cell, Text) else Text(cell)
    plain = text.plain
    if text.spans:
        segments = list(text.render(console))  # the text's own style under its spans
    else:  # Text.render leaves the text's own style out when it has no spans
        segments = [Segment(plain, console.get_style(text.style, default="") if text.style else None)]
    indent = min(indent, width // 2)
    lines: list[Line] = []
    start = 0
    for paragraph in plain.split("\n"):
        if len(paragraph) <= width:
            lines.append(_cut(segments, start, start + len(paragraph)))
        else:
            offset = 0
            chunks = textwrap.wrap(
                paragraph,
                width=max(1, width),
                subsequent_indent=" " * indent,
                break_long_words=True,
                drop_whitespace=True,
            ) or [""]
            for number, chunk in enumerate(chunks):
                piece = chunk[indent:] if number else chunk
                found = paragraph.find(piece, offset)
                lead = [Segment(" " * indent)] if number and indent else []
                lines.append(lead + _cut(segments, start + found, start + found + len(piece)))
                offset = found + len(piece)
        start += len(paragraph) + 1
    return lines


def _cut(segments: Iterable[Segment], start: int, end: int) -> Line:
    """The part of the segments between two offsets of their joined text."""
    line: Line = []
    position = 0
    for segment in segments:
        text = segment.text
        after = position + len(text)
        if after > start and position < end:
            piece = text[max(0, start - position) : min(len(text), end - position)]
            if piece:
                line.append(Segment(piece, segment.style))
        position = after
        if position >= end:
            break
    return line


def length(line: Line) -> int:
    return sum(segment.cell_length for segment in line)


def grid(
    rows: Sequence[Sequence[Cell]], widths: list[int], console: Console, gap: str = " ", rule: bool = False
) -> list[Line]:
    """Wrap each cell to its column width and lay the rows out; `rule` draws a line between rows."""
    lines: list[Line] = []
    total = sum(widths) + len(gap) * (len(widths) - 1)
    dim = Style(dim=True)
    for index, row in enumerate(rows):
        if rule and index:
            lines.append([Segment("─" * total, dim)])
        wrapped = [wrap(cell, width, console) for cell, width in zip(row, widths, strict=False)]
        for line_no in range(max(len(w) for w in wrapped)):
            line: Line = []
            for column, (cell_lines, width) in enumerate(zip(wrapped, widths, strict=False)):
                piece = cell_lines[line_no] if line_no < len(cell_lines) else []
                line += piece
                padding = " " * max(0, width - length(piece)) + (gap if column < len(widths) - 1 else "")
                if padding:
                    line.append(Segment(padding))
            lines.append(line)
    return lines
