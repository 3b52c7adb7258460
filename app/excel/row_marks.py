"""What the sheet's layout says about its product rows: hidden or filtered rows, hidden columns,
and cells merged over several product rows. (CSV files have none of these.)

A merged cell shows one value over several rows; what that means depends on the field:

* 商家编码 (``outer_id``) is a product's own key: merged over one product's SKU rows (the rows
  after the first have 颜色/尺码 or SKU columns, or leave 标题 and pictures empty) it is that
  product's code on every row, and the rows are grouped into one product; otherwise it is read on
  the merge's first row only and every product row of the merge gets an error naming the range
  -- one code cannot stand for several products;
* any field merged over rows that share one 商家编码 is just how one product is shown: nothing
  is said;
* 标题 and pictures: every row of the merge gets the same value, with a warning on each row
  (several products with one title or one picture is rarely meant);
* any other field (类目, 价格, 库存, 省份, 运费模板…): every row gets the value, as the sheet
  shows it, with one note per range in the sheet's notes.

Hidden rows are read and listed like any other, with a warning on each (filtered-out rows are
said to be filtered); hidden columns that hold fields get a note.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.catalog.model import Issue, Product, Severity
from app.excel.fields import BY_NAME
from app.excel.grid import CellValue, Grid
from app.excel.header import HeaderMap
from app.excel.numbers import shown
from app.excel.ooxml import cell_name, col_letter
from app.excel.values import as_text

_PER_ROW_WARNING = frozenset({"title", "image"})


def _rows_text(rows: list[int]) -> str:
    """[6, 7, 8] -> "6–8", [6] -> "6", [6, 8] -> "6、8"."""
    if len(rows) > 1 and rows == list(range(rows[0], rows[-1] + 1)):
        return f"{rows[0]}–{rows[-1]}"
    return "、".join(str(r) for r in rows)


def hidden_row_issue(row: int, filtered: bool) -> Issue:
    if filtered:
        text = (f"第 {row} 行在表格里被筛选隐藏了（开着筛选，现在看不到这一行），但也会上架："
                "不想上架的话，请在表格里删掉这一行")
    else:
        text = (f"第 {row} 行在表格里是隐藏的，但也会上架：不想上架的话，"
                "请在表格里取消隐藏看一看，再删掉这一行")
    return Issue(Severity.WARNING, "row", "row.hidden", text)


def mark_rows(grid: Grid, hmap: HeaderMap, products: Mapping[int, Product]) -> None:
    """Add the hidden-row warnings and merged-cell findings to ``products`` (by sheet row) and
    the sheet-level notes to ``grid.notes``."""
    hidden = sorted(r for r in grid.hidden_rows if r in products)
    for row in hidden:
        products[row].cell_issues.append(hidden_row_issue(row, grid.filtered))
    if hidden:
        how = "被筛选隐藏" if grid.filtered else "隐藏"
        grid.notes.append(f"第 {_rows_text(hidden[:20])}{' 等' if len(hidden) > 20 else ''} 行"
                          f"在表格里是{how}的，也读进来了（每行都有提醒）")
    for col in sorted(grid.hidden_cols):
        if col in hmap.fields or col in hmap.unknown:
            grid.notes.append(f"{col_letter(col)} 列「{hmap.headers[col]}」在表格里是隐藏的，"
                              "内容照样读入")
    if grid.merges:
        index = dict(grid.rows)
        variants = [m for m in grid.merges if _variant_merge(hmap, products, index, m)]
        for merge in grid.merges:
            if merge not in variants:
                _merge(grid, hmap, products, index, merge)


def _is_sku_row(p: Product) -> bool:
    """A row that is one SKU (颜色/尺码, SKU价格…) or that leaves the product columns empty."""
    return bool(p.skus and p.skus[0].row == p.row) or not (p.title or p.images)


def _variant_merge(hmap: HeaderMap, products: Mapping[int, Product],
                   index: Mapping[int, Mapping[int, CellValue]],
                   merge: tuple[int, int, int, int]) -> bool:
    """A 商家编码 merged over one product's SKU rows (and any field merged over rows that share
    one 商家编码): the rows are one product, so the merge is how the sheet shows it (no finding).
    The code is given to every row of the merge (rows sharing a code are grouped)."""
    r1, c1, r2, c2 = merge
    rows = [r for r in range(max(r1, hmap.row + 1), r2 + 1) if r in products]
    if len(rows) < 2:
        return False
    if any(hmap.fields.get(c) == "outer_id" for c in range(c1, c2 + 1)):
        first = products[rows[0]]
        if not first.outer_id or not all(_is_sku_row(products[r]) for r in rows[1:]):
            return False
        for r in rows[1:]:
            products[r].outer_id = first.outer_id
            products[r].cell_issues[:] = [i for i in products[r].cell_issues
                                          if i.code != "outer_id.merged"]
        return True
    codes = {products[r].outer_id for r in rows}
    return len(codes) == 1 and None not in codes and "" not in codes


def _merge(grid: Grid, hmap: HeaderMap, products: Mapping[int, Product],
           index: Mapping[int, Mapping[int, CellValue]], merge: tuple[int, int, int, int]
           ) -> None:
    r1, c1, r2, c2 = merge
    if r2 <= r1:
        return  # one row: nothing is shared between products
    rows = [r for r in range(max(r1, hmap.row + 1), r2 + 1) if r in products]
    if len(rows) < 2:
        return  # over blank rows, or one product: the merge is only layout
    value = index.get(r1, {}).get(c1)
    text = shown(as_text(value)) if value is not None else ""
    where = f"{cell_name(r1, c1)}:{cell_name(r2, c2)}"
    names = list(dict.fromkeys(hmap.fields[c] for c in range(c1, c2 + 1) if c in hmap.fields))
    for name in names:
        label = BY_NAME[name].label
        if name == "outer_id":
            later = [r for r in rows if r > r1] or rows[1:]
            message = (f"{where} 是合并单元格：{label}「{text}」只写在第 {r1} 行，第 "
                       f"{_rows_text(later)} 行读到的是空的（合并单元格不会给每一行各写一个编码）。"
                       "每个宝贝要有自己的商家编码：请取消合并，给每一行填上不同的商家编码；"
                       "如果这几行是同一个宝贝的不同规格，请在每行填写颜色、尺码等")
            for row in rows:
                products[row].cell_issues.append(
                    Issue(Severity.ERROR, name, f"{name}.merged", message))
        elif name in _PER_ROW_WARNING:
            message = (f"{where} 是合并单元格：第 {_rows_text(rows)} 行都按同一个{label}"
                       f"「{text}」读入，请确认这几行确实该用同一个{label}")
            for row in rows:
                products[row].cell_issues.append(
                    Issue(Severity.WARNING, name, f"{name}.merged", message))
        else:
            grid.notes.append(f"{where} 是合并单元格：{label}「{text}」用于第 "
                              f"{_rows_text(rows)} 行的每个宝贝")
