"""The rows after runs: listed rows read 已上架 as soon as a sheet loads, a failed row's detail
pane has Taobao's answer and its request_id, and the per-row actions (context menu) do what
they say — against the simulator, through the window."""

from __future__ import annotations

import os
from pathlib import Path

import requests
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.simulator import Simulator, SimulatorConfig
from app.top.config import TopConfig
from app.ui.main_window import MainWindow
from app.ui.row_state import Filter, Status
from app.upload.connection import Connection
from app.upload.events import RunStarted
from app.upload.session import StaticSession
from tests.gui.window_kit import confirm, start_confirmed
from tests.sheetgen import HEADER, build_xlsx, picture, product_row

APP_KEY = "12345678"
SECRET = "rows-secret-3c9"
SHOP = "行操作测试店"
REFUSED = {"method": "taobao.item.add", "fault": "error", "code": 15,
           "msg": "Remote service error", "sub_code": "isv.invalid-parameter:title",
           "sub_msg": "标题含有违禁词"}


def _sheet(tmp_path: Path, n: int = 3) -> Path:
    rows = [HEADER, *(product_row(i) for i in range(1, n + 1))]
    floating = {f"G{i + 1}": picture(900, 900, (i * 50, 100, 150)) for i in range(1, n + 1)}
    return build_xlsx(tmp_path / "商品.xlsx", rows, floating=floating)


def _window(qtbot: QtBot, sheet: Path, sim: Simulator, opened: list[str] | None = None
            ) -> MainWindow:
    session = sim.issue_session(nick=SHOP)
    top = TopConfig(app_key=APP_KEY, gateway_url=sim.router_url, oauth_base_url=sim.base_url)
    shop = Connection(top, "local", SHOP, StaticSession(session), SECRET, session, 50.0)
    window = MainWindow(connection=lambda: shop,
                        open_browser=(opened.append if opened is not None else print))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loader.signals.loaded, timeout=30_000):
        window.open_sheet(sheet)
    return window


def _run(qtbot: QtBot, window: MainWindow) -> object:
    with qtbot.waitSignal(window.runs.finished, timeout=120_000) as finished:
        start_confirmed(qtbot, window)
    assert finished.args is not None
    return finished.args[0]


def _select(window: MainWindow, sheet_row: int) -> None:
    panel = window.products
    position = panel.model.position_of(sheet_row)
    assert position is not None
    panel.table.selectRow(panel.proxy.mapFromSource(panel.model.index(position, 0)).row())


def _items(sim: Simulator) -> list[dict]:
    data = requests.get(sim.base_url + "/_sim/items", timeout=10).json()
    return data.get("items", data) if isinstance(data, dict) else data


def test_rows_listed_before_read_listed_as_soon_as_the_sheet_loads(
        qtbot: QtBot, tmp_path: Path) -> None:
    sheet = _sheet(tmp_path)
    with Simulator(SimulatorConfig(app_key=APP_KEY, app_secret=SECRET)) as sim:
        first = _window(qtbot, sheet, sim)
        _run(qtbot, first)
        ids = {item["outer_id"]: item["num_iid"] for item in _items(sim)}
        first.close()

        window = _window(qtbot, sheet, sim)  # the next day: no run yet
        model = window.products.model
        qtbot.waitUntil(lambda: all(s.status is Status.SKIPPED for s in model.rows()),
                        timeout=30_000)
    for state in model.rows():
        assert state.status_text() == f"Listed · item ID {ids[state.product.key]}"
        assert state.num_iid == ids[state.product.key]
    bar = window.products.bar
    qtbot.waitUntil(lambda: bar.count_of(Filter.LISTED) == 3)
    assert bar.count_of(Filter.READY) == 0


def test_a_failed_row_shows_taobaos_answer_and_its_request_id(qtbot: QtBot,
                                                             tmp_path: Path) -> None:
    with Simulator(SimulatorConfig(app_key=APP_KEY, app_secret=SECRET)) as sim:
        window = _window(qtbot, _sheet(tmp_path), sim)
        sim.set_faults(script=[REFUSED])
        summary = _run(qtbot, window)
    failed = [o for o in summary.outcomes.values() if o.status == "failed"]  # type: ignore[attr-defined]
    assert len(failed) == 1
    outcome = failed[0]
    assert outcome.request_id
    panel = window.products
    panel.set_filter(Filter.FAILED)
    assert panel.proxy.rowCount() == 1
    panel.table.selectRow(0)
    qtbot.waitUntil(lambda: outcome.request_id in panel.detail.plain_text())
    text = panel.detail.plain_text()
    said = outcome.message.replace(f" [request_id: {outcome.request_id}]", "")
    assert said != outcome.message  # the engine's message ends with the request_id…
    assert said in text  # in Chinese, with what to do
    assert text.count(outcome.request_id) == 1  # …shown once, on its line with 复制
    assert "Error code: 15 isv.invalid-parameter:title" in text
    assert panel.detail.request_id_button is not None
    panel.detail.request_id_button.click()
    assert QGuiApplication.clipboard().text() == outcome.request_id

    copy = next(a for a in panel.context_menu().actions() if a.text() == "Copy error message")
    copy.trigger()
    copied = QGuiApplication.clipboard().text()
    assert outcome.message in copied
    assert outcome.request_id in copied
    assert f"第 {outcome.row} 行" in copied


def test_retry_this_row_sends_that_row_only(qtbot: QtBot, tmp_path: Path) -> None:
    with Simulator(SimulatorConfig(app_key=APP_KEY, app_secret=SECRET)) as sim:
        window = _window(qtbot, _sheet(tmp_path), sim)
        sim.set_faults(script=[REFUSED])
        summary = _run(qtbot, window)
        row = next(o.row for o in summary.outcomes.values()  # type: ignore[attr-defined]
                   if o.status == "failed")
        panel = window.products
        panel.set_filter(Filter.FAILED)
        panel.table.selectRow(0)
        # the refused row is sent again only once it is changed (Taobao would refuse it again)
        assert panel.selected_rows() == [row]
        started: list[RunStarted] = []
        window.runs.event.connect(lambda e: started.append(e) if isinstance(e, RunStarted)
                                  else None)
        retry = next(a for a in panel.context_menu().actions() if a.text() == "Retry this row")
        assert retry.isEnabled()
        with qtbot.waitSignal(window.runs.finished, timeout=120_000), \
                qtbot.waitSignal(panel.retry_rows) as asked:
            retry.trigger()
        assert asked.args == [[row]]
        assert [e.total for e in started] == [1]  # that row, not the sheet
        assert len(_items(sim)) == 2  # unchanged and refused before: not sent blindly again


def test_open_item_page_only_where_there_is_one(qtbot: QtBot, tmp_path: Path) -> None:
    opened: list[str] = []
    with Simulator(SimulatorConfig(app_key=APP_KEY, app_secret=SECRET)) as sim:
        window = _window(qtbot, _sheet(tmp_path, 1), sim, opened)
        _run(qtbot, window)
        num_iid = _items(sim)[0]["num_iid"]
    panel = window.products
    _select(window, 2)
    qtbot.waitUntil(lambda: "has no real Taobao page" in panel.detail.plain_text())
    assert not panel.actions.open_page.isEnabled()  # the simulator's item: no page
    with qtbot.waitSignal(panel.journal.found, timeout=30_000):
        panel.set_shop(SHOP, "production")  # as if this shop were the real one
    panel.context_menu()
    assert panel.actions.open_page.isEnabled()
    with qtbot.waitSignal(panel.open_item) as asked:
        panel.actions.open_page.trigger()
    assert asked.args == [num_iid]
    assert opened == [f"https://item.taobao.com/item.htm?id={num_iid}"]


def test_ctrl_f_goes_to_the_search_box_and_the_search_filters(qtbot: QtBot,
                                                              tmp_path: Path) -> None:
    with Simulator(SimulatorConfig(app_key=APP_KEY, app_secret=SECRET)) as sim:
        window = _window(qtbot, _sheet(tmp_path), sim)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    panel = window.products
    panel.table.setFocus()
    QTest.keySequence(window.windowHandle(), QKeySequence(QKeySequence.StandardKey.Find))
    qtbot.waitUntil(panel.bar.search.hasFocus)
    qtbot.keyClicks(panel.bar.search, "SKU-00002")
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 1)
    assert panel.proxy.source_state(panel.proxy.index(0, 0)).product.row == 3


def test_a_sheet_changed_on_disk_is_offered_for_reading_again(qtbot: QtBot,
                                                             tmp_path: Path) -> None:
    sheet = _sheet(tmp_path)
    with Simulator(SimulatorConfig(app_key=APP_KEY, app_secret=SECRET)) as sim:
        window = _window(qtbot, sheet, sim)
    bar = window.products.bar
    rows = [HEADER, product_row(1), product_row(2), product_row(3), product_row(4)]
    build_xlsx(tmp_path / "new.xlsx", rows)
    os.replace(tmp_path / "new.xlsx", sheet)  # how Excel saves
    qtbot.waitUntil(lambda: not bar.notice.isHidden(), timeout=10_000)
    assert "changed on disk" in bar.notice_text.text()
    with qtbot.waitSignal(window.loader.signals.loaded, timeout=30_000):
        bar.notice_button.click()
    assert window.products.model.rowCount() == 4  # the new file


def test_copy_error_is_off_for_a_row_listed_without_a_word(qtbot: QtBot) -> None:
    """A row the run listed has an outcome but nothing wrong: 复制错误信息 has nothing to copy."""
    from app.catalog.model import Product
    from app.ui.row_actions import RowActions
    from app.ui.row_state import RowState
    from app.upload.events import RowOutcome, RowStatus

    actions = RowActions()
    listed = RowState(Product(row=2, outer_id="K2"), upload_status=Status.LISTED, num_iid=7,
                      outcome=RowOutcome(2, "K2", RowStatus.LISTED, num_iid=7))
    listed.refresh()
    actions.update_for([listed], env="local", any_failed=False, running=False)
    assert not actions.copy_error.isEnabled()
    failed = RowState(Product(row=3, outer_id="K3"), upload_status=Status.FAILED,
                      outcome=RowOutcome(3, "K3", RowStatus.FAILED))
    failed.refresh()
    actions.update_for([failed], env="local", any_failed=True, running=False)
    assert actions.copy_error.isEnabled()


def test_retry_all_failed_is_off_while_a_run_sends(qtbot: QtBot, tmp_path: Path) -> None:
    """A failed row and another run going (同步修改 of a listed row): 重试全部失败 shows, and
    cannot be clicked until that run ends."""
    with Simulator(SimulatorConfig(app_key=APP_KEY, app_secret=SECRET)) as sim:
        window = _window(qtbot, _sheet(tmp_path, 2), sim)
        sim.set_faults(script=[REFUSED])
        _run(qtbot, window)
        panel = window.products
        listed = [s.product.row for s in panel.model.rows() if s.status is Status.LISTED]
        assert len(listed) == 1
        button = panel.bar.retry_failed_button
        qtbot.waitUntil(lambda: not button.isHidden() and button.isEnabled())
        with qtbot.waitSignal(panel.session.revised, timeout=30_000):
            panel.session.edit(listed[0], "price", "66.00")
        qtbot.waitUntil(lambda: panel.rows_to_sync() == listed, timeout=30_000)
        sim.set_faults(latency_ms=1500)
        with qtbot.waitSignal(window.runs.finished, timeout=120_000):
            window.sync_changes()
            assert confirm(qtbot, window)
            qtbot.waitUntil(lambda: window.runs.running)
            shown, enabled = not button.isHidden(), button.isEnabled()
        assert shown  # the failed row is still there
        assert not enabled  # (asserted once the run ended: a window is never left mid-run)
        qtbot.waitUntil(button.isEnabled)
