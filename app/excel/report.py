"""The result report: the user's rows back with the outcome of each, plus the failed rows alone
in the import format (drop that file back in to retry them). ``.csv`` output carries a UTF-8 BOM
so Excel opens it in Chinese; the failed rows then go to a second file ``<name>_失败的行.csv``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.drawing.image import Image as XlImage
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, OneCellAnchor
from openpyxl.drawing.xdr import XDRPositiveSize2D
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.units import pixels_to_EMU
from openpyxl.worksheet.worksheet import Worksheet

from app.catalog.model import ImageRef, Product
from app.excel.fields import BY_NAME, Kind
from app.excel.grid import CellPicture, CellValue
from app.excel.ooxml import col_index
from app.excel.reader import SheetData
from app.excel.values import as_text
from app.images.errors import ImageError
from app.images.picture_path import resolve_picture_path

RESULT_SHEET = "上架结果"
FAILED_SHEET = "失败的行"
OUTCOME_HEADERS = ("状态", "宝贝ID", "错误代码", "错误说明", "request_id", "时间", "上架编码")
STATUS_TEXT = {"listed": "已上架", "failed": "失败", "unknown": "结果不明",
               "pending": "未上传", "skipped": "跳过", "cancelled": "已取消"}
FAILED_STATUSES = frozenset({"failed", "unknown", "失败", "结果不明"})
_GREEN = PatternFill("solid", fgColor="C6EFCE")
_RED = PatternFill("solid", fgColor="FFC7CE")
_YELLOW = PatternFill("solid", fgColor="FFEB9C")  # listed, but edits of the row are not on Taobao


@dataclass(frozen=True, slots=True)
class RowResult:
    row: int  # the sheet's own row number
    status: str  # listed | failed | unknown | pending | skipped | cancelled (or Chinese text)
    num_iid: int | None = None
    code: str | int | None = None  # e.g. "15 isv.invalid-parameter:title"
    message: str = ""  # Chinese explanation (and what to do)
    request_id: str = ""
    at: datetime | None = None
    unsent: tuple[str, ...] = ()  # listed: changes of the row not on Taobao (标题, 主图 …)


def _cell_text(value: CellValue | None) -> str:
    if value is None:
        return ""
    if isinstance(value, CellPicture):
        return "[图片]"
    return as_text(value)


def _user_columns(sheet: SheetData) -> list[tuple[int, str]]:
    return sorted((col_index(letter), text) for letter, text in sheet.headers.items())


def _cell_value(value: CellValue | None, numeric: bool = False) -> object:
    """A user cell as the result sheet holds it: numbers and dates stay numbers and dates
    (text such as ``00123`` stays text); pictures and booleans become their marker text. In a
    price or whole-number column (``numeric``), a plain number written as text — a correction
    typed in the window — is a number too."""
    if numeric and isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value.strip()):
        value = float(value)
    if isinstance(value, float) and math.isfinite(value):
        return int(value) if value == int(value) and abs(value) < 1e15 else value
    if isinstance(value, datetime):
        return value
    return _cell_text(value)


_PLAIN_NUMBER = re.compile(r"-?\d{1,15}(\.\d+)?")


def _numeric_columns(sheet: SheetData) -> set[int]:
    kinds = (Kind.PRICE, Kind.INT)
    return {col_index(letter) for letter, name in sheet.mapping.items()
            if name in BY_NAME and BY_NAME[name].kind in kinds}


def _whole_numbers(ws: Worksheet, row: int, columns: Sequence[int]) -> None:
    """Long whole numbers (宝贝ID, numeric codes) with number format 0: never 6.1E+11."""
    for column in columns:
        cell = ws.cell(row=row, column=column)
        if isinstance(cell.value, int) and not isinstance(cell.value, bool):
            cell.number_format = "0"


def _outcome(result: RowResult | None, product: Product) -> list[object]:
    if result is None:
        return ["未上传", "", "", "", "", "", product.key or ""]
    at = result.at.strftime("%Y-%m-%d %H:%M:%S") if result.at else ""
    status = STATUS_TEXT.get(result.status, result.status)
    if result.unsent:
        status += f"；以下修改未同步到淘宝：{'、'.join(result.unsent)}"
    return [status,
            result.num_iid if result.num_iid is not None else "",
            "" if result.code is None else str(result.code), result.message,
            result.request_id, at, product.key or ""]


def _failed(result: RowResult | None) -> bool:
    return result is not None and result.status in FAILED_STATUSES


def _absolute_paths(text: str, base: Path) -> str:
    """Relative picture paths made absolute, so the failed-rows sheet works from anywhere."""
    parts = []
    for token in re.split(r"[;；\n]+", text):
        t = token.strip()
        if t and not t.lower().startswith(("http://", "https://", "//")):
            # a path that names no file here (a Windows drive path on Linux) stays as written
            with contextlib.suppress(ImageError):
                t = str(resolve_picture_path(t, base).resolve())
        if t:
            parts.append(t)
    return ";".join(parts)


def write_report(path: str | Path, sheet: SheetData, results: Sequence[RowResult]) -> Path:
    """Write the report as .xlsx (two sheets) or .csv (two files). Returns the main file."""
    path = Path(path)
    by_row = {r.row: r for r in results}
    columns = _user_columns(sheet)
    if path.suffix.lower() == ".csv":
        return _write_csv(path, sheet, by_row, columns)
    wb = Workbook()
    failed_ws = wb.active
    failed_ws.title = FAILED_SHEET
    result_ws = wb.create_sheet(RESULT_SHEET)
    headers = [text for _c, text in columns]
    result_ws.append(["行号", *headers, *OUTCOME_HEADERS])
    for cell in result_ws[1]:
        cell.font = Font(bold=True)
    image_cols = {col_index(k): f for k, f in sheet.mapping.items()
                  if f in ("image", "detail_image", "sku_image")}
    width = max((c for c, _t in columns), default=-1) + 1
    failed_ws.append([sheet.headers.get(get_column_letter(c + 1), "") for c in range(width)])
    for cell in failed_ws[1]:
        cell.font = Font(bold=True)
    failed_row = 1
    id_column = len(columns) + 2 + OUTCOME_HEADERS.index("宝贝ID")
    number_columns = [*range(2, len(columns) + 2), id_column]
    numeric = _numeric_columns(sheet)
    for product, row in _product_rows(sheet):  # a product of several SKU rows: each row
        raw = sheet.raw_rows.get(row, {})
        result = by_row.get(product.row)
        outcome = _outcome(result, product)
        result_ws.append([row, *(_cell_value(raw.get(c), c in numeric) for c, _t in columns),
                          *outcome])
        _whole_numbers(result_ws, result_ws.max_row, number_columns)
        status_cell = result_ws.cell(row=result_ws.max_row, column=len(columns) + 2)
        if result is not None and result.status == "listed":
            status_cell.fill = _YELLOW if result.unsent else _GREEN
        elif _failed(result):
            status_cell.fill = _RED
        if _failed(result):
            failed_row += 1
            _append_failed(failed_ws, failed_row, _Row(product, row, raw), width=width,
                           image_cols=image_cols, sheet=sheet)
    for index in range(1, len(columns) + len(OUTCOME_HEADERS) + 2):
        result_ws.column_dimensions[get_column_letter(index)].width = 14
    failed_ws.freeze_panes = "A2"
    result_ws.freeze_panes = "B2"
    wb.active = 1  # open on the results; the failed rows sheet is first so a re-drop reads it
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


@dataclass(frozen=True)
class _Row:
    product: Product
    row: int  # the sheet row (the product's first, or one of its SKU rows)
    raw: dict[int, CellValue]


def _product_rows(sheet: SheetData) -> list[tuple[Product, int]]:
    return [(p, row) for p in sheet.products for row in p.rows]


def _embedded(item: _Row) -> dict[str, list[ImageRef]]:
    """The pictures inside the workbook that belong on this sheet row, by field."""
    p = item.product
    out: dict[str, list[ImageRef]] = {"image": [], "detail_image": [], "sku_image": []}
    if item.row == p.row:
        out["image"] = [r for r in p.images if r.data is not None]
        out["detail_image"] = [r for r in p.detail_images if r.data is not None]
    out["sku_image"] = [s.image for s in p.skus
                        if s.row == item.row and s.image is not None and s.image.data is not None]
    return out


def _append_failed(ws: Worksheet, row: int, item: _Row, *, width: int,
                   image_cols: dict[int, str], sheet: SheetData) -> None:
    """One failed row in the import layout; embedded pictures sit side by side in their
    column's cell, none over another row."""
    raw = item.raw
    for c in range(width):
        value = raw.get(c)
        if value is None or isinstance(value, CellPicture):
            continue
        text = _cell_text(value)
        if c in image_cols:
            text = _absolute_paths(text, sheet.path.parent)
        out: object = value if isinstance(value, (float, bool, datetime)) else text
        if isinstance(out, float):
            out = _cell_value(out)
        cell = ws.cell(row=row, column=c + 1, value=out)
        if isinstance(out, int) and not isinstance(out, bool):
            cell.number_format = "0"
    for field_name, embedded in _embedded(item).items():
        cols = [c for c, f in image_cols.items() if f == field_name]
        if embedded and cols:
            _place_pictures(ws, row, min(cols), [r.data or b"" for r in embedded])


PICTURE_PX = 80  # shown size of a picture in the failed rows sheet
_GAP_PX = 4


def _place_pictures(ws: Worksheet, row: int, column: int, pictures: Sequence[bytes]) -> None:
    """A row's pictures side by side in one column, none over another row: the row is made tall
    enough and the column wide enough for them."""
    placed = 0
    for data in pictures:
        try:
            img = XlImage(io.BytesIO(data))
        except (OSError, ValueError):
            continue
        img.width, img.height = PICTURE_PX, PICTURE_PX
        offset = pixels_to_EMU(_GAP_PX + placed * (PICTURE_PX + _GAP_PX))
        size = XDRPositiveSize2D(pixels_to_EMU(PICTURE_PX), pixels_to_EMU(PICTURE_PX))
        img.anchor = OneCellAnchor(
            _from=AnchorMarker(col=column, colOff=offset, row=row - 1, rowOff=pixels_to_EMU(2)),
            ext=size,
        )
        ws.add_image(img)
        placed += 1
    if placed:
        ws.row_dimensions[row].height = (PICTURE_PX + 6) * 0.75  # points
        letter = get_column_letter(column + 1)
        wanted = (placed * (PICTURE_PX + _GAP_PX) + _GAP_PX) / 7  # characters, about 7 px each
        current = ws.column_dimensions[letter].width or 0
        ws.column_dimensions[letter].width = max(current, wanted)


def _write_csv(path: Path, sheet: SheetData, by_row: dict[int, RowResult],
               columns: list[tuple[int, str]]) -> Path:
    headers = [text for _c, text in columns]
    failed_path = path.with_name(f"{path.stem}_{FAILED_SHEET}.csv")
    with path.open("w", encoding="utf-8-sig", newline="") as fh, \
            failed_path.open("w", encoding="utf-8-sig", newline="") as failed_fh:
        writer = csv.writer(fh)
        failed_writer = csv.writer(failed_fh)
        writer.writerow(["行号", *headers, *OUTCOME_HEADERS])
        failed_writer.writerow(headers)
        for product, row in _product_rows(sheet):
            raw = sheet.raw_rows.get(row, {})
            values = [_cell_text(raw.get(c)) for c, _t in columns]
            result = by_row.get(product.row)
            writer.writerow([row, *values, *_outcome(result, product)])
            if _failed(result):  # pictures inside the workbook cannot travel in a CSV
                failed_writer.writerow(["" if isinstance(raw.get(c), CellPicture) else v
                                        for (c, _t), v in zip(columns, values, strict=True)])
    return path
