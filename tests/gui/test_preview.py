"""The window reads a dropped sheet off the GUI thread: every row, its picture and issues."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from openpyxl import load_workbook
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from app import paths
from app.paths import user_dirs
from app.simulator import Simulator, SimulatorConfig
from app.top.config import TopConfig
from app.ui.application import setup_logging
from app.ui.main_window import MainWindow
from app.ui.table_model import Column, ProductRole, Status
from app.upload.connection import Connection
from app.upload.journal import default_path
from app.upload.runlock import RunLock
from app.upload.session import StaticSession
from tests.gui.window_kit import start_confirmed
from tests.secret_scan import find_secrets
from tests.sheetgen import HEADER, build_xlsx, picture, product_row

APP_KEY = "12345678"
SHOP = "测试店铺"


def _sheet(tmp_path: Path) -> Path:
    rows = [HEADER, product_row(1), product_row(2), product_row(3)]
    rows[2][2] = "abc"  # row 3: a price that is not a number
    floating = {
        "G2": picture(900, 900, (30, 120, 200)),
        "G3": picture(900, 900, (200, 120, 30)),
        "G4": picture(640, 640, (20, 160, 60)),  # row 4: too small for a main picture
    }
    return build_xlsx(tmp_path / "商品.xlsx", rows, floating=floating)


def _window_on(
    sim: Simulator, secret: str, sheet: Path, qtbot: QtBot
) -> tuple[MainWindow, Connection]:
    """A window whose shop is on the simulator, with ``sheet`` loaded."""
    session = sim.issue_session(nick=SHOP)
    top = TopConfig(app_key=APP_KEY, gateway_url=sim.router_url, oauth_base_url=sim.base_url)
    connection = Connection(top, "local", SHOP, StaticSession(session), secret, session, 50.0)
    window = MainWindow(connection=lambda: connection)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loader.signals.loaded, timeout=30_000):
        window.open_sheet(sheet)
    return window, connection


def _drop(window: MainWindow, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


def test_dropped_sheet_shows_rows_pictures_and_issues(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    path = _sheet(tmp_path)

    with qtbot.waitSignal(window.loader.signals.loaded, timeout=30_000):
        _drop(window, path)
    model = window.model
    assert model.rowCount() == 3
    assert window.pages.currentIndex() == 1

    states = {
        model.index(r, 0).data(ProductRole).product.row: model.index(r, 0).data(ProductRole)
        for r in range(3)
    }
    assert states[2].status is Status.READY
    assert states[3].status is Status.ERROR
    assert any(i.field == "price" for i in states[3].issues)
    assert states[4].status is Status.ERROR
    assert any(i.field == "image" and "640" in i.message for i in states[4].issues)
    assert "3" in window.summary.text()

    def every_row_has_a_thumbnail() -> None:
        for r in range(3):
            assert model.index(r, Column.PICTURE).data(Qt.ItemDataRole.DecorationRole) is not None

    qtbot.waitUntil(every_row_has_a_thumbnail, timeout=30_000)

    window.products.table.selectRow(1)
    assert "abc" in window.products.detail.plain_text()


def test_unreadable_file_says_why_and_keeps_running(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    bogus = tmp_path / "坏文件.xlsx"
    bogus.write_bytes(b"this is not a workbook")
    with qtbot.waitSignal(window.loader.signals.failed, timeout=30_000):
        window.open_sheet(bogus)
    assert window.model.rowCount() == 0
    assert window.summary.text()
    assert "Traceback" not in window.summary.text()


@pytest.fixture
def app_log() -> Iterator[Path]:
    """The app's real logging (as `run_gui` sets it up), undone after the test."""
    root = logging.getLogger()
    level = root.level
    handler = setup_logging()
    yield Path(handler.baseFilename)
    root.removeHandler(handler)
    handler.close()
    root.setLevel(level)


def test_upload_from_the_window_lists_rows_and_exports(
    qtbot: QtBot, tmp_path: Path, app_log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """开始上架 on a sheet with bad rows: the valid row turns green with its item ID, the bad
    ones stay blocked, the simulator holds exactly one item, 导出结果 writes the report (through
    the window's own button and save dialog) with each row's 宝贝ID, and no file the app wrote
    holds the secret or the session."""
    path = _sheet(tmp_path)
    secret = "gui-secret-5c1e9a"
    with Simulator(SimulatorConfig(app_key=APP_KEY, app_secret=secret)) as sim:
        window, connection = _window_on(sim, secret, path, qtbot)
        session = connection.session
        assert window.run_panel.start_button.isEnabled()

        with qtbot.waitSignal(window.runs.finished, timeout=120_000) as finished:
            start_confirmed(qtbot, window)
        assert finished.args is not None
        assert finished.args[1] == "", finished.args[1]  # no error message

        items = _items(sim)
        assert sorted(item["outer_id"] for item in items) == ["SKU-00001"]
        num_iid = items[0]["num_iid"]
        state = window.model.row_state(2)
        assert state is not None
        assert state.status is Status.LISTED
        assert str(num_iid) in state.status_text()
        blocked = window.model.row_state(3)
        assert blocked is not None
        assert blocked.status is Status.ERROR

        # a second run lists nothing twice
        with qtbot.waitSignal(window.runs.finished, timeout=120_000):
            start_confirmed(qtbot, window)
        assert len(_items(sim)) == 1

    # 导出结果: the window's button, its save dialog answered with a path
    report = tmp_path / "结果.xlsx"
    asked: list[str] = []

    def save_dialog(parent: object, caption: str, suggested: str, *rest: object) -> tuple:
        asked.append(suggested)
        return str(report), "Excel workbook (*.xlsx)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    assert window.run_panel.export_button.isEnabled()
    with qtbot.waitSignal(window.loader.signals.done, timeout=30_000) as done:
        window.run_panel.export_button.click()  # written off the GUI thread
    assert asked == [str(tmp_path / "商品_上架结果.xlsx")]
    assert done.args == [report]
    assert window.run_panel.line.text().endswith(str(report))

    sheet = load_workbook(report)["上架结果"]
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    ids = {row[0]: row[header.index("宝贝ID")] for row in rows}
    keys = {row[0]: row[header.index("上架编码")] for row in rows}
    assert ids == {2: num_iid, 3: None, 4: None}  # rows 3 and 4 were never sent
    assert keys == {2: "SKU-00001", 3: "SKU-00002", 4: "SKU-00003"}

    # the journal, audit log, app log, thumbnails and the report hold neither secret nor session
    scanned: list[Path] = []
    assert find_secrets([*user_dirs(), report], [secret, session], scanned) == []
    assert {app_log, default_path(), paths.log_dir() / "audit.jsonl", report} <= set(scanned)
    assert "run finished" in app_log.read_text(encoding="utf-8")
    # and the scan reads them: the outer_id is found in the journal and the audit log
    found = find_secrets(user_dirs(), ["SKU-00001"])
    assert {default_path(), paths.log_dir() / "audit.jsonl"} <= set(found)


def _items(sim: Simulator) -> list[dict]:
    items = requests.get(sim.base_url + "/_sim/items", timeout=10).json()
    return items.get("items", items) if isinstance(items, dict) else items


def test_second_run_on_the_same_shop_is_refused_with_a_message(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Another window (or an overnight `taoshelf upload`) holds the shop: this run says so."""

    path = _sheet(tmp_path)
    with Simulator(SimulatorConfig(app_key=APP_KEY, app_secret="lock-secret-1")) as sim:
        window, _ = _window_on(sim, "lock-secret-1", path, qtbot)
        other = RunLock(SHOP, "local")
        other.acquire()
        try:
            with qtbot.waitSignal(window.runs.finished, timeout=60_000) as finished:
                start_confirmed(qtbot, window)
        finally:
            other.release()
        summary, error = finished.args
        assert summary is None
        assert error
        assert window.run_panel.start_button.isEnabled()
        assert error in window.run_panel.line.text()


def test_start_without_a_usable_shop_says_what_to_do(qtbot: QtBot, tmp_path: Path) -> None:
    """No App Secret in the keyring: the run does not start, the window says why and lives on."""
    from app.upload.connection import ConnectError

    def no_shop() -> Connection:
        raise ConnectError("系统钥匙串里没有 App Key 12345678 的 App Secret")

    window = MainWindow(connection=no_shop)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loader.signals.loaded, timeout=30_000):
        window.open_sheet(_sheet(tmp_path))
    with qtbot.waitSignal(window.runs.finished, timeout=30_000) as finished:
        start_confirmed(qtbot, window)
    assert finished.args == [None, "系统钥匙串里没有 App Key 12345678 的 App Secret"]
    assert "App Secret" in window.run_panel.line.text()
    assert window.run_panel.start_button.isEnabled()
    assert not window.runs.running


def test_closing_while_thumbnails_load_stops_the_work_cleanly(qtbot: QtBot, tmp_path: Path) -> None:
    """Close the window right after the rows appear: the thumbnail work stops, nothing is
    emitted onto a deleted window (that would surface here as an exception in the event loop)."""
    rows = [HEADER, *(product_row(n) for n in range(1, 41))]
    floating = {f"G{n + 1}": picture(1200, 1200, (n * 5, 90, 140)) for n in range(1, 41)}
    path = build_xlsx(tmp_path / "many.xlsx", rows, floating=floating)
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loader.signals.loaded, timeout=30_000):
        window.open_sheet(path)
    generation = window.loader.generation
    window.close()
    assert not window.loader.busy
    assert window.loader.generation != generation  # anything still queued is stale
