"""Fixing in place through the window: a cell typed into is re-checked at once, kept in the
sheet's overlay (reload, restart), sent to Taobao as corrected, undone, written to a copy (never
the user's file), and a skipped row is remembered and never sent."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import requests
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from app.excel.reader import read_sheet
from app.review_edits import edits_path
from app.simulator import Simulator, SimulatorConfig
from app.top.config import TopConfig
from app.ui.main_window import MainWindow
from app.ui.row_state import Filter
from app.ui.table_model import Column, ProductTableModel, Status
from app.upload.connection import Connection
from app.upload.session import StaticSession
from tests.gui.window_kit import start_confirmed
from tests.sheetgen import HEADER, build_xlsx, picture, product_row

APP_KEY = "12345678"
SECRET = "fix-secret-7a1"
SHOP = "修改测试店"


def _sheet(tmp_path: Path) -> Path:
    rows = [HEADER, product_row(1), product_row(2), product_row(3)]
    floating = {f"G{n}": picture(900, 900, (n * 50, 100, 150)) for n in (2, 3, 4)}
    return build_xlsx(tmp_path / "商品.xlsx", rows, floating=floating)


def _window(qtbot: QtBot, sheet: Path, sim: Simulator | None = None) -> MainWindow:
    connection = None
    if sim is not None:
        session = sim.issue_session(nick=SHOP)
        top = TopConfig(app_key=APP_KEY, gateway_url=sim.router_url, oauth_base_url=sim.base_url)
        shop = Connection(top, "local", SHOP, StaticSession(session), SECRET, session, 50.0)
        connection = lambda: shop  # noqa: E731
    window = MainWindow(connection=connection)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loader.signals.loaded, timeout=30_000):
        window.open_sheet(sheet)
    return window


def _type_into(qtbot: QtBot, window: MainWindow, sheet_row: int, column: Column,
               text: str) -> None:
    """Double-click-edit a cell as a user does: editor, type, Enter; wait for the re-check."""
    panel = window.products
    position = panel.model.position_of(sheet_row)
    assert position is not None
    index = panel.proxy.mapFromSource(panel.model.index(position, column))
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    editor = panel.table.findChild(QLineEdit)
    assert editor is not None
    assert editor.text() == index.data(Qt.ItemDataRole.EditRole)  # starts from the value
    editor.setText(text)
    with qtbot.waitSignal(panel.session.revised, timeout=30_000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)


def _select(window: MainWindow, sheet_row: int) -> None:
    panel = window.products
    position = panel.model.position_of(sheet_row)
    assert position is not None
    panel.table.selectRow(panel.proxy.mapFromSource(panel.model.index(position, 0)).row())


def _items(sim: Simulator) -> dict[str, dict]:
    data = requests.get(sim.base_url + "/_sim/items", timeout=10).json()
    items = data.get("items", data) if isinstance(data, dict) else data
    return {item["outer_id"]: item for item in items}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_edited_cell_is_checked_at_once_and_kept_across_reload_and_restart(
        qtbot: QtBot, tmp_path: Path) -> None:
    sheet = _sheet(tmp_path)
    before = _digest(sheet)
    window = _window(qtbot, sheet)
    model = window.products.model
    assert model.row_state(3).status is Status.READY  # type: ignore[union-attr]

    _type_into(qtbot, window, 3, Column.PRICE, "49.999")
    state = model.row_state(3)
    assert state is not None
    assert state.status is Status.ERROR
    assert [i.code for i in state.issues] == ["price.decimals"]
    position = model.position_of(3)
    cell = model.index(position or 0, Column.PRICE)
    assert cell.data() == "49.999"
    assert isinstance(cell.data(Qt.ItemDataRole.FontRole), QFont)  # marked as edited
    assert "「61.9」" in cell.data(Qt.ItemDataRole.ToolTipRole)  # and what the sheet has
    bar = window.products.bar
    qtbot.waitUntil(lambda: bar.count_of(Filter.ERROR) == 1)  # the counts follow
    assert bar.count_of(Filter.READY) == 2
    identity = window.review.sheet.identity  # type: ignore[union-attr]
    assert edits_path(identity).is_file()

    _type_into(qtbot, window, 3, Column.PRICE, "49.99")  # fixed: ready again
    assert model.row_state(3).status is Status.READY  # type: ignore[union-attr]

    with qtbot.waitSignal(window.loader.signals.loaded, timeout=30_000):
        window.open_sheet(sheet)  # 重新读取
    assert str(model.row_state(3).product.price) == "49.99"  # type: ignore[union-attr]
    window.close()

    again = _window(qtbot, sheet)  # a restart
    state = again.products.model.row_state(3)
    assert state is not None
    assert str(state.product.price) == "49.99"
    assert list(state.edits) == ["price"]
    assert _digest(sheet) == before  # the user's file was never written


def test_an_edited_price_is_what_taobao_receives(qtbot: QtBot, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    with Simulator(SimulatorConfig(app_key=APP_KEY, app_secret=SECRET)) as sim:
        window = _window(qtbot, _sheet(tmp_path), sim)
        _type_into(qtbot, window, 2, Column.PRICE, "88.80")
        window.products.session.edit(3, "title", "改过的标题 纯棉短袖")  # as Enter does
        assert not window.products.settled  # 开始上架 at once: the run waits for the re-check
        with qtbot.waitSignal(window.runs.finished, timeout=120_000) as finished:
            start_confirmed(qtbot, window)
        assert finished.args is not None
        assert finished.args[1] == ""
        items = _items(sim)
    assert items["SKU-00001"]["price"] == "88.80"
    assert items["SKU-00002"]["title"] == "改过的标题 纯棉短袖"
    assert items["SKU-00003"]["price"] == "62.90"  # untouched rows as the sheet has them
    report = tmp_path / "结果.xlsx"  # 导出结果 shows what was sent
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(report), ""))
    with qtbot.waitSignal(window.files.saved, timeout=30_000):
        window.run_panel.export_button.click()
    header, *rows = list(load_workbook(report)["上架结果"].iter_rows(values_only=True))
    prices = {row[0]: row[header.index("价格")] for row in rows}
    assert prices == {2: 88.8, 3: 61.9, 4: 62.9}  # numbers, the corrected one too


def test_undo_from_the_detail_pane(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, _sheet(tmp_path))
    panel = window.products
    _type_into(qtbot, window, 4, Column.NUM, "7")
    assert panel.model.row_state(4).product.num == 7  # type: ignore[union-attr]
    _select(window, 4)
    qtbot.waitUntil(lambda: "「103」 → 「7」" in panel.detail.plain_text())
    with qtbot.waitSignal(panel.session.revised, timeout=30_000):
        panel.detail.undo_buttons["num"].click()
    state = panel.model.row_state(4)
    assert state is not None
    assert state.product.num == 103
    assert state.edits == {}
    assert not edits_path(window.review.sheet.identity).exists()  # type: ignore[union-attr]
    assert not panel.bar.write_back_button.isEnabled()


def test_a_corrected_copy_holds_the_edit_and_the_sheet_is_untouched(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sheet = _sheet(tmp_path)
    before = _digest(sheet)
    window = _window(qtbot, sheet)
    panel = window.products
    _type_into(qtbot, window, 2, Column.KEY, "00123")
    asked: list[str] = []

    def save_dialog(parent: object, caption: str, suggested: str, *rest: object) -> tuple:
        asked.append(suggested)
        return suggested, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    with qtbot.waitSignal(panel.session.copied, timeout=30_000) as copied:
        panel.bar.write_back_button.click()
    assert asked == [str(tmp_path / "商品_已修改.xlsx")]
    result = copied.args[0]
    assert result.written == ["A2"]
    assert _digest(sheet) == before
    copy = read_sheet(result.path)
    assert [p.outer_id for p in copy.products] == ["00123", "SKU-00002", "SKU-00003"]
    assert all(p.images for p in copy.products)  # the floating pictures came along
    assert str(result.path) in panel.bar.notice_text.text()


def test_a_skipped_row_is_remembered_and_never_sent(qtbot: QtBot, tmp_path: Path) -> None:
    sheet = _sheet(tmp_path)
    with Simulator(SimulatorConfig(app_key=APP_KEY, app_secret=SECRET)) as sim:
        window = _window(qtbot, sheet, sim)
        panel = window.products
        _select(window, 3)
        menu = panel.context_menu()
        skip = next(a for a in menu.actions() if a.text() == "Skip this row")
        with qtbot.waitSignal(panel.session.revised, timeout=30_000), \
                qtbot.waitSignal(panel.skip_rows) as skipped:
            skip.trigger()
        assert skipped.args == [[3], True]
        assert panel.model.row_state(3).status is Status.USER_SKIPPED  # type: ignore[union-attr]
        window.close()

        window = _window(qtbot, sheet, sim)  # remembered
        panel = window.products
        assert panel.model.row_state(3).status is Status.USER_SKIPPED  # type: ignore[union-attr]
        _select(window, 3)
        assert panel.actions.skip.text() == "Don't skip this row"
        with qtbot.waitSignal(window.runs.finished, timeout=120_000) as finished:
            start_confirmed(qtbot, window)
        items = _items(sim)
    assert sorted(items) == ["SKU-00001", "SKU-00003"]
    summary = finished.args[0]
    assert summary.outcomes[3].message == "已跳过（在窗口里设置）"
    assert panel.model.row_state(3).status is Status.USER_SKIPPED  # type: ignore[union-attr]


def test_a_picture_taken_out_by_a_correction_changes_that_rows_height_only(
        qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, _sheet(tmp_path))
    panel = window.products
    header = panel.table.verticalHeader()

    def height(sheet_row: int) -> int:
        position = panel.model.position_of(sheet_row)
        assert position is not None
        return header.sectionSize(panel.proxy.mapFromSource(panel.model.index(position, 0)).row())

    tall = ProductTableModel.THUMB_SIZE + 8
    qtbot.waitUntil(lambda: [height(n) for n in (2, 3, 4)] == [tall] * 3)
    with qtbot.waitSignal(panel.session.revised, timeout=30_000):
        panel.session.edit(3, "image", "")  # the picture cell emptied
    qtbot.waitUntil(lambda: height(3) == panel.text_height)
    assert height(2) == height(4) == tall
    with qtbot.waitSignal(panel.session.revised, timeout=30_000):
        panel.session.undo(3)
    qtbot.waitUntil(lambda: height(3) == tall)
