"""Streaming reader of one worksheet's XML (``iterparse``): cached values, DISPIMG, ``vm``, merges.

This is what makes reading fast: no workbook object, no cell objects, one pass over the XML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import IO
from xml.etree import ElementTree as ET

from app.catalog.model import ImageSource
from app.excel.grid import NO_CACHED_VALUE, CellError, CellPicture, CellValue
from app.excel.ooxml import col_index, ref_column, tags
from app.excel.zipguard import SafeZip

_ROW = tags("row")
_V = tags("v")
_F = tags("f")
_IS = tags("is")
_T = tags("t")
_R = tags("r")
_RPH = tags("rPh")
_MERGE = tags("mergeCell")
_COL = tags("col")
_AUTO_FILTER = tags("autoFilter")
_FILTER_COLUMN = tags("filterColumn")
_TRUE = ("1", "true")
_DISPIMG = re.compile(r"DISPIMG\(\s*\"([^\"]+)\"")
_CHUNK = 16 * 1024  # XML bytes parsed at a time (iterparse's; larger ones are slower)
_V_TYPES = frozenset({None, "n", "s"})  # the cell types a lone <v> is read directly for
_HANDLED = _ROW | _MERGE | _COL | _AUTO_FILTER  # every other element ends inside one of these


def _rich_text(el: ET.Element) -> str:
    """Text of an ``si``/``is`` element: plain ``t`` or the runs' ``t``, without phonetic runs."""
    parts: list[str] = []
    for child in el:
        if child.tag in _T:
            parts.append(child.text or "")
        elif child.tag in _R:
            for t in child:
                if t.tag in _T:
                    parts.append(t.text or "")
        # rPh (phonetic guide) is skipped
    return "".join(parts)


_SI = tags("si")


def read_shared_strings(zf: SafeZip, member: str | None) -> list[str]:
    """The shared strings, streamed (each ``si`` is cleared once read)."""
    if not member or member not in zf:
        return []
    out: list[str] = []
    with zf.open(member) as fh:
        for events in _end_events(fh):
            for _event, el in events:
                if el.tag in _SI:
                    if len(el) == 1 and el[0].tag in _T:  # plain text (Excel's usual)
                        out.append(el[0].text or "")
                    else:
                        out.append(_rich_text(el))
                    el.clear()
    return out


def _end_events(fh: IO[bytes]) -> Iterator[Iterator[tuple[str, ET.Element]]]:
    """The "end" events of a part's XML, one batch per `_CHUNK` bytes parsed (a batch is read
    before the next chunk is fed)."""
    parser = ET.XMLPullParser(events=("end",))
    while True:
        data = fh.read(_CHUNK)
        if data:
            parser.feed(data)
        else:
            parser.close()
        yield parser.read_events()
        if not data:
            return


def _number(text: str) -> float | str:
    try:
        return float(text)
    except ValueError:
        return text


def _parse_iso(text: str) -> datetime | str:
    try:
        return datetime.fromisoformat(text.rstrip("Z"))
    except ValueError:
        return text


def _cell_value(c: ET.Element, shared: list[str]) -> CellValue | None:
    t = c.get("t")
    v_text: str | None = None
    f_text: str | None = None
    inline: ET.Element | None = None
    for child in c:
        tag = child.tag
        if tag in _V:
            v_text = child.text
        elif tag in _F:
            f_text = child.text
        elif tag in _IS:
            inline = child
    if f_text and "DISPIMG" in f_text:
        m = _DISPIMG.search(f_text)
        if m:
            return CellPicture(ImageSource.WPS_CELL, m.group(1))
    if v_text is None and f_text and inline is None:
        return CellError(NO_CACHED_VALUE)
    if t is None or t == "n":
        return None if v_text is None else _number(v_text)
    if t == "s":
        return None if v_text is None else _shared_text(v_text, shared)
    if t in ("str", "inlineStr"):
        text = _rich_text(inline) if inline is not None else (v_text or "")
        if text.startswith("=DISPIMG("):
            m = _DISPIMG.search(text)
            if m:
                return CellPicture(ImageSource.WPS_CELL, m.group(1))
        return text
    if t == "e":
        vm = c.get("vm")
        if vm:
            return CellPicture(ImageSource.EXCEL_CELL, vm)
        return CellError(v_text or "#VALUE!")
    if t == "b":
        return v_text in ("1", "true")
    if t == "d":
        return None if v_text is None else _parse_iso(v_text)
    return v_text


def _row_cells(row: ET.Element, shared: list[str], short: dict[str, str]
               ) -> dict[int, CellValue]:
    """{col index: value} of a ``row`` element's cells, empty ones left out. The cells most
    sheets are made of (a number, a shared string, a plain inline string) are read here
    directly; any other cell exactly as `_cell_value` reads it."""
    cells: dict[int, CellValue] = {}
    next_col = 0
    for c in row:
        ref = c.get("r")
        col = ref_column(ref) if ref else None
        if col is None:
            col = next_col
        next_col = col + 1
        value: CellValue | None
        if len(c) == 1:
            t = c.get("t")
            child = c[0]
            tag = child.tag
            if tag in _V and t in _V_TYPES:
                text = child.text
                if text is None:
                    continue
                if t == "s":
                    value = _shared_text(text, shared)
                else:
                    try:
                        value = float(text)
                    except ValueError:
                        value = text
            elif tag in _IS and t == "inlineStr" and len(child) == 1 and child[0].tag in _T:
                value = child[0].text
                if value and value.startswith("=DISPIMG("):
                    value = _cell_value(c, shared)
            else:
                value = _cell_value(c, shared)
        else:
            value = _cell_value(c, shared)
        if value is None or value == "":
            continue
        if type(value) is str and len(value) <= 16:
            value = short.setdefault(value, value)  # one object per repeated short text
        cells[col] = value
    return cells


def _shared_text(index: str, shared: list[str]) -> str | CellPicture | None:
    """A ``t="s"`` cell's string (``index``: its ``v``), or the WPS picture it names."""
    try:
        text = shared[int(index)]
    except (ValueError, IndexError):
        return None
    if text.startswith("=DISPIMG("):
        m = _DISPIMG.search(text)
        if m:
            return CellPicture(ImageSource.WPS_CELL, m.group(1))
    return text


class SheetXml:
    """One pass over ``xl/worksheets/sheetN.xml``; `rows()` yields, then `merges`,
    `hidden_rows`, `hidden_cols` and `filtered` are filled."""

    def __init__(self, zf: SafeZip, member: str, shared: list[str]) -> None:
        self._zf = zf
        self._member = member
        self._shared = shared
        self.merges: list[tuple[int, int, int, int]] = []
        self.hidden_rows: set[int] = set()  # <row hidden="1"> (by hand or by a filter)
        self.hidden_cols: set[int] = set()  # <col min max hidden="1">
        self.filtered = False  # an autoFilter with a condition: hidden rows are filtered out
        self._last_row = 0  # a <row> without r= follows the one before

    def rows(self) -> Iterator[tuple[int, dict[int, CellValue]]]:
        """(row number, {col index: value}) for every row holding at least one value."""
        short: dict[str, str] = {}  # one object per repeated short text (浙江, 全新…): less memory
        with self._zf.open(self._member) as fh:
            for events in _end_events(fh):
                yield from self._take(events, short)

    def _take(self, events: Iterator[tuple[str, ET.Element]], short: dict[str, str]
              ) -> list[tuple[int, dict[int, CellValue]]]:
        """The rows that ended in ``events`` (one chunk's), and what else the sheet says."""
        rows: list[tuple[int, dict[int, CellValue]]] = []
        for _event, el in events:
            tag = el.tag
            if tag not in _HANDLED:
                continue  # a cell's c, v, is, t…: read with their row
            if tag in _ROW:
                r_attr = el.get("r")
                row = int(r_attr) if r_attr and r_attr.isdigit() else self._last_row + 1
                self._last_row = row
                if el.get("hidden") in _TRUE:
                    self.hidden_rows.add(row)
                cells = _row_cells(el, self._shared, short)
                el.clear()
                if cells:
                    rows.append((row, cells))
            elif tag in _MERGE:
                self._add_merge(el.get("ref") or "")
            elif tag in _COL:
                self._add_hidden_cols(el)
            elif tag in _AUTO_FILTER:
                self.filtered = any(child.tag in _FILTER_COLUMN for child in el)
        return rows

    def _add_hidden_cols(self, el: ET.Element) -> None:
        low, high = el.get("min") or "", el.get("max") or ""
        if el.get("hidden") in _TRUE and low.isdigit() and high.isdigit():
            first, last = int(low), min(int(high), int(low) + 16384)
            self.hidden_cols.update(range(first - 1, last))  # 1-based -> 0-based

    def _add_merge(self, ref: str) -> None:
        first, _, last = ref.partition(":")
        a = _split(first)
        b = _split(last or first)
        if a and b:
            self.merges.append((a[0], a[1], b[0], b[1]))


def _split(ref: str) -> tuple[int, int] | None:
    m = re.match(r"^\$?([A-Za-z]{1,3})\$?(\d+)$", ref)
    if not m:
        return None
    return int(m.group(2)), col_index(m.group(1))
