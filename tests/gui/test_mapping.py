"""列对应: a column TaoShelf does not recognise is matched by the user once, and every sheet
with the same headers is read that way from then on."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow
from app.ui.mapping_dialog import ColumnMappingDialog
from tests.sheetgen import HEADER, build_xlsx, picture, product_row

ODD_HEADER = "我家的款号"


def _sheet(path: Path, first: int) -> Path:
    # without the property columns: a 货号 column with no 商家编码 beside it would be the code
    header = [ODD_HEADER if h == "商家编码" else h for h in HEADER[:10]]
    rows = [header, *(product_row(n)[:10] for n in (first, first + 1))]
    floating = {f"G{i}": picture(900, 900, (i * 30, 60, 90)) for i in (2, 3)}
    return build_xlsx(path, rows, floating=floating)


def _open(qtbot: QtBot, path: Path) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loader.signals.loaded, timeout=30_000):
        window.open_sheet(path)
    return window


def test_user_matches_a_column_once_and_it_is_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    window = _open(qtbot, _sheet(tmp_path / "一月.xlsx", 1))
    assert window.review is not None
    assert ODD_HEADER in window.review.sheet.unknown_headers
    assert window.mapping_button.isEnabled()
    assert all(s.product.outer_id is None for s in window.model.rows())

    dialog = ColumnMappingDialog(window.review.sheet, window)
    qtbot.addWidget(dialog)
    combo = dialog.combos["A"]
    combo.setCurrentIndex(combo.findData("outer_id"))
    with qtbot.waitSignal(window.loader.signals.loaded, timeout=30_000):
        window.apply_mapping(dialog.chosen())
    assert [s.product.outer_id for s in window.model.rows()] == ["SKU-00001", "SKU-00002"]

    # another month's sheet with the same headers: read the remembered way, no question asked
    february = _open(qtbot, _sheet(tmp_path / "二月.xlsx", 7))
    assert [s.product.outer_id for s in february.model.rows()] == ["SKU-00007", "SKU-00008"]
    assert february.review is not None
    assert february.review.sheet.unknown_headers == []


def test_one_field_in_two_columns_cannot_be_confirmed(qtbot: QtBot, tmp_path: Path) -> None:
    window = _open(qtbot, _sheet(tmp_path / "表.xlsx", 1))
    assert window.review is not None
    dialog = ColumnMappingDialog(window.review.sheet, window)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert ok.isEnabled()
    combo = dialog.combos["A"]
    combo.setCurrentIndex(combo.findData("title"))  # column B is already 标题
    assert not ok.isEnabled()
    assert "A" in dialog.problem.text()
    assert "B" in dialog.problem.text()
