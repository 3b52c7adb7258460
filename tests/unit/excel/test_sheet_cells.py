"""The sheet XML's cells as read: every way a program writes a cell, and cell references."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from app.catalog.model import ImageSource
from app.excel.grid import CellError, CellPicture
from app.excel.ooxml import col_index, ref_column
from app.excel.reader import read_sheet
from tests.sheetgen import build_sheet_xml_xlsx

HEADER_ROW = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
              '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>')
SHARED = ["商家编码", "标题", "价格", "库存", "X-1", '=DISPIMG("ID_2",1)']


@pytest.mark.parametrize(("ref", "letters"), [
    ("A1", "A"), ("Z9", "Z"), ("AA10", "AA"), ("XFD1048576", "XFD"), ("b5", "B"), ("xfd2", "XFD"),
    ("AB", "AB"), ("A1B2", "A"), ("ABCD7", "ABCD")])
def test_ref_column_is_col_index_of_the_leading_letters(ref: str, letters: str) -> None:
    assert ref_column(ref) == col_index(letters)
    assert ref_column(ref) == col_index(letters)  # the second time from the cache


@pytest.mark.parametrize("ref", ["5", "", "$A$1", "1A", "Ａ1", "é1"])
def test_ref_column_of_a_reference_without_a_leading_letter_is_none(ref: str) -> None:
    assert ref_column(ref) is None
    assert ref_column(ref) is None


def test_every_kind_of_cell_is_read_as_its_value(tmp_path: Path) -> None:
    cells = "".join([
        '<c r="A2" t="s"><v>4</v></c>',  # shared string
        '<c r="B2" t="inlineStr"><is><t>纯文本</t></is></c>',  # openpyxl's inline string
        '<c r="C2"><v>19.9</v></c>',  # a number, no type
        '<c r="D2" t="n"><v>5</v></c>',  # a number, typed
        '<c r="E2" t="s"><v>99</v></c>',  # a shared string that is not there: nothing
        '<c r="F2" t="s"><v>x</v></c>',  # not an index: nothing
        '<c r="G2" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r><rPh><t>フ</t></rPh>'
        "</is></c>",  # rich text runs, the phonetic run left out
        '<c r="H2" t="inlineStr"><is><t>=DISPIMG("ID_1",1)</t></is></c>',  # WPS picture
        '<c r="I2" t="s"><v>5</v></c>',  # WPS picture as a shared string
        '<c r="J2" t="str"><f>A1</f><v>公式</v></c>',  # a formula's cached text
        '<c r="K2" t="b"><v>1</v></c>',
        '<c r="L2" t="e"><v>#N/A</v></c>',
        '<c t="inlineStr"><is><t>无引用</t></is></c>',  # no reference: the next column (M)
        '<c r="n2"><v>7</v></c>',  # lower case: N
        '<c r="$O$2"><v>8</v></c>',  # not a plain reference: the next column (O)
        '<c r="2"><v>9</v></c>',  # no letters: the next column (P)
        '<c r="AA2" t="inlineStr"><is><t></t></is></c>',  # empty cells are left out
        '<c r="AB2" t="inlineStr"><is/></c>',
        '<c r="AC2"><v/></c>',
        '<c r="AD2" t="s"/>',
        '<c r="AE2" t="d"><v>2026-11-11T20:00:00Z</v></c>',
        '<c r="AF2"><v>abc</v></c>',  # a number cell holding text: the text
        '<c r="AG2"><f>SUM(C2:D2)</f></c>',  # a formula never calculated
        '<c r="AH2" t="n"><f>1+1</f><v>2</v></c>',  # a formula's cached number
        '<c r="XFD2"><v>1</v></c>',
    ])
    path = build_sheet_xml_xlsx(tmp_path / "cells.xlsx", f'{HEADER_ROW}<row r="2">{cells}</row>',
                                SHARED)

    sheet = read_sheet(path)

    assert sheet.raw_rows[2] == {
        0: "X-1", 1: "纯文本", 2: 19.9, 3: 5.0, 6: "富文本",
        7: CellPicture(ImageSource.WPS_CELL, "ID_1"), 8: CellPicture(ImageSource.WPS_CELL, "ID_2"),
        9: "公式", 10: True, 11: CellError("#N/A"), 12: "无引用", 13: 7.0, 14: 8.0, 15: 9.0,
        30: datetime(2026, 11, 11, 20, 0), 31: "abc", 32: CellError("#NOCACHE"), 33: 2.0,
        16383: 1.0}
    product = sheet.products[0]
    assert (product.outer_id, product.title, str(product.price), product.num) == (
        "X-1", "纯文本", "19.90", 5)


def test_values_that_are_not_text_or_numbers_in_every_kind_of_column(tmp_path: Path) -> None:
    names = {"A": "商家编码", "B": "标题", "C": "价格", "D": "库存", "E": "省份", "F": "颜色",
             "G": "主图", "H": "品牌", "K": "宝贝描述"}
    header = "".join(f'<c r="{letter}1" t="inlineStr"><is><t>{text}</t></is></c>'
                     for letter, text in names.items())
    cells = "".join([
        '<c r="A2" t="inlineStr"><is><t>X-1</t></is></c>',
        '<c r="B2" t="b"><v>1</v></c>',  # text column: a yes/no cell reads as 是
        '<c r="C2" t="e"><v>#N/A</v></c>',  # a price that is an error value
        '<c r="D2" t="d"><v>2026-01-02T00:00:00</v></c>',  # a count that is a date
        '<c r="E2" t="b"><v>0</v></c>',
        '<c r="F2"><v>3</v></c>',  # a colour written as a number
        '<c r="G2" t="inlineStr"><is><t>=DISPIMG("ID_X",1)</t></is></c>',  # no picture data
        '<c r="H2" t="e"><v>#REF!</v></c>',  # unknown column: kept as written
        '<c r="I2" t="inlineStr"><is><t>=DISPIMG("ID_Y",1)</t></is></c>',  # a column without
        '<c r="J2"><v>7</v></c>',  # a header: its pictures count, its values do not
        '<c r="K2" t="e"><v>#DIV/0!</v></c>',  # a text field that is an error value
    ])
    path = build_sheet_xml_xlsx(tmp_path / "kinds.xlsx",
                                f'<row r="1">{header}</row><row r="2">{cells}</row>')

    product = read_sheet(path).products[0]

    assert (product.outer_id, product.title, product.price, product.num,
            product.location_state) == ("X-1", "是", None, None, "否")
    assert product.extra == {"品牌": "#REF!"}
    assert [(s.values, s.cells) for s in product.skus] == [({"颜色": "3"}, {"颜色": "F2"})]
    missing = "的WPS 嵌入图片在文件里找不到图片数据，请重新插入图片"
    fault = "（公式出错或引用失效），请改成实际内容"
    assert [(i.field, i.code, i.message) for i in product.cell_issues] == [
        ("price", "price.cell_error", f"C2 价格是错误值 #N/A{fault}"),
        ("num", "num.invalid", "D2 库存「2026-01-02」不是整数"),
        ("image", "image.embedded_missing", f"G2 {missing}"),
        ("image", "image.embedded_missing", f"I2 {missing}"),
        ("desc", "desc.cell_error", f"K2 描述是错误值 #DIV/0!{fault}")]
