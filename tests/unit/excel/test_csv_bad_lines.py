"""CSV: one bad line or one huge cell is that row's error; the rest of the file reads normally and
nothing is garbled silently."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

from app.catalog.model import Product
from app.excel.reader import SheetData, read_sheet

HEADER = "商家编码,宝贝标题,价格,库存,类目ID,宝贝描述\n"


def line(n: int, title: str, desc: str = "纯棉面料，透气舒适") -> str:
    return f"A-{n},{title},59.90,10,50000671,{desc}\n"


def errors(p: Product) -> list[str]:
    return [i.message for i in p.cell_issues if i.is_error]


def by_row(sheet: SheetData) -> dict[int, Product]:
    return {p.row: p for p in sheet.products}


def test_gbk_line_in_a_utf8_bom_file_is_that_rows_error(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(codecs.BOM_UTF8 + HEADER.encode() + line(1, "夏季短袖T恤").encode()
                     + line(2, "羊毛开衫外套").encode("gbk") + line(3, "牛仔裤男款").encode())
    sheet = read_sheet(path)
    rows = by_row(sheet)
    assert sorted(rows) == [2, 3, 4]  # the bad row is listed, not lost
    assert (rows[2].title, rows[4].title) == ("夏季短袖T恤", "牛仔裤男款")
    assert errors(rows[2]) == errors(rows[4]) == []
    [message] = errors(rows[3])
    assert message.startswith("第 3 行不是 UTF-8 编码")
    assert "CSV UTF-8" in message
    assert rows[3].cell_issues[0].field == "row"
    assert "\ufffd" not in "".join(p.title or "" for p in sheet.products)
    assert sheet.encoding == "utf-8-sig"


def test_gbk_line_in_a_utf8_file_without_bom_does_not_garble_the_others(tmp_path: Path) -> None:
    path = tmp_path / "nobom.csv"
    body = [line(n, f"夏季纯棉短袖T恤 款{n}").encode() for n in range(1, 6)]
    body[2] = line(3, "羊毛开衫外套").encode("gbk")
    path.write_bytes(HEADER.encode() + b"".join(body))
    sheet = read_sheet(path)
    rows = by_row(sheet)
    assert sheet.encoding == "utf-8"
    assert [rows[r].title for r in (2, 3, 5, 6)] == [f"夏季纯棉短袖T恤 款{n}" for n in (1, 2, 4, 5)]
    assert [r for r, p in rows.items() if errors(p)] == [4]
    assert errors(rows[4])[0].startswith("第 4 行不是 UTF-8 编码")


def test_utf8_line_in_a_gbk_file_is_that_rows_error(tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    body = [line(n, f"夏季纯棉短袖T恤 款{n}").encode("gbk") for n in range(1, 6)]
    body[1] = line(2, "羊毛开衫外套").encode()
    path.write_bytes(HEADER.encode("gbk") + b"".join(body))
    sheet = read_sheet(path)
    rows = by_row(sheet)
    assert sheet.encoding == "gb18030"
    assert rows[2].title == "夏季纯棉短袖T恤 款1"
    assert [r for r, p in rows.items() if errors(p)] == [3]
    assert errors(rows[3])[0].startswith("第 3 行是 UTF-8 编码，而文件的其他行是 GBK")


def test_bad_line_maps_to_its_record_after_a_multi_line_cell(tmp_path: Path) -> None:
    path = tmp_path / "multi.csv"
    path.write_bytes(codecs.BOM_UTF8 + HEADER.encode()
                     + line(1, "短袖", '"第一行\r\n第二行\r\n第三行"').encode()
                     + line(2, "开衫").encode("gbk") + line(3, "牛仔裤").encode())
    rows = by_row(read_sheet(path))
    assert rows[2].desc == "第一行\r\n第二行\r\n第三行"
    assert [r for r, p in rows.items() if errors(p)] == [3]  # file line 5, sheet row 3
    assert rows[4].title == "牛仔裤"


def test_a_plain_gbk_file_has_no_false_alarms(tmp_path: Path) -> None:
    rng = random.Random(7)
    words = ["夏季", "纯棉", "短袖", "T恤", "男款", "女装", "宽松", "百搭", "韩版", "新款", "羊毛",
             "开衫", "外套", "牛仔裤", "连衣裙", "运动鞋", "包邮", "正品", "大码", "修身"]
    body = "".join(line(n, "".join(rng.sample(words, rng.randint(1, 6))),
                        rng.choice(["好", "舒适", "全新", "浙江杭州发货", "x"]))
                   for n in range(1, 501))
    path = tmp_path / "plain.csv"
    path.write_bytes((HEADER + body).encode("gbk"))
    sheet = read_sheet(path)
    assert len(sheet.products) == 500
    assert [p.row for p in sheet.products if errors(p)] == []


def test_one_huge_cell_is_that_rows_error(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(HEADER + line(1, "短袖") + line(2, "开衫", "长" * 200_000) + line(3, "牛仔裤"),
                    encoding="utf-8")
    rows = by_row(read_sheet(path))
    assert sorted(rows) == [2, 3, 4]
    assert rows[3].title == "开衫"
    assert rows[3].desc is None
    [message] = errors(rows[3])
    assert message.startswith("F3 描述有 200,000 个字符，超过一个单元格最多 131,072 个字符的上限")
    assert rows[3].cell_issues[0].field == "desc"
    assert errors(rows[2]) == errors(rows[4]) == []


def test_huge_cell_in_an_unknown_column_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "note.csv"
    path.write_text("标题,价格,备注\n短袖,59,ok\n开衫,69," + "x" * 140_000 + "\n", encoding="utf-8")
    rows = by_row(read_sheet(path))
    [issue] = rows[3].cell_issues
    assert (issue.severity.value, issue.field) == ("warning", "row")
    assert issue.message.startswith("C3（备注）有 140,000 个字符")
    assert "备注" not in rows[3].extra


def test_quote_left_open_names_the_lines_it_swallowed(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    rest = "".join(line(n, f"款{n}", "普通的描述" * 20) for n in range(3, 2003))
    path.write_text(HEADER + line(1, "短袖") + 'A-2,开衫,69,1,50000671,"没有闭合的引号\n' + rest,
                    encoding="utf-8")
    rows = by_row(read_sheet(path))
    assert sorted(rows) == [2, 3]
    [message] = errors(rows[3])
    assert "从文件第 3 行跨到第 2003 行" in message
    assert "引号" in message
