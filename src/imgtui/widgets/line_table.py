"""A table that draws only the rows on screen (Textual's line API), with a fixed header row,
a row cursor and sortable columns. Used for the specialty stats and the program list: a
DataTable re-renders every cell through Rich on each change, which was the largest part of
imgtui's first frame and of a mode switch.

Only whole columns are drawn: a column the pane's edge would cut (or one scrolled partly
out on the left) is left blank, its header a single ›/‹ saying there is more that way, so a
cut-off 234 never reads as 23."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from .cursor_list import CursorList


class Column(NamedTuple):
    key: str
    title: str
    width: int
    right: bool = False  # numbers align right


Cell = tuple[str, "Style | None"]  # text and an optional style
CellsOf = Callable[[Any], list[Cell]]


class LineTable(CursorList):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"line-table--header", "line-table--cursor", "line-table--zebra"}
    DEFAULT_CSS = """
    LineTable > .line-table--header { text-style: bold; background: $panel; }
    LineTable > .line-table--zebra { background: $boost; }
    LineTable > .line-table--cursor { background: $block-cursor-blurred-background; }
    LineTable:focus > .line-table--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    """
    HEADER_LINES: ClassVar[int] = 1

    class Moved(Message):
        def __init__(self, table: LineTable, index: int) -> None:
            super().__init__()
            self.table, self.index = table, index

    class HeaderClicked(Message):
        def __init__(self, table: LineTable, column: int) -> None:
            super().__init__()
            self.table, self.column = table, column

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: list[Column] = []
        self.rows: list[Any] = []  # any items; cells are made only for the rows drawn
        self.cells_of: CellsOf = lambda item: item
        self._width = 0

    def set_columns(self, columns: list[Column]) -> None:
        self.columns = columns
        self._width = sum(c.width + 1 for c in columns)
        self.refresh()

    def set_rows(self, rows: list[Any], cells_of: CellsOf | None = None, cursor: int | None = None) -> None:
        """`cells_of(item)` gives a row's cells when it is drawn (so 5,000 items cost nothing
        until they scroll into view)."""
        self.rows = rows
        if cells_of is not None:
            self.cells_of = cells_of
        self.virtual_size = Size(self._width, len(rows) + 1)
        self.cursor = min(cursor if cursor is not None else self.cursor, max(0, len(rows) - 1))
        self.refresh()

    def row_count(self) -> int:
        return len(self.rows)

    def cursor_moved(self) -> None:
        self.post_message(self.Moved(self, self.cursor))

    # -- drawing -------------------------------------------------------------------------
    def visible_columns(self, scroll_x: int, width: int) -> list[str]:
        """Each column's place in the window [scroll_x, scroll_x + width): "whole", "right"
        (cut by the right edge), "left" (cut by the left) or "out". When not one column
        fits whole, the first one seen is drawn as far as it goes (a name cut short reads
        as cut; nothing else could be shown)."""
        places, start = [], 0
        for column in self.columns:
            end = start + column.width
            if start >= scroll_x and end <= scroll_x + width:
                places.append("whole")
            elif end <= scroll_x or start >= scroll_x + width:
                places.append("out")
            else:
                places.append("left" if start < scroll_x else "right")
            start = end + 1
        if "whole" not in places:
            cut = next((i for i, place in enumerate(places) if place != "out"), None)
            if cut is not None:
                places[cut] = "whole"
        return places

    def _cells(
        self, cells: list[Cell], style: Style, plain: bool, places: list[str], header: bool = False
    ) -> list[Segment]:
        segments = []
        scroll_x, window = self.scroll_offset.x, self.scrollable_content_region.width
        start = 0
        for column, (text, cell_style), place in zip(self.columns, cells, places, strict=False):
            width = column.width
            if place == "whole":
                cut = text if len(text) <= width else text[: width - 1] + "…"
                padded = cut.rjust(width) if column.right else cut.ljust(width)
            elif header and place == "right":  # more columns that way: scroll right
                at = max(0, scroll_x - start)
                padded = (" " * at + "›").ljust(width)
            elif header and place == "left":
                at = min(width, scroll_x + window - start) - 1
                padded = (" " * at + "‹").ljust(width)
            else:
                padded = " " * width
            segments.append(Segment(padded, style if plain or cell_style is None else style + cell_style))
            segments.append(Segment(" ", style))
            start += width + 1
        return segments

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        base = self.rich_style
        places = self.visible_columns(scroll_x, self.scrollable_content_region.width)  # the scrollbar's gutter aside
        if y == 0:
            header = base + self.get_component_rich_style("line-table--header")
            cells: list[Cell] = [(c.title, None) for c in self.columns]
            return (
                Strip(self._cells(cells, header, True, places, header=True))
                .crop(scroll_x, scroll_x + width)
                .extend_cell_length(width, header)
            )
        index = scroll_y + y - 1
        if index >= len(self.rows):
            return Strip.blank(width, base)
        selected = index == self.cursor
        style = base
        if selected:
            style = base + self.get_component_rich_style("line-table--cursor")
        elif index % 2:
            style = base + self.get_component_rich_style("line-table--zebra")
        segments = self._cells(self.cells_of(self.rows[index]), style, selected and self.has_focus, places)
        return Strip(segments).crop(scroll_x, scroll_x + width).extend_cell_length(width, style)

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            x = event.x + self.scroll_offset.x
            for i, column in enumerate(self.columns):
                if x < column.width + 1:
                    self.post_message(self.HeaderClicked(self, i))
                    return
                x -= column.width + 1
            return
        index = self.scroll_offset.y + event.y - 1
        if 0 <= index < len(self.rows):
            self.cursor = index
