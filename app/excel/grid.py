"""The raw grid every reader produces: rows of cell values before any typing.

Values: ``str``, ``float`` (numbers), ``bool``, ``datetime`` (ISO date cells), `CellError`
(``#VALUE!``…), `CellPicture` (a picture placed inside the cell) or `CellTooLong` (a CSV field
longer than any real cell). Rows are 1-based sheet row numbers; columns 0-based indexes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.catalog.model import ImageRef, ImageSource, Issue

NO_CACHED_VALUE = "#NOCACHE"  # a formula never calculated (file written by a program, not Excel)


@dataclass(frozen=True, slots=True)
class CellError:
    code: str  # "#VALUE!", "#N/A", "#REF!"… or NO_CACHED_VALUE


@dataclass(frozen=True, slots=True)
class CellPicture:
    source: ImageSource  # WPS_CELL (key = DISPIMG id) or EXCEL_CELL (key = vm index)
    key: str


@dataclass(frozen=True, slots=True)
class CellTooLong:
    """A CSV field over `CELL_MAX_CHARS` (often a quote left open): not read as a value."""

    text: str = field(repr=False)
    first_line: int = 0  # the file lines the field spans (a quote left open spans many)
    last_line: int = 0


CELL_MAX_CHARS = 131_072  # Excel holds 32,767 per cell; Python's csv module stopped at this


CellValue = str | float | bool | datetime | CellError | CellPicture | CellTooLong


@dataclass(slots=True)
class Grid:
    """A sheet as read: rows (in sheet order), merged ranges and the pictures of the workbook."""

    sheet_name: str
    rows: list[tuple[int, dict[int, CellValue]]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    # (row, col) -> its merge range, for every cell `apply_merges` filled from a top-left cell
    merged_into: dict[tuple[int, int], tuple[int, int, int, int]] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)  # .xlsx only: rows hidden in the sheet
    hidden_cols: set[int] = field(default_factory=set)
    filtered: bool = False  # the sheet has an active filter (its hidden rows are filtered out)
    # row -> [(col, ref)] of pictures floating over the sheet, by the row their anchor starts on
    floating: dict[int, list[tuple[int, ImageRef]]] = field(default_factory=dict)
    # in-cell picture -> (media file name, bytes)
    cell_pictures: dict[CellPicture, tuple[str, bytes]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what the reader could not use (Chinese)
    # findings about a whole row (a CSV line that is not in the file's encoding…): such a row is
    # always listed, with these issues first
    row_issues: dict[int, list[Issue]] = field(default_factory=dict)

    def apply_merges(self) -> None:
        """Give every cell of a merged range the value of its top-left cell (what the sheet
        shows there); the filled cells are listed in `merged_into` so the reader can tell a
        value written once from one written on every row."""
        if not self.merges:
            return
        index = {r: cells for r, cells in self.rows}
        for merge in self.merges:
            r1, c1, r2, c2 = merge
            top = index.get(r1)
            if top is None or c1 not in top:
                continue
            value = top[c1]
            for r in range(r1, r2 + 1):
                cells = index.get(r)
                if cells is None:
                    if r2 - r1 > 1000:  # a huge merge over empty rows: do not invent rows
                        continue
                    cells = index[r] = {}
                    self.rows.append((r, cells))
                for c in range(c1, c2 + 1):
                    if c not in cells:
                        cells[c] = value
                        self.merged_into[(r, c)] = merge
        self.rows.sort(key=lambda item: item[0])
