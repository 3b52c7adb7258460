"""Open an .xlsx/.xlsm zip: list the sheets, and read one sheet into a `Grid` with its pictures.

Every member is read through `zipguard.SafeZip` (bounded inflation); nothing here uses openpyxl.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from app.excel.errors import SheetError
from app.excel.grid import CellPicture, CellValue, Grid
from app.excel.ooxml import MediaCache, local, parse_member, read_rels, rid_attr
from app.excel.xlsx_pictures import cell_picture_refs, floating_pictures
from app.excel.xlsx_sheet import SheetXml, read_shared_strings
from app.excel.zipguard import SafeZip

WORKBOOK = "xl/workbook.xml"


class XlsxBook:
    """An open workbook zip. Use as a context manager."""

    def __init__(self, path: Path) -> None:
        try:
            self._zf = SafeZip(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise SheetError(f"「{path.name}」不是有效的 Excel 文件（.xlsx），"
                             "可能已损坏或只是改了扩展名。"
                             "请用 Excel 或 WPS 打开后另存为 .xlsx 再试。") from exc
        self.path = path
        try:
            self._open()
        except BaseException:
            self._zf.close()
            raise

    def _open(self) -> None:
        path = self.path
        names = set(self._zf.namelist())
        if "xl/workbook.bin" in names:
            raise SheetError(f"「{path.name}」是 Excel 二进制工作簿（.xlsb），暂不支持。"
                             "请用 Excel 打开后另存为 .xlsx（Excel 工作簿）再试。")
        if WORKBOOK not in names:
            raise SheetError(f"「{path.name}」是压缩文件，但不是 Excel 工作簿（缺少 {WORKBOOK}）。"
                             "请用 Excel 或 WPS 另存为 .xlsx 再试。")
        self.media = MediaCache(self._zf)
        self.sheets = self._list_sheets()
        rels = read_rels(self._zf, WORKBOOK)
        self._shared_member = next((m for m in rels.values() if m.endswith("sharedStrings.xml")),
                                   None)
        self._shared: list[str] | None = None

    def __enter__(self) -> XlsxBook:
        return self

    def __exit__(self, *exc: object) -> None:
        self._zf.close()

    def _list_sheets(self) -> list[tuple[str, str, bool]]:
        """(name, zip member, visible) in workbook order."""
        root = parse_member(self._zf, WORKBOOK)
        rels = read_rels(self._zf, WORKBOOK)
        out: list[tuple[str, str, bool]] = []
        if root is None:
            return out
        for el in root.iter():
            if local(el.tag) != "sheet":
                continue
            rid = rid_attr(el)
            member = rels.get(rid or "")
            if member and member in self._zf:
                out.append((el.get("name") or member, member, el.get("state") in (None, "visible")))
        return out

    def shared_strings(self) -> list[str]:
        if self._shared is None:
            self._shared = read_shared_strings(self._zf, self._shared_member)
        return self._shared

    def sheet_rows(self, member: str
                   ) -> tuple[SheetXml, Iterator[tuple[int, dict[int, CellValue]]]]:
        sheet = SheetXml(self._zf, member, self.shared_strings())
        return sheet, sheet.rows()

    def pictures_for(self, grid: Grid, member: str) -> None:
        """Fill ``grid.floating`` and ``grid.cell_pictures`` for the sheet at ``member``."""
        grid.floating = floating_pictures(self._zf, member, grid.sheet_name, self.media)
        wanted = {value for _row, cells in grid.rows for value in cells.values()
                  if isinstance(value, CellPicture)}
        if wanted:
            grid.cell_pictures = cell_picture_refs(self._zf, self.media, wanted)
