"""``python -m tests.gui.window_child SHEET [X Y WIDTH HEIGHT PANE]``: open the window as
`taoshelf SHEET` does, on the screen the environment gives Qt
(``QT_QPA_PLATFORM=offscreen:configfile=…`` sets its size), and print one JSON line: the
window's geometry, the table's viewport and where 状态 is in it. With a placement, the window
is then moved and sized there like a user would (the detail pane PANE wide) before it closes."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.ui.main_window import MainWindow
from app.ui.table_model import Column


def main(sheet: str, place: list[int]) -> int:
    app = QApplication(sys.argv[:1])
    window = MainWindow()
    window.open_sheet(Path(sheet))
    window.show()
    deadline = time.monotonic() + 60
    while window.machine.state.value != "ready" and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    for _ in range(20):  # layouts settle
        app.processEvents()
    if place:
        x, y, width, height, pane = place
        window.showNormal()
        window.setGeometry(x, y, width, height)
        splitter = window.products.splitter
        splitter.setSizes([sum(splitter.sizes()) - pane, pane])
        for _ in range(20):
            app.processEvents()
    table = window.products.table
    proxy = window.products.proxy
    cell = table.visualRect(proxy.index(0, Column.STATUS))
    viewport = table.viewport().rect()
    print(json.dumps({
        "screen": window.screen().availableGeometry().getRect(),
        "window": window.geometry().getRect(),
        "maximized": window.isMaximized(),
        "normal": window.normalGeometry().getRect(),
        "viewport": viewport.getRect(),
        "status": cell.getRect(),
        "scroll_max": table.horizontalScrollBar().maximum(),
        "splitter": window.products.splitter.sizes(),
        "state": window.machine.state.value,
    }))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], [int(v) for v in sys.argv[2:]]))
