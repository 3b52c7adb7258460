"""The template workbook a shop owner can fill without a manual (`taoshelf template OUT.xlsx`).

Its columns (`app.excel.template_columns`) show the whole sheet contract, with an example
product of four SKU rows that `check` refuses until it is changed or deleted.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image as XlImage
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from app.excel.template_columns import COLUMNS, EXAMPLE_ROWS, GUIDE, TemplateColumn

__all__ = ["COLUMNS", "TemplateColumn", "example_picture", "write_template"]


def example_picture(size: int = 800, colour: tuple[int, int, int] = (70, 130, 200)) -> bytes:
    """A plain product-like JPEG (``size``×``size``) for the example rows."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (size, size), (245, 245, 245))
    draw = ImageDraw.Draw(img)
    s = size / 800
    body = [(250, 200), (330, 160), (470, 160), (550, 200), (640, 300), (570, 350), (530, 320),
            (530, 640), (270, 640), (270, 320), (230, 350), (160, 300)]
    draw.polygon([(x * s, y * s) for x, y in body], fill=colour, outline=(90, 90, 90))
    draw.ellipse((350 * s, 140 * s, 450 * s, 200 * s), fill=(245, 245, 245))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def _picture(ws: Worksheet, header: str, row: int, data: bytes) -> None:
    col = next(i for i, c in enumerate(COLUMNS, start=1) if c.header == header)
    img = XlImage(io.BytesIO(data))
    img.width, img.height = 90, 90  # shown size; the stored picture stays as made
    ws.add_image(img, f"{get_column_letter(col)}{row}")


def _header(ws: Worksheet, index: int, col: TemplateColumn) -> None:
    cell = ws.cell(row=1, column=index, value=col.header)
    colour = "C00000" if col.required else "1F4E9E" if col.kind == "prop" else \
        "2E7D32" if col.kind == "sku" else "000000"
    cell.font = Font(bold=True, color=colour)
    cell.fill = PatternFill("solid", fgColor="FFE699")
    cell.alignment = Alignment(horizontal="center", vertical="center")
    comment = Comment(col.note, "淘上架")
    comment.width, comment.height = 340, 150
    cell.comment = comment


def write_template(path: Path) -> Path:
    """Write the template: headers with notes, drop-downs, the example product (four SKU rows)
    with its main, detail and colour pictures, and the 填写说明 sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "宝贝"
    last = EXAMPLE_ROWS + 1
    for index, col in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        _header(ws, index, col)
        ws.column_dimensions[letter].width = col.width
        for row, value in enumerate((col.example, *col.more), start=2):
            if value is not None:
                ws.cell(row=row, column=index, value=value)
        if col.choices:
            dv = DataValidation(type="list", formula1='"' + ",".join(col.choices) + '"',
                                allow_blank=True, showErrorMessage=True,
                                errorTitle="请从下拉列表选择",
                                error="只能填：" + "、".join(col.choices))
            dv.add(f"{letter}2:{letter}5000")
            ws.add_data_validation(dv)
    for header in ("一口价", "SKU价格"):
        letter = get_column_letter(next(i for i, c in enumerate(COLUMNS, start=1)
                                        if c.header == header))
        for row in range(2, last + 1):
            ws[f"{letter}{row}"].number_format = "0.00"
        dv_price = DataValidation(type="decimal", operator="between", formula1="0.01",
                                  formula2="100000000", allow_blank=True, showErrorMessage=True,
                                  errorTitle="价格不对", error="价格要在 0.01 到 100000000 元之间")
        dv_price.add(f"{letter}2:{letter}5000")
        ws.add_data_validation(dv_price)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 24
    for row in range(2, last + 1):
        ws.row_dimensions[row].height = 72
    _picture(ws, "主图", 2, example_picture())
    _picture(ws, "详情图", 2, example_picture(750, (200, 200, 210)))
    _picture(ws, "颜色图", 2, example_picture(800, (250, 250, 250)))  # 白色
    _picture(ws, "颜色图", 4, example_picture(800, (40, 40, 40)))  # 黑色
    help_ws = wb.create_sheet("填写说明")
    help_ws.column_dimensions["A"].width = 14
    help_ws.column_dimensions["B"].width = 100
    help_ws.append(["列名", "怎么填"])
    for col in COLUMNS:
        help_ws.append([col.header, col.note])
    help_ws.append([])
    for title, text in GUIDE:
        help_ws.append([title, text])
    for row in help_ws.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
