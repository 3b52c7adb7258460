"""Streaming reader of one worksheet's XML (``iterparse``): cached values, DISPIMG, ``vm``, merges.

This is what makes reading fast: no workbook object, no cell objects, one pass over the XML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from xml.etree import ElementTree as ET

from app.catalog.model import ImageSource
from app.excel.grid import NO_CACHED_VALUE, CellError, CellPicture, CellValue
from app.excel.ooxml import col_index, tags
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
_LETTERS = re.compile(r"^[A-Za-z]+")


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
        for _event, el in ET.iterparse(fh, events=("end",)):  # noqa: S314
            if el.tag in _SI:
                out.append(_rich_text(el))
                el.clear()
    return out


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
        if v_text is None:
            return None
        try:
            text = shared[int(v_text)]
        except (ValueError, IndexError):
            return None
        if text.startswith("=DISPIMG("):
            m = _DISPIMG.search(text)
            if m:
                return CellPicture(ImageSource.WPS_CELL, m.group(1))
        return text
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

    def rows(self) -> Iterator[tuple[int, dict[int, CellValue]]]:
        """(row number, {col index: value}) for every row holding at least one value."""
        shared = self._shared
        short: dict[str, str] = {}  # one object per repeated short text (浙江, 全新…): less memory
        last_row = 0
        with self._zf.open(self._member) as fh:
            for _event, el in ET.iterparse(fh, events=("end",)):  # noqa: S314
                tag = el.tag
                if tag in _ROW:
                    r_attr = el.get("r")
                    row = int(r_attr) if r_attr and r_attr.isdigit() else last_row + 1
                    last_row = row
                    if el.get("hidden") in _TRUE:
                        self.hidden_rows.add(row)
                    cells: dict[int, CellValue] = {}
                    next_col = 0
                    for c in el:
                        ref = c.get("r")
                        if ref:
                            m = _LETTERS.match(ref)
                            col = col_index(m.group(0)) if m else next_col
                        else:
                            col = next_col
                        next_col = col + 1
                        value = _cell_value(c, shared)
                        if value is None or value == "":
                            continue
                        if type(value) is str and len(value) <= 16:
                            value = short.setdefault(value, value)
                        cells[col] = value
                    el.clear()
                    if cells:
                        yield row, cells
                elif tag in _MERGE:
                    self._add_merge(el.get("ref") or "")
                elif tag in _COL:
                    self._add_hidden_cols(el)
                elif tag in _AUTO_FILTER:
                    self.filtered = any(child.tag in _FILTER_COLUMN for child in el)

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
