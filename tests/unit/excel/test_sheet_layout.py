"""The sheet's layout: hidden and filtered rows, a header repeated mid-sheet, merged cells over
several product rows, hidden columns."""

from __future__ import annotations

from pathlib import Path

from app.catalog.keys import assign_keys
from app.catalog.rules import row_issues, validate
from app.catalog.settings import ListingDefaults
from app.excel.reader import read_sheet
from tests.sheetgen import HEADER, build_xlsx, product_row

DEFAULTS = ListingDefaults(location_state="浙江", location_city="杭州")


def rows_of(n: int) -> list[list[object]]:
    return [list(HEADER), *(product_row(i, f"https://x.cn/{i}.jpg") for i in range(1, n + 1))]


def codes(path: Path) -> dict[int, list[tuple[str, str, str]]]:
    sheet = read_sheet(path)
    assign_keys(sheet.products)
    result = validate(sheet.products, DEFAULTS)
    return {p.row: [(i.severity.value, i.code, i.message) for i in row_issues(p, result)]
            for p in sheet.products}


def test_hidden_rows_are_read_with_a_warning_each(tmp_path: Path) -> None:
    path = build_xlsx(tmp_path / "h.xlsx", rows_of(5), hidden_rows=[3, 5])
    found = codes(path)
    assert sorted(found) == [2, 3, 4, 5, 6]
    for row in (3, 5):
        [(severity, code, message)] = found[row]
        assert (severity, code) == ("warning", "row.hidden")
        assert message.startswith(f"第 {row} 行在表格里是隐藏的，但也会上架")
    assert found[2] == found[4] == found[6] == []
    assert any("第 3、5 行在表格里是隐藏的" in n for n in read_sheet(path).notes)


def test_filtered_rows_say_they_are_filtered(tmp_path: Path) -> None:
    path = build_xlsx(tmp_path / "f.xlsx", rows_of(4), hidden_rows=[3, 4, 5],
                      auto_filter="A1:J5")
    found = codes(path)
    assert [found[r][0][2].split("，")[0] for r in (3, 4, 5)] == [
        f"第 {r} 行在表格里被筛选隐藏了（开着筛选" for r in (3, 4, 5)]
    assert found[2] == []


def test_header_repeated_mid_sheet_is_skipped_with_a_note(tmp_path: Path) -> None:
    rows = rows_of(4)
    rows.insert(3, list(HEADER))  # sheet row 4
    rows.insert(6, [f"*{h}" for h in HEADER[:6]])  # sheet row 7, written a little differently
    sheet = read_sheet(build_xlsx(tmp_path / "r.xlsx", rows))
    assert [p.row for p in sheet.products] == [2, 3, 5, 6]
    assert "第 4 行是重复的表头（和第 1 行一样），已跳过" in sheet.notes
    assert "第 7 行是重复的表头（和第 1 行一样），已跳过" in sheet.notes


def test_a_product_titled_like_a_header_word_is_still_a_product(tmp_path: Path) -> None:
    rows = rows_of(2)
    rows[2][1] = "价格"  # one cell equal to a header is not a header row
    sheet = read_sheet(build_xlsx(tmp_path / "t.xlsx", rows))
    assert [p.row for p in sheet.products] == [2, 3]


def test_merged_outer_id_over_product_rows_is_an_error_naming_the_merge(tmp_path: Path) -> None:
    rows = rows_of(6)
    rows[5][0] = rows[6][0] = None  # A5 holds the code; A5:A7 merged
    found = codes(build_xlsx(tmp_path / "m.xlsx", rows, merges=["A5:A7"]))
    for row in (5, 6, 7):
        errors = [(c, m) for s, c, m in found[row] if s == "error"]
        assert [c for c, _m in errors] == ["outer_id.merged"], found[row]
        assert errors[0][1].startswith("A5:A7 是合并单元格：商家编码「SKU-00004」只写在第 5 行，"
                                       "第 6–7 行读到的是空的")
        assert not any(c == "outer_id.duplicate" for _s, c, _m in found[row])
    assert all(found[r] == [] for r in (2, 3, 4))


def test_merged_outer_id_over_blank_rows_is_only_layout(tmp_path: Path) -> None:
    sheet = read_sheet(build_xlsx(tmp_path / "b.xlsx", rows_of(2), merges=["A3:A5"]))
    assert [p.row for p in sheet.products] == [2, 3]
    assert [p.cell_issues for p in sheet.products] == [[], []]


def test_merged_title_warns_and_merged_category_is_a_note(tmp_path: Path) -> None:
    rows = rows_of(4)
    rows[3][1] = rows[4][1] = None
    rows[2][4] = rows[3][4] = rows[4][4] = None
    path = build_xlsx(tmp_path / "t.xlsx", rows, merges=["B3:B5", "E2:E5"])
    sheet = read_sheet(path)
    assert [p.cid for p in sheet.products] == [50000671] * 4
    assert [p.title for p in sheet.products][1:] == ["夏季纯棉短袖T恤 款2"] * 3
    found = codes(path)
    for row in (3, 4, 5):
        merged = [m for s, c, m in found[row] if c == "title.merged"]
        assert merged == ["B3:B5 是合并单元格：第 3–5 行都按同一个标题「夏季纯棉短袖T恤 款2」读入，"
                          "请确认这几行确实该用同一个标题"]
    assert "E2:E5 是合并单元格：类目「50000671」用于第 2–5 行的每个宝贝" in sheet.notes


def test_hidden_field_column_is_a_note(tmp_path: Path) -> None:
    sheet = read_sheet(build_xlsx(tmp_path / "c.xlsx", rows_of(2), hidden_cols=["D"]))
    assert "D 列「库存」在表格里是隐藏的，内容照样读入" in sheet.notes
    assert [p.num for p in sheet.products] == [101, 102]
