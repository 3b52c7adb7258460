"""Where the main window opens, and remembering it.

The first time, the window fills the screen it opens on: maximized on a laptop-sized screen
(under 1600×960 available: 1366×768 is the most common), else 90 % of the available area,
centred; the detail pane starts about a quarter of the window wide. After that it opens as the
user left it: size, position, maximized or not, and the split between table and detail pane —
kept in ``config_dir()/window.json`` (nothing secret; a file that cannot be read is ignored).
Qt's `restoreGeometry` keeps a window saved on a screen that is gone within the ones there are.
"""

from __future__ import annotations

import base64
import json
import logging
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter

from app import paths

log = logging.getLogger(__name__)
FILE_NAME = "window.json"
SMALL_SCREEN = (1600, 960)  # available width, height under which the window opens maximized
SHARE = 0.9  # of the available area, on a larger screen
DETAIL_SHARE = 0.26  # of the window's width, for the detail pane at first
DETAIL_MIN, DETAIL_MAX = 300, 460


def first_placement(available: QRect) -> tuple[QRect, bool]:
    """(the normal geometry, maximized?) for a window opening on ``available`` the first time:
    a small screen is all used (also where nothing maximizes windows), a larger one 90 %."""
    if available.width() < SMALL_SCREEN[0] or available.height() < SMALL_SCREEN[1]:
        return QRect(available), True
    rect = QRect(0, 0, round(available.width() * SHARE), round(available.height() * SHARE))
    rect.moveCenter(available.center())
    return rect, False


def detail_width(window_width: int) -> int:
    """The detail pane's first width beside the table."""
    return max(DETAIL_MIN, min(DETAIL_MAX, round(window_width * DETAIL_SHARE)))


class WindowPlacement:
    def __init__(self, window: QMainWindow, splitter: QSplitter,
                 path: Path | None = None) -> None:
        self._window, self._splitter = window, splitter
        self.path = path or paths.config_dir() / FILE_NAME

    def restore(self) -> bool:
        """Size and place the window (before it is shown); True if a saved placement was used."""
        saved = self._read()
        geometry, split = saved.get("geometry"), saved.get("splitter")
        restored = bool(geometry) and self._window.restoreGeometry(_bytes(geometry))
        if not restored:
            self._first_time()
        if not (split and self._splitter.restoreState(_bytes(split))):
            width = self._window.width()
            if self._window.isMaximized():
                width = self._available().width()
            pane = detail_width(width)
            self._splitter.setSizes([max(width - pane, 1), pane])
        return restored

    def save(self) -> None:
        """Remember the window as it is now (called as it closes)."""
        data = {
            "geometry": _text(self._window.saveGeometry()),
            "splitter": _text(self._splitter.saveState()),
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(self.path.name + ".tmp")
            temporary.write_text(json.dumps(data), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError as exc:  # a read-only profile: next time opens as the first time
            log.info("window placement not saved: %s", exc)

    def _first_time(self) -> None:
        rect, maximized = first_placement(self._available())
        self._window.setGeometry(rect)
        if maximized:
            self._window.setWindowState(self._window.windowState()
                                        | Qt.WindowState.WindowMaximized)

    def _available(self) -> QRect:
        screen = self._window.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(
            data, dict) else {}


def _text(data: QByteArray) -> str:
    return base64.b64encode(bytes(data.data())).decode("ascii")


def _bytes(text: str) -> QByteArray:
    try:
        return QByteArray(base64.b64decode(text.encode("ascii"), validate=True))
    except ValueError:
        return QByteArray()
