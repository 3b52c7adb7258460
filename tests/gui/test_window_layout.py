"""The window on the screens shop owners have: on a 1366×768 laptop it opens filling the screen,
with 状态 in view beside the detail pane, no sideways scrolling; it opens again as it was left
(size, position, the split between table and detail pane)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from pytestqt.qtbot import QtBot

from app import paths
from app.ui.main_window import MainWindow
from app.ui.table_layout import STATUS_MIN
from app.ui.table_model import Column
from app.ui.window_placement import FILE_NAME, detail_width, first_placement
from tests.gui.window_kit import open_sheet
from tests.sheetgen import HEADER, build_xlsx, product_row

LONG_TITLE = "夏季纯棉圆领短袖T恤女宽松百搭白色打底衫上衣潮流新款韩版学生"


def _sheet(folder: Path, rows: int = 12) -> Path:
    data = [HEADER]
    for n in range(1, rows + 1):
        row = product_row(n)
        row[1] = LONG_TITLE + str(n)  # longer than Taobao allows: the status says so
        data.append(row)
    return build_xlsx(folder / "商品.xlsx", data)


def _screen(tmp_path: Path, width: int, height: int) -> str:
    config = tmp_path / f"screen{width}.json"
    config.write_text(json.dumps({"screens": [{
        "name": "s", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


def _child(tmp_path: Path, sheet: Path, width: int, height: int,
           place: tuple[int, ...] = ()) -> dict:
    """The window in its own process on a ``width``×``height`` screen (see window_child)."""
    env = {**os.environ, "QT_QPA_PLATFORM": _screen(tmp_path, width, height)}
    done = subprocess.run(
        [sys.executable, "-m", "tests.gui.window_child", str(sheet), *map(str, place)],
        capture_output=True, text=True, timeout=120, env=env,
        cwd=paths.RESOURCES.parent, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
def test_status_is_in_view_without_scrolling_as_the_window_opens(
        tmp_path: Path, width: int, height: int) -> None:
    """A fresh start on a laptop screen (the window opens on it as `taoshelf SHEET` does)."""
    seen = _child(tmp_path, _sheet(tmp_path), width, height)
    assert seen["state"] == "ready"
    assert seen["screen"] == [0, 0, width, height]
    _x, _y, window_width, window_height = seen["window"]
    assert window_width >= width * 0.89  # the screen, not 1100×680
    assert window_height >= height * 0.89
    _vx, _vy, viewport_width, _vh = seen["viewport"]
    x, _sy, status_width, _h = seen["status"]
    assert x >= 0
    assert x + status_width <= viewport_width  # all of 状态 is in view
    assert status_width >= STATUS_MIN
    assert seen["scroll_max"] == 0  # nothing to scroll to
    table, pane = seen["splitter"]
    assert pane == pytest.approx(detail_width(window_width), abs=12)
    assert table > pane * 2


@pytest.mark.parametrize("width", [1100, 1366, 1920])
def test_status_follows_title_and_shares_the_room(qtbot: QtBot, tmp_path: Path,
                                                   width: int) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.show()
    window.resize(width, 700)
    open_sheet(qtbot, window, _sheet(tmp_path))
    table, header = window.products.table, window.products.table.horizontalHeader()
    qtbot.waitUntil(lambda: table.viewport().width() > 0)
    assert header.visualIndex(Column.STATUS) == header.visualIndex(Column.TITLE) + 1
    rect = table.visualRect(window.products.proxy.index(0, Column.STATUS))
    assert rect.left() >= 0
    assert rect.right() < table.viewport().width()
    assert rect.width() >= STATUS_MIN
    assert table.horizontalScrollBar().maximum() == 0
    status = header.sectionSize(Column.STATUS)
    assert status >= header.sectionSize(Column.TITLE)  # 状态 gets the larger share


def test_a_dragged_title_keeps_its_width_and_status_takes_the_rest(qtbot: QtBot,
                                                                   tmp_path: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.show()
    window.resize(1366, 728)
    open_sheet(qtbot, window, _sheet(tmp_path))
    table, header = window.products.table, window.products.table.horizontalHeader()
    header.resizeSection(Column.TITLE, 300)  # what a drag does
    window.resize(1500, 728)
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0)
    assert header.sectionSize(Column.TITLE) == 300
    used = sum(header.sectionSize(c) for c in Column)
    assert used == table.viewport().width()


def test_the_window_opens_as_it_was_left(tmp_path: Path) -> None:
    """Moved and sized by the user, closed, started again: the same place, size and split."""
    sheet = _sheet(tmp_path)
    first = _child(tmp_path, sheet, 1366, 768, place=(60, 40, 1100, 640, 420))
    assert first["maximized"] is False  # as it closed
    assert first["window"] == [60, 40, 1100, 640]
    assert (paths.config_dir() / FILE_NAME).exists()
    again = _child(tmp_path, sheet, 1366, 768)
    assert again["maximized"] is False  # not the first-time maximized
    assert again["window"] == [60, 40, 1100, 640]
    assert again["splitter"][1] == 420


def test_an_unreadable_saved_placement_opens_as_the_first_time(qtbot: QtBot) -> None:
    saved = paths.config_dir() / FILE_NAME
    saved.parent.mkdir(parents=True, exist_ok=True)
    saved.write_text("{not json", encoding="utf-8")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    available = window.screen().availableGeometry()
    rect, maximized = first_placement(available)
    assert window.isMaximized() is maximized
    if not maximized:
        assert window.size() == rect.size()


def test_small_screens_open_maximized_large_ones_at_nine_tenths() -> None:
    laptop = QRect(0, 0, 1366, 728)  # 1366×768 less the taskbar
    rect, maximized = first_placement(laptop)
    assert maximized
    assert rect == laptop
    desk = QRect(0, 0, 1920, 1040)
    rect, maximized = first_placement(desk)
    assert not maximized
    assert (rect.width(), rect.height()) == (1728, 936)
    assert rect.center() == desk.center()
    assert 300 <= detail_width(1366) <= 360
    assert detail_width(1920) <= 460
