"""Category data in the window without a command: after a sheet loads, what it needs and the
cache lacks is read in the background from the shop (the simulator), the rows are resolved again
and property columns are recognised; everything cached and fresh costs no call; a bare name
offers the whole tree with its cost (cancellable, resumed); without a shop the line says the data
comes once one is connected; the demo has its data at start. No line names a command."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.simulator import Simulator, SimulatorConfig
from app.ui.demo import demo_session
from app.ui.main_window import MainWindow
from app.ui.shop_context import ShopContext
from app.ui.table_model import Column, Status
from app.upload.connection import Connection
from tests.gui.window_kit import open_sheet, shop_on, write_sheet
from tests.sheetgen import HEADER, build_xlsx, product_row
from tests.upload_kit import calls

SECRET = "category-window-secret-5"
KEY = "12345678"
CATEGORY_METHODS = ("taobao.itemcats.get", "taobao.itemprops.get", "taobao.itempropvalues.get")


def _window(qtbot: QtBot, shop: Connection | None = None) -> MainWindow:
    kw: dict[str, object] = {}
    if shop is not None:
        kw.update(connection=lambda: shop, shops=ShopContext(demo=shop))
    window = MainWindow(**kw)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    return window


def _lines(window: MainWindow) -> list[str]:
    """Every text the line over the table shows from now on (after each update)."""
    seen: list[str] = []
    record = lambda *_: seen.append(window.summary.text())  # noqa: E731
    window.categories.sync.line_changed.connect(record)
    window.products.counts_changed.connect(record)
    return seen


def _category_calls(sim: Simulator) -> list[dict[str, object]]:
    return [c for c in calls(sim) if c.get("method") in CATEGORY_METHODS]


def _download(box: QMessageBox) -> None:
    """Answer the cost question with 下载."""
    [start] = [b for b in box.buttons() if b.text() == "Download"]
    start.click()


def _settled(qtbot: QtBot, window: MainWindow) -> None:
    sync = window.categories.sync
    qtbot.waitUntil(lambda: not sync.busy and window.products.settled, timeout=30_000)


def test_after_load_the_category_data_is_read_and_property_columns_are_recognised(
        qtbot: QtBot, tmp_path: Path) -> None:
    sheet = write_sheet(tmp_path, "商品.xlsx", 3)
    with Simulator(SimulatorConfig(app_key=KEY, app_secret=SECRET)) as sim:
        window = _window(qtbot, shop_on(sim, SECRET))
        lines = _lines(window)
        open_sheet(qtbot, window, sheet)
        review = window.products.review
        assert review is not None
        qtbot.waitUntil(lambda: not window.products.review.resolution.unchecked,  # type: ignore
                        timeout=30_000)
        _settled(qtbot, window)
        review = window.products.review
        assert review is not None
        assert review.sheet.unknown_headers == []  # 品牌, 货号, 材质成分, 年份季节: properties
        assert {s.status for s in window.model.rows()} == {Status.READY}
        assert all(s.product.prop_texts["品牌"] == "优衣库" for s in window.model.rows())
        assert window.session.review is not None
        assert not window.session.review.resolution.unchecked  # what a run sends
        methods = {c["method"] for c in _category_calls(sim)}
        assert {"taobao.itemcats.get", "taobao.itemprops.get"} <= methods
        assert any("Downloading category data (1 categories)" in line for line in lines)
        qtbot.waitUntil(lambda: "may be category" not in window.summary.text(), timeout=5_000)
        final = window.summary.text()
        assert "not recognised" not in final
        assert "Downloading" not in final
        assert not any("Match columns" in line for line in lines)  # never for properties
        assert not any("taoshelf" in line for line in lines)
        # the 类目 column shows the category's name, its id in the tooltip
        first = window.model.index(0, Column.CID)
        assert first.data() == "T恤"
        assert "50000671" in first.data(Qt.ItemDataRole.ToolTipRole)
        assert "女装/女士精品 > T恤" in first.data(Qt.ItemDataRole.ToolTipRole)

        before = len(calls(sim))
        again = _window(qtbot, shop_on(sim, SECRET))  # cached and fresh now
        states: list[str] = []
        again.categories.sync.line_changed.connect(
            lambda: states.append(again.categories.sync.state))
        open_sheet(qtbot, again, sheet)
        _settled(qtbot, again)
        assert len(calls(sim)) == before  # not one call: not even a connection
        assert "fetching" not in states
        assert again.products.review is not None
        assert again.products.review.sheet.unknown_headers == []


def test_the_window_answers_while_the_category_data_downloads(
        qtbot: QtBot, tmp_path: Path) -> None:
    """Each call takes 1.5 s: meanwhile the user selects rows, sees them in the detail pane and
    filters the table — the download runs on its own thread (on the GUI thread the state
    "fetching" would never be seen from the event loop) and the rows are checked when it ends."""
    sheet = write_sheet(tmp_path, "商品.xlsx", 3)
    with Simulator(SimulatorConfig(app_key=KEY, app_secret=SECRET, latency_ms=1500)) as sim:
        window = _window(qtbot, shop_on(sim, SECRET))
        window.show()
        open_sheet(qtbot, window, sheet)
        sync, panel = window.categories.sync, window.products
        qtbot.waitUntil(lambda: sync.state == "fetching", timeout=30_000)
        assert "Downloading category data" in window.summary.text()
        for row in (3, 2):  # clicked like a user: the pane follows at once
            position = panel.model.position_of(row)
            assert position is not None
            index = panel.proxy.mapFromSource(panel.model.index(position, 1))
            qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton,
                             pos=panel.table.visualRect(index).center())
            qtbot.waitUntil(lambda r=row: panel.detail.sheet_row == r, timeout=5_000)
        panel.proxy.set_search("no such product")
        qtbot.waitUntil(lambda: panel.proxy.rowCount() == 0, timeout=5_000)
        panel.proxy.set_search("")
        assert sync.state == "fetching"  # all that while the calls were under way
        assert panel.review is not None
        assert panel.review.resolution.unchecked  # not checked against the data yet
        with qtbot.waitSignal(sync.data_ready, timeout=60_000):
            pass
        _settled(qtbot, window)
        assert {s.status for s in window.model.rows()} == {Status.READY}
        assert panel.review is not None
        assert panel.review.sheet.unknown_headers == []


def test_without_a_shop_the_line_says_the_data_comes_once_a_shop_is_connected(
        qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot)
    open_sheet(qtbot, window, write_sheet(tmp_path, "商品.xlsx", 2))
    qtbot.waitUntil(lambda: window.categories.sync.state == "no_shop", timeout=10_000)
    text = window.summary.text()
    assert "once a shop is connected" in text
    assert "Match columns" not in text


def test_a_failed_read_is_one_line_not_a_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    with Simulator(SimulatorConfig(app_key=KEY, app_secret=SECRET)) as sim:
        shop = shop_on(sim, SECRET)
        sim.set_faults(daily_quota=0)  # every call from now on: the day's quota is used up
        window = _window(qtbot, shop)
        open_sheet(qtbot, window, write_sheet(tmp_path, "商品.xlsx", 2))
        qtbot.waitUntil(lambda: window.categories.sync.state == "failed", timeout=30_000)
        text = window.summary.text()
        assert "Could not download the category data" in text
        assert "taoshelf" not in text
        assert [w for w in window.findChildren(QMessageBox) if w.isVisible()] == []


def test_a_bare_name_offers_the_whole_tree_with_its_cost_then_the_rows_are_checked(
        qtbot: QtBot, tmp_path: Path) -> None:
    rows = [HEADER, product_row(1), product_row(2)]
    rows[1][4] = "连衣裙"  # a bare name: only the whole tree finds it
    rows[2][4] = "女装/女士精品 > 连衣裙"  # a path: one call per level
    sheet = build_xlsx(tmp_path / "名称.xlsx", rows)
    with Simulator(SimulatorConfig(app_key=KEY, app_secret=SECRET)) as sim:
        window = _window(qtbot, shop_on(sim, SECRET))
        open_sheet(qtbot, window, sheet)
        sync, line = window.categories.sync, window.categories
        qtbot.waitUntil(lambda: sync.state == "need_tree" and window.products.settled,
                        timeout=30_000)
        text = window.summary.text()
        assert "1 row(s) give their category by name only" in text
        assert "calls" in text  # the cost, before anything is downloaded
        assert line.button.isVisible() or not window.isVisible()
        assert line.button.text() == "Download the whole category tree"
        path_row = window.model.row_state(3)
        assert path_row is not None
        assert path_row.product.cid == 50010850  # the path: read, one call per level
        name_row = window.model.row_state(2)
        assert name_row is not None
        assert name_row.product.cid is None
        assert any(i.code == "cid.unchecked" for i in name_row.issues)
        assert not any("taoshelf" in i.message for i in name_row.issues)
        sim.set_faults(latency_ms=150)  # a walk long enough to stop halfway
        line.button.click()
        box = line.question
        assert box is not None
        assert "次接口调用" in box.text()  # the cost, worded by CategoryService
        _download(box)
        assert sync.state == "walking"
        assert "Downloading the whole category tree" in window.summary.text()
        qtbot.waitUntil(lambda: sync.calls >= 2, timeout=30_000)
        line.button.click()  # 取消
        qtbot.waitUntil(lambda: sync.state == "stopped", timeout=30_000)
        assert line.button.text() == "Continue downloading the tree"
        stopped_at = len([c for c in calls(sim) if c.get("method") == "taobao.itemcats.get"])
        sim.set_faults(latency_ms=0)
        line.button.click()
        assert line.question is not None
        _download(line.question)
        qtbot.waitUntil(lambda: sync.state == "idle" and window.products.settled
                        and window.model.row_state(2).product.cid == 50010850,  # type: ignore
                        timeout=30_000)
        walk = [c for c in calls(sim) if c.get("method") == "taobao.itemcats.get"]
        assert len(walk) > stopped_at
        name_row = window.model.row_state(2)
        assert name_row is not None
        assert [i.code for i in name_row.issues] == ["image.missing"]  # the category: fine


def test_the_demo_has_its_category_data_at_start(qtbot: QtBot) -> None:
    with demo_session() as demo:
        window = _window(qtbot, demo.connection)
        lines = _lines(window)
        states: list[str] = []
        window.categories.sync.line_changed.connect(
            lambda: states.append(window.categories.sync.state))
        open_sheet(qtbot, window, demo.sheet)
        review = window.products.review
        assert review is not None
        assert review.sheet.unknown_headers == []  # at once: no download was needed
        assert not review.resolution.unchecked
        _settled(qtbot, window)
        assert "fetching" not in states
        assert "need_tree" not in states  # its bare names (连衣裙) need no question at start
        assert window.categories.sync.state == "idle"
        assert not any("not recognised" in line or "may be category" in line for line in lines)
        assert "not recognised" not in window.summary.text()
        # 类目 as the sheet writes it (names, paths, one id): each row resolved to its leaf
        by_name = [p for p in review.products if p.category_text]
        assert len(by_name) == 12
        shown = {row: window.model.data(window.model.index(window.model.position_of(row),
                                                           Column.CID))
                 for row in (5, 12, 16, 18, 20)}
        assert shown == {5: "T恤", 12: "连衣裙", 16: "T恤", 18: "手机壳/保护套", 20: "T恤"}
        resolved = {p.row: p.cid for p in window.products.review.products}  # type: ignore[union-attr]
        assert (resolved[5], resolved[16], resolved[18]) == (50000671, 50000436, 50008093)
        assert not any(i.is_error for p in by_name for i in review.row_issues(p)
                       if i.field in ("cid", "props"))
        window.close()
