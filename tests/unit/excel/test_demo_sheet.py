"""The bundled demo sheet reads as documented in resources/demo/make_demo.py."""

from __future__ import annotations

from decimal import Decimal

from app import paths
from app.catalog.keys import assign_keys
from app.catalog.model import ImageSource
from app.catalog.rules import row_issues, validate
from app.excel.reader import read_sheet


def _sheet():  # type: ignore[no-untyped-def]
    sheet = read_sheet(paths.resource("demo", "demo.xlsx"))
    assign_keys(sheet.products)
    return sheet


def test_demo_sheet() -> None:
    sheet = _sheet()
    assert len(sheet.products) == 13  # 18 rows: one product is 6 of them
    assert sheet.unknown_headers == ["品牌", "货号", "材质成分", "年份季节"]  # property columns
    sources = {ref.source for p in sheet.products for ref in p.images}
    assert sources == {ImageSource.FLOATING, ImageSource.WPS_CELL}  # nothing from the internet
    result = validate(sheet.products)
    errors = {p.row: {i.code for i in row_issues(p, result) if i.is_error}
              for p in sheet.products}
    assert errors[13] == {"title.too_long"}
    assert errors[16] == {"price.decimals"}
    assert errors[20] == {"image.file_missing"}  # the demo's offline picture failure
    assert sum(1 for codes in errors.values() if codes) == 3  # the 640×640 one is app.images'
    no_code = next(p for p in sheet.products if p.row == 18)
    assert no_code.outer_id is None
    assert no_code.generated_key is not None


def test_the_demo_has_one_product_in_colours_and_sizes() -> None:
    """Rows 5–10 share LX-T003: one product, one SKU per row, its columns on row 5 only."""
    sheet = _sheet()
    [variant] = [p for p in sheet.products if p.outer_id == "LX-T003"]
    assert variant.row == 5
    assert [s.row for s in variant.skus] == [5, 6, 7, 8, 9, 10]
    assert [(s.values["颜色分类"], s.values["尺码"]) for s in variant.skus] == [
        ("白色", "M"), ("白色", "L"), ("黑色", "M"), ("黑色", "L"), ("粉色", "M"), ("粉色", "L")]
    assert [s.price for s in variant.skus] == [Decimal("79.00")] * 4 + [Decimal("85.00")] * 2
    assert variant.num == 250  # the SKUs' stock summed
    assert variant.price == Decimal("79.00")  # the lowest SKU price
    assert [s.row for s in variant.skus if s.image is not None] == [5, 7, 9]  # one per colour
    assert len(variant.images) == 1
    assert len(variant.detail_images) == 1
    assert variant.category_text == "女装/女士精品 > T恤"
    assert variant.extra["品牌"] == "优衣库"
    assert not [i for i in row_issues(variant, validate([variant])) if i.is_error]
    assert not any(p.outer_id == "LX-T003" for p in sheet.products if p is not variant)


def test_the_demo_names_its_categories_as_shop_owners_do() -> None:
    """类目 holds names and paths; one row keeps a bare id (the contract's both forms)."""
    sheet = _sheet()
    by_row = {p.row: p for p in sheet.products}
    assert sheet.headers["E"] == "类目"
    assert by_row[12].category_text == "连衣裙"
    assert by_row[16].category_text == "男装 > T恤"
    assert by_row[18].category_text == "手机壳/保护套"
    named = [p for p in sheet.products if p.category_text]
    assert len(named) == 12
    assert by_row[20].category_text is None
    assert by_row[20].cid == 50000671
