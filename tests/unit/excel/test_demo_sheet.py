"""The bundled demo sheet reads as documented in resources/demo/make_demo.py."""

from __future__ import annotations

from app import paths
from app.catalog.keys import assign_keys
from app.catalog.model import ImageSource
from app.catalog.rules import row_issues, validate
from app.excel.reader import read_sheet


def test_demo_sheet() -> None:
    sheet = read_sheet(paths.resource("demo", "demo.xlsx"))
    assign_keys(sheet.products)
    assert len(sheet.products) == 12
    assert sheet.unknown_headers == ["品牌", "货号", "材质成分", "年份季节"]  # property columns
    sources = {ref.source for p in sheet.products for ref in p.images}
    assert sources == {ImageSource.FLOATING, ImageSource.WPS_CELL}  # nothing from the internet
    result = validate(sheet.products)
    errors = {p.row: {i.code for i in row_issues(p, result) if i.is_error}
              for p in sheet.products}
    assert errors[7] == {"title.too_long"}
    assert errors[10] == {"price.decimals"}
    assert errors[14] == {"image.file_missing"}  # the demo's offline picture failure
    assert sum(1 for codes in errors.values() if codes) == 3  # the 640×640 one is app.images'
    assert sheet.products[9].generated_key is not None
