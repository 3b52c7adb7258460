"""The result sheet a user opens in Excel: numbers are numbers, 宝贝ID never reads 6.1E+11,
and a failed row's pictures sit side by side inside their row."""

from __future__ import annotations

import itertools
from pathlib import Path

from openpyxl import load_workbook

from app.excel.reader import read_sheet
from app.excel.report import FAILED_SHEET, PICTURE_PX, RESULT_SHEET, RowResult, write_report
from tests.sheetgen import HEADER, build_xlsx, picture, product_row

BIG_ID = 612345678901  # Taobao item IDs have 12 digits


def test_ids_and_numbers_stay_numbers(tmp_path: Path) -> None:
    rows = [HEADER, product_row(1), product_row(2)]
    rows[2][0] = "00123"  # a 商家编码 with leading zeros stays text
    sheet = read_sheet(build_xlsx(tmp_path / "表.xlsx", rows))
    out = write_report(tmp_path / "r.xlsx", sheet, [RowResult(2, "listed", BIG_ID),
                                                    RowResult(3, "listed", BIG_ID + 1)])
    ws = load_workbook(out)[RESULT_SHEET]
    header = [c.value for c in ws[1]]
    ids = [ws.cell(row=r, column=header.index("宝贝ID") + 1) for r in (2, 3)]
    assert [c.value for c in ids] == [BIG_ID, BIG_ID + 1]
    assert all(c.number_format == "0" for c in ids)
    price = ws.cell(row=2, column=header.index("价格") + 1).value
    stock = ws.cell(row=2, column=header.index("库存") + 1).value
    assert isinstance(price, float)
    assert isinstance(stock, int)
    assert ws.cell(row=3, column=header.index("商家编码") + 1).value == "00123"


def test_a_failed_rows_pictures_do_not_overlap(tmp_path: Path) -> None:
    rows = [[*HEADER, "图片2", "图片3"], [*product_row(1), None, None],
            [*product_row(2), None, None]]
    floating = {cell: picture(820, 820, colour) for cell, colour in
                (("G2", (200, 0, 0)), ("K2", (0, 200, 0)), ("L2", (0, 0, 200)),
                 ("G3", (90, 90, 90)))}
    sheet = read_sheet(build_xlsx(tmp_path / "表.xlsx", rows, floating=floating))
    assert len(sheet.products[0].images) == 3
    out = write_report(tmp_path / "r.xlsx", sheet, [RowResult(2, "failed", message="x"),
                                                    RowResult(3, "failed", message="y")])
    ws = load_workbook(out)[FAILED_SHEET]
    spans = []
    for image in ws._images:
        start = image.anchor._from
        left = start.colOff / 9525  # EMU -> px
        spans.append((start.row + 1, start.col, left, left + PICTURE_PX))
    assert len(spans) == 4
    by_row: dict[int, list[tuple[float, float]]] = {}
    for row, _col, left, right in spans:
        by_row.setdefault(row, []).append((left, right))
    for row, boxes in by_row.items():
        boxes.sort()
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(boxes)), row
        height_px = (ws.row_dimensions[row].height or 15) / 0.75
        assert height_px >= PICTURE_PX  # the row holds its pictures: none spills onto the next
    column = spans[0][1]
    width_px = (ws.column_dimensions[chr(ord("A") + column)].width or 8) * 7
    assert width_px >= max(r for boxes in by_row.values() for _l, r in boxes)


def test_a_corrected_price_is_a_number_and_an_outer_id_stays_text(tmp_path: Path) -> None:
    """Corrections made in the window reach the report as the typed text: in a price or stock
    column that text is a number like the cells around it; 00123 as 商家编码 stays text."""
    rows = [HEADER, product_row(1), product_row(2)]
    rows[1][0] = "00123"
    rows[1][2] = "88.80"  # as an edit puts it in (text)
    rows[2][3] = "7"
    sheet = read_sheet(build_xlsx(tmp_path / "表.xlsx", rows))
    ws = load_workbook(write_report(tmp_path / "r.xlsx", sheet, []))[RESULT_SHEET]
    header = [c.value for c in ws[1]]
    assert ws.cell(row=2, column=header.index("价格") + 1).value == 88.8
    assert ws.cell(row=3, column=header.index("库存") + 1).value == 7
    assert ws.cell(row=2, column=header.index("商家编码") + 1).value == "00123"
