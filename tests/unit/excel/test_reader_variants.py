"""The sheet contract as the reader reads it (offline): 类目 by id, name or path; rows sharing a
商家编码 as one product with one SKU per row; product columns from the first row; 颜色图 and
详情图 pictures; the one-row list form; 货号 beside 商家编码 as a property column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from app.catalog.model import ImageSource
from app.excel.reader import read_sheet
from tests.sheetgen import build_xlsx, picture

BASE = ["商家编码", "宝贝标题", "类目", "价格", "库存", "颜色", "尺码", "品牌"]


def _row(code: str | None, title: str | None, colour: str, size: str, price: float,
         num: int, **more: object) -> list[object]:
    row: list[object] = [code, title, more.get("cid"), price, num, colour, size,
                         more.get("brand")]
    return row


def test_category_cell_is_an_id_a_name_or_a_path(tmp_path: Path) -> None:
    rows = [["商家编码", "宝贝标题", "类目"], ["A", "甲", 50010850], ["B", "乙", "连衣裙"],
            ["C", "丙", "女装/女士精品 > 连衣裙"], ["D", "丁", "５００１０８５０"],
            ["E", "戊", " 女装 ›  T恤 "]]
    sheet = read_sheet(build_xlsx(tmp_path / "c.xlsx", rows))
    found = [(p.cid, p.category_text) for p in sheet.products]
    assert found == [(50010850, None), (None, "连衣裙"), (None, "女装/女士精品 > 连衣裙"),
                     (50010850, None), (None, "女装 › T恤")]
    old = read_sheet(build_xlsx(tmp_path / "o.xlsx", [["商家编码", "标题", "类目ID"],
                                                      ["A", "甲", "50000671"]]))
    assert old.products[0].cid == 50000671  # the old 类目ID column keeps working


def test_rows_sharing_a_code_are_one_product_one_sku_per_row(tmp_path: Path) -> None:
    rows = [BASE,
            _row("TX-1", "纯棉T恤", "白色", "S", 59.9, 10, cid="女装 > T恤", brand="优衣库"),
            _row("TX-1", None, "白色", "M", 59.9, 0),
            _row("DR-1", "连衣裙", "红色", "均码", 199, 5, cid=50010850),
            _row("TX-1", "", "黑色", "S", 49.9, 0),  # not adjacent: still the same product
            _row("TX-1", None, "黑色", "M", 69.9, 3)]
    sheet = read_sheet(build_xlsx(tmp_path / "v.xlsx", rows))
    tee, dress = sheet.products  # in sheet order: a product where its first row is
    assert (tee.row, tee.rows, tee.outer_id) == (2, [2, 3, 5, 6], "TX-1")
    assert [tuple(s.values.values()) for s in tee.skus] == [
        ("白色", "S"), ("白色", "M"), ("黑色", "S"), ("黑色", "M")]
    assert list(tee.skus[0].values) == ["颜色", "尺码"]  # by the header as written
    assert [(s.price, s.quantity, s.row) for s in tee.skus] == [
        (Decimal("59.90"), 10, 2), (Decimal("59.90"), 0, 3), (Decimal("49.90"), 0, 5),
        (Decimal("69.90"), 3, 6)]
    assert tee.num == 13  # the sum
    assert tee.price == Decimal("59.90")  # the lowest price of a SKU with stock (49.90 has none)
    assert tee.skus[1].cells == {"颜色": "F3", "尺码": "G3", "price": "D3", "quantity": "E3"}
    assert tee.extra == {"品牌": "优衣库"}
    assert tee.cell_issues == []
    assert (dress.rows, len(dress.skus), dress.num, dress.price) == ([4], 1, 5, Decimal("199.00"))


def test_a_filled_product_column_that_differs_is_an_error_naming_both_cells(
        tmp_path: Path) -> None:
    rows = [BASE, _row("TX-1", "纯棉T恤", "白色", "S", 59.9, 10, cid=50000671),
            _row("TX-1", "纯棉T恤", "白色", "M", 59.9, 5, cid=50000671),  # the same: fine
            _row("TX-1", "别的标题", "黑色", "M", 59.9, 5, cid=50010850)]
    [p] = read_sheet(build_xlsx(tmp_path / "d.xlsx", rows)).products
    found = {i.code: i for i in p.cell_issues}
    assert set(found) == {"title.differs", "cid.differs"}
    assert found["title.differs"].message.startswith(
        "B4 标题「别的标题」与第 2 行（B2）「纯棉T恤」不同")
    assert found["title.differs"].cell == "B4"
    assert "C4" in found["cid.differs"].message
    assert "（C2）" in found["cid.differs"].message


def test_sku_price_and_stock_columns_make_price_and_stock_the_products(tmp_path: Path) -> None:
    header = ["商家编码", "宝贝标题", "价格", "库存", "颜色", "SKU价格", "SKU库存", "SKU商家编码"]
    rows = [header, ["TX-1", "T恤", 69, None, "白色", 59, 10, "W"],
            ["TX-1", None, None, None, "黑色", 69, 0, "B"],
            ["TX-1", None, None, None, "红色", None, 4, "R"],  # no SKU价格: the product's price
            ["TX-2", "T恤2", None, None, "白色", 30, 1, None]]
    first, second = read_sheet(build_xlsx(tmp_path / "s.xlsx", rows)).products
    assert [(s.price, s.quantity, s.outer_id) for s in first.skus] == [
        (Decimal("59.00"), 10, "W"), (Decimal("69.00"), 0, "B"), (Decimal("69.00"), 4, "R")]
    assert (first.price, first.num) == (Decimal("69.00"), 14)  # its own price, kept
    assert (second.price, second.num) == (Decimal("30.00"), 1)


def test_one_row_list_form_keeps_working_with_ids_or_names(tmp_path: Path) -> None:
    header = ["商家编码", "宝贝标题", "价格", "库存", "SKU属性", "SKU数量", "SKU价格"]
    rows = [header, ["A", "甲", 59, 15, "1627207:28320;20509:28314,1627207:28341;20509:28314",
                     "10,5", "59,69"],
            ["B", "乙", None, None, "颜色:白色;尺码:M，颜色:黑色;尺码:M", "3,0", "59,49"]]
    first, second = read_sheet(build_xlsx(tmp_path / "l.xlsx", rows)).products
    assert [s.properties for s in first.skus] == ["1627207:28320;20509:28314",
                                                  "1627207:28341;20509:28314"]
    assert [s.values for s in first.skus] == [{}, {}]
    assert [s.values for s in second.skus] == [{"颜色": "白色", "尺码": "M"},
                                               {"颜色": "黑色", "尺码": "M"}]
    assert (second.price, second.num) == (Decimal("59.00"), 3)  # filled from the SKUs


def test_rows_sharing_a_code_without_sku_values_are_a_duplicate(tmp_path: Path) -> None:
    rows = [["商家编码", "宝贝标题", "价格", "库存"], ["A", "甲", 10, 1], ["A", "甲", 10, 1]]
    [p] = read_sheet(build_xlsx(tmp_path / "dup.xlsx", rows)).products
    [dup] = [i for i in p.cell_issues if i.code == "outer_id.duplicate"]
    assert dup.is_error
    assert "第 3 行" in dup.message
    assert "颜色、尺码" in dup.message


def test_a_sku_row_without_a_code_says_to_repeat_it(tmp_path: Path) -> None:
    rows = [BASE, _row("TX-1", "T恤", "白色", "S", 59, 1, cid=50000671),
            _row(None, None, "白色", "M", 59, 1)]
    first, orphan = read_sheet(build_xlsx(tmp_path / "o.xlsx", rows)).products
    assert len(first.skus) == 1
    [issue] = [i for i in orphan.cell_issues if i.code == "outer_id.sku_row"]
    assert "相同的商家编码" in issue.message


def test_a_code_merged_over_sku_rows_is_one_product(tmp_path: Path) -> None:
    rows = [BASE, _row("TX-1", "T恤", "白色", "S", 59, 1, cid=50000671),
            _row(None, None, "白色", "M", 59, 2), _row(None, None, "黑色", "M", 59, 3),
            _row("TX-2", "衬衫", "白色", "M", 99, 1, cid=162104)]
    path = build_xlsx(tmp_path / "m.xlsx", rows, merges=["A2:A4", "B2:B4", "C2:C4"])
    tee, shirt = read_sheet(path).products
    assert (tee.rows, tee.num, tee.title) == ([2, 3, 4], 6, "T恤")
    assert tee.cell_issues == []  # one product shown with merged cells: nothing to say
    assert shirt.rows == [5]


def test_huohao_beside_a_code_column_is_a_property_column(tmp_path: Path) -> None:
    both = read_sheet(build_xlsx(tmp_path / "b.xlsx", [["商家编码", "标题", "货号"],
                                                       ["A-1", "甲", "TS001"]]))
    assert both.products[0].outer_id == "A-1"
    assert both.products[0].extra == {"货号": "TS001"}
    alone = read_sheet(build_xlsx(tmp_path / "a.xlsx", [["货号", "标题"], ["TS001", "甲"]]))
    assert alone.products[0].outer_id == "TS001"  # many shops' 商家编码 column is called 货号


def test_detail_pictures_from_paths_urls_and_cells_in_order(tmp_path: Path) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    for name in ("d1.jpg", "d2.jpg", "d3.jpg", "d4.jpg"):
        (pics / name).write_bytes(picture(750, 1000, fmt="JPEG", label=name))
    header = ["商家编码", "宝贝标题", "详情图", "详情图2", "描述图", "颜色", "颜色图"]
    rows = [header,
            ["A", "甲", "pics/d1.jpg\npics/d2.jpg;https://x.cn/d.jpg", None, None, "白色", None],
            ["B", "乙", "pics/d3.jpg, pics/d4.jpg", "pics/none.jpg", None, "黑色", None],
            ["C", "丙", None, None, None, "红色", None]]
    path = build_xlsx(tmp_path / "d.xlsx", rows, floating={"D2": picture(750, 800)},
                      wps={"E2": picture(750, 900)}, excel={"G2": picture(800, 800)})
    a, b, c = read_sheet(path).products
    assert [(r.source, r.location) for r in a.detail_images] == [
        (ImageSource.PATH, "pics/d1.jpg"), (ImageSource.PATH, "pics/d2.jpg"),
        (ImageSource.URL, "https://x.cn/d.jpg"), (ImageSource.FLOATING, "Sheet1!D2"),
        (ImageSource.WPS_CELL, "Sheet1!E2")]
    assert a.images == []  # detail pictures are not main pictures
    assert a.skus[0].image is not None
    assert a.skus[0].image.source is ImageSource.EXCEL_CELL
    assert a.skus[0].cells["image"] == "G2"
    assert [r.location for r in b.detail_images] == ["pics/d3.jpg", "pics/d4.jpg"]
    [missing] = [i for i in b.cell_issues if i.code == "image.file_missing"]
    assert missing.field == "detail_image"
    assert missing.cell == "D3"
    assert c.detail_images == []


def test_props_cell_is_kept_as_written(tmp_path: Path) -> None:
    rows = [["商家编码", "标题", "宝贝属性"], ["A", "甲", "品牌:优衣库;20017:494072160"]]
    [p] = read_sheet(build_xlsx(tmp_path / "p.xlsx", rows)).products
    assert p.props_text == "品牌:优衣库;20017:494072160"
