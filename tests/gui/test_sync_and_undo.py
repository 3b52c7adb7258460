"""Listed rows after the run, in the window: changes made to a listed row show as not on Taobao
(and which), 同步修改 sends only those rows' changes and says what it sent; items an undo took
back (上架记录) read 已撤销上架 — taken down or deleted — are not counted as listed, are left alone
by the next upload, and the detail pane opens 上架记录 at their run to put them back."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QApplication, QPushButton, QToolButton
from pytestqt.qtbot import QtBot

from app.simulator import Simulator, SimulatorConfig
from app.ui.main_window import MainWindow
from app.ui.row_state import Filter, RowState, Status
from app.ui.runs_dialog import RunsDialog
from app.ui.shop_context import ShopContext
from app.upload.connection import Connection
from app.upload.journal_runs import Shelf
from tests.gui.shop_kit import chinese
from tests.gui.window_kit import open_sheet, shop_on, start_confirmed, write_sheet
from tests.upload_kit import items_by_outer_id

SECRET = "sync-undo-secret-9"
KEY = "12345678"
NEW_TITLE = "改过的标题 纯棉短袖 夏季新款"


def _window(qtbot: QtBot, shop: Connection) -> MainWindow:
    window = MainWindow(connection=lambda: shop, shops=ShopContext(demo=shop))
    qtbot.addWidget(window)
    return window


def _state(window: MainWindow, row: int) -> RowState:
    state = window.model.row_state(row)
    assert state is not None
    return state


def _listed(qtbot: QtBot, window: MainWindow, sheet: Path) -> None:
    open_sheet(qtbot, window, sheet)
    with qtbot.waitSignal(window.runs.finished, timeout=60_000):
        start_confirmed(qtbot, window)


def _edit(qtbot: QtBot, window: MainWindow, row: int, field: str, text: str) -> None:
    """A correction typed into a cell; the journal then tells what Taobao does not have."""
    panel = window.products
    with (qtbot.waitSignal(panel.journal.found, timeout=30_000),
          qtbot.waitSignal(panel.session.revised, timeout=30_000)):
        panel.session.edit(row, field, text)


def test_sync_changes_sends_only_the_listed_rows_with_changes(
        qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    with Simulator(SimulatorConfig(app_key=KEY, app_secret=SECRET)) as sim, chinese(qapp):
        window = _window(qtbot, shop_on(sim, SECRET))
        _listed(qtbot, window, write_sheet(tmp_path, "商品.xlsx", 3))
        before = {k: v[0] for k, v in items_by_outer_id(sim).items()}
        assert not window.menus.sync_action.isEnabled()  # nothing changed yet
        _edit(qtbot, window, 2, "title", NEW_TITLE)
        _edit(qtbot, window, 2, "price", "88.80")

        changed, other = _state(window, 2), _state(window, 3)
        item = changed.num_iid
        assert changed.status_text() == f"已上架 · 有 2 处修改未同步 · 宝贝ID {item}"
        assert set(changed.sendable) == {"标题", "价格"}
        tip = changed.tooltip()
        assert "标题" in tip
        assert "价格" in tip
        assert other.status_text() == f"上架成功 · 宝贝ID {other.num_iid}"
        qtbot.waitUntil(window.menus.sync_action.isEnabled)  # once the rows are counted
        assert window.products.rows_to_sync() == [2]

        with qtbot.waitSignal(window.runs.finished, timeout=60_000) as finished:
            window.menus.sync_action.trigger()  # 上架 → 同步修改到淘宝
            qtbot.waitUntil(lambda: window.coordinator.confirmation is not None, timeout=30_000)
            dialog = window.coordinator.confirmation
            assert dialog is not None
            assert dialog.windowTitle() == "把修改同步到淘宝？"
            assert dialog.start_button.text() == "同步修改"
            assert {k: int(v.text()) for k, v in dialog.counts.items()} == {"edits": 1}
            fields = dialog.fields.text()
            assert "标题 1 行" in fields
            assert "价格 1 行" in fields
            dialog.start_button.click()
        summary, error = finished.args
        assert error == ""
        assert summary.total == 1  # row 2 only: nothing else was planned or sent
        assert summary.updated == 1
        after = {k: v[0] for k, v in items_by_outer_id(sim).items()}
        changed = _state(window, 2)
        shown = changed.status_text()
        assert changed.unsent == ()
        assert set(changed.synced) == {"标题", "价格"}  # exactly the changes that went
        qtbot.waitUntil(lambda: not window.menus.sync_action.isEnabled())

    assert shown.startswith("已同步修改：")
    assert shown.endswith(f" · 宝贝ID {item}")
    assert after["SKU-00001"]["title"] == NEW_TITLE
    assert Decimal(str(after["SKU-00001"]["price"])) == Decimal("88.80")
    for key in ("SKU-00002", "SKU-00003"):  # untouched
        assert after[key] == before[key]
    assert len(after) == 3


def test_sync_changes_from_the_detail_pane_sends_the_selected_row(
        qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    with Simulator(SimulatorConfig(app_key=KEY, app_secret=SECRET)) as sim, chinese(qapp):
        window = _window(qtbot, shop_on(sim, SECRET))
        _listed(qtbot, window, write_sheet(tmp_path, "商品.xlsx", 2))
        _edit(qtbot, window, 2, "num", "7")
        _edit(qtbot, window, 3, "num", "9")
        panel = window.products
        _select(window, 3)
        actions = panel.actions
        assert actions.sync.isEnabled()
        assert actions.sync.text() == "同步修改"
        buttons = [b for b in panel.detail.actions_bar.findChildren(QToolButton)
                   if b.defaultAction() is actions.sync]
        assert buttons
        assert buttons[0].isVisibleTo(panel.detail)
        with qtbot.waitSignal(window.runs.finished, timeout=60_000) as finished:
            actions.sync.trigger()
            qtbot.waitUntil(lambda: window.coordinator.confirmation is not None, timeout=30_000)
            window.coordinator.confirmation.start_button.click()
        assert finished.args[0].total == 1
        stock = {k: v[0]["num"] for k, v in items_by_outer_id(sim).items()}
    assert stock["SKU-00002"] == 9
    assert stock["SKU-00001"] != 7  # row 2's change waits for its own sync
    assert _state(window, 2).unsent
    assert window.products.rows_to_sync() == [2]


def _select(window: MainWindow, row: int) -> None:
    panel = window.products
    position = panel.model.position_of(row)
    assert position is not None
    panel.table.selectRow(panel.proxy.mapFromSource(panel.model.index(position, 0)).row())


def _history(qtbot: QtBot, window: MainWindow) -> RunsDialog:
    window.menus.history_action.trigger()  # 上架 → 上架记录
    dialog = window.history_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _act(qtbot: QtBot, window: MainWindow, dialog: RunsDialog, button: QPushButton,
         typed: str = "") -> None:
    """Click an action of 上架记录 on the first upload run, confirm, wait until the rows know."""
    dialog.select_run(min(r.id for r in dialog.runs if r.kind == "upload"))
    button.click()
    confirm = dialog.pending_confirm
    assert confirm is not None
    if typed:
        confirm.entry.setText(typed)
    with (qtbot.waitSignal(window.products.journal.found, timeout=30_000),
          qtbot.waitSignal(dialog.signals.done, timeout=30_000)):
        confirm.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)


def test_an_undone_upload_reads_taken_back_and_is_not_counted_as_listed(
        qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    sheet = write_sheet(tmp_path, "商品.xlsx", 2)
    with Simulator(SimulatorConfig(app_key=KEY, app_secret=SECRET)) as sim, chinese(qapp):
        shop = shop_on(sim, SECRET)
        window = _window(qtbot, shop)
        _listed(qtbot, window, sheet)
        bar = window.products.bar
        qtbot.waitUntil(lambda: bar.count_of(Filter.LISTED) == 2)
        dialog = _history(qtbot, window)
        run_id = min(r.id for r in dialog.runs if r.kind == "upload")
        _act(qtbot, window, dialog, dialog.take_down)
        dialog.close()

        state = _state(window, 2)
        assert state.status is Status.UNDONE
        assert state.shelf is Shelf.TAKEN_DOWN
        assert state.status_text() == f"已撤销上架 · 已下架 · 宝贝ID {state.num_iid}"
        qtbot.waitUntil(lambda: bar.count_of(Filter.LISTED) == 0)
        assert bar.count_of(Filter.ALL) == 2
        assert not window.products.actions.retry.isEnabled()

        _select(window, 2)  # the detail pane says so and opens 上架记录 at that run
        pane = window.products.detail
        qtbot.waitUntil(lambda: "已撤销上架" in pane.plain_text())
        assert "上架记录" in pane.plain_text()
        button = pane.scroll.widget().findChild(QPushButton, "openHistory")
        assert button is not None
        assert button.text() == "上架记录…"
        button.click()
        reopened = window.history_dialog
        assert reopened is not dialog
        assert reopened.isVisible()
        assert reopened.selected() is not None
        assert reopened.selected().id == run_id
        assert reopened.relist.isEnabled()
        reopened.close()

        with qtbot.waitSignal(window.runs.finished, timeout=60_000):  # 开始上架 again
            start_confirmed(qtbot, window)
        assert all(i[0]["approve_status"] == "instock" for i in items_by_outer_id(sim).values())
        assert _state(window, 2).status is Status.UNDONE  # not 已上架 after the rerun
        qtbot.waitUntil(lambda: bar.count_of(Filter.LISTED) == 0)

        nextday = _window(qtbot, shop)  # the journal tells it at load
        open_sheet(qtbot, nextday, sheet)
        qtbot.waitUntil(lambda: _state(nextday, 3).status is Status.UNDONE, timeout=30_000)
        assert nextday.products.bar.count_of(Filter.LISTED) == 0

        dialog = _history(qtbot, window)  # 重新上架: on sale again, counted again
        _act(qtbot, window, dialog, dialog.relist)
        dialog.close()
        assert _state(window, 2).status is not Status.UNDONE
        assert _state(window, 2).status_text().startswith("已上架 · 宝贝ID")
        qtbot.waitUntil(lambda: bar.count_of(Filter.LISTED) == 2)


def test_a_deleted_item_reads_deleted_and_offers_no_relisting(
        qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    with Simulator(SimulatorConfig(app_key=KEY, app_secret=SECRET)) as sim, chinese(qapp):
        window = _window(qtbot, shop_on(sim, SECRET))
        _listed(qtbot, window, write_sheet(tmp_path, "商品.xlsx", 2))
        dialog = _history(qtbot, window)
        _act(qtbot, window, dialog, dialog.delete, typed="2")
        dialog.close()
        assert {i[0]["approve_status"] for i in items_by_outer_id(sim).values()} == {"deleted"}
        state = _state(window, 3)
        assert state.status is Status.UNDONE
        assert state.status_text() == f"已撤销上架 · 已删除 · 宝贝ID {state.num_iid}"
        qtbot.waitUntil(lambda: window.products.bar.count_of(Filter.LISTED) == 0)
        _select(window, 3)
        text = window.products.detail.plain_text()
    assert "已删除" in text
    assert "新的商家编码" in text


def test_unsent_changes_name_what_sync_cannot_send() -> None:
    """A 类目 change of a listed item cannot be sent: the row says so, with why, and 同步修改
    leaves it (the sendable part goes)."""
    from app.catalog.model import Product

    state = RowState(Product(row=2, outer_id="K"), upload_status=Status.SKIPPED, num_iid=5,
                     unsent=("标题", "类目"), sendable=("标题",))
    state.refresh()
    assert state.status_text() == "Listed · 2 change(s) not on Taobao · item ID 5"
    details = "\n".join(state.listed_details())
    assert "类目（已上架的商品不能用本程序换类目" in details
    assert "Sync changes sends 标题." in details
    only_category = RowState(Product(row=3, outer_id="L"), upload_status=Status.SKIPPED,
                             num_iid=6, unsent=("类目",))
    only_category.refresh()
    from app.ui.row_actions import syncable

    assert syncable(state)
    assert not syncable(only_category)


def test_detail_pane_heading_holds_both_changes_waiting_and_changes_sent(
        qtbot: QtBot, qapp: QApplication) -> None:
    """A row with a change sent by the last run and a newer one not sent: the section's heading
    must not say "not on Taobao yet" over the line that says what was sent."""
    from app.catalog.model import Product
    from app.ui.detail_listing import listing_section

    state = RowState(Product(row=2, outer_id="K"), upload_status=Status.SKIPPED, num_iid=5,
                     unsent=("价格",), sendable=("价格",), synced=("标题",))
    state.refresh()
    with chinese(qapp):
        widgets = listing_section(state, lambda run: None)
    texts = [w.text() for w in widgets]
    assert texts[0] == "淘宝上的宝贝"  # was "还没同步到淘宝的修改", over a line of what went
    assert "还没同步到淘宝：价格" in texts
    assert "刚才已同步到淘宝：标题" in texts
