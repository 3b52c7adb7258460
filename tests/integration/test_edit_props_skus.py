"""Corrections of category properties and of SKUs in the edits overlay (the detail pane's property
editor and SKU lines write them): applied to the inputs the resolution reads, re-checked with the
leaf's rules, kept in the overlay file, and written into a 写回表格 copy where the sheet has the
cell — the notice names those it has not."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from app.catalog.model import Product
from app.categories.cache import CategoryCache
from app.categories.lookup import offline_data
from app.excel.reader import read_sheet
from app.excel.writeback import write_copy
from app.review import Review, review_sheet, revise
from app.review_apply import copy_changes
from app.review_edits import SheetEdits, load_edits
from app.simulator import Simulator
from tests.category_kit import ENV, SHOP, fill_cache
from tests.props_kit import LEAVES, clothing_rows, clothing_sheet
from tests.sheetgen import build_xlsx


def _review(tmp_path: Path) -> Review:
    sheet = clothing_sheet(tmp_path)
    with Simulator() as sim:
        fill_cache(sim, LEAVES, tree=True)
    return review_sheet(sheet, check_pictures=False,
                        categories=lambda ps: offline_data(CategoryCache(SHOP, ENV), ps))


def _edit(review: Review, row: int, name: str, text: str,
          overlay: SheetEdits | None = None) -> SheetEdits:
    applied = review.edits
    assert applied is not None
    overlay = overlay or applied.overlay.snapshot()
    overlay.set(row, applied.fingerprint(review.sheet, row), name,
                applied.read_text(review.sheet, row, name), text)
    return overlay


def _product(review: Review, code: str) -> Product:
    return next(p for p in review.products if p.outer_id == code)


def _codes(review: Review, code: str) -> set[str]:
    return {i.code for i in review.row_issues(_product(review, code))}


def test_a_missing_required_property_filled_in_its_column_clears_the_error(
        tmp_path: Path) -> None:
    review = _review(tmp_path)
    assert "props.required" in _codes(review, "BAD-SEASON")
    fixed = revise(review, _edit(review, 10, "prop:年份季节", "2026年夏季"))
    product = _product(fixed, "BAD-SEASON")
    assert "props.required" not in _codes(fixed, "BAD-SEASON")
    assert product.prop_texts["年份/季节"] == "2026年夏季"
    assert "122216347:" in (product.props or "")  # the listed value's pair is sent
    changes, missing = copy_changes(fixed.sheet, fixed.edits)  # type: ignore[arg-type]
    assert [(c.ref, c.text) for c in changes] == [("L10", "2026年夏季")]
    assert missing == []


def test_a_property_written_in_the_props_cell_is_rewritten_there(tmp_path: Path) -> None:
    review = _review(tmp_path)
    dress = _product(review, "DR-1")
    assert dress.prop_texts["适用年龄"] == "25-29周岁"
    fixed = revise(review, _edit(review, 2, "prop:适用年龄", "30-34周岁"))
    dress = _product(fixed, "DR-1")
    assert dress.props_text == "适用年龄:30-34周岁"
    assert "20017:494072162" in (dress.props or "")
    assert not [c for c in _codes(fixed, "DR-1") if c.startswith("props.twice")]
    changes, _missing = copy_changes(fixed.sheet, fixed.edits)  # type: ignore[arg-type]
    assert [(c.ref, c.text) for c in changes] == [("M2", "适用年龄:30-34周岁")]


def test_a_property_the_sheet_has_no_column_for_is_sent_but_not_written_back(
        tmp_path: Path) -> None:
    review = _review(tmp_path)
    shirt = _product(review, "SH-1")
    assert "领型" not in shirt.prop_texts
    fixed = revise(review, _edit(review, 9, "prop:领型", "V领"))
    shirt = _product(fixed, "SH-1")
    assert shirt.prop_texts["领型"] == "V领"
    assert "20663:29448" in (shirt.props or "")
    changes, missing = copy_changes(fixed.sheet, fixed.edits)  # type: ignore[arg-type]
    assert changes == []
    assert len(missing) == 1
    assert "第 9 行 领型" in missing[0]
    assert "没有这一列" in missing[0]


def test_a_typed_brand_is_a_note_and_an_unlisted_enum_value_an_error(tmp_path: Path) -> None:
    review = _review(tmp_path)
    typed = revise(review, _edit(review, 9, "prop:品牌", "山间小鹿"))
    shirt = _product(typed, "SH-1")
    assert "山间小鹿" in (shirt.input_str or "")
    assert "props.typed" in _codes(typed, "SH-1")
    bad = revise(review, _edit(review, 9, "prop:领型", "不存在的领"))
    assert "props.value" in _codes(bad, "SH-1")


def test_a_sku_rows_stock_and_price_change_the_item_and_its_own_cells(tmp_path: Path) -> None:
    review = _review(tmp_path)
    tee = _product(review, "MT-1")
    assert [s.quantity for s in tee.skus] == [10, 10, 4, 4]
    assert tee.num == 28
    overlay = _edit(review, 7, "sku.num", "9")
    overlay = _edit(review, 5, "sku.price", "55", overlay)
    fixed = revise(review, overlay)
    tee = _product(fixed, "MT-1")
    assert [s.quantity for s in tee.skus] == [10, 10, 9, 4]
    assert tee.num == 33  # the item's stock is the sum again
    assert tee.skus[0].price == Decimal("55")
    assert tee.price == Decimal("55")  # the lowest in-stock SKU price
    assert _codes(fixed, "MT-1") == {"sku_properties.alias"}
    before = _product(review, "MT-1")
    assert [s.quantity for s in before.skus] == [10, 10, 4, 4]  # the review before is kept
    changes, missing = copy_changes(fixed.sheet, fixed.edits)  # type: ignore[arg-type]
    assert sorted((c.ref, c.text) for c in changes) == [("D5", "55"), ("E7", "9")]
    assert missing == []
    bad = revise(review, _edit(review, 6, "sku.num", "很多"))
    assert any(i.cell == "E6" and i.is_error
               for i in bad.row_issues(_product(bad, "MT-1")))


def test_a_sku_rows_colour_is_resolved_again(tmp_path: Path) -> None:
    review = _review(tmp_path)
    fixed = revise(review, _edit(review, 7, "sku.value:颜色", "黑色"))
    tee = _product(fixed, "MT-1")
    assert tee.skus[2].values["颜色"] == "黑色"
    assert tee.skus[2].properties.startswith("1627207:28341")


def test_sku_and_property_corrections_are_kept_and_applied_on_the_next_read(
        tmp_path: Path) -> None:
    review = _review(tmp_path)
    overlay = _edit(review, 8, "sku.num", "1")
    overlay = _edit(review, 9, "prop:领型", "V领", overlay)
    overlay.save()
    loaded = load_edits(review.sheet.identity)
    assert {(r, n) for r, e in loaded.rows.items() for n in e.edits} == {
        (8, "sku.num"), (9, "prop:领型")}
    again = review_sheet(Path(review.sheet.path), check_pictures=False,
                         categories=lambda ps: offline_data(CategoryCache(SHOP, ENV), ps))
    assert _product(again, "MT-1").skus[3].quantity == 1
    assert _product(again, "SH-1").prop_texts["领型"] == "V领"
    assert again.sheet.raw_rows[8][4] == "1"  # what 导出结果 shows for that row


def test_a_new_category_is_written_into_every_filled_category_cell_of_a_variant(
        tmp_path: Path) -> None:
    review = _review(tmp_path)
    fixed = revise(review, _edit(review, 12, "cid", "50000436"))
    assert _product(fixed, "BAD-DIFF").cid == 50000436
    changes, _missing = copy_changes(fixed.sheet, fixed.edits)  # type: ignore[arg-type]
    assert [c.ref for c in changes] == ["C12"]  # row 13 left its 类目 empty
    target = write_copy(Path(review.sheet.path), review.sheet.sheet_name, changes,
                        tmp_path / "副本.xlsx")
    assert target.written == ["C12"]
    copy = read_sheet(tmp_path / "副本.xlsx")
    assert next(p for p in copy.products if p.outer_id == "BAD-DIFF").cid == 50000436


def test_a_new_category_of_a_variant_whose_rows_all_name_it_goes_into_each_of_them(
        tmp_path: Path) -> None:
    """MT-1 written with its 类目 on all four rows: one chosen category must reach all four, or
    the copy would read back as rows that disagree (an error naming both cells)."""
    rows = clothing_rows("pics")
    for row in rows[5:8]:  # sheet rows 6–8: the 类目 repeated
        row[2] = 50000436
    sheet = clothing_sheet(tmp_path)
    build_xlsx(sheet, rows)
    with Simulator() as sim:
        fill_cache(sim, LEAVES, tree=True)
    review = review_sheet(sheet, check_pictures=False,
                          categories=lambda ps: offline_data(CategoryCache(SHOP, ENV), ps))
    fixed = revise(review, _edit(review, 5, "cid", "50000671"))
    assert _product(fixed, "MT-1").cid == 50000671
    changes, _missing = copy_changes(fixed.sheet, fixed.edits)  # type: ignore[arg-type]
    assert sorted(c.ref for c in changes) == ["C5", "C6", "C7", "C8"]
    target = write_copy(sheet, review.sheet.sheet_name, changes, tmp_path / "副本.xlsx")
    assert sorted(target.written) == ["C5", "C6", "C7", "C8"]
    copy = read_sheet(tmp_path / "副本.xlsx")
    tee = next(p for p in copy.products if p.outer_id == "MT-1")
    assert tee.cid == 50000671
    assert [int(float(str(copy.raw_rows[r][2]))) for r in (5, 6, 7, 8)] == [50000671] * 4
