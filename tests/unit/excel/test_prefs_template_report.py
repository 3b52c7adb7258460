"""Remembered column mappings, the template workbook and the result report."""

from __future__ import annotations

import csv
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image

from app import paths
from app.catalog.keys import assign_keys
from app.catalog.pricing import Ending, PricingRule
from app.catalog.rules import validate
from app.catalog.settings import ListingDefaults
from app.excel import prefs
from app.excel.errors import SheetError
from app.excel.reader import read_sheet
from app.excel.report import FAILED_SHEET, RESULT_SHEET, RowResult, write_report
from app.excel.template import COLUMNS, write_template
from tests.sheetgen import HEADER, build_xlsx, picture, product_row


def test_user_mapping_is_remembered_for_same_headers(tmp_path: Path) -> None:
    rows = [["品名", "零售价", "库存", "款式编号"], ["T恤", 19.9, 5, "K-1"]]
    path_a = build_xlsx(tmp_path / "a.xlsx", rows)
    with pytest.raises(SheetError):  # only 库存 is recognised: no header found by itself
        read_sheet(path_a)
    first = read_sheet(path_a, header_row=1)  # the UI lets the user point at the header
    assert first.unknown_headers == ["品名", "零售价", "款式编号"]
    assert first.products[0].extra["品名"] == "T恤"
    first.remember_mapping({"A": "title", "B": "price", "D": "ignore"})
    assert (paths.config_dir() / prefs.MAPPINGS_FILE).is_file()
    again = read_sheet(build_xlsx(tmp_path / "b.xlsx", rows))  # another file, same headers
    p = again.products[0]
    assert (p.title, p.price) == ("T恤", Decimal("19.90"))
    assert again.unknown_headers == []
    assert "款式编号" not in p.extra
    other = read_sheet(build_xlsx(tmp_path / "c.xlsx", [["品名", "零售价", "库存", "备注"],
                                                       ["T恤", 19.9, 5, ""]]), header_row=1)
    assert other.products[0].title is None  # different header layout: not applied
    with pytest.raises(ValueError):
        prefs.remember_mapping(first.signature, {"品名": "no_such_field"})
    prefs.forget_mapping(first.signature)
    with pytest.raises(SheetError):
        read_sheet(tmp_path / "b.xlsx")


def test_defaults_and_pricing_round_trip() -> None:
    prefs.save_defaults(ListingDefaults(location_state="广东", location_city="广州"))
    assert prefs.load_defaults().location_city == "广州"
    assert prefs.load_pricing() is None
    rule = PricingRule(Decimal("35"), Decimal("2.5"), Ending.NINETY)
    prefs.save_pricing(rule)
    assert prefs.load_pricing() == rule
    prefs.save_pricing(None)
    assert prefs.load_pricing() is None


def test_template_is_readable_and_its_example_row_is_valid_but_marked(tmp_path: Path) -> None:
    path = write_template(tmp_path / "tpl.xlsx")
    wb = load_workbook(path)
    ws = wb["宝贝"]
    assert [c.value for c in ws[1]] == [c.header for c in COLUMNS]
    assert all(c.comment is not None and c.comment.text for c in ws[1])
    assert ws.freeze_panes == "A2"
    lists = {dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert '"全新,二手"' in lists
    assert '"一口价,拍卖"' in lists
    assert '"出售中,仓库中"' in lists
    assert ws.column_dimensions["B"].width >= 30
    sheet = read_sheet(path)
    # the property columns: the reader keeps them for the resolution step (the leaf's names)
    assert sheet.unknown_headers == ["品牌", "货号", "材质成分", "年份季节"]
    [example] = sheet.products  # four SKU rows sharing the example 商家编码: one product
    assert example.rows == [2, 3, 4, 5]
    pairs = (("白色", "S"), ("白色", "M"), ("黑色", "S"), ("黑色", "M"))
    assert [s.values for s in example.skus] == [{"颜色": c, "尺码": z} for c, z in pairs]
    assert (example.price, example.num) == (Decimal("59.90"), 160)  # lowest in-stock, sum
    assert example.category_text == "女装/女士精品 > T恤"
    assert example.props_text == "适用年龄:25-29周岁;服装版型:宽松"
    assert len(example.detail_images) == 1
    assert [s.image is not None for s in example.skus] == [True, False, True, False]
    img = example.images[0]
    with Image.open(__import__("io").BytesIO(img.data or b"")) as im:
        assert min(im.size) >= 800
    # every value is a good example; the one thing wrong with the row is that it is the example
    assert [i.code for i in validate(sheet.products, ListingDefaults())[example.row]] == [
        "example.row"]
    assert example.cell_issues == []


def _sheet(tmp_path: Path):  # type: ignore[no-untyped-def]
    rows = [HEADER, product_row(1, "https://x.cn/1.jpg"), product_row(2), product_row(3)]
    rows[3][0] = None  # no 商家编码: a generated key goes to the report
    path = build_xlsx(tmp_path / "src.xlsx", rows, floating={"G3": picture(100, 100)})
    sheet = read_sheet(path)
    assign_keys(sheet.products)
    return sheet


def test_report_xlsx_results_and_failed_rows_redroppable(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path)
    at = datetime(2026, 11, 11, 20, 0, 5)
    results = [RowResult(2, "listed", 6001, None, "", "req-1", at),
               RowResult(3, "failed", None, "15 isv.invalid-parameter:price", "价格不对",
                         "req-2", at),
               RowResult(4, "failed", None, "isp.timeout", "超时", "req-3", at)]
    out = write_report(tmp_path / "out" / "report.xlsx", sheet, results)
    wb = load_workbook(out)
    assert wb.sheetnames == [FAILED_SHEET, RESULT_SHEET]
    ws = wb[RESULT_SHEET]
    header = [c.value for c in ws[1]]
    for name in ("状态", "宝贝ID", "错误代码", "错误说明", "request_id", "时间"):
        assert name in header
    row2 = dict(zip(header, [c.value for c in ws[2]], strict=True))
    assert (row2["状态"], row2["宝贝ID"], row2["request_id"]) == ("已上架", 6001, "req-1")
    assert row2["时间"] == "2026-11-11 20:00:05"
    row4 = dict(zip(header, [c.value for c in ws[4]], strict=True))
    assert row4["上架编码"] == sheet.products[2].generated_key
    assert row4["错误说明"] == "超时"
    again = read_sheet(out)  # dropping the report back in reads the failed rows
    assert again.sheet_name == FAILED_SHEET
    assert [p.title for p in again.products] == ["夏季纯棉短袖T恤 款2", "夏季纯棉短袖T恤 款3"]
    assert again.products[0].images[0].data == sheet.products[1].images[0].data


def test_report_marks_listed_rows_whose_edits_are_not_on_taobao(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path)
    note = "已上架（宝贝ID 6002）；以下修改未同步到淘宝：标题、主图。本程序目前还不能修改"
    results = [RowResult(2, "listed", 6001),
               RowResult(3, "listed", 6002, message=note, unsent=("标题", "主图"))]
    wb = load_workbook(write_report(tmp_path / "report.xlsx", sheet, results))
    ws = wb[RESULT_SHEET]
    header = [c.value for c in ws[1]]
    row2, row3 = (dict(zip(header, [c.value for c in ws[r]], strict=True)) for r in (2, 3))
    assert (row2["状态"], row2["错误说明"]) == ("已上架", None)
    assert row3["状态"] == "已上架；以下修改未同步到淘宝：标题、主图"
    assert row3["错误说明"] == note
    status = ws.cell(row=3, column=header.index("状态") + 1)
    assert status.fill.fgColor.rgb.endswith("FFEB9C")  # marked, neither green nor red
    assert wb[FAILED_SHEET].max_row == 1  # listed: not a row to drop back in


def test_report_csv_has_bom_and_failed_file(tmp_path: Path) -> None:
    sheet = _sheet(tmp_path)
    out = write_report(tmp_path / "r.csv", sheet,
                       [RowResult(3, "failed", code=40, message="缺参数")])
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "行号"
    assert rows[2][-7:-2] == ["失败", "", "40", "缺参数", ""]
    assert rows[1][-7] == "未上传"
    failed = tmp_path / f"r_{FAILED_SHEET}.csv"
    assert failed.read_bytes().startswith(b"\xef\xbb\xbf")
    again = read_sheet(failed)
    assert [p.outer_id for p in again.products] == ["SKU-00002"]
