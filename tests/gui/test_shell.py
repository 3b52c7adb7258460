"""What users expect of any window: shortcuts, an About box with the version, connect failures
and crashes in the log, a crash dialog that opens the log folder — and no message that tells a
window user to type a command."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from app import __version__
from app.ui.application import crash_dialog, setup_logging
from app.ui.main_window import MainWindow
from app.ui.wording import for_window
from app.upload.plan import _undone_note
from tests.gui.shop_kit import chinese
from tests.gui.window_kit import open_sheet, write_sheet
from tests.keyring_memory import use_memory_keyring


class _Opened(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def app_log() -> Iterator[Path]:
    root = logging.getLogger()
    level = root.level
    handler = setup_logging()
    yield Path(handler.baseFilename)
    root.removeHandler(handler)
    handler.close()
    root.setLevel(level)


def test_keyboard_shortcuts(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use_memory_keyring(monkeypatch)
    opened: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a: (opened.append("open") or "", ""))
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["open"]
    open_sheet(qtbot, window, write_sheet(tmp_path, "商品.xlsx", 1))
    shortcuts = {
        window.run_panel.start_action: "Ctrl+Return",
        window.run_panel.retry_action: "Ctrl+R",
        window.run_panel.export_action: "Ctrl+E",
        window.menus.search_action: "Ctrl+F",
        window.menus.open_action: "Ctrl+O",
    }
    for action, key in shortcuts.items():
        assert action.shortcut().toString() == key
    started: list[bool] = []
    window.run_panel.start_clicked.connect(lambda: started.append(True))
    with qtbot.waitSignal(window.runs.finished, timeout=30_000):  # no shop set up: ends at once
        QTest.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert started == [True]


def test_about_box_shows_the_version(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.menus.about_action.trigger()
    box = window.about_box
    qtbot.waitUntil(box.isVisible)
    assert __version__ in box.text()
    box.close()


def test_crash_dialog_opens_the_log_folder(qtbot: QtBot, app_log: Path) -> None:
    receiver = _Opened()
    QDesktopServices.setUrlHandler("file", receiver, "open")
    try:
        box = crash_dialog("ValueError: boom")
        qtbot.addWidget(box)
        button = next(b for b in box.buttons() if b.text() == "Open log folder")
        button.click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(u.toLocalFile()) for u in receiver.urls] == [app_log.parent]


def test_a_crash_in_a_thread_is_logged(app_log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui import application

    monkeypatch.setattr(threading, "excepthook", application._thread_excepthook)

    def boom() -> None:
        raise RuntimeError("worker fell over")

    thread = threading.Thread(target=boom, name="picture-worker")
    thread.start()
    thread.join()
    text = app_log.read_text(encoding="utf-8")
    assert "unhandled error in thread picture-worker" in text
    assert "worker fell over" in text


def test_connect_failure_is_logged_and_worded_for_the_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, app_log: Path,
    qapp: QApplication,
) -> None:
    """No shop set up (the window's default connection, an empty keyring): the run does not
    start, the log has why, and the window says where to go — not which command to type."""
    use_memory_keyring(monkeypatch)
    window = MainWindow()
    qtbot.addWidget(window)
    open_sheet(qtbot, window, write_sheet(tmp_path, "商品.xlsx", 1))
    with chinese(qapp), qtbot.waitSignal(window.runs.finished, timeout=30_000) as finished:
        window.run_panel.start_button.click()  # the window's language: 设置 → 店铺
    summary, error = finished.args
    assert summary is None
    assert "taoshelf" not in error
    line = window.run_panel.line.text()
    assert "设置 → 店铺" in line
    assert "taoshelf" not in line
    assert "--" not in line
    log_text = app_log.read_text(encoding="utf-8")
    assert "could not connect to the shop" in log_text


@pytest.mark.parametrize(
    "cli_text",
    [
        "请用 --app-key 指定 App Key（或先运行 taoshelf secret set）。",
        "系统钥匙串里没有 App Key 12345678 的 App Secret：请先运行 taoshelf secret set --app-key"
        " 12345678",
        "App Key 12345678 在 production 环境还没有授权店铺：请先运行 taoshelf auth login "
        "--app-key 12345678，或用 --session 提供会话。",
        "这次上架使用的是手动提供的会话，无法在这里重新授权：请取消上架，用 taoshelf auth login"
        " 授权后再开始。",
        "--env local 需要用 --gateway 指定本地网关地址（taoshelf simulator 启动时打印的第一行）。",
    ],
)
def test_cli_hints_become_window_wording(cli_text: str) -> None:
    text = for_window(cli_text)
    assert "taoshelf" not in text
    assert "--" not in text
    assert "设置 → 店铺" in text


def test_the_hint_of_a_row_taken_down_by_an_undo_is_not_a_command() -> None:
    from decimal import Decimal

    from app.upload.journal import RowRecord, RowState
    from app.upload.journal_runs import Shelf

    rec = RowRecord("K", 2, RowState.LISTED, 5, None, None, None, None, None, 1, "f",
                    Decimal("9.90"), 1, 0, 0, "2026-01-01", shelf=Shelf.TAKEN_DOWN, shelf_run=3)
    cli = _undone_note(rec)
    assert "taoshelf undo 3 --relist" in cli  # the CLI keeps its hint
    window = for_window(cli)
    assert "taoshelf" not in window
    assert "--" not in window
    assert window.startswith("已撤销上架（第 3 次上架，宝贝ID 5 已下架到仓库中）")
    assert "上架记录 中点 重新上架" in window
