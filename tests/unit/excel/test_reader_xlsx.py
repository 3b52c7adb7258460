"""Reading generated workbooks: header search, typed values, every kind of picture, merges."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

from app.catalog.model import ImageSource
from app.excel.reader import read_sheet
from tests.sheetgen import HEADER, build_shared_strings_xlsx, build_xlsx, picture, product_row


def test_header_below_title_rows_with_merged_title(tmp_path: Path) -> None:
    rows = [["2026 春季上新", None, None], ["说明：红色为必填", None], HEADER,
            product_row(1, "https://img.example.com/a.jpg"), [None] * 3,
            product_row(2, "https://img.example.com/b.jpg")]
    sheet = read_sheet(build_xlsx(tmp_path / "s.xlsx", rows, merges=["A1:J1"]))
    assert sheet.header_row == 3
    assert [p.row for p in sheet.products] == [4, 6]  # blank row 5 skipped
    p = sheet.products[0]
    assert (p.outer_id, p.title, p.price, p.num, p.cid) == (
        "SKU-00001", "夏季纯棉短袖T恤 款1", Decimal("60.90"), 101, 50000671)
    assert (p.location_state, p.location_city, p.stuff_status) == ("浙江", "杭州", "new")
    assert p.images[0].source is ImageSource.URL
    assert sheet.mapping["B"] == "title"
    assert sheet.headers["G"] == "主图"
    assert p.cell("price") == "C4"


def test_whitespace_trimmed_and_numbers_as_text(tmp_path: Path) -> None:
    rows = [["商家编码", "标题", "价格", "库存"],
            [12345.0, "  带空格的标题 \u3000", " 19.9 ", "  8 "]]
    p = read_sheet(build_xlsx(tmp_path / "s.xlsx", rows)).products[0]
    assert (p.outer_id, p.title, p.price, p.num) == ("12345", "带空格的标题", Decimal("19.90"), 8)


def test_shared_strings_and_rich_text_as_excel_writes_them(tmp_path: Path) -> None:
    rows = [["标题", "价格", "库存", "商家编码"], ["富文本标题", 19.899999999999999, 5.0, "X-1"]]
    sheet = read_sheet(build_shared_strings_xlsx(tmp_path / "s.xlsx", rows))
    p = sheet.products[0]
    assert sheet.sheet_name == "商品"
    assert (p.title, p.price, p.num, p.outer_id) == ("富文本标题", Decimal("19.90"), 5, "X-1")


def test_floating_wps_and_excel_cell_pictures(tmp_path: Path) -> None:
    logo, float_pic, wps_pic, xl_pic = (picture(60, 60, (1, 1, 1)), picture(90, 90, (2, 2, 2)),
                                        picture(800, 800, (3, 3, 3)), picture(640, 640))
    rows = [HEADER, product_row(1), product_row(2), product_row(3), product_row(4)]
    rows[4][2] = "#VALUE!"  # a real error value: no vm, not a picture
    path = build_xlsx(tmp_path / "p.xlsx", rows, floating={"A1": logo, "G2": float_pic},
                      wps={"G3": wps_pic}, excel={"G4": xl_pic})
    sheet = read_sheet(path)
    by_row = {p.row: p for p in sheet.products}
    assert [(i.source, i.location, i.data) for i in by_row[2].images] == [
        (ImageSource.FLOATING, "Sheet1!G2", float_pic)]
    assert by_row[2].images[0].name.startswith("image")
    wps = by_row[3].images
    assert [(i.source, i.location, i.data, i.name) for i in wps] == [
        (ImageSource.WPS_CELL, "Sheet1!G3", wps_pic, "wps1.png")]
    xl = by_row[4].images
    assert [(i.source, i.location, i.data, i.name) for i in xl] == [
        (ImageSource.EXCEL_CELL, "Sheet1!G4", xl_pic, "xlpic1.png")]
    assert by_row[5].images == []
    value_error = [i for i in by_row[5].cell_issues if i.field == "price"]
    assert value_error[0].is_error
    assert "C5" in value_error[0].message
    assert "#VALUE!" in value_error[0].message
    assert all(img.data != logo for p in sheet.products for img in p.images)


def test_same_wps_picture_in_two_cells(tmp_path: Path) -> None:
    pic = picture(100, 100)
    rows = [HEADER, product_row(1), product_row(2, "placeholder")]
    path = build_xlsx(tmp_path / "w.xlsx", rows, wps={"G2": pic})
    # make G3 reuse G2's DISPIMG id
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    start = xml.index('<c r="G2"')
    g2 = xml[start:xml.index("</c>", start) + 4]
    xml = re.sub(r'<c r="G3"[^>]*?(/>|>.*?</c>)', g2.replace('r="G2"', 'r="G3"'), xml, count=1)
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as zf:
        for n, d in parts.items():
            zf.writestr(n, d)
    products = read_sheet(path).products
    assert [p.images[0].location for p in products] == ["Sheet1!G2", "Sheet1!G3"]
    assert products[0].images[0].data == products[1].images[0].data == pic


def test_picture_paths_relative_absolute_several(tmp_path: Path) -> None:
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "a.jpg").write_bytes(picture(fmt="JPEG"))
    abs_b = tmp_path / "b.png"
    abs_b.write_bytes(picture())
    rows = [[*HEADER, "图片2"],
            [*product_row(1, f"pics/a.jpg; {abs_b}\nhttps://x.cn/c.jpg"), "pics\\a.jpg"],
            product_row(2, "pics/missing.jpg")]
    sheet = read_sheet(build_xlsx(tmp_path / "s.xlsx", rows))
    first, second = sheet.products
    assert [(i.source, i.location) for i in first.images] == [
        (ImageSource.PATH, "pics/a.jpg"), (ImageSource.PATH, str(abs_b)),
        (ImageSource.URL, "https://x.cn/c.jpg"), (ImageSource.PATH, "pics\\a.jpg")]
    assert second.images == []
    missing = [i for i in second.cell_issues if i.field == "image"]
    assert missing[0].is_error
    assert "pics/missing.jpg" in missing[0].message
    assert missing[0].message.startswith("G3 ")


def test_vertical_merge_fills_rows(tmp_path: Path) -> None:
    rows = [HEADER, product_row(1), product_row(2), product_row(3)]
    rows[2][4] = rows[3][4] = None
    rows[1][4] = 162104
    sheet = read_sheet(build_xlsx(tmp_path / "m.xlsx", rows, merges=["E2:E4"]))
    assert [p.cid for p in sheet.products] == [162104] * 3


def test_unknown_and_duplicate_headers_reported_and_kept(tmp_path: Path) -> None:
    rows = [[*HEADER, "备注", "标题"], [*product_row(1), "老客户价", "第二个标题"]]
    sheet = read_sheet(build_xlsx(tmp_path / "u.xlsx", rows))
    p = sheet.products[0]
    # the reader cannot know property columns (品牌 …): the resolution step claims those
    assert sheet.unknown_headers == ["品牌", "货号", "材质成分", "年份季节", "备注"]
    assert p.extra["备注"] == "老客户价"
    assert p.extra["标题（P列）"] == "第二个标题"
    assert p.title == "夏季纯棉短袖T恤 款1"
    assert any("P 列「标题」" in n and "B 列" in n for n in sheet.notes)
    assert any("备注" in n for n in sheet.notes)


def test_first_sheet_without_header_is_skipped(tmp_path: Path) -> None:
    path = build_xlsx(tmp_path / "two.xlsx", [HEADER, product_row(1)], sheet_title="宝贝",
                      extra_sheets={"封面": [["店铺商品表"], ["2026"]]})
    sheet = read_sheet(path)
    assert sheet.sheet_name == "宝贝"
    assert len(sheet.products) == 1


def test_floating_picture_on_blank_row_is_a_note(tmp_path: Path) -> None:
    rows = [HEADER, product_row(1)]
    sheet = read_sheet(build_xlsx(tmp_path / "f.xlsx", rows, floating={"G5": picture()}))
    assert any("第 5 行" in n for n in sheet.notes)


def test_identity_is_stable_and_differs_per_sheet(tmp_path: Path) -> None:
    path = build_xlsx(tmp_path / "i.xlsx", [HEADER, product_row(1)])
    a, b = read_sheet(path), read_sheet(path)
    assert a.identity == b.identity
    assert len(a.identity) == 16
    other = build_xlsx(tmp_path / "j.xlsx", [HEADER, product_row(1)])
    assert read_sheet(other).identity != a.identity


def test_skus_dates_booleans(tmp_path: Path) -> None:
    rows = [["标题", "价格", "库存", "SKU属性", "SKU数量", "SKU价格", "定时上架", "发票"],
            ["T恤", 15, 10, "1627207:28320,1627207:28341", "4，6", "10,20", "2026-11-11 20:00",
             "是"],
            ["T恤2", 15, 10, "1627207:28320,1627207:28341", "4", "10,20,30", None, None]]
    first, second = read_sheet(build_xlsx(tmp_path / "k.xlsx", rows)).products
    assert [(s.properties, s.quantity, s.price) for s in first.skus] == [
        ("1627207:28320", 4, Decimal("10.00")), ("1627207:28341", 6, Decimal("20.00"))]
    assert first.list_time is not None
    assert first.list_time.hour == 20
    assert first.has_invoice is True
    assert first.cell_issues == []
    assert {i.code for i in second.cell_issues} == {"sku_quantities.misaligned",
                                                    "sku_prices.misaligned"}


def test_formula_without_cached_value(tmp_path: Path) -> None:
    rows = [HEADER, product_row(1, "https://x.cn/a.jpg")]
    rows[1][2] = "=C1*2"  # openpyxl writes the formula with no calculated result
    p = read_sheet(build_xlsx(tmp_path / "f.xlsx", rows)).products[0]
    [issue] = p.cell_issues
    assert issue.field == "price"
    assert issue.message.startswith("C2 价格是公式，但文件里没有算好的结果")


def test_in_cell_picture_with_missing_data_is_an_error(tmp_path: Path) -> None:
    path = build_xlsx(tmp_path / "broken.xlsx", [HEADER, product_row(1), product_row(2)],
                      wps={"G2": picture()}, excel={"G3": picture()})
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()
                 if n not in ("xl/cellimages.xml", "xl/richData/rdrichvalue.xml")}
    with zipfile.ZipFile(path, "w") as zf:
        for n, d in parts.items():
            zf.writestr(n, d)
    first, second = read_sheet(path).products
    assert [i.message for i in first.cell_issues] == [
        "G2 的WPS 嵌入图片在文件里找不到图片数据，请重新插入图片"]
    assert [i.message for i in second.cell_issues] == [
        "G3 的单元格内图片在文件里找不到图片数据，请重新插入图片"]
    assert first.images == second.images == []
