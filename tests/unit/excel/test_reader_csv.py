"""CSV: the encoding is found from the bytes (UTF-8, BOM, GBK/GB18030, UTF-16), not the name."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from app.excel.errors import SheetError
from app.excel.reader import read_sheet

TEXT = ("宝贝标题,价格,库存,类目ID,商家编码\n"
        "纯棉短袖T恤（白色）,59.90,100,50000671,A-1\n"
        "\n"
        "  羊毛开衫 ,\"￥1,299.00\",5,50000697,A-2\n")


@pytest.mark.parametrize(("encoding", "name"), [
    ("utf-8", "s.csv"), ("utf-8-sig", "s.csv"), ("gbk", "s.csv"), ("gb18030", "s.txt"),
    ("gbk", "no_extension"),
])
def test_encodings(tmp_path: Path, encoding: str, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(TEXT.encode(encoding))
    sheet = read_sheet(path)
    assert [p.title for p in sheet.products] == ["纯棉短袖T恤（白色）", "羊毛开衫"]
    assert sheet.products[1].price == Decimal("1299.00")
    assert sheet.products[1].row == 4
    assert sheet.encoding == {"gbk": "gb18030"}.get(encoding, encoding)


def test_utf16_tab_separated(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes(TEXT.replace(",", "\t").replace('"￥1\t299.00"', "1299").encode("utf-16"))
    sheet = read_sheet(path)
    assert [p.outer_id for p in sheet.products] == ["A-1", "A-2"]


def test_semicolon_separated(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("标题;价格;库存\nT恤;19,9;3\n", encoding="utf-8")
    sheet = read_sheet(path)
    assert sheet.products[0].title == "T恤"
    assert sheet.products[0].num == 3


def test_undecodable_bytes_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"\x81\x30\xff\xfe\x00\x00" * 20)
    with pytest.raises(SheetError):
        read_sheet(path)
