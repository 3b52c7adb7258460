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


def test_taobao_assistant_csv(tmp_path: Path) -> None:
    """淘宝助理 export: version line, English header, Chinese header, UTF-16 tabs, .tbi pictures."""
    folder = tmp_path / "宝贝"
    folder.mkdir()
    digest = "0123456789abcdef0123456789abcdef"
    (folder / f"{digest}.tbi").write_bytes(b"\xff\xd8\xff\xe0 jpeg bytes")
    lines = ["version 1.00",
             "title\tcid\tprice\tnum\tlocation_state\tlocation_city\tdescription\tpicture\touter_id",
             "宝贝名称\t宝贝类目\t宝贝价格\t宝贝数量\t省\t城市\t宝贝描述\t新图片\t商家编码",
             f"纯棉T恤\t50000671\t59.9\t10\t浙江\t杭州\t好看的纯棉T恤\t{digest}:1:0:|;\tA-1",
             "\t\t\t10\t\t\t\t\t"]
    path = tmp_path / "宝贝.csv"
    path.write_bytes("\n".join(lines).encode("utf-16"))
    sheet = read_sheet(path)
    assert sheet.header_row == 2
    [p] = sheet.products
    assert (p.row, p.title, p.cid, p.location_state, p.outer_id) == (
        4, "纯棉T恤", 50000671, "浙江", "A-1")
    assert [i.location for i in p.images] == [f"宝贝/{digest}.tbi"]
    assert p.cell_issues == []
    assert any("第 3 行像是第二行表头" in n for n in sheet.notes)
    assert any("第 5 行" in n and "合计" in n for n in sheet.notes)
