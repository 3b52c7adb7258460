"""The category picker and the property editor, driven like a user on the simulator's shop: the
picker finds 连衣裙 by name and by path, browses level by level reading a level only when it is
opened, and writes the chosen leaf into the row at once; the detail pane's property editor shows a
required property missing and a typed brand's note, fills the property, and a SKU's stock is
corrected per SKU — and the items created at the simulator's test door carry what was edited."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from app.review_edits import load_edits
from app.simulator import Simulator, SimulatorConfig
from app.simulator.config import DEMO_APP_KEY, DEMO_APP_SECRET
from app.ui.category_picker import CategoryPicker
from app.ui.main_window import MainWindow
from app.ui.shop_context import ShopContext
from app.ui.table_model import Column
from app.upload.connection import Connection
from tests.category_kit import fill_cache
from tests.gui.window_kit import open_sheet, shop_on, start_confirmed
from tests.props_kit import LEAVES, clothing_sheet
from tests.upload_kit import calls, items_by_outer_id

SECRET = DEMO_APP_SECRET  # the category kit fills the cache with the simulator's own app
KEY = DEMO_APP_KEY
NICK = "测试店铺"


def _window(qtbot: QtBot, shop: Connection) -> MainWindow:
    window = MainWindow(connection=lambda: shop, shops=ShopContext(demo=shop))
    qtbot.addWidget(window)
    return window


def _settled(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.categories.sync.busy and window.products.settled,
                    timeout=30_000)


def _select(qtbot: QtBot, window: MainWindow, sheet_row: int) -> None:
    panel = window.products
    position = panel.model.position_of(sheet_row)
    assert position is not None
    index = panel.proxy.mapFromSource(panel.model.index(position, 0))
    panel.table.selectionModel().select(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.waitUntil(lambda: panel.detail.sheet_row == sheet_row, timeout=5_000)


def _codes(window: MainWindow, sheet_row: int) -> set[str]:
    state = window.model.row_state(sheet_row)
    assert state is not None
    return {i.code for i in state.issues}


def _pane_shows(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """The detail pane is shown again after a check (on the next turn of the event loop)."""
    detail = window.products.detail
    qtbot.waitUntil(lambda: text in detail.plain_text(), timeout=10_000)


def _open_picker(qtbot: QtBot, window: MainWindow, sheet_row: int) -> CategoryPicker:
    """Double-click the row's 类目 cell."""
    panel = window.products
    position = panel.model.position_of(sheet_row)
    assert position is not None
    index = panel.proxy.mapFromSource(panel.model.index(position, Column.CID))
    panel.table.scrollTo(index)
    where = panel.table.visualRect(index).center()
    # a double-click is a press and release, then the second press (Qt 6's QTest sends only the
    # second part with mouseDClick)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    picker = panel.category_edits.picker
    assert picker is not None
    qtbot.waitUntil(lambda: picker.tree is not None, timeout=10_000)
    return picker


def _search(qtbot: QtBot, picker: CategoryPicker, text: str) -> list[tuple[str, str]]:
    with qtbot.waitSignal(picker.searched, timeout=10_000):
        picker.search.setText(text)  # QTest types ASCII only
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    return [(picker.results.topLevelItem(n).text(0), picker.results.topLevelItem(n).text(1))
            for n in range(picker.results.topLevelItemCount())]


@contextmanager
def _clothing_window(qtbot: QtBot, tmp_path: Path
                     ) -> Iterator[tuple[MainWindow, Path]]:
    """The clothing sheet shown and checked in a window on a shop whose category data (the
    whole tree, the sheet's leaves) is cached; the simulator stays up inside the block."""
    sheet = clothing_sheet(tmp_path)
    with Simulator(SimulatorConfig(app_key=KEY, app_secret=SECRET)) as sim:
        fill_cache(sim, LEAVES, tree=True, shop=NICK)
        window = _window(qtbot, shop_on(sim, SECRET, nick=NICK))
        window.show()
        open_sheet(qtbot, window, sheet)
        _settled(qtbot, window)
        yield window, sheet


def test_the_picker_finds_by_name_and_path_and_writes_the_row_at_once(
        qtbot: QtBot, tmp_path: Path) -> None:
    with _clothing_window(qtbot, tmp_path) as (window, _sheet):
        assert "cid.ambiguous" in _codes(window, 11)  # 类目 "T恤": two leaves
        picker = _open_picker(qtbot, window, 11)
        assert picker.isVisible()
        by_name = _search(qtbot, picker, "连衣裙")
        assert by_name[0] == ("女装/女士精品 > 连衣裙", "50010850")
        picker.search.clear()
        by_path = _search(qtbot, picker, "女装/女士精品 > 连衣裙")
        assert by_path[0][1] == "50010850"
        picker.search.clear()
        by_id = _search(qtbot, picker, "50000436")
        assert by_id[0] == ("男装 > T恤", "50000436")
        picker.search.clear()
        tees = _search(qtbot, picker, "T恤")
        assert {cid for _path, cid in tees} == {"50000671", "50000436"}
        assert picker.status.text().startswith("2 found among ")  # the answer, not the tree
        with qtbot.waitSignal(window.products.session.revised, timeout=30_000):
            picker.choose(50000671)
        _settled(qtbot, window)
        codes = _codes(window, 11)
        assert not any(code.startswith("cid.") for code in codes)
        state = window.model.row_state(11)
        assert state is not None
        assert state.product.cid == 50000671
        assert state.edits["cid"].new == "女装/女士精品 > T恤"  # the cell held a name
        position = window.model.position_of(11)
        assert position is not None
        cell = window.model.index(position, Column.CID)
        assert cell.data() == "T恤"
        assert "50000671" in cell.data(Qt.ItemDataRole.ToolTipRole)
        again = _open_picker(qtbot, window, 11)
        recent = again.results.topLevelItem(0)
        assert recent.text(0) == "Recently used"
        assert "50000671" in [recent.child(n).text(1) for n in range(recent.childCount())]
        again.reject()


def test_browsing_reads_a_level_only_when_it_is_opened(qtbot: QtBot, tmp_path: Path) -> None:
    sheet = clothing_sheet(tmp_path)
    with Simulator(SimulatorConfig(app_key=KEY, app_secret=SECRET)) as sim:
        window = _window(qtbot, shop_on(sim, SECRET, nick=NICK))
        window.show()
        open_sheet(qtbot, window, sheet)
        _settled(qtbot, window)

        def levels() -> int:
            return sum(1 for c in calls(sim) if c.get("method") == "taobao.itemcats.get")

        picker = window.products.category_edits.choose(11)
        assert picker is not None
        qtbot.waitUntil(lambda: picker.tree is not None, timeout=10_000)
        # the top level and 女装's were read for the sheet's paths; 男装's never was
        tops = {picker.results.topLevelItem(n).text(0): picker.results.topLevelItem(n)
                for n in range(picker.results.topLevelItemCount())}
        assert "男装" in tops
        before = levels()
        men = tops["男装"]
        with qtbot.waitSignal(picker.level_loaded, timeout=10_000) as opened:
            men.setExpanded(True)
        assert opened.args == [30]
        assert levels() == before + 1  # one call for the level
        children = {men.child(n).text(0): men.child(n) for n in range(men.childCount())}
        assert {"T恤", "衬衫", "夹克"} <= set(children)
        men.setExpanded(False)
        men.setExpanded(True)
        assert levels() == before + 1  # opened once, read once
        picker.results.setCurrentItem(children["T恤"])
        assert picker.ok_button.isEnabled()
        picker.results.setCurrentItem(men)
        assert not picker.ok_button.isEnabled()  # a parent is not a choice
        picker.reject()


def test_required_property_and_sku_stock_edited_in_the_pane_reach_the_items(
        qtbot: QtBot, tmp_path: Path) -> None:
    sheet = clothing_sheet(tmp_path)
    with Simulator(SimulatorConfig(app_key=KEY, app_secret=SECRET)) as sim:
        window = _window(qtbot, shop_on(sim, SECRET, nick=NICK))
        window.show()
        open_sheet(qtbot, window, sheet)
        _settled(qtbot, window)  # the category data: read in the background
        assert "props.required" in _codes(window, 10)
        _select(qtbot, window, 10)
        editor = window.products.detail.category.editor
        assert editor is not None
        season = next(r for r in editor.rows if r.prop.name == "年份/季节")
        assert season.missing
        assert editor.rows.index(season) < 4  # the required ones come first
        assert "Required: not filled in yet" in editor.sent_labels["年份/季节"].text()
        assert isinstance(editor.editors["年份/季节"], QComboBox)  # a list of the leaf's values
        with qtbot.waitSignal(window.products.session.revised, timeout=30_000):
            editor.set_value("年份/季节", "2026年夏季")
        assert "props.required" not in _codes(window, 10)
        _pane_shows(qtbot, window, "Sent: 2026年夏季")  # the pane is rebuilt after the check
        undo = window.products.detail.undo_buttons["prop:年份季节"]
        with qtbot.waitSignal(window.products.session.revised, timeout=30_000):
            undo.click()  # undoable like any correction
        assert "props.required" in _codes(window, 10)
        _pane_shows(qtbot, window, "Required: not filled in yet")
        editor = window.products.detail.category.editor
        assert editor is not None
        with qtbot.waitSignal(window.products.session.revised, timeout=30_000):
            editor.set_value("年份/季节", "2026年夏季")

        _select(qtbot, window, 5)  # MT-1: rows 5–8, one SKU each
        skus = window.products.detail.category.skus
        assert skus is not None
        assert set(skus.buttons) == {5, 6, 7, 8}
        skus.buttons[7].click()
        dialog = skus.dialog
        assert dialog is not None
        stock = dialog.fields["sku.num"]
        assert isinstance(stock, QLineEdit)
        assert stock.text() == "4"
        stock.setText("9")
        with qtbot.waitSignal(window.products.session.revised, timeout=30_000):
            dialog.accept()
        state = window.model.row_state(5)
        assert state is not None
        assert [s.quantity for s in state.product.skus] == [10, 10, 9, 4]
        assert state.product.num == 33
        _pane_shows(qtbot, window, "Row 7 SKU库存")

        with qtbot.waitSignal(window.runs.finished, timeout=120_000):
            start_confirmed(qtbot, window)
        items = items_by_outer_id(sim)
        [season_item] = items["BAD-SEASON"]
        assert "122216347:3612408002" in season_item["props"]  # 2026年夏季
        [tee] = items["MT-1"]
        assert [s["quantity"] for s in tee["skus"]] == [10, 10, 9, 4]
        assert tee["num"] == 33


def test_a_typed_brand_shows_its_note_and_a_property_without_column_is_said_on_write_back(
        qtbot: QtBot, tmp_path: Path) -> None:
    with _clothing_window(qtbot, tmp_path) as (window, _sheet):
        _select(qtbot, window, 2)  # DR-1: brand 小鹿森林, not in the leaf's list
        editor = window.products.detail.category.editor
        assert editor is not None
        brand = next(r for r in editor.rows if r.prop.name == "品牌")
        assert brand.typed
        assert "Sent as typed text: 小鹿森林" in editor.sent_labels["品牌"].text()
        assert "将作为自己填写的品牌发送" in editor.plain_text()

        _select(qtbot, window, 9)  # SH-1: the sheet has no 领型 column
        editor = window.products.detail.category.editor
        assert editor is not None
        with qtbot.waitSignal(window.products.session.revised, timeout=30_000):
            editor.set_value("领型", "V领")
        state = window.model.row_state(9)
        assert state is not None
        assert state.product.prop_texts["领型"] == "V领"
        panel = window.products
        with qtbot.waitSignal(panel.session.copied, timeout=30_000):
            panel.session.write_copy(tmp_path / "副本.xlsx")
        notice = panel.bar.notice_text.text()
        assert "第 9 行 领型" in notice
        assert "没有这一列" in notice


def test_the_row_menu_and_the_pane_button_open_the_picker_and_the_choice_is_saved(
        qtbot: QtBot, tmp_path: Path) -> None:
    with _clothing_window(qtbot, tmp_path) as (window, sheet):
        panel = window.products
        before = sheet.read_bytes()
        assert "cid.ambiguous" in _codes(window, 11)
        _select(qtbot, window, 11)
        menu = panel.context_menu()
        [choose] = [a for a in menu.actions() if a.text() == "Choose category…"]
        assert choose.isEnabled()
        choose.trigger()
        picker = panel.category_edits.picker
        assert picker is not None
        assert picker.isVisible()
        qtbot.waitUntil(lambda: picker.tree is not None, timeout=10_000)
        picker.reject()
        state = window.model.row_state(11)
        assert state is not None
        assert "cid" not in state.edits  # 取消: nothing recorded

        button = panel.detail.category.choose_button
        assert button is not None
        assert button.isEnabled()
        button.click()
        picker = panel.category_edits.picker
        assert picker is not None
        assert picker.isVisible()
        qtbot.waitUntil(lambda: picker.tree is not None, timeout=10_000)
        _search(qtbot, picker, "T恤")  # typed, then Enter: the results, nothing chosen yet
        assert picker.isVisible()
        assert picker.chosen is None
        state = window.model.row_state(11)
        assert state is not None
        assert "cid" not in state.edits
        men = next(picker.results.topLevelItem(n) for n in range(picker.results.topLevelItemCount())
                   if picker.results.topLevelItem(n).text(1) == "50000436")
        picker.results.setCurrentItem(men)
        assert picker.ok_button.isEnabled()
        picker.results.setFocus()
        with qtbot.waitSignal(panel.session.revised, timeout=30_000):
            qtbot.keyClick(picker.results, Qt.Key.Key_Return)  # Enter in the results: 选择
        assert not any(code.startswith("cid.") for code in _codes(window, 11))
        review = panel.review
        assert review is not None
        saved = load_edits(review.sheet.identity)  # the overlay on disk, the file untouched
        assert saved.rows[11].edits["cid"].new == "男装 > T恤"
        _pane_shows(qtbot, window, "男装 > T恤（50000436）")
        assert sheet.read_bytes() == before  # the user's file is never written


def test_the_mouse_wheel_over_a_value_list_scrolls_the_pane_and_records_nothing(
        qtbot: QtBot, tmp_path: Path) -> None:
    """Seen in the demo: scrolling the pane with the pointer over 品牌 chose 罗莱/LUOLAI."""
    with _clothing_window(qtbot, tmp_path) as (window, _sheet):
        _select(qtbot, window, 10)
        editor = window.products.detail.category.editor
        assert editor is not None
        combo = editor.editors["年份/季节"]
        assert isinstance(combo, QComboBox)
        where = QPointF(combo.rect().center())
        for _ in range(3):  # the wheel turned down three notches over the list
            wheel = QWheelEvent(where, QPointF(combo.mapToGlobal(where.toPoint())), QPoint(0, 0),
                                QPoint(0, -120), Qt.MouseButton.NoButton,
                                Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                                False)
            QApplication.sendEvent(combo, wheel)
        assert combo.currentText() == ""
        assert window.products.settled  # no correction is being checked
        state = window.model.row_state(10)
        assert state is not None
        assert state.edits == {}
        assert "props.required" in _codes(window, 10)


def test_a_category_corrected_in_a_cell_of_numbers_is_listed_by_its_path(
        qtbot: QtBot, tmp_path: Path) -> None:
    """Row 10 writes its 类目 as a number; the correction is kept as the cell would hold it
    (a number), but the pane's list of corrections names both categories by their path."""
    with _clothing_window(qtbot, tmp_path) as (window, _sheet):
        picker = _open_picker(qtbot, window, 10)
        with qtbot.waitSignal(window.products.session.revised, timeout=30_000):
            picker.choose(162104)
        _settled(qtbot, window)
        state = window.model.row_state(10)
        assert state is not None
        assert state.edits["cid"].new == "162104"  # as the cell holds it
        _select(qtbot, window, 10)
        _pane_shows(qtbot, window, "「女装/女士精品 > T恤（50000671）」 → "
                                   "「女装/女士精品 > 衬衫（162104）」")
