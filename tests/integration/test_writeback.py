"""写回表格: a copy of the sheet with the corrections; the user's file is never written, and the
copy keeps the rest of the workbook — pictures of every kind, formulas, other sheets."""

from __future__ import annotations

import hashlib
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.excel.errors import SheetError
from app.excel.reader import read_sheet
from app.excel.writeback import CellChange, copy_path, write_copy
from app.excel.xlsx_book import XlsxBook
from app.review import review_sheet, revise
from app.review_apply import copy_changes
from tests.sheetgen import HEADER, build_xlsx, picture, product_row

CALC_CHAIN = b'<?xml version="1.0"?><calcChain xmlns="http://schemas.openxmlformats.org/' \
    b'spreadsheetml/2006/main"><c r="C3" i="1"/><c r="K2" i="1"/></calcChain>'
CHANGED_PARTS = {"xl/workbook.xml", "[Content_Types].xml", "xl/_rels/workbook.xml.rels",
                 "xl/calcChain.xml"}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _with_calc_chain(path: Path) -> None:
    """What Excel writes when the workbook has formulas: xl/calcChain.xml, typed and related."""
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["xl/calcChain.xml"] = CALC_CHAIN
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.'
        b'openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>')
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdCalc" Type="http://schemas.openxmlformats.'
        b'org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/>'
        b"</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)


def _cells(xml: str) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in re.finditer(r'<c r="([A-Z]+\d+)".*?(?:/>|</c>)', xml)}


def _workbook(tmp_path: Path) -> Path:
    # the first ten columns (no property columns): the formula stays in K
    rows = [[*HEADER[:10], "备注"], *(product_row(n)[:10] for n in (1, 2, 3))]
    rows[1].append("=C2*2")  # a formula outside the product fields
    rows[2][2] = "=59.9+1"  # a price that is a formula
    path = build_xlsx(tmp_path / "商品.xlsx", rows,
                      wps={"G2": picture(900, 900, (10, 20, 30))},
                      excel={"G3": picture(900, 900, (40, 50, 60))},
                      floating={"G4": picture(900, 900, (70, 80, 90))},
                      extra_sheets={"说明": [["请按模板填写"]]})
    _with_calc_chain(path)
    return path


def test_the_copy_holds_the_corrections_and_everything_else_of_the_workbook(
        tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    before = _digest(path)
    review = review_sheet(path)
    applied = review.edits
    assert applied is not None
    overlay = applied.overlay.snapshot()
    for row, name, text in ((2, "title", "改好的标题 <&>"), (3, "price", "61.90"),
                            (4, "outer_id", "00123"), (2, "location.city", "宁波")):
        overlay.set(row, applied.fingerprint(review.sheet, row), name,
                    applied.read_text(review.sheet, row, name), text)
    review = revise(review, overlay)
    assert review.edits is not None
    changes, missing = copy_changes(review.sheet, review.edits)
    assert missing == []
    target = copy_path(path)
    assert target.name == "商品_已修改.xlsx"
    result = write_copy(path, review.sheet.sheet_name, changes, target)

    assert _digest(path) == before  # the user's workbook is only read
    assert sorted(result.written) == ["A4", "B2", "C3", "I2"]
    assert result.formulas_replaced == ["C3"]
    assert result.not_written == []

    copy = read_sheet(target)
    by_row = {p.row: p for p in copy.products}
    assert by_row[2].title == "改好的标题 <&>"
    assert by_row[2].location_city == "宁波"
    assert by_row[3].price == Decimal("61.90")
    assert by_row[4].outer_id == "00123"
    original = {p.row: p for p in read_sheet(path).products}
    for row in (2, 3, 4):  # WPS in-cell, Excel in-cell and floating pictures all still there
        assert [r.data for r in by_row[row].images] == [r.data for r in original[row].images]
        assert by_row[row].images

    with XlsxBook(path) as book:
        member = next(m for name, m, _v in book.sheets if name == "Sheet1")
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(target) as new:
        assert "xl/calcChain.xml" not in new.namelist()  # a formula became a value: rebuilt
        for name in old.namelist():
            if name not in {member, *CHANGED_PARTS}:
                assert new.read(name) == old.read(name), name
        assert b"calcChain" not in new.read("[Content_Types].xml")
        assert b"calcChain" not in new.read("xl/_rels/workbook.xml.rels")
        sheet_xml = new.read(member).decode()
        assert re.search(r'<c r="K2"[^>]*><f>C2\*2</f>', sheet_xml)  # other formulas kept
        old_cells, new_cells = _cells(old.read(member).decode()), _cells(sheet_xml)
        assert {r for r in old_cells if old_cells[r] != new_cells.get(r)} == {"A4", "B2", "C3",
                                                                              "I2"}
    book = load_workbook(target)  # well-formed for another reader too
    assert book.sheetnames == ["说明", "Sheet1"]
    assert book["Sheet1"]["A4"].value == "00123"
    assert book["Sheet1"]["C3"].value == 61.9
    assert book["Sheet1"]["K2"].value == "=C2*2"


def test_what_the_copy_cannot_hold_is_said(tmp_path: Path) -> None:
    rows = [["商家编码", "宝贝标题", "价格", "库存", "类目ID", "宝贝描述", "主图"],
            product_row(1)[:7]]
    path = build_xlsx(tmp_path / "无省份.xlsx", rows, wps={"G2": picture(900, 900)})
    review = review_sheet(path)
    applied = review.edits
    assert applied is not None
    overlay = applied.overlay.snapshot()
    fp = applied.fingerprint(review.sheet, 2)
    overlay.set(2, fp, "location.state", "", "浙江")
    extra = tmp_path / "b.png"
    extra.write_bytes(picture(900, 900))
    overlay.set(2, fp, "image", applied.read_text(review.sheet, 2, "image"),
                applied.read_text(review.sheet, 2, "image") + "; b.png")
    review = revise(review, overlay)
    assert review.edits is not None
    changes, missing = copy_changes(review.sheet, review.edits)
    assert changes == []
    assert len(missing) == 2
    assert "省份：表格里没有这一列" in missing[0]
    assert "图片是放在表格里的" in missing[1]


def test_a_cell_starting_a_shared_formula_is_not_rewritten(tmp_path: Path) -> None:
    path = build_xlsx(tmp_path / "s.xlsx", [HEADER, product_row(1), product_row(2)])
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    xml = re.sub(r'<c r="D2"[^>]*>.*?</c>',
                 '<c r="D2"><f t="shared" ref="D2:D3" si="0">100+1</f><v>101</v></c>', xml)
    xml = re.sub(r'<c r="D3"[^>]*>.*?</c>', '<c r="D3"><f t="shared" si="0"/><v>102</v></c>',
                 xml)
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    target = tmp_path / "copy.xlsx"
    result = write_copy(path, "Sheet1", [CellChange("D2", "5", number=True),
                                         CellChange("D3", "6", number=True),
                                         CellChange("L2", "新列", number=False)], target)
    assert result.written == ["D3", "L2"]
    assert "共享公式" in result.not_written[0]
    copy = read_sheet(target)
    assert [p.num for p in copy.products] == [101, 6]


def test_never_over_the_sheet_itself(tmp_path: Path) -> None:
    path = build_xlsx(tmp_path / "s.xlsx", [HEADER, product_row(1)])
    before = _digest(path)
    with pytest.raises(SheetError):
        write_copy(path, "Sheet1", [CellChange("B2", "x")], path)
    assert _digest(path) == before


def test_a_gbk_csv_copy_keeps_its_encoding(tmp_path: Path) -> None:
    path = tmp_path / "商品.csv"
    lines = [",".join(HEADER), ",".join(str(v) for v in product_row(1, "a.jpg"))]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    before = _digest(path)
    target = tmp_path / "商品_已修改.csv"
    result = write_copy(path, "商品", [CellChange("B2", "新标题"), CellChange("C2", "49.99")],
                        target)
    assert result.written == ["B2", "C2"]
    assert _digest(path) == before
    text = target.read_bytes().decode("gbk")
    assert "新标题,49.99" in text
    assert read_sheet(target).products[0].title == "新标题"
