"""The edits overlay: corrections made in the window, applied to the sheet as read, re-checked like
cells, kept per sheet in the data dir, and never applied to a row that has changed since."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from app.catalog.model import SKIPPED_BY_USER
from app.review import Review, review_sheet, revise
from app.review_edits import SKIP_REASON, SheetEdits, edits_path, load_edits
from app.upload.plan import Action, make_plan
from app.upload.settings import UploadSettings
from tests.sheetgen import HEADER, build_xlsx, picture, product_row


def _sheet(tmp_path: Path, rows: list[list[object]] | None = None) -> Path:
    rows = rows or [HEADER, product_row(1), product_row(2), product_row(3)]
    floating = {f"G{n}": picture(900, 900, (n * 40, 90, 30)) for n in range(2, len(rows) + 1)}
    return build_xlsx(tmp_path / "商品.xlsx", rows, floating=floating)


def _edit(review: Review, row: int, name: str, text: str) -> SheetEdits:
    applied = review.edits
    assert applied is not None
    overlay = applied.overlay.snapshot()
    overlay.set(row, applied.fingerprint(review.sheet, row), name,
                applied.read_text(review.sheet, row, name), text)
    return overlay


def _codes(review: Review, row: int) -> list[str]:
    product = next(p for p in review.products if p.row == row)
    return [i.code for i in review.row_issues(product)]


def test_an_edited_price_is_checked_like_a_cell_of_the_sheet(tmp_path: Path) -> None:
    review = review_sheet(_sheet(tmp_path))
    assert _codes(review, 3) == []
    bad = revise(review, _edit(review, 3, "price", "49.999"))
    product = next(p for p in bad.products if p.row == 3)
    assert product.price == Decimal("49.999")  # as typed, never rounded
    assert "price.decimals" in _codes(bad, 3)
    worse = revise(review, _edit(review, 3, "price", "abc"))
    assert [i.message for i in worse.row_issues(worse.products[1]) if i.field == "price"] == [
        "C3 价格「abc」不是数字"]


def test_edits_are_saved_per_sheet_and_applied_on_the_next_read(tmp_path: Path) -> None:
    path = _sheet(tmp_path)
    review = review_sheet(path)
    overlay = _edit(review, 2, "outer_id", "00123")
    overlay.save()
    assert edits_path(review.sheet.identity).is_file()
    again = review_sheet(path)  # e.g. taoshelf upload, or the window after a restart
    first = again.products[0]
    assert first.outer_id == "00123"  # typed as text: the leading zeros are the key
    assert first.key == "00123"
    assert again.sheet.raw_rows[2][0] == "00123"  # what the result report shows
    assert again.edits is not None
    edit = again.edits.rows[2].edits["outer_id"]
    assert (edit.old, edit.new) == ("SKU-00001", "00123")
    assert edit.at


def test_an_edit_of_a_row_changed_in_the_file_is_not_applied_to_another_product(
        tmp_path: Path) -> None:
    rows = [HEADER, product_row(1), product_row(2), product_row(3)]
    path = _sheet(tmp_path, rows)
    review = review_sheet(path)
    _edit(review, 3, "price", "10.00").save()
    rows[2][1] = "另一个宝贝"  # the user changed row 3 in Excel
    _sheet(tmp_path, rows)
    again = review_sheet(path)
    assert again.products[1].price != Decimal("10.00")
    assert again.edits is not None
    assert [e.row for e in again.edits.stale] == [3]
    assert again.edits.rows == {}
    assert load_edits(review.sheet.identity).rows[3].edits["price"].new == "10.00"  # kept


def test_an_edit_follows_its_row_when_rows_are_inserted_above(tmp_path: Path) -> None:
    rows = [HEADER, product_row(1), product_row(2), product_row(3)]
    path = _sheet(tmp_path, rows)
    review = review_sheet(path)
    _edit(review, 3, "title", "改过的标题").save()
    _sheet(tmp_path, [HEADER, product_row(9), *rows[1:]])  # a new row 2: row 3 is now row 4
    again = review_sheet(path)
    by_row = {p.row: p for p in again.products}
    assert by_row[4].title == "改过的标题"
    assert by_row[3].title == product_row(1)[1]
    assert again.edits is not None
    assert again.edits.moved == {3: 4}
    assert again.edits.stale == []


def test_a_skipped_row_is_blocked_by_the_plan_with_the_reason(tmp_path: Path) -> None:
    review = review_sheet(_sheet(tmp_path))
    applied = review.edits
    assert applied is not None
    overlay = applied.overlay.snapshot()
    overlay.set_skip(3, applied.fingerprint(review.sheet, 3), True)
    skipped = revise(review, overlay)
    assert SKIPPED_BY_USER in _codes(skipped, 3)
    plan = make_plan(skipped.products, skipped.issues, {}, UploadSettings())
    works = {w.product.row: w for w in plan.works}
    assert works[3].action is Action.BLOCKED
    assert works[3].reasons == (SKIP_REASON,)
    assert works[2].action is Action.CREATE


def test_revise_gives_what_reading_the_file_again_gives(tmp_path: Path) -> None:
    """The window re-checks in memory; `taoshelf upload` reads the file: the same rows and
    issues, pictures included (a picture edit re-checks that row's pictures only)."""
    path = _sheet(tmp_path)
    small = tmp_path / "small.png"
    small.write_bytes(picture(300, 300))
    review = review_sheet(path)
    applied = review.edits
    assert applied is not None
    overlay = _edit(review, 2, "image", "small.png")
    overlay.set(4, applied.fingerprint(review.sheet, 4), "title",
                applied.read_text(review.sheet, 4, "title"), "")  # a title emptied
    revised = revise(review, overlay)
    overlay.save()
    read = review_sheet(path)
    assert revised.products == read.products
    assert revised.issues == read.issues
    assert "image.too_small" in _codes(revised, 2)
    assert "title.missing" in _codes(revised, 4)


def test_undo_removes_the_edit_and_an_empty_overlay_its_file(tmp_path: Path) -> None:
    path = _sheet(tmp_path)
    review = review_sheet(path)
    overlay = _edit(review, 2, "num", "7")
    overlay.save()
    assert review_sheet(path).products[0].num == 7
    overlay.undo(2, "num")
    overlay.save()
    assert not overlay.path.exists()
    assert review_sheet(path).products[0].num == product_row(1)[3]


def test_a_damaged_overlay_is_set_aside_not_lost(tmp_path: Path) -> None:
    path = _sheet(tmp_path)
    identity = review_sheet(path).sheet.identity
    edits_path(identity).parent.mkdir(parents=True, exist_ok=True)
    edits_path(identity).write_text("{not json", encoding="utf-8")
    review = review_sheet(path)
    assert review.edits is not None
    assert review.edits.rows == {}
    assert edits_path(identity).with_suffix(".damaged.json").read_text(encoding="utf-8") == (
        "{not json")
